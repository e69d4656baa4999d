import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { wipe } from '../crypto/sodium';
import { fsyncDir } from '../fs-atomic';
import { dbPath, openEncryptedDb } from '../db/database';
import { RewriteFailed, rewriteDatabaseFile, totalChanges } from '../db/rewrite';
import { sealKeyring } from './keyring';
import { DATA_KEY_BYTES, readSlotFile, replaceSlot, writeSlotFile, type Slot, type SlotFile } from './keyslots';
import type { Clock, OpenVault } from './open-vault';
import { formatRecoveryKey } from './recovery-key';
import { makeRecoverySlot, openSealed, sealTo } from './slot-crypto';
import { allUsers, userBySlotId } from '../users/store';
import { roleByName, rolePermissions } from '../roles/store';

/**
 * Data-key rotation (disabling a user, removing a slot): the whole database
 * is re-encrypted under a new random key, sealed to every remaining slot's
 * public key, so a saved copy of an old slot (or the old key itself) opens
 * nothing written from now on. No passphrase is needed for that.
 *
 * Crash safety — either key opens whatever is on disk at every instant:
 *  1. the new key is sealed to every remaining slot as `pendingDataKey` and
 *     the file is marked `rotation` (atomic write); vault.db is untouched;
 *  2. a worker thread writes vault.db.rekey under the new key from a snapshot
 *     of vault.db and checks it from scratch with that key (db/rewrite.ts: the
 *     window stays responsive and gets page-count progress; other calls wait,
 *     the rotation is an exclusive job; a cancel or a lock stops it here and
 *     the next unlock starts it again) — the original is untouched throughout;
 *  3. the connection is closed (it wrote nothing since the snapshot);
 *  4. the checked file is renamed over vault.db (atomic): from here the
 *     pending key opens it;
 *  5. the pending key becomes the slots' data key (atomic write).
 * Unlock tries the current key, then the pending one: after a kill before 4
 * the old database opens and the rotation starts again; after 4 the pending
 * key opens the new one and step 5 is completed.
 *
 * A rotation that must replace a recovery slot it cannot carry (version 1)
 * makes a new recovery key and seals it, in the same write as step 1, to every
 * administrator's slot (`sealed.recoveryKey`): whoever of them unlocks next is
 * shown it until one acknowledges it — a rotation cut short and resumed by
 * someone else loses nothing.
 */
export type RotationStep = 'pending-sealed' | 'rewriting' | 'rewritten' | 'db-closed' | 'renamed' | 'finalized';

export interface RotationResult {
  /** Users whose version 1 slot could not be carried over: each needs a new passphrase from an administrator. */
  lostUsers: string[];
  /** When the old recovery slot (version 1) could not be carried over: the new recovery key, shown once. */
  newRecoveryKey: string | null;
}

export interface RotationOptions {
  reason: string;
  now: Clock;
  progress?: (done: number, total: number, unit: 'bytes') => void;
  /** Throws to stop the rotation while it rewrites (a cancelled job, a lock); the next unlock starts it again. */
  throwIfCancelled?: () => void;
  /** Called after each step (the kill tests stop the process there). */
  onStep?: (step: RotationStep) => void;
}

export const rekeyPath = (dir: string): string => `${dbPath(dir)}.rekey`;

/** What a rotation cannot carry: version 1 slots, and slots no longer bound to an enabled user. */
function keepable(vault: OpenVault, file: SlotFile): { file: SlotFile; lostUsers: string[]; recoveryLost: boolean } {
  const bound = new Set(allUsers(vault.db).filter((u) => !u.disabled && u.slot_id).map((u) => u.slot_id!));
  const lostUsers = file.slots
    .filter((s) => s.kind === 'legacy-user')
    .map((s) => userBySlotId(vault.db, s.id))
    .filter((u) => u && !u.disabled)
    .map((u) => u!.name);
  const slots = file.slots.filter((s) => s.kind === 'recovery' || (s.kind === 'user' && bound.has(s.id)));
  return { file: { ...file, slots }, lostUsers, recoveryLost: !slots.some((s) => s.kind === 'recovery') };
}

/** Slots of enabled users who manage users (administrators): a rotation's new recovery key is sealed to them. */
function administratorSlotIds(vault: OpenVault): Set<string> {
  return new Set(allUsers(vault.db)
    .filter((u) => !u.disabled && u.slot_id && rolePermissions(roleByName(vault.db, u.role)).includes('users.manage'))
    .map((u) => u.slot_id!));
}

/** Step 5: the pending key becomes every slot's data key. */
export function finalizeRotation(file: SlotFile): SlotFile {
  const slots = file.slots.flatMap((s): Slot[] => {
    if (s.kind !== 'user' && s.kind !== 'recovery') return [];
    if (!s.sealed.pendingDataKey) return [];
    const { pendingDataKey, ...rest } = s.sealed;
    return [{ ...s, sealed: { ...rest, dataKey: pendingDataKey } }];
  });
  return { ...file, slots, rotation: null };
}

