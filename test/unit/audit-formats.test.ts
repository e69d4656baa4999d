import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256p32 as sha256Prefixed32, sha256p64 as sha256Prefixed64 } from '../../electron/core/formats/log-scan';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signCheckpoint, verifyCheckpoint, noteKeyId } from '../../electron/core/formats/checkpoint';
import { compactSizes, inclusionProofs, leafHash, MerkleAccumulator, nodeHash, rootOfLeafHashes, verifyInclusion } from '../../electron/core/formats/merkle';
import {
  blake2b512, formatPublicKey, generateSigningKey, parsePublicKey, parseSignature, parseUnencryptedSecretKey, signDigest, verifyParsed,
} from '../../electron/core/formats/minisign';
import { tempDir } from '../helpers/temp';

const VECTORS = join(__dirname, '../../../shared/vectors/minisign');
const vector = (name: string) => readFileSync(join(VECTORS, name));

// The Certificate Transparency reference tree (RFC 6962 / RFC 9162 hashing): leaves and the root of each prefix.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 9162 Merkle tree hashing', () => {
  it('gives the reference root for every prefix of the CT test tree', () => {
    for (let n = 0; n <= CT_LEAVES.length; n++) {
      const acc = new MerkleAccumulator();
      for (const leaf of CT_LEAVES.slice(0, n)) acc.push(leaf);
      expect(acc.root().toString('hex'), `size ${n}`).toBe(CT_ROOTS[n]);
      expect(rootOfLeafHashes(CT_LEAVES.slice(0, n).map(leafHash)).toString('hex')).toBe(CT_ROOTS[n]);
    }
  });

  it('continues from a compact range to the same root as from the start, for every split of 1..70 leaves', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from([i, i >> 8])));
    for (let n = 1; n <= leaves.length; n += 3) {
      const whole = rootOfLeafHashes(leaves.slice(0, n));
      for (let split = 0; split <= n; split++) {
        const first = new MerkleAccumulator();
        leaves.slice(0, split).forEach((l) => first.pushLeafHash(l));
        expect(first.compactRange()).toHaveLength(compactSizes(split).length);
        const resumed = new MerkleAccumulator({ size: split, hashes: first.compactRange() });
        leaves.slice(split, n).forEach((l) => resumed.pushLeafHash(l));
        expect(resumed.root().equals(whole), `n=${n} split=${split}`).toBe(true);
      }
    }
  });
});

/** RFC 6962 §2.1.1 PATH(m, D[n]), written from the RFC's recursion: the reference for the level-built proofs. */
function referencePath(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k
    ? [...referencePath(m, leaves.slice(0, k)), rootOfLeafHashes(leaves.slice(k))]
    : [...referencePath(m - k, leaves.slice(k)), rootOfLeafHashes(leaves.slice(0, k))];
}

describe('RFC 9162 inclusion proofs', () => {
  it('match the RFC recursion and verify for every leaf of every tree of 1..70 leaves; another leaf, position or path fails', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from([i, 7])));
    for (let n = 1; n <= leaves.length; n++) {
      const tree = leaves.slice(0, n);
      const root = rootOfLeafHashes(tree);
      const proofs = inclusionProofs(tree, tree.map((_, i) => i));
      for (let i = 0; i < n; i++) {
        expect(proofs[i]!.map((h) => h.toString('hex')), `n=${n} i=${i}`).toEqual(referencePath(i, tree).map((h) => h.toString('hex')));
        expect(verifyInclusion(tree[i]!, i, n, proofs[i]!, root), `n=${n} i=${i}`).toBe(true);
        if (n > 1) {
          expect(verifyInclusion(tree[(i + 1) % n]!, i, n, proofs[i]!, root)).toBe(false);
          if ((i ^ 1) < n) expect(verifyInclusion(tree[i]!, i ^ 1, n, proofs[i]!, root)).toBe(false);
          expect(verifyInclusion(tree[i]!, i, n, [...proofs[i]!.slice(1), nodeHash(tree[0]!, tree[0]!)], root)).toBe(false);
        }
      }
    }
  });
});

