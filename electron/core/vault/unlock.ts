import { rmSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { loadSodium, wipe, type Sodium } from '../crypto/sodium';
import type { Db } from '../db/database';
import { openRecordedDb } from './upgrade-marker';
import {
  entitledSlotIds, roleSigns, keyringSealedAnywhere, legacyKeyringFromDb, openKeyring, resealKeyring, sameSigner,
  sealForSlot, signerOf, wipeKeyring, type Keyring,
} from './keyring';
import { dropLegacyKeyring, legacyKeyringInDb } from './legacy-keyring-store';
import {
  KDF_FLOOR, candidateSlots, kdfFloorFor, readSlotFile, recoverySlotOf, replaceSlot, slotById, writeSlotFile,
  type KdfParams, type Signer, type Slot, type SlotFile, type VaultCipher,
} from './keyslots';
import { lockVault, recordFailure, requireAcceptablePassphrase, requireNoDelay, type Clock, type OpenVault } from './open-vault';
import { parseRecoveryKey } from './recovery-key';
import { finalizeRotation, recoveryKeyToAcknowledge, rekeyPath, rotateDataKey } from './rotation';
import {
  makeRecoverySlot, makeUserSlot, openLegacyRecoverySlot, openLegacyUserSlot, openRecoverySlotPair, openSealed, openUserSlotPair, type SlotKeyPair,
} from './slot-crypto';
import { migrateSchema } from './migrations';
import { rebuildPendingSearch, type RebuildProgress } from '../clients/search-rebuild';
import { signTreeHead } from './tree-head';
import { allUsers, bindUserSlot, recordUserUnlock, userByName, userBySlotId, type UserRow } from '../users/store';

/** A slot that opened: its key pair (v2) and the keys it yields, current first, then a rotation's pending one. */
interface OpenedSlot {
  slot: Slot;
  pair: SlotKeyPair | null;
  keys: Uint8Array[];
}

function requireSigner(file: SlotFile): Signer {
  if (!file.signer) throw new AppError('SLOT_TAMPERED', 'The key slot file is malformed');
  return file.signer;
}

function keysFrom(sodium: Sodium, slot: Slot, pair: SlotKeyPair): Uint8Array[] {
  if (slot.kind !== 'user' && slot.kind !== 'recovery') return [];
  return [openSealed(sodium, slot.sealed.dataKey, pair), openSealed(sodium, slot.sealed.pendingDataKey, pair)].filter((k): k is Uint8Array => k !== null);
}

async function openWithPassphrase(sodium: Sodium, file: SlotFile, userName: string, passphrase: string, floor: KdfParams): Promise<OpenedSlot | null> {
  // Old vaults may hold two names that fold alike: each candidate is tried, and the one that opens decides who this is.
  for (const slot of candidateSlots(file, userName)) {
    if (slot.kind === 'legacy-user') {
      const key = await openLegacyUserSlot(sodium, file, slot, passphrase, floor);
      if (key) return { slot, pair: null, keys: [key] };
    } else {
      const pair = await openUserSlotPair(sodium, file, requireSigner(file), slot, passphrase, floor);
      if (pair) return { slot, pair, keys: keysFrom(sodium, slot, pair) };
    }
  }
  return null;
}

function openWithRecoveryKey(sodium: Sodium, file: SlotFile, recovery: Uint8Array): OpenedSlot | null {
  const slot = recoverySlotOf(file);
  if (!slot) return null;
  if (slot.kind === 'legacy-recovery') {
    const key = openLegacyRecoverySlot(sodium, file, slot, recovery);
    return key ? { slot, pair: null, keys: [key] } : null;
  }
  const pair = openRecoverySlotPair(sodium, file, requireSigner(file), slot, recovery);
  return pair ? { slot, pair, keys: keysFrom(sodium, slot, pair) } : null;
}

/**
 * The database with whichever of the slot's keys opens it; which one tells how far a rotation got. Each key
 * is tried with the recorded cipher, and an interrupted cipher upgrade is finished on the way (upgrade-marker.ts).
 */
function openDatabase(dir: string, file: SlotFile, opened: OpenedSlot, sodium: Sodium): { db: Db; dataKey: Uint8Array; pending: boolean; cipher: VaultCipher } {
  for (const [i, key] of opened.keys.entries()) {
    try {
      const { db, cipher } = openRecordedDb(dir, file, key);
      opened.keys.filter((_, j) => j !== i).forEach((k) => wipe(sodium, k));
      return { db, dataKey: key, pending: i > 0, cipher };
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'BAD_CREDENTIALS')) throw err;
    }
  }
  opened.keys.forEach((k) => wipe(sodium, k));
  throw new AppError('VAULT_CORRUPT', 'The key slot opened but the database did not: the vault is damaged');
}

