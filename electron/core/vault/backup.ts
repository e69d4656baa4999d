import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, mkdir, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BackupResult, Credential } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { ParallelSha256 } from '../crypto/hash-worker';
import { loadSodium, wipe } from '../crypto/sodium';
import { fsyncDir, tempSibling, writeAllTo } from '../fs-atomic';
import type { JobContext } from '../jobs/jobs';
import { dbPath, openEncryptedDb } from '../db/database';
import { parseSlotFile, readSlotFile, writeSlotFile, type KdfParams, type SlotFile } from './keyslots';
import { dataKeyFor } from './unlock';
import { parseRecoveryKey } from './recovery-key';
import type { Clock, OpenVault } from './vault';

/**
 * Backup file (`.hvbackup`): one file, still encrypted, restorable only with a
 * passphrase of a user in it or the recovery key.
 *   "HVBACKUP1\n" | u32be header length | header JSON | database bytes
 * The header carries the key slot file (no secrets in clear; it records the
 * database's page cipher, which restore opens it with) and the database size. The database bytes are the encrypted vault.db itself, copied after a
 * TRUNCATE checkpoint while a second connection holds a read snapshot, so the
 * file cannot change under the copy even while the app keeps writing (to the WAL).
 * Integrity: every database page carries its own Poly1305 tag, which restore
 * verifies page by page (a full integrity check) before anything is final; the
 * slots are AEAD-protected; sizes are exact. The SHA-256 of the whole file is
 * computed once while writing and recorded in the access log, so a copy can be
 * checked later with `sha256sum`.
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
  const snapshot = openEncryptedDb(dbPath(vault.dir), vault.dataKey, { create: false, cipher: vault.cipher });
  const tmp = tempSibling(out);
  const hash = new ParallelSha256();
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
    const out_ = await open(tmp, 'wx', 0o600);
    const src = await open(dbPath(vault.dir), 'r');
    try {
      const put = async (buf: Buffer) => {
        await writeAllTo(out_, buf);
        written += buf.length;
        await hash.update(buf);
      };
      await put(Buffer.concat([MAGIC, len, headerBytes]));
      let copied = 0;
      while (copied < dbBytes) {
        job.throwIfCancelled();
        const chunk = Buffer.allocUnsafeSlow(Math.min(CHUNK, dbBytes - copied));
        const { bytesRead } = await src.read(chunk, 0, chunk.length, copied);
        if (bytesRead !== chunk.length) throw new AppError('INTERNAL', 'The database changed size during backup');
        copied += bytesRead;
        await put(chunk);
        job.progress(copied, dbBytes, 'bytes');
      }
      await out_.sync();
    } finally {
      await src.close();
      await out_.close();
    }
    snapshot.prepare('COMMIT').run();
    const sha256 = await hash.digest();
    vault.db.transaction(() => {
      appendLog(vault.db, { actor: vault.user.name, action: 'vault.backup', target: basename(out), details: { bytes: written, sha256 } }, now());
    }).immediate();
    await rename(tmp, out);
    fsyncDir(dirname(out));
    return { path: out, bytes: written, sha256 };
  } catch (err) {
    await hash.abort();
    await rm(tmp, { force: true });
    throw err;
  } finally {
    snapshot.close();
  }
}

async function readHeader(from: string): Promise<{ header: BackupHeader; dataOffset: number }> {
  const corrupt = (why: string) => new AppError('BACKUP_CORRUPT', `This is not a valid vault backup: ${why}`);
  const size = (await stat(from)).size;
  const fh = await open(from, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    await fh.read(head, 0, head.length, 0);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('unknown file type');
    const headerLen = head.readUInt32BE(MAGIC.length);
    if (headerLen > 64 * 1024 * 1024 || MAGIC.length + 4 + headerLen > size) throw corrupt('truncated');
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
    if (!Number.isSafeInteger(header.dbBytes) || dataOffset + header.dbBytes !== size) throw corrupt('truncated');
    return { header, dataOffset };
  } finally {
    await fh.close();
  }
}

/**
 * Restore into a new folder. Order matters: the credential against the
 * backup's own slots first, then write to a hidden temp folder beside the
 * target, prove the database opens and passes a full integrity check (every
 * page's tag verified), and only then rename the folder into place. Any
 * failure or cancel leaves nothing behind.
 */
export async function restoreVault(args: {
  from: string;
  to: string;
  credential: Credential;
  job: JobContext;
  now: Clock;
  /** The core's slot cost: the floor a backup's slots must meet follows it (kdfFloorFor). */
  kdf?: KdfParams;
}): Promise<void> {
  const { from, to, credential, job } = args;
  const { header, dataOffset } = await readHeader(from);
  if ((await readdir(to).catch(() => [])).length > 0) {
    throw new AppError('TARGET_NOT_EMPTY', `The folder ${to} is not empty`, { dir: to });
  }
  const sodium = await loadSodium();
  let dataKey: Uint8Array | null = null;
  if (credential.kind === 'passphrase') {
    dataKey = await dataKeyFor(header.slots, { userName: credential.userName, passphrase: credential.passphrase }, args.kdf);
    if (!dataKey) throw new AppError('BAD_CREDENTIALS', 'Wrong user name or passphrase for this backup');
  } else {
    const key = parseRecoveryKey(credential.recoveryKey);
    if (!key) throw new AppError('BAD_RECOVERY_KEY', 'This is not a valid recovery key (a group is mistyped)');
    dataKey = await dataKeyFor(header.slots, { recovery: key });
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
        await writeAllTo(fh, chunk as Buffer);
        copied += (chunk as Buffer).length;
        job.progress(copied, header.dbBytes + 1, 'bytes');
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    writeSlotFile(staging, { ...header.slots, failedUnlocks: [] });
    const damaged = () => new AppError('BACKUP_CORRUPT', 'This backup is damaged: the restored database failed its integrity check');
    let db;
    try {
      db = openEncryptedDb(join(staging, 'vault.db'), dataKey, { create: false, cipher: header.slots.cipher });
    } catch {
      throw damaged();
    }
    try {
      let check: unknown;
      try {
        check = db.pragma('quick_check', { simple: true });
      } catch {
        throw damaged();
      }
      if (check !== 'ok') throw damaged();
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
    job.progress(header.dbBytes + 1, header.dbBytes + 1, 'bytes');
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  } finally {
    wipe(sodium, dataKey);
  }
}
