import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { fsyncDir, writeFileAtomic } from '../fs-atomic';
import { isVaultCipher, type VaultCipher } from '../db/cipher';
import { dbPath, openEncryptedDb, type Db } from '../db/database';
import { readSlotFile, writeSlotFile, type SlotFile } from './keyslots';

/**
 * A cipher upgrade swaps two files that cannot change together: vault.db (by
 * rename) and the slot file that records its cipher. Before the rename the
 * upgrade writes this marker naming the new cipher; it is removed once the
 * slot file agrees. At the next open, a marker means "the database may
 * already be in the new cipher": only then is the other cipher tried, and
 * whichever opens is recorded. See upgrade.ts for the order of steps.
 */
export const upgradeMarkerPath = (dir: string): string => join(dir, 'vault.upgrade.json');
/** The working copy an upgrade rekeys; removed if an upgrade was interrupted before the swap. */
export const upgradeCopyPath = (dir: string): string => join(dir, 'vault.db.upgrading');

export function writeUpgradeMarker(dir: string, to: VaultCipher): void {
  writeFileAtomic(upgradeMarkerPath(dir), `${JSON.stringify({ to })}\n`);
}

function markedCipher(dir: string): VaultCipher | null {
  if (!existsSync(upgradeMarkerPath(dir))) return null;
  try {
    const to = (JSON.parse(readFileSync(upgradeMarkerPath(dir), 'utf8')) as { to?: unknown }).to;
    return isVaultCipher(to) ? to : null;
  } catch {
    return null;
  }
}

/** Leftovers of an interrupted upgrade: its working copy (with any journal) and the marker. */
export function removeUpgradeLeftovers(dir: string): void {
  for (const f of [upgradeCopyPath(dir), `${upgradeCopyPath(dir)}-journal`, `${upgradeCopyPath(dir)}-wal`, `${upgradeCopyPath(dir)}-shm`, upgradeMarkerPath(dir)]) {
    rmSync(f, { force: true });
  }
  fsyncDir(dir);
}

/**
 * Open vault.db with the cipher the slot file records, finishing an
 * interrupted upgrade first if its marker is there. Returns the database and
 * the cipher it opened with (the slot file then records it).
 */
export function openRecordedDb(dir: string, file: SlotFile, dataKey: Uint8Array): { db: Db; cipher: VaultCipher } {
  const marked = markedCipher(dir);
  if (marked === null) {
    if (existsSync(upgradeCopyPath(dir))) removeUpgradeLeftovers(dir);
    return { db: openEncryptedDb(dbPath(dir), dataKey, { create: false, cipher: file.cipher }), cipher: file.cipher };
  }
  let opened: { db: Db; cipher: VaultCipher } | undefined;
  for (const cipher of [file.cipher, marked]) {
    try {
      opened = { db: openEncryptedDb(dbPath(dir), dataKey, { create: false, cipher }), cipher };
      break;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'BAD_CREDENTIALS')) throw err;
    }
  }
  if (!opened) throw new AppError('BAD_CREDENTIALS', 'The key does not open this vault');
  if (opened.cipher !== file.cipher) writeSlotFile(dir, { ...readSlotFile(dir), cipher: opened.cipher });
  removeUpgradeLeftovers(dir);
  return opened;
}
