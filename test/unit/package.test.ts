import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIdentity, generateIdentity } from '../../electron/core/formats/age';
import { blake2b512, formatPublicKey, generateSigningKey, parseUnencryptedSecretKey, signDigest } from '../../electron/core/formats/minisign';
import { makeBag, makeBagTags } from '../../electron/core/formats/bagit';
import { writeFileStreamAtomic } from '../../electron/core/fs-atomic';
import { inMemory, inspectPackage, openPackage, PackageError, writePackage, writePackageStream, type OutFile } from '../../electron/core/packages/package';
import { indexTar, readTar, writeTar } from '../../electron/core/formats/tar';
import { tempDir } from '../helpers/temp';

const VECTORS = join(__dirname, '../../../shared/vectors/minisign');
const bag = () => makeBag([
  { path: 'clients.json', data: Buffer.from('[{"code":"E-001","name":"东方精密"}]\n') },
  { path: 'documents/E-001/合同.pdf', data: Buffer.from('%PDF-1.4 contract') },
], [['Source-Organization', 'Seller Co.'], ['External-Identifier', 'HO-7']]);
const meta = { handoverId: 'HO-7', created: '2026-11-22T10:00:00Z' };

async function refusal(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof PackageError) return err.reason;
    throw err;
  }
  return 'accepted';
}

/** Replace one member of the outer tar. */
function swapMember(pkg: Buffer, name: string, data: Buffer): Buffer {
  return writeTar(readTar(pkg).map((e) => (e.path === name ? { path: name, data } : e)));
}