describe('the small SHA-256 used for Merkle nodes', () => {
  it('equals node:crypto for every 33- and 65-byte message (property)', () => {
    const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), bytes32, bytes32, (p, a, b) => {
      const one = createHash('sha256').update(Buffer.from([p])).update(a).digest();
      const two = createHash('sha256').update(Buffer.from([p])).update(a).update(b).digest();
      expect(sha256Prefixed32(p, a).equals(one)).toBe(true);
      expect(sha256Prefixed64(p, a, b).equals(two)).toBe(true);
    }), { numRuns: 500 });
  });
});

describe('minisign', () => {
  const pub = parsePublicKey(vector('test.pub').toString());

  it('verifies the reference CLI\'s signatures and refuses the edited trusted comment', () => {
    for (const name of ['msg1.txt', 'msg2.bin', 'empty.txt']) {
      const verdict = verifyParsed(pub, parseSignature(vector(`${name}.minisig`).toString()), { data: vector(name) });
      expect(verdict.ok, name).toBe(true);
    }
    expect(verifyParsed(pub, parseSignature(vector('msg1.txt.minisig').toString()), { data: vector('msg2.bin') })).toMatchObject({ ok: false, reason: 'signature-mismatch' });
    expect(verifyParsed(pub, parseSignature(vector('tampered_comment.minisig').toString()), { data: vector('msg1.txt') })).toMatchObject({ ok: false, reason: 'comment-mismatch' });
    const other = generateSigningKey();
    expect(verifyParsed(other, parseSignature(vector('msg1.txt.minisig').toString()), { data: vector('msg1.txt') })).toMatchObject({ ok: false, reason: 'wrong-key' });
  });

  it('signs like the reference: same bytes as the vector for the vector key, and the minisign CLI accepts ours', () => {
    const sk = parseUnencryptedSecretKey(vector('test.key').toString());
    expect(formatPublicKey(sk).split('\n')[1]).toBe(vector('test.pub').toString().split('\n')[1]);
    const theirs = vector('msg1.txt.minisig').toString();
    const comment = parseSignature(theirs).trustedComment;
    // Ed25519 is deterministic: our signature of the same file with the same key and comment is the reference's.
    const ours = signDigest(sk, blake2b512(vector('msg1.txt')), comment, 'signature from minisign secret key');
    expect(ours).toBe(theirs.endsWith('\n') ? theirs : `${theirs}\n`);

    const dir = tempDir();
    const key = generateSigningKey();
    writeFileSync(join(dir, 'a.txt'), '审计 audit\n');
    writeFileSync(join(dir, 'a.txt.minisig'), signDigest(key, blake2b512(readFileSync(join(dir, 'a.txt'))), 'handover test'));
    writeFileSync(join(dir, 'k.pub'), formatPublicKey(key));
    const out = execFileSync('minisign', ['-Vm', join(dir, 'a.txt'), '-p', join(dir, 'k.pub')], { encoding: 'utf8' });
    expect(out).toContain('Trusted comment: handover test');
  });
});

describe('C2SP signed-note checkpoints', () => {
  it('round-trips, and refuses any change to the body or another key', () => {
    const key = generateSigningKey();
    const note = signCheckpoint({ origin: 'handover-vault/TEST', size: 8, root: Buffer.from(CT_ROOTS[8]!, 'hex'), extensions: [] }, key);
    expect(note.split('\n').slice(0, 4)).toEqual(['handover-vault/TEST', '8', Buffer.from(CT_ROOTS[8]!, 'hex').toString('base64'), '']);
    expect(note).toMatch(/^— handover-vault\/TEST [A-Za-z0-9+/]+=*$/m);
    const sig = Buffer.from(note.trim().split(' ').pop()!, 'base64');
    expect(sig.subarray(0, 4).equals(noteKeyId('handover-vault/TEST', key.publicKey))).toBe(true);
    expect(verifyCheckpoint(note, key.publicKey)).toMatchObject({ ok: true, checkpoint: { size: 8 } });
    expect(verifyCheckpoint(note.replace('\n8\n', '\n9\n'), key.publicKey)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifyCheckpoint(note, generateSigningKey().publicKey)).toMatchObject({ ok: false, reason: 'no-signature-by-key' });
    expect(verifyCheckpoint('nonsense', key.publicKey)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
