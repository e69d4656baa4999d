import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { canonicalJson } from '../crypto/canonical-json';
import { argon2id } from '../crypto/argon2-worker';
import type { Sodium } from '../crypto/sodium';
import { writeFileAtomic } from '../fs-atomic';
import { VAULT_CIPHERS, type VaultCipher } from './cipher';

/**
 * Key slots (DESIGN.md §4): the random data key that encrypts the database is
 * wrapped with XChaCha20-Poly1305 once per user, under a key derived from the
 * user's passphrase with Argon2id, and once under the recovery key. The slot's
 * id, kind, owner hash, version and KDF parameters are the AEAD's associated
 * data, so a slot header edited or swapped with another slot fails to open.
 * The file holds no secret in clear.
 */
export const SLOTS_FORMAT = 'handover-vault-slots';
export const SLOTS_VERSION = 1;
export const DATA_KEY_BYTES = 32;

/** libsodium's MODERATE is the floor; anything weaker in a slot is refused. */
export const KDF_FLOOR = { opsLimit: 3, memLimitBytes: 256 * 1024 * 1024 } as const;
/** A ceiling, so a crafted slot file cannot make unlock allocate unbounded memory. */
export const KDF_CEILING = { opsLimit: 64, memLimitBytes: 4 * 1024 * 1024 * 1024 } as const;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const argonKdf = z.strictObject({
  alg: z.literal('argon2id13'),
  opsLimit: z.number().int().positive(),
  memLimitBytes: z.number().int().positive(),
  salt: b64,
});
const recoveryKdf = z.strictObject({ alg: z.literal('blake2b-256'), salt: b64 });
const userSlot = z.strictObject({
  id: z.string().regex(/^u-[0-9a-f-]{36}$/),
  kind: z.literal('user'),
  owner: z.string().regex(/^[0-9a-f]{64}$/),
  kdf: argonKdf,
  nonce: b64,
  wrapped: b64,
});
const recoverySlot = z.strictObject({
  id: z.literal('recovery'),
  kind: z.literal('recovery'),
  kdf: recoveryKdf,
  nonce: b64,
  wrapped: b64,
});
const slotSchema = z.discriminatedUnion('kind', [userSlot, recoverySlot]);
const slotFileSchema = z.strictObject({
  format: z.literal(SLOTS_FORMAT),
  version: z.number().int(),
  vaultId: z.string().uuid(),
  /** The database's page cipher (SQLite3MultipleCiphers does not detect it); see cipher.ts. */
  cipher: z.enum(VAULT_CIPHERS),
  failedUnlocks: z.array(z.strictObject({ at: z.string(), slot: z.string().nullable() })).max(1000),
  slots: z.array(slotSchema).max(10000),
});

export type UserSlot = z.infer<typeof userSlot>;
export type RecoverySlot = z.infer<typeof recoverySlot>;
export type Slot = z.infer<typeof slotSchema>;
export type SlotFile = z.infer<typeof slotFileSchema>;
export type KdfParams = { opsLimit: number; memLimitBytes: number };

export function slotsPath(dir: string): string {
  return `${dir}/vault.slots.json`;
}

export function readSlotFile(dir: string): SlotFile {
  const file = slotsPath(dir);
  if (!existsSync(file)) throw new AppError('VAULT_NOT_FOUND', `No vault in ${dir}`, { dir });
  return parseSlotFile(readFileSync(file, 'utf8'));
}

export function parseSlotFile(text: string): SlotFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('SLOT_TAMPERED', 'The key slot file is not valid JSON');
  }
  const parsed = slotFileSchema.safeParse(json);
  if (!parsed.success) {
    const version = (json as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > SLOTS_VERSION) {
      throw new AppError('VAULT_FROM_FUTURE', 'The key slot file was written by a newer version of the app');
    }
    throw new AppError('SLOT_TAMPERED', 'The key slot file is malformed');
  }
  if (parsed.data.version !== SLOTS_VERSION) {
    throw new AppError('VAULT_FROM_FUTURE', 'The key slot file was written by a newer version of the app');
  }
  return parsed.data;
}

export function writeSlotFile(dir: string, file: SlotFile): void {
  writeFileAtomic(slotsPath(dir), `${JSON.stringify(file, null, 2)}\n`);
}

export function newSlotFile(cipher: VaultCipher): SlotFile {
  return {
    format: SLOTS_FORMAT,
    version: SLOTS_VERSION,
    vaultId: randomUUID(),
    cipher,
    failedUnlocks: [],
    slots: [],
  };
}

/** Users are found by a hash of their normalised name, so the file does not list staff names. */
export function ownerHash(vaultId: string, userName: string): string {
  const normal = userName.normalize('NFKC').trim().toLowerCase();
  return createHash('sha256').update(`handover-vault user v1\0${vaultId}\0${normal}`).digest('hex');
}

function associatedData(file: SlotFile, slot: Slot): Uint8Array {
  const header = { ...slot, nonce: undefined, wrapped: undefined };
  return new TextEncoder().encode(
    canonicalJson({ format: file.format, version: file.version, vaultId: file.vaultId, slot: header }),
  );
}