export async function rotateDataKey(vault: OpenVault, opts: RotationOptions): Promise<RotationResult> {
  const { sodium, dir } = vault;
  const step = opts.onStep ?? (() => {});
  const kept = keepable(vault, readSlotFile(dir));
  let file = kept.file;
  let newRecoveryKey: string | null = null;
  if (kept.recoveryLost) {
    const recovery = new Uint8Array(randomBytes(32));
    const { slot, pair } = makeRecoverySlot(sodium, file, vault.signer, recovery);
    wipe(sodium, pair.secretKey);
    const sealed = { dataKey: sealTo(sodium, slot.publicKey, vault.dataKey), ...(vault.keyring ? { keyring: sealKeyring(sodium, slot.publicKey, vault.keyring) } : {}) };
    file = replaceSlot(file, null, { ...slot, sealed });
    newRecoveryKey = formatRecoveryKey(recovery);
    wipe(sodium, recovery);
    const admins = administratorSlotIds(vault);
    const text = new TextEncoder().encode(newRecoveryKey);
    file = { ...file, slots: file.slots.map((s) => (s.kind === 'user' && admins.has(s.id) ? { ...s, sealed: { ...s.sealed, recoveryKey: sealTo(sodium, s.publicKey, text) } } : s)) };
  }
  const newKey = new Uint8Array(randomBytes(DATA_KEY_BYTES));
  file = {
    ...file,
    rotation: { startedAt: opts.now().toISOString(), reason: opts.reason.slice(0, 200) },
    slots: file.slots.map((s) => (s.kind === 'user' || s.kind === 'recovery' ? { ...s, sealed: { ...s.sealed, pendingDataKey: sealTo(sodium, s.publicKey, newKey) } } : s)),
  };
  writeSlotFile(dir, file);
  step('pending-sealed');

  vault.db.transaction(() => {
    appendLog(vault.db, {
      actor: vault.user.name,
      action: 'vault.rotate-key',
      target: 'vault',
      details: { reason: opts.reason, slots: file.slots.length, lostUsers: kept.lostUsers, newRecoveryKey: newRecoveryKey !== null },
    }, opts.now());
  }).immediate();
  vault.db.pragma('wal_checkpoint(TRUNCATE)');

  const db = dbPath(dir);
  const rekey = rekeyPath(dir);
  const changesBefore = totalChanges(vault.db);
  try {
    await rewriteDatabaseFile(db, rekey, { key: vault.dataKey, cipher: vault.cipher }, { key: newKey, cipher: vault.cipher }, {
      progress: (done, total) => opts.progress?.(done, total, 'bytes'),
      ...(opts.throwIfCancelled ? { throwIfCancelled: opts.throwIfCancelled } : {}),
      onWriting: () => step('rewriting'),
    });
    if (totalChanges(vault.db) !== changesBefore) throw new AppError('INTERNAL', 'The vault changed while it was re-encrypted; nothing was replaced');
  } catch (err) {
    // Cancelled, locked or failed while rewriting: the database was never closed; the rotation stays marked for the next unlock.
    rmSync(rekey, { force: true });
    wipe(sodium, newKey);
    if (err instanceof RewriteFailed) throw new AppError('KEY_ROTATION_FAILED', `The vault could not be re-encrypted under the new key (${err.reason}); it is unchanged`, { reason: err.reason });
    throw err;
  }
  step('rewritten');
  // From here on nothing awaits: no other call, timer or lock runs until the new database is open.
  vault.db.close();
  step('db-closed');
  try {
    // The old database's WAL (empty after the close) must never be replayed onto the new file.
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    renameSync(rekey, db);
    fsyncDir(dirname(db));
    step('renamed');
  } catch (err) {
    rmSync(rekey, { force: true });
    // The rotation stays marked: the next unlock starts it again. Meanwhile the old key still opens the vault.
    vault.db = openEncryptedDb(db, vault.dataKey, { create: false, cipher: vault.cipher });
    wipe(sodium, newKey);
    throw err;
  }

  writeSlotFile(dir, finalizeRotation(readSlotFile(dir)));
  step('finalized');
  vault.db = openEncryptedDb(db, newKey, { create: false, cipher: vault.cipher });
  wipe(sodium, vault.dataKey);
  vault.dataKey = newKey;
  return { lostUsers: kept.lostUsers, newRecoveryKey };
}

/** The new recovery key sealed to the signed-in user's slot by a rotation, if one waits to be acknowledged. */
export function recoveryKeyToAcknowledge(vault: OpenVault): string | null {
  const slot = readSlotFile(vault.dir).slots.find((s) => s.id === vault.slotId);
  if (!slot || slot.kind !== 'user' || !slot.sealed.recoveryKey || !vault.pair) return null;
  const text = openSealed(vault.sodium, slot.sealed.recoveryKey, vault.pair);
  if (!text) return null;
  try {
    return new TextDecoder().decode(text);
  } finally {
    wipe(vault.sodium, text);
  }
}

/** An administrator wrote the new recovery key down: no slot keeps it any more, and the log says who confirmed it. */
export function acknowledgeRecoveryKey(vault: OpenVault, now: Clock): void {
  const file = readSlotFile(vault.dir);
  if (!file.slots.some((s) => (s.kind === 'user' || s.kind === 'recovery') && s.sealed.recoveryKey)) return;
  writeSlotFile(vault.dir, {
    ...file,
    slots: file.slots.map((s): Slot => {
      if ((s.kind !== 'user' && s.kind !== 'recovery') || !s.sealed.recoveryKey) return s;
      const { recoveryKey: _shown, ...sealed } = s.sealed;
      return { ...s, sealed };
    }),
  });
  vault.recoveryKeyToAcknowledge = null;
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'vault.recovery-key-acknowledged', target: 'vault' }, now());
  }).immediate();
}
