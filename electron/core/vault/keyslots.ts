import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../fs-atomic';
import { foldUserName } from '../formats/user-names';
import { VAULT_CIPHERS, type VaultCipher } from '../db/cipher';

/**
 * The key slot file `vault.slots.json` (DESIGN.md §4 "Keys"), version 2.
 *
 * Each user slot holds that user's own X25519 key pair: the public half in
 * clear, the private half wrapped (XChaCha20-Poly1305) under a key derived
 * from the passphrase with Argon2id; the recovery slot likewise under a key
 * derived from the recovery key. What a slot may open is sealed to its public
 * key (libsodium sealed boxes): the data key, the signing keyring when the
 * owner's role signs, and during a rotation the pending new data key. So
 * anyone holding the data key can re-seal for others without their
 * passphrases, and nobody can read what was not sealed to them.
 *
 * The slot header (id, kind, owner, KDF, public key) and the vault's public
 * signing keys (`signer`) are the wrap's associated data: a header edited, or
 * a signing key swapped for an attacker's, fails to open.
 *
 * Version 1 files (the data key wrapped directly in every slot) still open:
 * their slots are read as `legacy-*` and upgraded at their owner's next unlock.
 * The file holds no secret in clear.
 */
export const SLOTS_FORMAT = 'handover-vault-slots';
export const SLOTS_VERSION = 2;
export const DATA_KEY_BYTES = 32;

/** The database's page cipher: not auto-detected by SQLite3MultipleCiphers, so it is recorded here (cipher.ts). */
export { VAULT_CIPHERS, type VaultCipher };

/** libsodium's MODERATE is the floor; anything weaker in a slot is refused. */
export const KDF_FLOOR = { opsLimit: 3, memLimitBytes: 256 * 1024 * 1024 } as const;
/** A ceiling, so a crafted slot file cannot make unlock allocate unbounded memory. */
export const KDF_CEILING = { opsLimit: 64, memLimitBytes: 4 * 1024 * 1024 * 1024 } as const;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(4096);
const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));
const argonKdf = z.strictObject({
  alg: z.literal('argon2id13'),
  opsLimit: z.number().int().positive(),
  memLimitBytes: z.number().int().positive(),
  salt: b64,
});
const recoveryKdf = z.strictObject({ alg: z.literal('blake2b-256'), salt: b64 });
/** Sealed boxes for this slot's public key. */
/** `recoveryKey`: a new recovery key a rotation made, sealed to an administrator's slot until one of them acknowledges it (rotation.ts). */
const sealedSchema = z.strictObject({ dataKey: b64, keyring: b64.optional(), pendingDataKey: b64.optional(), recoveryKey: b64.optional() });
const userId = z.string().regex(/^u-[0-9a-f-]{36}$/);

const userSlot = z.strictObject({
  id: userId,
  kind: z.literal('user'),
  owner: hex(64),
  kdf: argonKdf,
  publicKey: b64,
  nonce: b64,
  wrapped: b64,
  sealed: sealedSchema,
});
const recoverySlot = z.strictObject({
  id: z.literal('recovery'),
  kind: z.literal('recovery'),
  kdf: recoveryKdf,
  publicKey: b64,
  nonce: b64,
  wrapped: b64,
  sealed: sealedSchema,
});
/** Version 1 slots: the data key itself wrapped under the passphrase (or recovery) key. */
const v1UserSlot = z.strictObject({ id: userId, kind: z.literal('user'), owner: hex(64), kdf: argonKdf, nonce: b64, wrapped: b64 });
const v1RecoverySlot = z.strictObject({ id: z.literal('recovery'), kind: z.literal('recovery'), kdf: recoveryKdf, nonce: b64, wrapped: b64 });
const legacyUserSlot = v1UserSlot.extend({ kind: z.literal('legacy-user') });
const legacyRecoverySlot = v1RecoverySlot.extend({ kind: z.literal('legacy-recovery') });

const slotSchema = z.discriminatedUnion('kind', [userSlot, recoverySlot, legacyUserSlot, legacyRecoverySlot]);

/** The vault's public signing key and age recipient: bound into every v2 slot's associated data. */
const signerSchema = z.strictObject({ keyId: hex(16), signingPublic: b64, agePublic: b64 });
/** The latest signed checkpoint of the access log, kept outside the database. */
const treeHeadSchema = z.strictObject({
  size: z.number().int().nonnegative(),
  root: hex(64),
  note: z.string().max(4096),
  /** The compact range at `size` (RFC 9162 subtree hashes): the next head continues from it, not from the database. */
  compact: z.array(hex(64)).max(64),
});
const failedUnlocks = z.array(z.strictObject({ at: z.string(), slot: z.string().nullable() })).max(1000);

const slotFileSchema = z.strictObject({
  format: z.literal(SLOTS_FORMAT),
  version: z.literal(SLOTS_VERSION),
  vaultId: z.string().uuid(),
  cipher: z.enum(VAULT_CIPHERS),
  signer: signerSchema.nullable(),
  treeHead: treeHeadSchema.nullable(),
  /** Set while a data-key rotation is under way: its pending key is sealed in the slots. */
  rotation: z.strictObject({ startedAt: z.string(), reason: z.string().max(200) }).nullable(),
  failedUnlocks,
  slots: z.array(slotSchema).max(10000),
});
const v1FileSchema = z.strictObject({
  format: z.literal(SLOTS_FORMAT),
  version: z.literal(1),
  vaultId: z.string().uuid(),
  cipher: z.literal('chacha20').optional(),
  failedUnlocks,
  slots: z.array(z.discriminatedUnion('kind', [v1UserSlot, v1RecoverySlot])).max(10000),
});

