import { createHash } from 'node:crypto';

/**
 * The recovery key as people write it down: 32 random bytes plus a 3-byte
 * SHA-256 checksum, in Crockford base32 (no I, L, O, U), 14 groups of 4.
 * The checksum catches a mistyped group before any decryption is tried.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_BYTES = 32;
const CHECK_BYTES = 3;

function checksum(key: Uint8Array): Buffer {
  return createHash('sha256').update('handover-vault recovery v1').update(key).digest().subarray(0, CHECK_BYTES);
}

export function formatRecoveryKey(key: Uint8Array): string {
  if (key.length !== KEY_BYTES) throw new Error('recovery key must be 32 bytes');
  const bytes = Buffer.concat([Buffer.from(key), checksum(key)]);
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return out.match(/.{1,4}/g)!.join('-');
}

/** Returns the 32 key bytes, or null when the text is not a valid recovery key. */
export function parseRecoveryKey(text: string): Uint8Array | null {
  const clean = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (clean.length !== 56) return null;
  const bytes: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
      acc &= (1 << bits) - 1;
    }
  }
  const all = Buffer.from(bytes);
  const key = new Uint8Array(all.subarray(0, KEY_BYTES));
  if (!checksum(key).equals(all.subarray(KEY_BYTES, KEY_BYTES + CHECK_BYTES))) return null;
  return key;
}
