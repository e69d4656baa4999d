import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../formats/canonical-json';
import { argon2id } from '../crypto/argon2-worker';
import { wipe, type Sodium } from '../crypto/sodium';
import {
  DATA_KEY_BYTES,
  KDF_FLOOR,
  SLOTS_FORMAT,
  checkKdfParams,
  kdfFloorFor,
  ownerHash,
  type KdfParams,
  type LegacyRecoverySlot,
  type LegacyUserSlot,
  type RecoverySlot,
  type SealedBoxes,
  type Signer,
  type SlotFile,
  type UserSlot,
} from './keyslots';

/**
 * The cryptography of one slot: deriving its key-encryption key, wrapping
 * the slot's X25519 private key under it, and sealed boxes to its public key
 * (crypto_box_seal: anyone may seal, only the private key opens).
 */
const B64 = (sodium: Sodium) => sodium.base64_variants.ORIGINAL;
const enc = (sodium: Sodium, b: Uint8Array) => sodium.to_base64(b, B64(sodium));
const dec = (sodium: Sodium, s: string) => sodium.from_base64(s, B64(sodium));

/** A slot's key pair, once its private half is unwrapped. Wipe `secretKey` when done. */
export interface SlotKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

async function deriveUserKek(sodium: Sodium, passphrase: string, kdf: UserSlot['kdf'], floor: KdfParams): Promise<Uint8Array> {
  checkKdfParams(kdf, floor);
  const bytes = sodium.from_string(passphrase.normalize('NFC'));
  try {
    return await argon2id(bytes, dec(sodium, kdf.salt), kdf.opsLimit, kdf.memLimitBytes);
  } finally {
    sodium.memzero(bytes);
  }
}

function deriveRecoveryKek(sodium: Sodium, recoveryKey: Uint8Array, kdf: RecoverySlot['kdf']): Uint8Array {
  // The recovery key is 256 random bits: a keyed BLAKE2b is enough, no stretching needed.
  return sodium.crypto_generichash(32, dec(sodium, kdf.salt), recoveryKey);
}

type Header = Omit<UserSlot, 'nonce' | 'wrapped' | 'sealed'> | Omit<RecoverySlot, 'nonce' | 'wrapped' | 'sealed'>;

function associatedData(file: SlotFile, signer: Signer, header: Header): Uint8Array {
  const slot = { id: header.id, kind: header.kind, owner: 'owner' in header ? header.owner : null, kdf: header.kdf, publicKey: header.publicKey };
  return new TextEncoder().encode(canonicalJson({ format: SLOTS_FORMAT, version: 2, vaultId: file.vaultId, signer, slot }));
}

/** Version 1's associated data, rebuilt for a legacy slot. */
function legacyAssociatedData(file: SlotFile, slot: LegacyUserSlot | LegacyRecoverySlot): Uint8Array {
  const header = slot.kind === 'legacy-user'
    ? { id: slot.id, kind: 'user', owner: slot.owner, kdf: slot.kdf }
    : { id: slot.id, kind: 'recovery', kdf: slot.kdf };
  return new TextEncoder().encode(canonicalJson({ format: SLOTS_FORMAT, version: 1, vaultId: file.vaultId, slot: header }));
}

function wrap(sodium: Sodium, ad: Uint8Array, kek: Uint8Array, secret: Uint8Array): { nonce: string; wrapped: string } {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  try {
    const wrapped = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secret, ad, null, nonce, kek);
    return { nonce: enc(sodium, nonce), wrapped: enc(sodium, wrapped) };
  } finally {
    wipe(sodium, kek);
  }
}

function unwrap(sodium: Sodium, ad: Uint8Array, kek: Uint8Array, slot: { nonce: string; wrapped: string }, bytes: number): Uint8Array | null {
  try {
    const out = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, dec(sodium, slot.wrapped), ad, dec(sodium, slot.nonce), kek);
    return out.length === bytes ? out : null;
  } catch {
    return null;
  } finally {
    wipe(sodium, kek);
  }
}

export function sealTo(sodium: Sodium, publicKey: string, message: Uint8Array): string {
  return enc(sodium, sodium.crypto_box_seal(message, dec(sodium, publicKey)));
}

export function openSealed(sodium: Sodium, box: string | undefined, pair: SlotKeyPair): Uint8Array | null {
  if (!box) return null;
  try {
    return sodium.crypto_box_seal_open(dec(sodium, box), pair.publicKey, pair.secretKey);
  } catch {
    return null;
  }
}

