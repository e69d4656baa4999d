import { SIGNING_PERMISSIONS } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { generateIdentity, type AgeIdentity } from '../formats/age';
import { generateSigningKey, type SigningKey } from '../formats/minisign';
import { wipe, type Sodium } from '../crypto/sodium';
import { roleByName, rolePermissions } from '../roles/store';
import type { Db } from '../db/database';
import { legacyKeyRows, putLegacyKey } from './legacy-keyring-store';
import { readSlotFile, writeSlotFile, type Signer, type Slot, type SlotFile } from './keyslots';
import { openSealed, sealTo, type SlotKeyPair } from './slot-crypto';
import { allUsers, userById } from '../users/store';

/**
 * The vault's signing keyring: the Ed25519 key that signs checkpoints,
 * receipts, reports and packages, and the X25519 age identity packages for
 * this vault are encrypted to. It is sealed in the slot file only to the
 * slots of users whose role signs (SIGNING_PERMISSIONS) and to the recovery
 * slot, never stored in the database: a holder of the data key alone can
 * neither sign nor open a package.
 */
export interface Keyring {
  signing: SigningKey;
  age: AgeIdentity;
}

/** keyId (8) | Ed25519 seed (32) | Ed25519 public (32) | X25519 secret (32) | X25519 public (32) */
const KEYRING_BYTES = 136;

export function newKeyring(): Keyring {
  return { signing: generateSigningKey(), age: generateIdentity() };
}

export function signerOf(k: Keyring): Signer {
  return {
    keyId: k.signing.keyId.toString('hex'),
    signingPublic: k.signing.publicKey.toString('base64'),
    agePublic: k.age.publicKey.toString('base64'),
  };
}

export function sameSigner(a: Signer, b: Signer): boolean {
  return a.keyId === b.keyId && a.signingPublic === b.signingPublic && a.agePublic === b.agePublic;
}

function serialise(k: Keyring): Uint8Array {
  return Buffer.concat([k.signing.keyId, k.signing.seed, k.signing.publicKey, k.age.secret, k.age.publicKey]);
}

function deserialise(bytes: Uint8Array): Keyring | null {
  if (bytes.length !== KEYRING_BYTES) return null;
  const b = Buffer.from(bytes);
  return {
    signing: { keyId: b.subarray(0, 8), seed: b.subarray(8, 40), publicKey: b.subarray(40, 72) },
    age: { secret: b.subarray(72, 104), publicKey: b.subarray(104, 136) },
  };
}

export function sealKeyring(sodium: Sodium, publicKey: string, k: Keyring): string {
  const bytes = serialise(k);
  try {
    return sealTo(sodium, publicKey, bytes);
  } finally {
    wipe(sodium, bytes);
  }
}

/** The keyring sealed to this slot, checked against the signer its header is bound to. */
export function openKeyring(sodium: Sodium, box: string | undefined, pair: SlotKeyPair, signer: Signer): Keyring | null {
  const bytes = openSealed(sodium, box, pair);
  if (!bytes) return null;
  const k = deserialise(bytes);
  if (!k || !sameSigner(signerOf(k), signer)) {
    wipe(sodium, bytes);
    throw new AppError('SLOT_TAMPERED', 'The signing keys sealed in the key slot file are not this vault\'s');
  }
  return k;
}

export function wipeKeyring(sodium: Sodium, k: Keyring | null): void {
  if (!k) return;
  wipe(sodium, k.signing.seed);
  wipe(sodium, k.age.secret);
}

/**
 * Version 1 vaults kept the keyring in the database (table vault_keys): read
 * it there (made now if it was never used) so it can move into the slots.
 */