/**
 * Version 1 → 2 for what this unlock can upgrade: the vault's public keys go
 * into the file (from the keyring the database held), and the slot that
 * opened (a passphrase's, or the recovery key's) gets its own key pair.
 * Returns the keyring the database held, if any (to move it out).
 */
async function upgradeOpenedSlot(
  vault: OpenVault, file: SlotFile, opened: OpenedSlot, secret: { passphrase?: string; recovery?: Uint8Array }, now: Clock,
): Promise<{ file: SlotFile; legacyKeyring: Keyring | null }> {
  const { sodium, db } = vault;
  const legacyKeyring = !file.signer || legacyKeyringInDb(db) ? legacyKeyringFromDb(db, now()) : null;
  if (legacyKeyring && file.signer && !sameSigner(file.signer, signerOf(legacyKeyring))) {
    throw new AppError('SLOT_TAMPERED', 'The key slot file does not match this vault\'s signing keys');
  }
  const signer = file.signer ?? signerOf(legacyKeyring!);
  let next: SlotFile = { ...file, signer };
  vault.signer = signer;
  if (opened.slot.kind === 'legacy-user' && secret.passphrase) {
    const cost = { opsLimit: Math.max(opened.slot.kdf.opsLimit, vault.kdf.opsLimit), memLimitBytes: Math.max(opened.slot.kdf.memLimitBytes, vault.kdf.memLimitBytes) };
    const made = await makeUserSlot(sodium, next, signer, { userName: vault.user.name, passphrase: secret.passphrase, id: opened.slot.id, kdf: cost });
    next = replaceSlot(next, opened.slot.id, sealForSlot(sodium, made.slot, vault.dataKey, null));
    vault.pair = made.pair;
  } else if (opened.slot.kind === 'legacy-recovery' && secret.recovery) {
    const made = makeRecoverySlot(sodium, next, signer, secret.recovery);
    next = replaceSlot(next, opened.slot.id, sealForSlot(sodium, made.slot, vault.dataKey, null));
    vault.pair = made.pair;
  }
  return { file: next, legacyKeyring };
}

/** User slots bound to no enabled user: left by a disable (or an add) cut short. */
function unboundSlots(db: Db, file: SlotFile): number {
  const bound = new Set(allUsers(db).filter((u) => !u.disabled && u.slot_id).map((u) => u.slot_id));
  return file.slots.filter((s) => (s.kind === 'user' || s.kind === 'legacy-user') && !bound.has(s.id)).length;
}

