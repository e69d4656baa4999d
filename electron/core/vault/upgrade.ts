import { renameSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { fsyncDir } from '../fs-atomic';
import type { JobContext } from '../jobs/jobs';
import { cipherForNewVault, type VaultCipher } from '../db/cipher';
import { dbPath, nativeBindingPath, openEncryptedDb } from '../db/database';
import { RewriteFailed, rewriteDatabaseFile, totalChanges } from '../db/rewrite';
import { readSlotFile, writeSlotFile } from './keyslots';
import { removeUpgradeLeftovers, upgradeCopyPath, writeUpgradeMarker } from './upgrade-marker';
import type { Clock, OpenVault } from './vault';

/** Points an upgrade passes, in order (a test kills the process at each and opens the vault again). */
export const UPGRADE_STEPS = ['rewriting', 'rewritten', 'logged', 'marked', 'swapped', 'recorded'] as const;
export type UpgradeStep = (typeof UPGRADE_STEPS)[number];

export interface UpgradeResult {
  from: VaultCipher;
  to: VaultCipher;
  bytes: number;
  rows: number;
}

/**
 * Move a vault to the faster page cipher, crash-safe (issue 16). The work is
 * done on a new file: a worker thread writes vault.db.upgrading in the new
 * cipher from a snapshot of vault.db and checks it from scratch (every table's
 * pages and rows; db/rewrite.ts), the upgrade is logged in it; then write the
 * marker, close the vault, rename the new file over vault.db,
 * record the cipher in the slot file, drop the marker. Killed before the
 * rename, the original is untouched (the copy is removed at the next open);
 * killed after it, the marker tells the next open to try the new cipher and
 * record it (upgrade-marker.ts). Everything after the rewrite is synchronous, so
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
  const bytes = (await stat(dbPath(dir))).size;
  const copy = upgradeCopyPath(dir);
  let marked = false;
  const changesBefore = totalChanges(vault.db);
  try {
    let rows: number;
    try {
      ({ rows } = await rewriteDatabaseFile(dbPath(dir), copy, { key: vault.dataKey, cipher: from }, { key: vault.dataKey, cipher: to }, {
        progress: (done, total) => job.progress(done, total, 'bytes'),
        throwIfCancelled: () => job.throwIfCancelled(),
        onWriting: () => onStep('rewriting'),
      }));
    } catch (err) {
      if (err instanceof RewriteFailed) throw new AppError('UPGRADE_FAILED', `The upgraded copy did not verify (${err.reason}); the vault is unchanged`, { reason: err.reason });
      throw err;
    }
    if (totalChanges(vault.db) !== changesBefore) throw new AppError('UPGRADE_FAILED', 'The vault changed during the upgrade; it is unchanged', { reason: 'changed' });
    onStep('rewritten');
    const checked = openEncryptedDb(copy, vault.dataKey, { create: false, cipher: to });
    try {
      checked.transaction(() => {
        appendLog(checked, { actor: vault.user.name, action: 'vault.upgrade', target: vault.user.name, details: { from, to, bytes } }, now());
      }).immediate();
      checked.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      checked.close();
    }
    onStep('logged');
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