export function legacyKeyringFromDb(db: Db, now: Date): Keyring {
  const rows = legacyKeyRows(db);
  const ed = rows.find((r) => r.kind === 'ed25519' && r.secret.length === 32);
  const x = rows.find((r) => r.kind === 'x25519' && r.secret.length === 32);
  const fresh = newKeyring();
  const k: Keyring = {
    signing: ed ? { keyId: ed.key_id, seed: ed.secret, publicKey: ed.public } : fresh.signing,
    age: x ? { secret: x.secret, publicKey: x.public } : fresh.age,
  };
  if (!ed || !x) {
    db.transaction(() => {
      putLegacyKey(db, { kind: 'ed25519', key_id: k.signing.keyId, secret: k.signing.seed, public: k.signing.publicKey }, now.toISOString());
      putLegacyKey(db, { kind: 'x25519', key_id: Buffer.alloc(0), secret: k.age.secret, public: k.age.publicKey }, now.toISOString());
    }).immediate();
  }
  return k;
}

/** Whether a role holds any right that signs or opens packages. */
export function roleSigns(db: Db, role: string): boolean {
  return rolePermissions(roleByName(db, role)).some((p) => SIGNING_PERMISSIONS.includes(p));
}

/** Slot ids whose owners' roles sign, and the recovery slot. */
export function entitledSlotIds(db: Db): Set<string> {
  const ids = new Set<string>(['recovery']);
  for (const u of allUsers(db)) {
    if (!u.disabled && u.slot_id && roleSigns(db, u.role)) ids.add(u.slot_id);
  }
  return ids;
}

/**
 * The keyring sealed to exactly the entitled slots: added where missing
 * (only a holder can add), removed from a slot whose owner lost the right.
 */
export function resealKeyring(sodium: Sodium, file: SlotFile, entitled: Set<string>, keyring: Keyring | null): SlotFile {
  const slots = file.slots.map((s): Slot => {
    if (s.kind !== 'user' && s.kind !== 'recovery') return s;
    const wanted = entitled.has(s.id);
    if (wanted && !s.sealed.keyring && keyring) return { ...s, sealed: { ...s.sealed, keyring: sealKeyring(sodium, s.publicKey, keyring) } };
    if (!wanted && s.sealed.keyring) {
      const { keyring: _dropped, ...rest } = s.sealed;
      return { ...s, sealed: rest };
    }
    return s;
  });
  return { ...file, slots };
}

/** Whether any slot holds the keyring (then the database's legacy copy can go). */
export function keyringSealedAnywhere(file: SlotFile): boolean {
  return file.slots.some((s) => (s.kind === 'user' || s.kind === 'recovery') && Boolean(s.sealed.keyring));
}

/** Seal the data key (and the keyring, for a slot that signs) to a v2 slot. */
export function sealForSlot<S extends { publicKey: string; sealed: { dataKey: string } }>(
  sodium: Sodium,
  slot: S,
  dataKey: Uint8Array,
  keyring: Keyring | null,
): S {
  const sealed = { dataKey: sealTo(sodium, slot.publicKey, dataKey), ...(keyring ? { keyring: sealKeyring(sodium, slot.publicKey, keyring) } : {}) };
  return { ...slot, sealed };
}

/**
 * After a role or user change: the keyring sealed to exactly the users whose
 * roles now sign (a narrowed role loses it at once; a widened one gets it
 * from the holder making the change, or at a holder's next unlock), and
 * dropped from this session if the signed-in user's own role no longer signs.
 */
export function syncKeyring(vault: { dir: string; db: Db; sodium: Sodium; keyring: Keyring | null; user: { id: number } }): void {
  const file = readSlotFile(vault.dir);
  const next = resealKeyring(vault.sodium, file, entitledSlotIds(vault.db), vault.keyring);
  if (JSON.stringify(next) !== JSON.stringify(file)) writeSlotFile(vault.dir, next);
  const me = userById(vault.db, vault.user.id);
  if (vault.keyring && (!me || me.disabled || !roleSigns(vault.db, me.role))) {
    wipeKeyring(vault.sodium, vault.keyring);
    vault.keyring = null;
  }
}