describe('handover packages', () => {
  it('open with tar, minisign, age and sha256sum alone, exactly as the README says', async () => {
    const sender = generateSigningKey();
    const buyer = generateIdentity();
    const { bytes, meta: m } = await writePackage(bag(), [buyer.publicKey], sender, meta);
    const dir = tempDir();
    writeFileSync(join(dir, 'x.handover'), bytes);
    writeFileSync(join(dir, 'key.txt'), `${formatIdentity(buyer.secret)}\n`);
    const out = execSync(
      `tar -xf x.handover && minisign -Vm payload.tar.age -p sender.pub && age -d -i key.txt payload.tar.age | tar -x && cd ${m.packageId} && sha256sum --strict -c manifest-sha256.txt`,
      { cwd: dir, encoding: 'utf8' },
    );
    expect(out).toContain('Signature and comment signature verified');
    expect(out).toContain(`id=${m.packageId}`);
    expect(out).toMatch(/documents\/E-001\/合同\.pdf: OK/);
    expect(readFileSync(join(dir, 'README.txt'), 'utf8')).toContain('minisign -Vm payload.tar.age -p sender.pub');

    // And in the app: who signed it, for how many, what, when — before decrypting; then the bag.
    const { info } = await inspectPackage(bytes, formatPublicKey(sender));
    expect(info).toMatchObject({ packageId: m.packageId, handoverId: 'HO-7', created: meta.created, recipientCount: 1, senderKeyConfirmed: true });
    const opened = await openPackage(bytes, [buyer], formatPublicKey(sender));
    expect(opened.files.find((f) => f.path === 'data/clients.json')!.data.toString()).toContain('东方精密');
  });

  it('refuses, each with its own reason: wrong signer, altered or truncated payload, edited comment, not our key, bad bag, escaping path, unlisted file, newer version', async () => {
    const sender = generateSigningKey();
    const buyer = generateIdentity();
    const good = (await writePackage(bag(), [buyer.publicKey], sender, meta)).bytes;
    const payload = readTar(good).find((e) => e.path === 'payload.tar.age')!.data!;
    const sig = readTar(good).find((e) => e.path === 'payload.tar.age.minisig')!.data!.toString();

    expect(await refusal(() => openPackage(good, [buyer], formatPublicKey(generateSigningKey())))).toBe('wrong-signer');
    // Signed with the test vectors' key while claiming our sender.
    const other = parseUnencryptedSecretKey(readFileSync(join(VECTORS, 'test.key'), 'utf8'));
    expect(await refusal(() => openPackage(swapMember(good, 'payload.tar.age.minisig', Buffer.from(signDigest(other, blake2b512(payload), sig.split('\n')[2]!.slice(17)))), [buyer]))).toBe('wrong-signer');
    const altered = Buffer.from(payload);
    altered[altered.length - 5] = altered[altered.length - 5]! ^ 1;
    expect(await refusal(() => openPackage(swapMember(good, 'payload.tar.age', altered), [buyer]))).toBe('bad-signature');
    expect(await refusal(() => openPackage(swapMember(good, 'payload.tar.age', payload.subarray(0, payload.length - 100)), [buyer]))).toBe('bad-signature');
    expect(await refusal(() => openPackage(swapMember(good, 'payload.tar.age.minisig', Buffer.from(sig.replace('handover=HO-7', 'handover=HO-8'))), [buyer]))).toBe('comment-edited');
    expect(await refusal(() => openPackage(good, [generateIdentity()]))).toBe('not-for-us');
    expect(await refusal(() => openPackage(Buffer.from('not a tar at all'.repeat(100)), [buyer]))).toBe('not-a-package');

    // Packages made (and signed) by a sender whose bag is wrong.
    const b = bag();
    const badHash = b.map((f) => (f.path === 'data/clients.json' ? { ...f, data: Buffer.from('[]') } : f));
    expect(await refusal(async () => openPackage((await writePackage(badHash, [buyer.publicKey], sender, meta)).bytes, [buyer]))).toBe('bag-invalid');
    expect(await refusal(async () => openPackage((await writePackage([...b, { path: 'data/extra.txt', data: Buffer.from('x') }], [buyer.publicKey], sender, meta)).bytes, [buyer]))).toBe('unlisted-file');
    expect(await refusal(async () => openPackage((await writePackage([...b, { path: '../../escape.txt', data: Buffer.from('x') }], [buyer.publicKey], sender, meta)).bytes, [buyer]))).toBe('unsafe-path');
    const v2 = signDigest(sender, blake2b512(payload), sig.split('\n')[2]!.slice(17).replace('format=1', 'format=2'));
    expect(await refusal(() => inspectPackage(swapMember(good, 'payload.tar.age.minisig', Buffer.from(v2))))).toBe('unsupported-version');
  });

  it('refuses any single-byte change anywhere in a package, with the reason that fits where it is (property)', async () => {
    const sender = generateSigningKey();
    const buyer = generateIdentity();
    const good = (await writePackage(bag(), [buyer.publicKey], sender, meta)).bytes;
    expect((await openPackage(good, [buyer])).info.handoverId).toBe('HO-7');
    const entries = indexTar((p, n) => good.subarray(p, p + n), good.length);
    const bodyOf = (at: number) => entries.find((e) => at >= e.offset && at < e.offset + e.size)?.path ?? null;
    // Where a byte sits decides what must be said: tar structure -> not a package; the payload -> its signature fails.
    const expected: Record<string, string[]> = {
      'payload.tar.age': ['bad-signature'],
      'README.txt': ['bad-signature'],
      'sender.pub': ['bad-signature', 'wrong-signer', 'not-a-package'],
      'payload.tar.age.minisig': ['bad-signature', 'comment-edited', 'wrong-signer', 'not-a-package', 'unsupported-version'],
    };
    await fc.assert(fc.asyncProperty(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ xor;
      const reason = await refusal(() => openPackage(bad, [buyer]));
      const where = bodyOf(at);
      expect(where === null ? ['not-a-package'] : expected[where]).toContain(reason);
    }), { numRuns: 300 });
    // And every region at least once: each header, each body, the padding and the end marker.
    for (const at of [0, 600, entries[2]!.offset - 300, entries[2]!.offset + 5, entries[2]!.offset + entries[2]!.size + 3, good.length - 1, good.length - 700]) {
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ 0x20;
      expect(await refusal(() => openPackage(bad, [buyer]))).not.toBe('accepted');
    }
  });

  it('streams to a file: documents first, files made meanwhile next, tag files last, the payload size written back; a failure leaves no file', async () => {
    const sender = generateSigningKey();
    const buyer = generateIdentity();
    const dir = tempDir();
    const out = join(dir, 'x.handover');
    // A 300 KiB document in uneven pieces (across age's 64 KiB chunks), and clients text that is ready only later.
    const scan = Buffer.alloc(300 * 1024 + 17, 7);
    const doc: OutFile = { ...inMemory({ path: 'data/documents/E-001/scan.tif', data: scan }), chunks: function* () {
      for (let at = 0; at < scan.length; at += 50_000) yield scan.subarray(at, at + 50_000);
    } };
    const late = new Promise<OutFile[]>((resolve) => setTimeout(() => resolve([inMemory({ path: 'data/clients.json', data: Buffer.from('[{"code":"E-001"}]\n') })]), 20));
    const info: [string, string][] = [['External-Identifier', 'HO-7']];
    const written = await writeFileStreamAtomic(out, (write, patch) =>
      writePackageStream({ write, patch }, { data: [doc], late, tags: (payload) => makeBagTags(payload, info) }, [buyer.publicKey], sender, meta));
    const bytes = readFileSync(out);
    expect(written.bytes).toBe(bytes.length);
    // The outer tar's size for payload.tar.age is the one written back: the age CLI reads exactly that member.
    execSync(`tar -xf x.handover && minisign -Vm payload.tar.age -p sender.pub -q`, { cwd: dir });
    writeFileSync(join(dir, 'key.txt'), `${formatIdentity(buyer.secret)}\n`);
    const listing = execSync('age -d -i key.txt payload.tar.age | tar -t', { cwd: dir, encoding: 'utf8' }).trim().split('\n').map((p) => p.slice(p.indexOf('/') + 1));
    expect(listing).toEqual(['data/documents/E-001/scan.tif', 'data/clients.json', 'bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'tagmanifest-sha256.txt.minisig']);
    const opened = await openPackage(bytes, [buyer], formatPublicKey(sender));
    expect(opened.files.find((f) => f.path === 'data/documents/E-001/scan.tif')!.data.equals(scan)).toBe(true);
    expect(opened.info.payloadBlake2b512).toBe(written.payloadBlake2b512);

    // The text that was to come fails: nothing is left, not even the temp file.
    const failing = join(dir, 'failing.handover');
    await expect(writeFileStreamAtomic(failing, (write, patch) =>
      writePackageStream({ write, patch }, { data: [doc], late: Promise.reject(new Error('clients unreadable')), tags: (payload) => makeBagTags(payload, info) }, [buyer.publicKey], sender, meta)))
      .rejects.toThrow('clients unreadable');
    expect(existsSync(failing)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('failing'))).toEqual([]);
  });
});