export type UserSlot = z.infer<typeof userSlot>;
export type RecoverySlot = z.infer<typeof recoverySlot>;
export type LegacyUserSlot = z.infer<typeof legacyUserSlot>;
export type LegacyRecoverySlot = z.infer<typeof legacyRecoverySlot>;
export type Slot = z.infer<typeof slotSchema>;
export type SealedBoxes = z.infer<typeof sealedSchema>;
export type Signer = z.infer<typeof signerSchema>;
export type TreeHead = z.infer<typeof treeHeadSchema>;
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

/** Parses either version; a version 1 file comes back as version 2 with its slots marked legacy. */
export function parseSlotFile(text: string): SlotFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('SLOT_TAMPERED', 'The key slot file is not valid JSON');
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > SLOTS_VERSION) {
    throw new AppError('VAULT_FROM_FUTURE', 'The key slot file was written by a newer version of the app');
  }
  if (version === 1) {
    const v1 = v1FileSchema.safeParse(json);
    if (!v1.success) throw new AppError('SLOT_TAMPERED', 'The key slot file is malformed');
    return {
      format: SLOTS_FORMAT,
      version: SLOTS_VERSION,
      vaultId: v1.data.vaultId,
      cipher: 'chacha20',
      signer: null,
      treeHead: null,
      rotation: null,
      failedUnlocks: v1.data.failedUnlocks,
      slots: v1.data.slots.map((s): Slot => (s.kind === 'user' ? { ...s, kind: 'legacy-user' } : { ...s, kind: 'legacy-recovery' })),
    };
  }
  const parsed = slotFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError('SLOT_TAMPERED', 'The key slot file is malformed');
  return parsed.data;
}

export function writeSlotFile(dir: string, file: SlotFile): void {
  writeFileAtomic(slotsPath(dir), `${JSON.stringify(file, null, 2)}\n`);
}

export function newSlotFile(cipher: VaultCipher, signer: Signer): SlotFile {
  return {
    format: SLOTS_FORMAT,
    version: SLOTS_VERSION,
    vaultId: randomUUID(),
    cipher,
    signer,
    treeHead: null,
    rotation: null,
    failedUnlocks: [],
    slots: [],
  };
}

/** Users are found by a hash of their folded name, so the file does not list staff names. */
export function ownerHash(vaultId: string, userName: string): string {
  return createHash('sha256').update(`handover-vault user v1\0${vaultId}\0${foldUserName(userName)}`).digest('hex');
}

/** Version 1 hashed NFKC + lower case: tried too, so a version 1 slot is still found. */
export function legacyOwnerHash(vaultId: string, userName: string): string {
  const normal = userName.normalize('NFKC').trim().toLowerCase();
  return createHash('sha256').update(`handover-vault user v1\0${vaultId}\0${normal}`).digest('hex');
}

/** Every slot whose owner hash matches the name (old vaults may hold two names that fold alike). */
export function candidateSlots(file: SlotFile, userName: string): (UserSlot | LegacyUserSlot)[] {
  const owners = new Set([ownerHash(file.vaultId, userName), legacyOwnerHash(file.vaultId, userName)]);
  return file.slots.filter((s): s is UserSlot | LegacyUserSlot => (s.kind === 'user' || s.kind === 'legacy-user') && owners.has(s.owner));
}

export function slotById(file: SlotFile, id: string): Slot | undefined {
  return file.slots.find((s) => s.id === id);
}

export function recoverySlotOf(file: SlotFile): RecoverySlot | LegacyRecoverySlot | undefined {
  return file.slots.find((s): s is RecoverySlot | LegacyRecoverySlot => s.kind === 'recovery' || s.kind === 'legacy-recovery');
}

/**
 * The weakest slot a core accepts: KDF_FLOOR, unless the core was built to make cheaper slots, which
 * only the test harness does (CoreOptions.testOnlyKdf). The app and the CLI never pass a cost, so for
 * them this is always KDF_FLOOR.
 */
export function kdfFloorFor(cost: KdfParams = KDF_FLOOR): KdfParams {
  return { opsLimit: Math.min(KDF_FLOOR.opsLimit, cost.opsLimit), memLimitBytes: Math.min(KDF_FLOOR.memLimitBytes, cost.memLimitBytes) };
}

export function checkKdfParams(params: KdfParams, floor: KdfParams = KDF_FLOOR): void {
  if (params.opsLimit < floor.opsLimit || params.memLimitBytes < floor.memLimitBytes) {
    throw new AppError('KDF_TOO_WEAK', 'This key slot uses key-derivation settings below the minimum', {
      opsLimit: params.opsLimit,
      memLimitBytes: params.memLimitBytes,
    });
  }
  if (params.opsLimit > KDF_CEILING.opsLimit || params.memLimitBytes > KDF_CEILING.memLimitBytes) {
    throw new AppError('SLOT_TAMPERED', 'This key slot asks for an unreasonable key-derivation cost');
  }
}

export function replaceSlot(file: SlotFile, oldId: string | null, slot: Slot | null): SlotFile {
  const slots = file.slots.filter((s) => s.id !== oldId && (slot === null || s.id !== slot.id));
  return { ...file, slots: slot ? [...slots, slot] : slots };
}