function newPair(sodium: Sodium): SlotKeyPair {
  const kp = sodium.crypto_box_keypair();
  return { publicKey: kp.publicKey, secretKey: kp.privateKey };
}

function newSalt(sodium: Sodium): string {
  return enc(sodium, sodium.randombytes_buf(16));
}

/**
 * A new user slot with a fresh key pair (or `pair` to keep one: a passphrase
 * change re-wraps the same private key, so what is sealed to it stays valid).
 * Nothing is sealed to it yet; the caller seals the data key.
 */
export async function makeUserSlot(
  sodium: Sodium,
  file: SlotFile,
  signer: Signer,
  args: { userName: string; passphrase: string; kdf?: KdfParams; id?: string; pair?: SlotKeyPair; sealed?: SealedBoxes },
): Promise<{ slot: UserSlot; pair: SlotKeyPair }> {
  const params = args.kdf ?? KDF_FLOOR;
  const pair = args.pair ?? newPair(sodium);
  const header = {
    id: args.id ?? `u-${randomUUID()}`,
    kind: 'user' as const,
    owner: ownerHash(file.vaultId, args.userName),
    kdf: { alg: 'argon2id13' as const, opsLimit: params.opsLimit, memLimitBytes: params.memLimitBytes, salt: newSalt(sodium) },
    publicKey: enc(sodium, pair.publicKey),
  };
  const kek = await deriveUserKek(sodium, args.passphrase, header.kdf, kdfFloorFor(params));
  const wrapped = wrap(sodium, associatedData(file, signer, header), kek, pair.secretKey);
  return { slot: { ...header, ...wrapped, sealed: args.sealed ?? { dataKey: '' } }, pair };
}

export function makeRecoverySlot(sodium: Sodium, file: SlotFile, signer: Signer, recoveryKey: Uint8Array): { slot: RecoverySlot; pair: SlotKeyPair } {
  const pair = newPair(sodium);
  const header = {
    id: 'recovery' as const,
    kind: 'recovery' as const,
    kdf: { alg: 'blake2b-256' as const, salt: newSalt(sodium) },
    publicKey: enc(sodium, pair.publicKey),
  };
  const wrapped = wrap(sodium, associatedData(file, signer, header), deriveRecoveryKek(sodium, recoveryKey, header.kdf), pair.secretKey);
  return { slot: { ...header, ...wrapped, sealed: { dataKey: '' } }, pair };
}

function pairOf(sodium: Sodium, slot: UserSlot | RecoverySlot, secretKey: Uint8Array | null): SlotKeyPair | null {
  return secretKey ? { publicKey: dec(sodium, slot.publicKey), secretKey } : null;
}

/** The slot's key pair, or null when the passphrase (or the slot) is wrong. Throws KDF_TOO_WEAK first. */
export async function openUserSlotPair(sodium: Sodium, file: SlotFile, signer: Signer, slot: UserSlot, passphrase: string, floor: KdfParams = KDF_FLOOR): Promise<SlotKeyPair | null> {
  const kek = await deriveUserKek(sodium, passphrase, slot.kdf, floor);
  return pairOf(sodium, slot, unwrap(sodium, associatedData(file, signer, slot), kek, slot, sodium.crypto_box_SECRETKEYBYTES));
}

export function openRecoverySlotPair(sodium: Sodium, file: SlotFile, signer: Signer, slot: RecoverySlot, recoveryKey: Uint8Array): SlotKeyPair | null {
  const kek = deriveRecoveryKek(sodium, recoveryKey, slot.kdf);
  return pairOf(sodium, slot, unwrap(sodium, associatedData(file, signer, slot), kek, slot, sodium.crypto_box_SECRETKEYBYTES));
}

/** A version 1 slot's data key. */
export async function openLegacyUserSlot(sodium: Sodium, file: SlotFile, slot: LegacyUserSlot, passphrase: string, floor: KdfParams = KDF_FLOOR): Promise<Uint8Array | null> {
  const kek = await deriveUserKek(sodium, passphrase, slot.kdf, floor);
  return unwrap(sodium, legacyAssociatedData(file, slot), kek, slot, DATA_KEY_BYTES);
}

export function openLegacyRecoverySlot(sodium: Sodium, file: SlotFile, slot: LegacyRecoverySlot, recoveryKey: Uint8Array): Uint8Array | null {
  return unwrap(sodium, legacyAssociatedData(file, slot), deriveRecoveryKek(sodium, recoveryKey, slot.kdf), slot, DATA_KEY_BYTES);
}