async function finishUnlock(args: {
  dir: string;
  file: SlotFile;
  opened: OpenedSlot;
  sodium: Sodium;
  now: Clock;
  kdf: KdfParams;
  method: string;
  bind: (db: Db) => UserRow | undefined;
  secret: { passphrase?: string; recovery?: Uint8Array };
  progress?: RebuildProgress;
}): Promise<OpenVault> {
  const { dir, opened, sodium, now } = args;
  let file = args.file;
  const { db, dataKey, pending, cipher } = openDatabase(dir, file, opened, sodium);
  file = { ...file, cipher };
  let vault: OpenVault | null = null;
  let legacyKeyring: Keyring | null = null;
  try {
    migrateSchema(db);
    const user = args.bind(db);
    if (!user) throw new AppError('BAD_CREDENTIALS', 'Wrong user name or passphrase');
    if (user.disabled) throw new AppError('USER_DISABLED', 'This user has been disabled');
    // A search index a migration asked for (or a rebuild cut short), with progress for the unlock screen.
    await rebuildPendingSearch(db, args.progress);
    vault = {
      dir, db, dataKey, sodium, kdf: args.kdf, user, slotId: opened.slot.id, pair: opened.pair, keyring: null,
      signer: file.signer ?? { keyId: '', signingPublic: '', agePublic: '' }, cipher: file.cipher,
    };
    if (opened.pair && (opened.slot.kind === 'user' || opened.slot.kind === 'recovery')) {
      vault.keyring = openKeyring(sodium, opened.slot.sealed.keyring, opened.pair, requireSigner(file));
    }
    if (!file.signer || opened.slot.kind === 'legacy-user' || opened.slot.kind === 'legacy-recovery' || legacyKeyringInDb(db)) {
      ({ file, legacyKeyring } = await upgradeOpenedSlot(vault, file, opened, args.secret, now));
    }
    const entitled = entitledSlotIds(db);
    if (!vault.keyring && legacyKeyring && entitled.has(vault.slotId)) vault.keyring = legacyKeyring;
    const failures = file.failedUnlocks;
    db.transaction(() => {
      // Failed attempts happen while the vault is closed; they enter the log at the next unlock.
      for (const f of failures) {
        appendLog(db, { actor: '(unknown)', action: 'vault.unlock-failed', target: f.slot === user.slot_id ? user.name : '', details: { at: f.at } }, now());
      }
      recordUserUnlock(db, user.id, now().toISOString());
      appendLog(db, { actor: user.name, action: 'vault.unlock', target: user.name, details: { method: args.method } }, now());
    }).immediate();
    vault.previousUnlockAt = user.last_unlock_at;
    vault.user = { ...user, last_unlock_at: now().toISOString() };
    file = resealKeyring(sodium, { ...file, failedUnlocks: [] }, entitled, vault.keyring ?? legacyKeyring);
    if (file.rotation && pending) file = finalizeRotation(file);
    writeSlotFile(dir, file);
    // The database's copy of the keyring goes once the slot file holds it (written just above).
    if (keyringSealedAnywhere(file) && legacyKeyringInDb(db)) db.transaction(() => dropLegacyKeyring(db)).immediate();
    if (file.rotation || unboundSlots(db, file) > 0) {
      // A rotation was cut short before its new database was in place (the old key opened it), or a disabled
      // user's slot is still in the file: run it (again). Whoever unlocks can: it needs no one's passphrase.
      rmSync(rekeyPath(dir), { force: true });
      await rotateDataKey(vault, { reason: file.rotation ? `resumed: ${file.rotation.reason}` : 'slot of a disabled user', now });
    }
    // A new recovery key a rotation made (this one, or one cut short earlier) waits for an administrator to write it down.
    vault.recoveryKeyToAcknowledge = recoveryKeyToAcknowledge(vault);
    // A signed head at every unlock by a holder; the first after an upgrade with the keyring the database held.
    signTreeHead({ db: vault.db, dir, keyring: vault.keyring ?? (readSlotFile(dir).treeHead ? null : legacyKeyring) }, 'unlock', now());
    if (legacyKeyring && legacyKeyring !== vault.keyring) wipeKeyring(sodium, legacyKeyring);
    return vault;
  } catch (err) {
    (vault?.db ?? db).close();
    wipe(sodium, vault?.dataKey ?? dataKey);
    wipe(sodium, vault?.pair?.secretKey ?? opened.pair?.secretKey);
    wipeKeyring(sodium, vault?.keyring ?? null);
    if (legacyKeyring !== vault?.keyring) wipeKeyring(sodium, legacyKeyring);
    throw err;
  }
}

export async function unlockVault(args: {
  dir: string;
  userName: string;
  passphrase: string;
  now: Clock;
  method?: string;
  kdf?: KdfParams;
  progress?: RebuildProgress;
}): Promise<OpenVault> {
  const { dir, userName, passphrase, now } = args;
  const sodium = await loadSodium();
  const file = readSlotFile(dir);
  requireNoDelay(file, now());
  const opened = await openWithPassphrase(sodium, file, userName, passphrase, kdfFloorFor(args.kdf));
  if (!opened) {
    recordFailure(dir, file, candidateSlots(file, userName)[0]?.id ?? null, now());
    throw new AppError('BAD_CREDENTIALS', 'Wrong user name or passphrase');
  }
  return finishUnlock({
    dir, file, opened, sodium, now, kdf: args.kdf ?? KDF_FLOOR, method: args.method ?? 'passphrase',
    // Bound by slot id: the slot that opened names the user, never the typed name (`élise` cannot become `Élise`).
    bind: (db) => userBySlotId(db, opened.slot.id),
    secret: { passphrase },
    progress: args.progress,
  });
}

