import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, mkdir, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BackupResult, Credential } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/access-log';
import { loadSodium, wipe } from '../crypto/sodium';
import { fsyncDir, tempSibling } from '../fs-atomic';
import type { JobContext } from '../jobs/jobs';
import { dbPath, openEncryptedDb } from './database';
import { findUserSlot, openRecoverySlot, openUserSlot, parseSlotFile, readSlotFile, writeSlotFile, type SlotFile } from './keyslots';
import { parseRecoveryKey } from './recovery-key';
import type { Clock, OpenVault } from './vault';

/**
 * Backup file (`.hvbackup`): one file, still encrypted, restorable only with a
 * passphrase of a user in it or the recovery key.
 *   "HVBACKUP1\n" | u32be header length | header JSON | database bytes | SHA-256 of all before
 * The header carries the key slot file (no secrets in clear) and the database
 * size. The database bytes are the encrypted vault.db itself, copied after a
 * TRUNCATE checkpoint while a second connection holds a read snapshot, so the
 * file cannot change under the copy even while the app keeps writing (to the WAL).
 */
const MAGIC = Buffer.from('HVBACKUP1\n', 'ascii');
const CHUNK = 4 * 1024 * 1024;

interface BackupHeader {
  format: 'handover-vault-backup';
  version: 1;
  createdAt: string;
  vaultId: string;
  dbBytes: number;
  slots: SlotFile;
}

