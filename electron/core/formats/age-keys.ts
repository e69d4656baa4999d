import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { bech32Decode, bech32Encode } from './bech32';

/** age's X25519 keys: identities (AGE-SECRET-KEY-1…) and recipients (age1…), as raw 32-byte keys and as text. */

// The DER prefixes that make a raw X25519 key a PKCS#8 private or SPKI public key for node:crypto (RFC 8410).
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

export const privateKeyObject = (secret: Buffer): KeyObject => createPrivateKey({ key: Buffer.concat([PKCS8_X25519, secret]), format: 'der', type: 'pkcs8' });
export const publicKeyObject = (pub: Buffer): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_X25519, pub]), format: 'der', type: 'spki' });
const rawPublic = (key: KeyObject): Buffer => (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_X25519.length);

export interface AgeIdentity {
  secret: Buffer; // 32 bytes
  publicKey: Buffer; // 32 bytes
}

export function generateIdentity(): AgeIdentity {
  const { privateKey } = generateKeyPairSync('x25519');
  const secret = (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).subarray(PKCS8_X25519.length);
  return { secret: Buffer.from(secret), publicKey: rawPublic(createPublicKey(privateKey)) };
}

export function identityFromSecret(secret: Buffer): AgeIdentity {
  return { secret, publicKey: rawPublic(createPublicKey(privateKeyObject(secret))) };
}

export function formatRecipient(publicKey: Buffer): string {
  return bech32Encode('age', publicKey);
}

export function formatIdentity(secret: Buffer): string {
  return bech32Encode('age-secret-key-', secret).toUpperCase();
}

export function parseRecipient(text: string): Buffer | null {
  const d = bech32Decode(text.trim());
  return d && d.hrp === 'age' && d.data.length === 32 && text.trim() === text.trim().toLowerCase() ? d.data : null;
}

/** An identity line (`AGE-SECRET-KEY-1…`), or the first such line of an age-keygen key file. */
export function parseIdentity(text: string): AgeIdentity | null {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.startsWith('AGE-SECRET-KEY-1'));
  const d = line ? bech32Decode(line) : null;
  return d && d.hrp === 'age-secret-key-' && d.data.length === 32 ? identityFromSecret(d.data) : null;
}