/** Opens with the recovery key alone; the user must set a new passphrase in the same step. */
export async function recoverVault(args: {
  dir: string;
  userName: string;
  recoveryKey: string;
  newPassphrase: string;
  now: Clock;
  kdf?: KdfParams;
  progress?: RebuildProgress;
}): Promise<OpenVault> {
  const { dir, userName, now } = args;
  requireAcceptablePassphrase(args.newPassphrase);
  const sodium = await loadSodium();
  const file = readSlotFile(dir);
  requireNoDelay(file, now());
  const recovery = parseRecoveryKey(args.recoveryKey);
  if (!recovery) throw new AppError('BAD_RECOVERY_KEY', 'This is not a valid recovery key (a group is mistyped)');
  try {
    const opened = openWithRecoveryKey(sodium, file, recovery);
    if (!opened) {
      recordFailure(dir, file, 'recovery', now());
      throw new AppError('BAD_RECOVERY_KEY', 'This recovery key does not belong to this vault');
    }
    const kdf = args.kdf ?? KDF_FLOOR;
    const vault = await finishUnlock({
      dir, file, opened, sodium, now, kdf, method: 'recovery-key', bind: (db) => userByName(db, userName), secret: { recovery }, progress: args.progress,
    });
    try {
      return await giveNewSlot(vault, args.newPassphrase, now);
    } catch (err) {
      lockVault(vault, 'recover-failed', now);
      throw err;
    }
  } finally {
    wipe(sodium, recovery);
  }
}

/** After a recovery-key unlock: the named user gets a fresh slot under the new passphrase; the session continues as them. */
async function giveNewSlot(vault: OpenVault, newPassphrase: string, now: Clock): Promise<OpenVault> {
  const { sodium } = vault;
  const current = readSlotFile(vault.dir);
  const made = await makeUserSlot(sodium, current, vault.signer, { userName: vault.user.name, passphrase: newPassphrase, kdf: vault.kdf });
  const signs = roleSigns(vault.db, vault.user.role);
  const slot = sealForSlot(sodium, made.slot, vault.dataKey, signs ? vault.keyring : null);
  writeSlotFile(vault.dir, replaceSlot(current, vault.user.slot_id, slot));
  vault.db.transaction(() => {
    bindUserSlot(vault.db, vault.user.id, slot.id);
    appendLog(vault.db, { actor: vault.user.name, action: 'user.passphrase-reset', target: vault.user.name, details: { via: 'recovery-key' } }, now());
  }).immediate();
  wipe(sodium, vault.pair?.secretKey);
  vault.user = { ...vault.user, slot_id: slot.id };
  vault.slotId = slot.id;
  vault.pair = made.pair;
  if (!signs) {
    wipeKeyring(sodium, vault.keyring);
    vault.keyring = null;
  }
  return vault;
}

/** Whether the passphrase opens the given slot (re-authentication: starting or ending a data-room session). */
export async function passphraseOpensSlot(vault: OpenVault, slotId: string, passphrase: string): Promise<boolean> {
  const file = readSlotFile(vault.dir);
  const slot = slotById(file, slotId);
  if (slot?.kind === 'legacy-user') {
    const key = await openLegacyUserSlot(vault.sodium, file, slot, passphrase, kdfFloorFor(vault.kdf));
    wipe(vault.sodium, key);
    return key !== null;
  }
  if (slot?.kind !== 'user') return false;
  const pair = await openUserSlotPair(vault.sodium, file, requireSigner(file), slot, passphrase, kdfFloorFor(vault.kdf));
  wipe(vault.sodium, pair?.secretKey);
  return pair !== null;
}

/** The data key a credential opens in a slot file (a backup's), without a database: null when it opens nothing. */
export async function dataKeyFor(
  file: SlotFile,
  credential: { userName: string; passphrase: string } | { recovery: Uint8Array },
  kdf?: KdfParams,
): Promise<Uint8Array | null> {
  const sodium = await loadSodium();
  const opened = 'recovery' in credential
    ? openWithRecoveryKey(sodium, file, credential.recovery)
    : await openWithPassphrase(sodium, file, credential.userName, credential.passphrase, kdfFloorFor(kdf));
  if (!opened) return null;
  wipe(sodium, opened.pair?.secretKey);
  opened.keys.slice(1).forEach((k) => wipe(sodium, k));
  return opened.keys[0] ?? null;
}
