import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';

/**
 * What every part of age (C2SP age spec) is built on: HKDF-SHA-256 and
 * ChaCha20-Poly1305 as the spec uses them, its chunk size, and the error
 * each failure is reported with (the kinds the C2SP CCTV vectors name).
 */
export type AgeFailure = 'no match' | 'header failure' | 'HMAC failure' | 'payload failure';

export class AgeError extends Error {
  constructor(readonly kind: AgeFailure, message: string, readonly released?: Buffer) {
    super(message);
    this.name = 'AgeError';
  }
}

export const AGE_CHUNK = 64 * 1024;
export const AGE_TAG = 16;

export function hkdf(ikm: Buffer, salt: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}

export function aeadOpen(key: Buffer, nonce: Buffer, sealed: Buffer): Buffer | null {
  if (sealed.length < AGE_TAG) return null;
  const d = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: AGE_TAG });
  d.setAuthTag(sealed.subarray(sealed.length - AGE_TAG));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - AGE_TAG)), d.final()]);
  } catch {
    return null;
  }
}

export function aeadSeal(key: Buffer, nonce: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: AGE_TAG });
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

export const ZERO_NONCE = Buffer.alloc(12);
