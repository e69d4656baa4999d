import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendLog } from '../audit/store';
import { wipe } from '../crypto/sodium';
import { fsyncDir } from '../fs-atomic';
import { dbPath, openEncryptedDb, rekeyDatabaseFile } from '../db/database';
import { sealKeyring } from './keyring';
import { DATA_KEY_BYTES, readSlotFile, replaceSlot, writeSlotFile, type Slot, type SlotFile } from './keyslots';
import type { Clock, OpenVault } from './open-vault';
import { formatRecoveryKey } from './recovery-key';
import { makeRecoverySlot, sealTo } from './slot-crypto';
import { allUsers, userBySlotId } from '../users/store';

/**
 * Data-key rotation (disabling a user, removing a slot): the whole database
 * is re-encrypted under a new random key, sealed to every remaining slot's
 * public key, so a saved copy of an old slot (or the old key itself) opens
 * nothing written from now on. No passphrase is needed for that.
 *
 * Crash safety — either key opens whatever is on disk at every instant:
 *  1. the new key is sealed to every remaining slot as `pendingDataKey` and
 *     the file is marked `rotation` (atomic write); vault.db is untouched;
 *  2. the log is checkpointed into vault.db and the connection closed;
 *  3. vault.db is copied to vault.db.rekey, which is rekeyed (out of WAL, as
 *     SQLite3MultipleCiphers requires), reopened with the new key and fully
 *     integrity-checked — the original is untouched throughout;
 *  4. the checked copy is renamed over vault.db (atomic): from here the
 *     pending key opens it;
 *  5. the pending key becomes the slots' data key (atomic write).
 * Unlock tries the current key, then the pending one: after a kill before 4
 * the old database opens and the rotation starts again; after 4 the pending
 * key opens the new one and step 5 is completed.
 */
export type RotationStep = 'pending-sealed' | 'db-closed' | 'copied' | 'rekeyed' | 'renamed' | 'finalized';

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
  /** Called after each step (the kill tests stop the process there). */
  onStep?: (step: RotationStep) => void;
}

export const rekeyPath = (dir: string): string => `${dbPath(dir)}.rekey`;

const CHUNK = 4 * 1024 * 1024;

function copyWithProgress(from: string, to: string, progress: (done: number, total: number) => void): number {
  const src = openSync(from, 'r');
  const dst = openSync(to, 'w', 0o600);
  try {
    const total = fstatSync(src).size;
    const buf = Buffer.allocUnsafe(CHUNK);
    let done = 0;
    while (done < total) {
      const n = readSync(src, buf, 0, Math.min(CHUNK, total - done), done);
      if (n <= 0) break;
      for (let at = 0; at < n;) at += writeSync(dst, buf, at, n - at);
      done += n;
      progress(done, total * 2);
    }
    fsyncSync(dst);
    return total;
  } finally {
    closeSync(src);
    closeSync(dst);
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

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

export function rotateDataKey(vault: OpenVault, opts: RotationOptions): RotationResult {
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
  vault.db.close();
  step('db-closed');

  const db = dbPath(dir);
  const rekey = rekeyPath(dir);
  try {
    const bytes = copyWithProgress(db, rekey, (d, t) => opts.progress?.(d, t, 'bytes'));
    step('copied');
    rekeyDatabaseFile(rekey, vault.dataKey, newKey, vault.cipher);
    fsyncFile(rekey);
    opts.progress?.(bytes * 2, bytes * 2, 'bytes');
    step('rekeyed');
    // The old database's WAL (empty after the checkpoint) must never be replayed onto the new file.
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