export function checkKdfParams(params: KdfParams): void {
  if (params.opsLimit < KDF_FLOOR.opsLimit || params.memLimitBytes < KDF_FLOOR.memLimitBytes) {
    throw new AppError('KDF_TOO_WEAK', 'This key slot uses key-derivation settings below the minimum', {
      opsLimit: params.opsLimit,
      memLimitBytes: params.memLimitBytes,
    });
  }
  if (params.opsLimit > KDF_CEILING.opsLimit || params.memLimitBytes > KDF_CEILING.memLimitBytes) {
    throw new AppError('SLOT_TAMPERED', 'This key slot asks for an unreasonable key-derivation cost');
  }
}

async function deriveUserKey(sodium: Sodium, passphrase: string, kdf: UserSlot['kdf']): Promise<Uint8Array> {
  checkKdfParams(kdf);
  const bytes = sodium.from_string(passphrase.normalize('NFC'));
  try {
    return await argon2id(bytes, sodium.from_base64(kdf.salt, sodium.base64_variants.ORIGINAL), kdf.opsLimit, kdf.memLimitBytes);
  } finally {
    sodium.memzero(bytes);
  }
}

function deriveRecoveryKey(sodium: Sodium, recoveryKey: Uint8Array, kdf: RecoverySlot['kdf']): Uint8Array {
  // The recovery key is 256 random bits: a keyed BLAKE2b is enough, no stretching needed.
  return sodium.crypto_generichash(32, sodium.from_base64(kdf.salt, sodium.base64_variants.ORIGINAL), recoveryKey);
}

function seal(sodium: Sodium, file: SlotFile, slot: Slot, kek: Uint8Array, dataKey: Uint8Array): Slot {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const wrapped = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    dataKey,
    associatedData(file, slot),
    null,
    nonce,
    kek,
  );
  sodium.memzero(kek);
  const enc = (b: Uint8Array) => sodium.to_base64(b, sodium.base64_variants.ORIGINAL);
  return { ...slot, nonce: enc(nonce), wrapped: enc(wrapped) };
}

function open(sodium: Sodium, file: SlotFile, slot: Slot, kek: Uint8Array): Uint8Array | null {
  try {
    const dec = (s: string) => sodium.from_base64(s, sodium.base64_variants.ORIGINAL);
    const key = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      dec(slot.wrapped),
      associatedData(file, slot),
      dec(slot.nonce),
      kek,
    );
    return key.length === DATA_KEY_BYTES ? key : null;
  } catch {
    return null;
  } finally {
    sodium.memzero(kek);
  }
}

export async function makeUserSlot(
  sodium: Sodium,
  file: SlotFile,
  userName: string,
  passphrase: string,
  dataKey: Uint8Array,
  params: KdfParams = KDF_FLOOR,
): Promise<UserSlot> {
  const kdf = {
    alg: 'argon2id13' as const,
    opsLimit: params.opsLimit,
    memLimitBytes: params.memLimitBytes,
    salt: sodium.to_base64(sodium.randombytes_buf(16), sodium.base64_variants.ORIGINAL),
  };
  const header: UserSlot = {
    id: `u-${randomUUID()}`,
    kind: 'user',
    owner: ownerHash(file.vaultId, userName),
    kdf,
    nonce: '',
    wrapped: '',
  };
  return seal(sodium, file, header, await deriveUserKey(sodium, passphrase, kdf), dataKey) as UserSlot;
}

export function makeRecoverySlot(
  sodium: Sodium,
  file: SlotFile,
  recoveryKey: Uint8Array,
  dataKey: Uint8Array,
): RecoverySlot {
  const kdf = {
    alg: 'blake2b-256' as const,
    salt: sodium.to_base64(sodium.randombytes_buf(16), sodium.base64_variants.ORIGINAL),
  };
  const header: RecoverySlot = { id: 'recovery', kind: 'recovery', kdf, nonce: '', wrapped: '' };
  return seal(sodium, file, header, deriveRecoveryKey(sodium, recoveryKey, kdf), dataKey) as RecoverySlot;
}

export function findUserSlot(file: SlotFile, userName: string): UserSlot | undefined {
  const owner = ownerHash(file.vaultId, userName);
  return file.slots.find((s): s is UserSlot => s.kind === 'user' && s.owner === owner);
}

/** The data key, or null when the passphrase (or the slot) is wrong. Throws KDF_TOO_WEAK first. */
export async function openUserSlot(sodium: Sodium, file: SlotFile, slot: UserSlot, passphrase: string): Promise<Uint8Array | null> {
  return open(sodium, file, slot, await deriveUserKey(sodium, passphrase, slot.kdf));
}

export function openRecoverySlot(sodium: Sodium, file: SlotFile, recoveryKey: Uint8Array): Uint8Array | null {
  const slot = file.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
  if (!slot) return null;
  return open(sodium, file, slot, deriveRecoveryKey(sodium, recoveryKey, slot.kdf));
}

export function replaceSlot(file: SlotFile, oldId: string | null, slot: Slot | null): SlotFile {
  const slots = file.slots.filter((s) => s.id !== oldId);
  return { ...file, slots: slot ? [...slots, slot] : slots };
}
