import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../../shared/errors';

/**
 * minisign (https://jedisct1.github.io/minisign/), the subset we write and read:
 * Ed25519 keys with an 8-byte key id, and prehashed `ED` signatures
 * (Ed25519 over BLAKE2b-512 of the file) with a trusted comment bound by a
 * second, global signature. Legacy `Ed` (non-prehashed) signatures are read too.
 * Files written here verify with `minisign -Vm FILE -p KEY.pub`.
 */
export interface SigningKey {
  keyId: Buffer; // 8 bytes, as stored (little-endian on display)
  seed: Buffer; // 32-byte Ed25519 seed: never leaves the core
  publicKey: Buffer; // 32 bytes
}

export interface PublicKey {
  keyId: Buffer;
  publicKey: Buffer;
}

const b64url = (b: Buffer) => b.toString('base64url');

function privateKeyObject(key: SigningKey): KeyObject {
  return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(key.seed), x: b64url(key.publicKey) }, format: 'jwk' });
}

function publicKeyObject(publicKey: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(publicKey) }, format: 'jwk' });
}

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  void publicKey;
  return { keyId: randomBytes(8), seed: Buffer.from(jwk.d!, 'base64url'), publicKey: Buffer.from(jwk.x!, 'base64url') };
}

export function ed25519Sign(key: SigningKey, message: Buffer | string): Buffer {
  return sign(null, typeof message === 'string' ? Buffer.from(message) : message, privateKeyObject(key));
}

export function ed25519Verify(publicKey: Buffer, message: Buffer | string, signature: Buffer): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return verify(null, typeof message === 'string' ? Buffer.from(message) : message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}

/** The key id as minisign prints it: the 8 bytes little-endian, upper-case hex. */
export function keyIdHex(keyId: Buffer): string {
  return Buffer.from(keyId).reverse().toString('hex').toUpperCase();
}

export function formatPublicKey(key: PublicKey): string {
  const body = Buffer.concat([Buffer.from('Ed'), key.keyId, key.publicKey]).toString('base64');
  return `untrusted comment: minisign public key ${keyIdHex(key.keyId)}\n${body}\n`;
}

function fail(reason: string, message: string): never {
  throw new AppError('SIGNATURE_INVALID', message, { reason });
}

/** Accepts a `.pub` file's text or the bare base64 line. */
export function parsePublicKey(text: string): PublicKey {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => !l.startsWith('untrusted comment:'));
  const raw = line ? Buffer.from(line, 'base64') : Buffer.alloc(0);
  if (raw.length !== 42 || raw.subarray(0, 2).toString() !== 'Ed') fail('bad-public-key', 'Not a minisign public key');
  return { keyId: raw.subarray(2, 10), publicKey: raw.subarray(10, 42) };
}

/** An unencrypted minisign secret key file (as `minisign -G -W` writes; the test vectors use one). */
export function parseUnencryptedSecretKey(text: string): SigningKey {
  const line = text.split(/\r?\n/).find((l) => l.trim() && !l.startsWith('untrusted comment:'));
  const raw = Buffer.from(line ?? '', 'base64');
  if (raw.length !== 158 || raw.subarray(0, 2).toString() !== 'Ed') fail('bad-secret-key', 'Not a minisign secret key');
  if (raw.readUInt16LE(2) !== 0) fail('encrypted-secret-key', 'Only unencrypted minisign secret keys can be read');
  const keyId = raw.subarray(54, 62);
  const sk = raw.subarray(62, 126);
  return { keyId: Buffer.from(keyId), seed: Buffer.from(sk.subarray(0, 32)), publicKey: Buffer.from(sk.subarray(32, 64)) };
}

export function blake2b512(data: Buffer | string): Buffer {
  return createHash('blake2b512').update(data).digest();
}

/** A `.minisig` for content whose BLAKE2b-512 is `digest`. Comments must be single lines. */
export function signDigest(key: SigningKey, digest: Buffer, trustedComment: string, untrustedComment = 'signature from handover vault key'): string {
  if (/[\r\n]/.test(trustedComment) || /[\r\n]/.test(untrustedComment)) throw new TypeError('minisign comments are single lines');
  const signature = ed25519Sign(key, digest);
  const global = ed25519Sign(key, Buffer.concat([signature, Buffer.from(trustedComment)]));
  return signatureText({ algorithm: 'ED', keyId: key.keyId, signature, trustedComment, globalSignature: global }, untrustedComment);
}

/** The one text of a signature file, as minisign writes it. */
export function signatureText(sig: ParsedSignature, untrustedComment: string): string {
  const sigLine = Buffer.concat([Buffer.from(sig.algorithm), sig.keyId, sig.signature]).toString('base64');
  return `untrusted comment: ${untrustedComment}\n${sigLine}\ntrusted comment: ${sig.trustedComment}\n${sig.globalSignature.toString('base64')}\n`;
}

export interface ParsedSignature {
  algorithm: 'ED' | 'Ed';
  keyId: Buffer;
  signature: Buffer;
  trustedComment: string;
  globalSignature: Buffer;
}

export function parseSignature(text: string): ParsedSignature {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length < 4 || !lines[0]!.startsWith('untrusted comment:') || !lines[2]!.startsWith('trusted comment: ')) {
    fail('bad-signature-file', 'Not a minisign signature');
  }
  const raw = Buffer.from(lines[1]!, 'base64');
  const algorithm = raw.subarray(0, 2).toString();
  if (raw.length !== 74 || (algorithm !== 'ED' && algorithm !== 'Ed')) fail('bad-signature-file', 'Not a minisign signature');
  const globalSignature = Buffer.from(lines[3]!, 'base64');
  if (globalSignature.length !== 64) fail('bad-signature-file', 'Not a minisign signature');
  return {
    algorithm,
    keyId: raw.subarray(2, 10),
    signature: raw.subarray(10, 74),
    trustedComment: lines[2]!.slice('trusted comment: '.length),
    globalSignature,
  };
}

export type SignatureVerdict =
  | { ok: true; trustedComment: string }
  | { ok: false; reason: 'wrong-key' | 'signature-mismatch' | 'comment-mismatch' };

/**
 * Checks a signature the way `minisign -V` does: the key id must match, the
 * signature must cover the content, and the global signature must cover the
 * signature and the trusted comment (so an edited comment fails).
 */
export function verifyParsed(key: PublicKey, sig: ParsedSignature, content: { digest: Buffer } | { data: Buffer }): SignatureVerdict {
  if (!sig.keyId.equals(key.keyId)) return { ok: false, reason: 'wrong-key' };
  const message = sig.algorithm === 'ED' ? ('digest' in content ? content.digest : blake2b512(content.data)) : 'data' in content ? content.data : null;
  if (!message || !ed25519Verify(key.publicKey, message, sig.signature)) return { ok: false, reason: 'signature-mismatch' };
  if (!ed25519Verify(key.publicKey, Buffer.concat([sig.signature, Buffer.from(sig.trustedComment)]), sig.globalSignature)) {
    return { ok: false, reason: 'comment-mismatch' };
  }
  return { ok: true, trustedComment: sig.trustedComment };
}

/** A short fingerprint people can compare: SHA-256 of the public key, in groups of four. */
export function fingerprint(publicKey: Buffer): string {
  const hex = createHash('sha256').update(publicKey).digest('hex').slice(0, 32).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}
