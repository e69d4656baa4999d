import { renameSync, rmSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { fsyncDir } from '../fs-atomic';
import type { JobContext } from '../jobs/jobs';
import { cipherForNewVault, cipherPragma, type VaultCipher } from '../db/cipher';
import { dbPath, nativeBindingPath, openEncryptedDb, rawKeyLiteral, type Db } from '../db/database';
import { readSlotFile, writeSlotFile } from './keyslots';
import { removeUpgradeLeftovers, upgradeCopyPath, writeUpgradeMarker } from './upgrade-marker';
import type { Clock, OpenVault } from './vault';

/** Points an upgrade passes, in order (a test kills the process at each and opens the vault again). */
export const UPGRADE_STEPS = ['copying', 'copied', 'rekeyed', 'verified', 'marked', 'swapped', 'recorded'] as const;
export type UpgradeStep = (typeof UPGRADE_STEPS)[number];

export interface UpgradeResult {
  from: VaultCipher;
  to: VaultCipher;
  bytes: number;
  rows: number;
}

const CHUNK = 4 * 1024 * 1024;

/** Rows per table (FTS shadow tables included): what the rekeyed copy must hold, too. */
function tableCounts(db: Db): Map<string, number> {
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  // Names come from the database's own schema, quoted as identifiers.
  return new Map(names.map((n) => [n, db.prepare(`SELECT count(*) FROM "${n.replaceAll('"', '""')}"`).pluck().get() as number]));
}

async function copyWithProgress(from: string, to: string, bytes: number, job: JobContext, total: number, onStep: (s: UpgradeStep) => void): Promise<void> {
  const src = await open(from, 'r');
  const out = await open(to, 'wx', 0o600);
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let at = 0; at < bytes; ) {
      job.throwIfCancelled();
      const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, bytes - at), at);
      if (bytesRead === 0) throw new AppError('INTERNAL', 'The database changed size during the upgrade');
      await out.write(buf, 0, bytesRead, at);
      at += bytesRead;
      job.progress(at, total, 'bytes');
      if (at === bytesRead) onStep('copying');
    }
    await out.sync();
  } finally {
    await src.close();
    await out.close();
  }
}

/** Rekey the copy into the new cipher: SQLite3MultipleCiphers rewrites every page, which needs a rollback journal, not WAL. */
function rekeyCopy(file: string, dataKey: Uint8Array, from: VaultCipher, to: VaultCipher): void {
  const db = openEncryptedDb(file, dataKey, { create: false, cipher: from });
  const literal = rawKeyLiteral(dataKey);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(cipherPragma(to));
    db.rekey(literal);
  } finally {
    literal.fill(0);
    db.close();
  }
}

/** The copy opens with the new cipher, passes a full integrity check (every page's tag) and holds every row. */
function verifyCopy(file: string, dataKey: Uint8Array, to: VaultCipher, expected: Map<string, number>): Db {
  const failed = (why: string) => new AppError('UPGRADE_FAILED', `The upgraded copy did not verify (${why}); the vault is unchanged`, { reason: why });
  let db: Db;
  try {
    db = openEncryptedDb(file, dataKey, { create: false, cipher: to });
  } catch {
    throw failed('open');
  }
  try {
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') throw failed('integrity');
    const counts = tableCounts(db);
    for (const [table, rows] of expected) if (counts.get(table) !== rows) throw failed(`rows of ${table}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Move a vault to the faster page cipher, crash-safe (issue 16). The work is
 * done on a copy: checkpoint, copy vault.db, rekey the copy, verify it
 * (integrity_check and the row count of every table), log the upgrade in it;
 * then write the marker, close the vault, rename the copy over vault.db,
 * record the cipher in the slot file, drop the marker. Killed before the
 * rename, the original is untouched (the copy is removed at the next open);
 * killed after it, the marker tells the next open to try the new cipher and
 * record it (upgrade-marker.ts). Everything after the copy is synchronous, so
 * an auto-lock cannot close the vault half-way.
 */
export async function upgradeVaultCipher(
  vault: OpenVault,
  job: JobContext,
  now: Clock,
  opts: { to?: VaultCipher; onStep?: (step: UpgradeStep) => void } = {},
): Promise<UpgradeResult> {
  const from = vault.cipher;
  const to = opts.to ?? cipherForNewVault(undefined, nativeBindingPath());
  if (to === from) throw new AppError('VAULT_UP_TO_DATE', `The vault already uses the faster cipher for this computer (${from})`, { cipher: from });
  const onStep = opts.onStep ?? (() => {});
  const { dir } = vault;
  removeUpgradeLeftovers(dir);
  vault.db.pragma('wal_checkpoint(TRUNCATE)');
  const expected = tableCounts(vault.db);
  const rows = [...expected.values()].reduce((a, b) => a + b, 0);
  const bytes = (await stat(dbPath(dir))).size;
  // Progress: the copy is a third of the work, the rewrite and the check the rest.
  const total = bytes * 3;
  const copy = upgradeCopyPath(dir);
  let marked = false;
  try {
    await copyWithProgress(dbPath(dir), copy, bytes, job, total, onStep);
    onStep('copied');
    job.throwIfCancelled();
    rekeyCopy(copy, vault.dataKey, from, to);
    job.progress(bytes * 2, total, 'bytes');
    onStep('rekeyed');
    const checked = verifyCopy(copy, vault.dataKey, to, expected);
    try {
      checked.transaction(() => {
        appendLog(checked, { actor: vault.user.name, action: 'vault.upgrade', target: vault.user.name, details: { from, to, bytes } }, now());
      }).immediate();
      checked.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      checked.close();
    }
    onStep('verified');
    job.throwIfCancelled();
    writeUpgradeMarker(dir, to);
    marked = true;
    onStep('marked');
    vault.db.close();
    for (const f of [`${dbPath(dir)}-wal`, `${dbPath(dir)}-shm`]) rmSync(f, { force: true });
    renameSync(copy, dbPath(dir));
    fsyncDir(dir);
    onStep('swapped');
    writeSlotFile(dir, { ...readSlotFile(dir), cipher: to });
    onStep('recorded');
    removeUpgradeLeftovers(dir);
    vault.db = openEncryptedDb(dbPath(dir), vault.dataKey, { create: false, cipher: to });
    vault.cipher = to;
    job.progress(total, total, 'bytes');
    return { from, to, bytes, rows };
  } catch (err) {
    if (!marked) removeUpgradeLeftovers(dir);
    else if (!vault.db.open) {
      // Failed after the marker (a rename refused, a full disk): the next open settles which file is in place.
      throw new AppError('UPGRADE_FAILED', 'The upgrade stopped half-way; lock and unlock the vault to finish or undo it', { reason: 'swap' });
    }
    throw err;
  }
}
