/**
 * The hot loop of audit verification, as plain JavaScript source so the very
 * same code runs on the main thread (through `new Function`) and in a worker
 * thread started from a string (which works alike from sources, tests and
 * bundles). It holds:
 * - SHA-256 for the two tiny Merkle messages (33-byte leaf, 65-byte node):
 *   node:crypto costs ~2 µs a call in overhead alone, which dominates a
 *   million leaves; this works in place on 32-bit words;
 * - `scanRange`: parse each line the exporter wrote (the top-level "hash",
 *   "prev" and "seq" members sit in that order after "details", keys being
 *   sorted), check its own hash over the line without the hash member, check
 *   the chain inside the range, and return the Merkle leaf hashes. It stops at
 *   the first line that does not fit; the caller then runs the careful,
 *   classifying verifier.
 * - `perfectRoots`: roots of consecutive perfect subtrees of `chunk` leaves.
 */
export const SCAN_SOURCE = String.raw`
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const H = new Uint32Array(8);
const W = new Uint32Array(64);
const block = new Uint8Array(128);

function compress(offset) {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] = (block[j] << 24) | (block[j + 1] << 16) | (block[j + 2] << 8) | block[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15], b = W[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
  H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
}

function finish(length, blocks) {
  const end = blocks * 64;
  block.fill(0, length, end);
  block[length] = 0x80;
  const bits = length * 8;
  block[end - 4] = bits >>> 24; block[end - 3] = (bits >>> 16) & 0xff; block[end - 2] = (bits >>> 8) & 0xff; block[end - 1] = bits & 0xff;
  H.set(IV);
  for (let i = 0; i < blocks; i++) compress(i * 64);
  const out = Buffer.allocUnsafe(32);
  for (let i = 0; i < 8; i++) out.writeUInt32BE(H[i] >>> 0, i * 4);
  return out;
}

/** SHA-256(prefix || a[0..32)) */
function sha256p32(prefix, a) {
  block[0] = prefix;
  block.set(a.subarray(0, 32), 1);
  return finish(33, 1);
}

/** SHA-256(prefix || a[0..32) || b[0..32)) */
function sha256p64(prefix, a, b) {
  block[0] = prefix;
  block.set(a.subarray(0, 32), 1);
  block.set(b.subarray(0, 32), 33);
  return finish(65, 2);
}

const HASH_KEY = Buffer.from(',"hash":"');
const PREV_KEY = Buffer.from('","prev":"');
const SEQ_KEY = Buffer.from('","seq":');
const MEMBER = HASH_KEY.length + 65;

/**
 * Lines in data[from, to): on success { ok: true, count, firstSeq, firstPrev,
 * lastSeq, lastHash, leaves }; at the first line that does not fit the
 * exporter's form, does not match its own hash or does not follow the line
 * before: { ok: false }.
 */
function scanRange(data, from, to, hashOne) {
  const leaves = [];
  let scratch = Buffer.alloc(4096);
  let firstSeq = -1, firstPrev = '', lastSeq = -1, lastHash = '';
  for (let start = from; start < to; ) {
    let end = data.indexOf(10, start);
    if (end < 0 || end > to) end = to;
    const line = data.subarray(start, end);
    start = end + 1;
    const at = line.lastIndexOf(HASH_KEY);
    if (at < 0) return { ok: false };
    const h = at + HASH_KEY.length, p = h + 64 + PREV_KEY.length, q = p + 64 + SEQ_KEY.length;
    if (line.length < q + 2 || line.compare(PREV_KEY, 0, PREV_KEY.length, h + 64, p) !== 0 || line.compare(SEQ_KEY, 0, SEQ_KEY.length, p + 64, q) !== 0) return { ok: false };
    let seq = 0, i = q;
    while (i < line.length && line[i] >= 48 && line[i] <= 57 && i - q < 15) seq = seq * 10 + line[i++] - 48;
    if (i === q || line[i] !== 44) return { ok: false };
    const n = line.length - MEMBER;
    if (scratch.length < n) scratch = Buffer.alloc(n * 2);
    line.copy(scratch, 0, 0, at);
    line.copy(scratch, at, at + MEMBER);
    const digest = hashOne(scratch.subarray(0, n));
    const hash = line.toString('latin1', h, h + 64);
    if (digest.toString('hex') !== hash) return { ok: false };
    const prev = line.toString('latin1', p, p + 64);
    if (firstSeq < 0) {
      firstSeq = seq;
      firstPrev = prev;
    } else if (seq !== lastSeq + 1 || prev !== lastHash) {
      return { ok: false };
    }
    lastSeq = seq;
    lastHash = hash;
    leaves.push(sha256p32(0, digest));
  }
  return { ok: true, count: leaves.length, firstSeq, firstPrev, lastSeq, lastHash, leaves };
}

/** Roots of the perfect subtrees over leaves[0..chunk), [chunk..2*chunk), …; the rest is returned as is. */
function perfectRoots(leaves, chunk) {
  const roots = [];
  let i = 0;
  for (; i + chunk <= leaves.length; i += chunk) {
    const sizes = [], hashes = [];
    for (let j = i; j < i + chunk; j++) {
      let size = 1, hash = leaves[j];
      while (sizes.length && sizes[sizes.length - 1] === size) {
        sizes.pop();
        hash = sha256p64(1, hashes.pop(), hash);
        size *= 2;
      }
      sizes.push(size);
      hashes.push(hash);
    }
    roots.push(hashes[0]);
  }
  return { roots, rest: leaves.slice(i) };
}
`;

type ScanResult =
  | { ok: false }
  | { ok: true; count: number; firstSeq: number; firstPrev: string; lastSeq: number; lastHash: string; leaves: Buffer[] };

export interface Scanner {
  sha256p32(prefix: number, a: Uint8Array): Buffer;
  sha256p64(prefix: number, a: Uint8Array, b: Uint8Array): Buffer;
  scanRange(data: Buffer, from: number, to: number, hashOne: (b: Buffer) => Buffer): ScanResult;
  perfectRoots(leaves: Buffer[], chunk: number): { roots: Buffer[]; rest: Buffer[] };
}

// The main thread's copy of the same code (our own constant source, shared with the worker).
export const scanner = new Function('Buffer', `${SCAN_SOURCE}\nreturn { sha256p32, sha256p64, scanRange, perfectRoots };`)(Buffer) as Scanner;