export async function backupVault(vault: OpenVault, out: string, job: JobContext, now: Clock): Promise<BackupResult> {
  const slots = readSlotFile(vault.dir);
  vault.db.pragma('wal_checkpoint(TRUNCATE)');
  const snapshot = openEncryptedDb(dbPath(vault.dir), vault.dataKey, { create: false });
  const tmp = tempSibling(out);
  const hash = createHash('sha256');
  let written = 0;
  try {
    snapshot.prepare('BEGIN').run();
    snapshot.prepare('SELECT count(*) FROM sqlite_master').get();
    const dbBytes = (await stat(dbPath(vault.dir))).size;
    const header: BackupHeader = {
      format: 'handover-vault-backup',
      version: 1,
      createdAt: now().toISOString(),
      vaultId: slots.vaultId,
      dbBytes,
      slots,
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(headerBytes.length);
    const fh = await open(tmp, 'wx', 0o600);
    try {
      const put = async (buf: Buffer) => {
        hash.update(buf);
        await fh.write(buf);
        written += buf.length;
      };
      await put(MAGIC);
      await put(len);
      await put(headerBytes);
      let copied = 0;
      for await (const chunk of createReadStream(dbPath(vault.dir), { highWaterMark: CHUNK, end: dbBytes - 1 })) {
        job.throwIfCancelled();
        await put(chunk as Buffer);
        copied += (chunk as Buffer).length;
        job.progress(copied, dbBytes);
      }
      if (copied !== dbBytes) throw new AppError('INTERNAL', 'The database changed size during backup');
      const digest = hash.digest();
      await fh.write(digest);
      written += digest.length;
      await fh.sync();
    } finally {
      await fh.close();
    }
    snapshot.prepare('COMMIT').run();
    vault.db.transaction(() => {
      appendLog(vault.db, { actor: vault.user.name, action: 'vault.backup', target: basename(out), details: { bytes: written } }, now());
    }).immediate();
    await rename(tmp, out);
    fsyncDir(dirname(out));
    const sha256 = createHash('sha256');
    for await (const chunk of createReadStream(out)) sha256.update(chunk as Buffer);
    return { path: out, bytes: written, sha256: sha256.digest('hex') };
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    snapshot.close();
  }
}

async function readHeader(from: string): Promise<{ header: BackupHeader; dataOffset: number; size: number }> {
  const corrupt = (why: string) => new AppError('BACKUP_CORRUPT', `This is not a valid vault backup: ${why}`);
  const size = (await stat(from)).size;
  const fh = await open(from, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    await fh.read(head, 0, head.length, 0);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('unknown file type');
    const headerLen = head.readUInt32BE(MAGIC.length);
    if (headerLen > 64 * 1024 * 1024 || MAGIC.length + 4 + headerLen + 32 > size) throw corrupt('truncated');
    const raw = Buffer.alloc(headerLen);
    await fh.read(raw, 0, headerLen, head.length);
    let header: BackupHeader;
    try {
      header = JSON.parse(raw.toString('utf8')) as BackupHeader;
    } catch {
      throw corrupt('unreadable header');
    }
    if (header.format !== 'handover-vault-backup') throw corrupt('unknown format');
    if (header.version !== 1) throw new AppError('VAULT_FROM_FUTURE', 'This backup was made by a newer version of the app');
    header.slots = parseSlotFile(JSON.stringify(header.slots));
    const dataOffset = head.length + headerLen;
    if (dataOffset + header.dbBytes + 32 !== size) throw corrupt('truncated');
    return { header, dataOffset, size };
  } finally {
    await fh.close();
  }
}

/**
 * Restore into a new folder. Order matters: check the whole file's hash, then
 * the credential against the backup's own slots, then write to a hidden temp
 * folder beside the target, prove the database opens and passes an integrity
 * check, and only then rename the folder into place. Any failure or cancel
 * leaves nothing behind.
 */
export async function restoreVault(args: {
  from: string;
  to: string;
  credential: Credential;
  job: JobContext;
  now: Clock;
}): Promise<void> {
  const { from, to, credential, job } = args;
  const { header, dataOffset, size } = await readHeader(from);
  if ((await readdir(to).catch(() => [])).length > 0) {
    throw new AppError('TARGET_NOT_EMPTY', `The folder ${to} is not empty`, { dir: to });
  }
  // Phase 1 (first half of the bar): the trailing SHA-256 over everything.
  const hash = createHash('sha256');
  let seen = 0;
  for await (const chunk of createReadStream(from, { end: size - 33, highWaterMark: CHUNK })) {
    job.throwIfCancelled();
    hash.update(chunk as Buffer);
    seen += (chunk as Buffer).length;
    job.progress(seen, size * 2);
  }
  const trailer = Buffer.alloc(32);
  const th = await open(from, 'r');
  await th.read(trailer, 0, 32, size - 32);
  await th.close();
  if (!hash.digest().equals(trailer)) throw new AppError('BACKUP_CORRUPT', 'This backup is damaged: its checksum does not match');

  const sodium = await loadSodium();
  let dataKey: Uint8Array | null = null;
  if (credential.kind === 'passphrase') {
    const slot = findUserSlot(header.slots, credential.userName);
    dataKey = slot ? openUserSlot(sodium, header.slots, slot, credential.passphrase) : null;
    if (!dataKey) throw new AppError('BAD_CREDENTIALS', 'Wrong user name or passphrase for this backup');
  } else {
    const key = parseRecoveryKey(credential.recoveryKey);
    if (!key) throw new AppError('BAD_RECOVERY_KEY', 'This is not a valid recovery key (a group is mistyped)');
    dataKey = openRecoverySlot(sodium, header.slots, key);
    wipe(sodium, key);
    if (!dataKey) throw new AppError('BAD_RECOVERY_KEY', 'This recovery key does not belong to this backup');
  }

  const staging = tempSibling(to);
  await mkdir(staging, { mode: 0o700 });
  try {
    const fh = await open(join(staging, 'vault.db'), 'wx', 0o600);
    try {
      let copied = 0;
      const stream = createReadStream(from, { start: dataOffset, end: dataOffset + header.dbBytes - 1, highWaterMark: CHUNK });
      for await (const chunk of stream) {
        job.throwIfCancelled();
        await fh.write(chunk as Buffer);
        copied += (chunk as Buffer).length;
        job.progress(size + copied, size * 2);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    writeSlotFile(staging, { ...header.slots, failedUnlocks: [] });
    const db = openEncryptedDb(join(staging, 'vault.db'), dataKey, { create: false });
    try {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new AppError('BACKUP_CORRUPT', 'The restored database failed its integrity check');
      const actor = credential.kind === 'passphrase' ? credential.userName : '(recovery key)';
      db.transaction(() => {
        appendLog(db, { actor, action: 'vault.restore', target: basename(from), details: { backupCreatedAt: header.createdAt, to } }, args.now());
      }).immediate();
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    job.throwIfCancelled();
    await rm(to, { recursive: true, force: true }); // only ever an empty folder here (checked above)
    await mkdir(dirname(to), { recursive: true, mode: 0o700 });
    await rename(staging, to);
    fsyncDir(dirname(to));
    job.progress(size * 2, size * 2);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  } finally {
    wipe(sodium, dataKey);
  }
}
