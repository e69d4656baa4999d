import { hash } from 'node:crypto';

/**
 * The hot loop of audit verification, used on the main thread and in the audit-scan worker:
 * - `scanRange`: parse each line the exporter wrote (the top-level "hash", "prev" and "seq" members
 *   sit in that order after "details", keys being sorted), check its own hash over the line without
 *   the hash member, check the chain inside the range, and return the Merkle leaf hashes (RFC 9162
 *   §2.1.1). It stops at the first line that does not fit; the caller then runs the careful,
 *   classifying verifier.
 * - `perfectRoots`: roots of consecutive perfect subtrees of `chunk` leaves.
 * SHA-256 is node:crypto's one-shot `hash`, over a reused scratch buffer for the two tiny Merkle
 * messages (33-byte leaf, 65-byte node) so no Buffer is made per hash.
 */
const scratch = Buffer.alloc(65);

/** SHA-256(prefix || a[0..32)) */
export function sha256p32(prefix: number, a: Uint8Array): Buffer {
  scratch[0] = prefix;
  scratch.set(a.subarray(0, 32), 1);
  return hash('sha256', scratch.subarray(0, 33), 'buffer');
}

/** SHA-256(prefix || a[0..32) || b[0..32)) */
export function sha256p64(prefix: number, a: Uint8Array, b: Uint8Array): Buffer {
  scratch[0] = prefix;
  scratch.set(a.subarray(0, 32), 1);
  scratch.set(b.subarray(0, 32), 33);
  return hash('sha256', scratch, 'buffer');
}

const HASH_KEY = Buffer.from(',"hash":"');
const PREV_KEY = Buffer.from('","prev":"');
const SEQ_KEY = Buffer.from('","seq":');
const MEMBER = HASH_KEY.length + 65;

export type ScanResult =
  | { ok: false }
  | { ok: true; count: number; firstSeq: number; firstPrev: string; lastSeq: number; lastHash: string; leaves: Buffer[] };

/**
 * Lines in data[from, to): their count, first and last seq and hash, and leaf hashes; `{ ok: false }` at
 * the first line that does not fit the exporter's form, does not match its own hash or does not follow
 * the line before.
 */
export function scanRange(data: Buffer, from: number, to: number): ScanResult {
  const leaves: Buffer[] = [];
  let line = Buffer.alloc(4096);
  let firstSeq = -1;
  let firstPrev = '';
  let lastSeq = -1;
  let lastHash = '';
  for (let start = from; start < to;) {
    let end = data.indexOf(10, start);
    if (end < 0 || end > to) end = to;
    const text = data.subarray(start, end);
    start = end + 1;
    const at = text.lastIndexOf(HASH_KEY);
    if (at < 0) return { ok: false };
    const h = at + HASH_KEY.length;
    const p = h + 64 + PREV_KEY.length;
    const q = p + 64 + SEQ_KEY.length;
    if (text.length < q + 2 || text.compare(PREV_KEY, 0, PREV_KEY.length, h + 64, p) !== 0 || text.compare(SEQ_KEY, 0, SEQ_KEY.length, p + 64, q) !== 0) return { ok: false };
    let seq = 0;
    let i = q;
    while (i < text.length && text[i]! >= 48 && text[i]! <= 57 && i - q < 15) seq = seq * 10 + text[i++]! - 48;
    if (i === q || text[i] !== 44) return { ok: false };
    // The entry's own hash is over the line without its `"hash":"…"` member.
    const n = text.length - MEMBER;
    if (line.length < n) line = Buffer.alloc(n * 2);
    text.copy(line, 0, 0, at);
    text.copy(line, at, at + MEMBER);
    const digest = hash('sha256', line.subarray(0, n), 'buffer');
    const own = text.toString('latin1', h, h + 64);
    if (digest.toString('hex') !== own) return { ok: false };
    const prev = text.toString('latin1', p, p + 64);
    if (firstSeq < 0) {
      firstSeq = seq;
      firstPrev = prev;
    } else if (seq !== lastSeq + 1 || prev !== lastHash) {
      return { ok: false };
    }
    lastSeq = seq;
    lastHash = own;
    leaves.push(sha256p32(0, digest));
  }
  return { ok: true, count: leaves.length, firstSeq, firstPrev, lastSeq, lastHash, leaves };
}

/** Roots of the perfect subtrees over leaves[0..chunk), [chunk..2*chunk), …; the rest is returned as is. */
export function perfectRoots(leaves: Buffer[], chunk: number): { roots: Buffer[]; rest: Buffer[] } {
  const roots: Buffer[] = [];
  let i = 0;
  for (; i + chunk <= leaves.length; i += chunk) {
    const sizes: number[] = [];
    const hashes: Buffer[] = [];
    for (let j = i; j < i + chunk; j++) {
      let size = 1;
      let node = leaves[j]!;
      while (sizes.length && sizes[sizes.length - 1] === size) {
        sizes.pop();
        node = sha256p64(1, hashes.pop()!, node);
        size *= 2;
      }
      sizes.push(size);
      hashes.push(node);
    }
    roots.push(hashes[0]!);
  }
  return { roots, rest: leaves.slice(i) };
}
