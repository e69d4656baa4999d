import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isAcceptablePassphrase } from '../../../shared/passphrase';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/access-log';
import { loadSodium, wipe, type Sodium } from '../crypto/sodium';
import { ensurePrivateDir } from '../fs-atomic';
import { cipherForNewVault, type VaultCipher } from './cipher';
import { dbPath, nativeBindingPath, openEncryptedDb, type Db } from './database';
import {
  DATA_KEY_BYTES,
  KDF_FLOOR,
  findUserSlot,
  makeRecoverySlot,
  makeUserSlot,
  newSlotFile,
  openRecoverySlot,
  openUserSlot,
  readSlotFile,
  replaceSlot,
  slotsPath,
  writeSlotFile,
  type KdfParams,
  type SlotFile,
} from './keyslots';
import { migrate } from './migrations';
import { openRecordedDb } from './upgrade-marker';
import { formatRecoveryKey, parseRecoveryKey } from './recovery-key';
import { userByName, type UserRow } from './users-table';

/** An unlocked vault: the open database, the data key (never leaves the core) and who unlocked it. */
export interface OpenVault {
  dir: string;
  db: Db;
  dataKey: Uint8Array;
  user: UserRow;
  sodium: Sodium;
  /** The page cipher recorded with the slots; every other connection (backup, document reader) uses it too. */
  cipher: VaultCipher;
  /** KDF cost for new slots; tests may only raise it above the floor. */
  kdf: KdfParams;
}

export type Clock = () => Date;

export function vaultExists(dir: string): boolean {
  return existsSync(slotsPath(dir)) && existsSync(dbPath(dir));
}

export function requireAcceptablePassphrase(passphrase: string): void {
  if (!isAcceptablePassphrase(passphrase)) {
    throw new AppError('WEAK_PASSPHRASE', 'The passphrase is too weak: use a longer phrase of several words');
  }
}

/** After five failures in a row each further attempt waits twice as long, up to 5 minutes. */
export function unlockDelaySeconds(file: SlotFile, now: Date): number {
  const failures = file.failedUnlocks.length;
  if (failures < 5) return 0;
  const wait = Math.min(2 ** (failures - 5), 300);
  const last = Date.parse(file.failedUnlocks[failures - 1]!.at);
  return Math.max(0, Math.ceil((last + wait * 1000 - now.getTime()) / 1000));
}

function recordFailure(dir: string, file: SlotFile, slotId: string | null, now: Date): void {
  const failedUnlocks = [...file.failedUnlocks, { at: now.toISOString(), slot: slotId }].slice(-1000);
  writeSlotFile(dir, { ...file, failedUnlocks });
}

export async function createVault(args: {
  dir: string;
  userName: string;
  passphrase: string;
  now: Clock;
  kdf?: KdfParams;
  /** Forces the page cipher; otherwise HANDOVER_VAULT_CIPHER or the self-test decides (cipher.ts). */
  cipher?: VaultCipher;
}): Promise<{ vault: OpenVault; recoveryKey: string }> {
  const { dir, userName, passphrase, now } = args;
  const kdf = args.kdf ?? KDF_FLOOR;
  requireAcceptablePassphrase(passphrase);
  if (existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('vault.'))) {
    throw new AppError('VAULT_EXISTS', `A vault already exists in ${dir}`, { dir });
  }
  ensurePrivateDir(dir);
  const sodium = await loadSodium();
  const dataKey = new Uint8Array(randomBytes(DATA_KEY_BYTES));
  const recovery = new Uint8Array(randomBytes(32));
  const cipher = cipherForNewVault(args.cipher, nativeBindingPath());
  let file = newSlotFile(cipher);
  const userSlot = await makeUserSlot(sodium, file, userName, passphrase, dataKey, kdf);
  file = replaceSlot(file, null, userSlot);
  file = replaceSlot(file, null, makeRecoverySlot(sodium, file, recovery, dataKey));
  const recoveryKey = formatRecoveryKey(recovery);
  wipe(sodium, recovery);

  let db: Db | undefined;
  try {
    db = openEncryptedDb(dbPath(dir), dataKey, { create: true, cipher });
    migrate(db);
    const at = now().toISOString();
    const user = db.transaction(() => {
      const info = db!
        .prepare(`INSERT INTO users (name, role, slot_id, created_at, last_unlock_at) VALUES (?, 'admin', ?, ?, ?)`)
        .run(userName.normalize('NFKC').trim(), userSlot.id, at, at);
      appendLog(db!, { actor: userName, action: 'vault.create', target: file.vaultId, details: { cipher } }, now());
      appendLog(db!, { actor: userName, action: 'user.add', target: userName, details: { role: 'admin' } }, now());
      appendLog(db!, { actor: userName, action: 'vault.unlock', target: userName, details: { method: 'create' } }, now());
      return db!.prepare('SELECT * FROM users WHERE id = ?').get(info.lastInsertRowid) as UserRow;
    }).immediate();
    // The slot file is written last: a vault exists only once both files do.
    writeSlotFile(dir, file);
    return { vault: { dir, db, dataKey, user, sodium, kdf, cipher }, recoveryKey };
  } catch (err) {
    db?.close();
    wipe(sodium, dataKey);
    for (const f of ['vault.db', 'vault.db-wal', 'vault.db-shm', 'vault.slots.json']) rmSync(join(dir, f), { force: true });
    throw err;
  }
}

function finishUnlock(
  dir: string,
  file: SlotFile,
  dataKey: Uint8Array,
  sodium: Sodium,
  userName: string,
  method: string,
  now: Clock,
  kdf: KdfParams,
): OpenVault {
  let db: Db;
  let cipher: VaultCipher;
  try {
    ({ db, cipher } = openRecordedDb(dir, file, dataKey));
  } catch (err) {
    wipe(sodium, dataKey);
    throw err instanceof AppError && err.code === 'BAD_CREDENTIALS'
      ? new AppError('VAULT_CORRUPT', 'The key slot opened but the database did not: the vault is damaged')
      : err;
  }
  try {
    migrate(db);
    const user = userByName(db, userName);
    if (!user) throw new AppError('BAD_CREDENTIALS', 'Wrong user name or passphrase');
    if (user.disabled) throw new AppError('USER_DISABLED', 'This user has been disabled');
    const at = now().toISOString();
    db.transaction(() => {
      // Failed attempts happen while the vault is closed; they enter the log at the next unlock.
      for (const f of file.failedUnlocks) {
        appendLog(db, { actor: '(unknown)', action: 'vault.unlock-failed', target: f.slot === user.slot_id ? user.name : '', details: { at: f.at } }, now());
      }
      db.prepare('UPDATE users SET last_unlock_at = ? WHERE id = ?').run(at, user.id);
      appendLog(db, { actor: user.name, action: 'vault.unlock', target: user.name, details: { method } }, now());
    }).immediate();
    if (file.failedUnlocks.length > 0) writeSlotFile(dir, { ...readSlotFile(dir), failedUnlocks: [] });
    return { dir, db, dataKey, sodium, kdf, cipher, user: { ...user, last_unlock_at: at } };
  } catch (err) {
    db.close();
    wipe(sodium, dataKey);
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
}): Promise<OpenVault> {
  const { dir, userName, passphrase, now } = args;
  const sodium = await loadSodium();
  const file = readSlotFile(dir);
  const wait = unlockDelaySeconds(file, now());
  if (wait > 0) throw new AppError('TOO_MANY_ATTEMPTS', `Too many failed attempts: wait ${wait} s`, { seconds: wait });
  const slot = findUserSlot(file, userName);
  const dataKey = slot ? await openUserSlot(sodium, file, slot, passphrase) : null;
  if (!dataKey) {
    recordFailure(dir, file, slot?.id ?? null, now());
    throw new AppError('BAD_CREDENTIALS', 'Wrong user name or passphrase');
  }
  return finishUnlock(dir, file, dataKey, sodium, userName, args.method ?? 'passphrase', now, args.kdf ?? KDF_FLOOR);
}

/** Opens with the recovery key alone; the user must set a new passphrase in the same step. */
export async function recoverVault(args: {
  dir: string;
  userName: string;
  recoveryKey: string;
  newPassphrase: string;
  now: Clock;
  kdf?: KdfParams;
}): Promise<OpenVault> {
  const { dir, userName, now } = args;
  requireAcceptablePassphrase(args.newPassphrase);
  const sodium = await loadSodium();
  const file = readSlotFile(dir);
  const wait = unlockDelaySeconds(file, now());
  if (wait > 0) throw new AppError('TOO_MANY_ATTEMPTS', `Too many failed attempts: wait ${wait} s`, { seconds: wait });
  const recovery = parseRecoveryKey(args.recoveryKey);
  if (!recovery) throw new AppError('BAD_RECOVERY_KEY', 'This is not a valid recovery key (a group is mistyped)');
  const dataKey = openRecoverySlot(sodium, file, recovery);
  wipe(sodium, recovery);
  if (!dataKey) {
    recordFailure(dir, file, 'recovery', now());
    throw new AppError('BAD_RECOVERY_KEY', 'This recovery key does not belong to this vault');
  }
  const kdf = args.kdf ?? KDF_FLOOR;
  const vault = finishUnlock(dir, file, dataKey, sodium, userName, 'recovery-key', now, kdf);
  try {
    const current = readSlotFile(dir);
    const slot = await makeUserSlot(sodium, current, vault.user.name, args.newPassphrase, dataKey, kdf);
    writeSlotFile(dir, replaceSlot(current, vault.user.slot_id, slot));
    vault.db.transaction(() => {
      vault.db.prepare('UPDATE users SET slot_id = ? WHERE id = ?').run(slot.id, vault.user.id);
      appendLog(vault.db, { actor: vault.user.name, action: 'user.passphrase-reset', target: vault.user.name, details: { via: 'recovery-key' } }, now());
    }).immediate();
    vault.user = { ...vault.user, slot_id: slot.id };
    return vault;
  } catch (err) {
    lockVault(vault, 'recover-failed', now);
    throw err;
  }
}

/** Close the database and wipe the data key. The log records who locked and why. */
export function lockVault(vault: OpenVault, reason: string, now: Clock): void {
  try {
    if (vault.db.open) {
      appendLog(vault.db, { actor: vault.user.name, action: 'vault.lock', target: vault.user.name, details: { reason } }, now());
      vault.db.close();
    }
  } finally {
    wipe(vault.sodium, vault.dataKey);
  }
}
