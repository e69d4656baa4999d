import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { tempSibling, writeFileAtomic, writeFileStreamAtomic } from '../fs-atomic';

/**
 * Exports in progress, remembered in the vault folder. A package is written
 * to an encrypted temp file beside its target and renamed only when complete,
 * so a killed export never leaves a partial package; but its temp file (up to
 * the package's size) would stay for good. The temp path is recorded before
 * the file is created and dropped once it is renamed or removed; whatever is
 * still listed at the next unlock or export was left by a killed process.
 */
const recordPath = (vaultDir: string) => join(vaultDir, 'vault.exports.json');

/** Only names tempSibling makes are ever removed, whatever the record says. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

function readRecord(vaultDir: string): string[] {
  if (!existsSync(recordPath(vaultDir))) return [];
  try {
    const list = JSON.parse(readFileSync(recordPath(vaultDir), 'utf8')) as unknown;
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && isAbsolute(p) && TEMP_NAME.test(basename(p))) : [];
  } catch {
    return [];
  }
}

function writeRecord(vaultDir: string, list: string[]): void {
  if (list.length === 0) rmSync(recordPath(vaultDir), { force: true });
  else writeFileAtomic(recordPath(vaultDir), `${JSON.stringify(list)}\n`);
}

/** Remove the temp files of exports that never finished; returns how many were found on disk. */
export function removeExportLeftovers(vaultDir: string): number {
  const list = readRecord(vaultDir);
  let removed = 0;
  for (const tmp of list) {
    if (existsSync(tmp)) removed++;
    rmSync(tmp, { force: true });
  }
  if (existsSync(recordPath(vaultDir))) writeRecord(vaultDir, []);
  return removed;
}

/** writeFileStreamAtomic, with its temp file remembered while it exists. */
export async function writeExportFile<T>(
  vaultDir: string, out: string, produce: Parameters<typeof writeFileStreamAtomic<T>>[1], commit?: (result: T) => void,
): Promise<T> {
  const tmp = tempSibling(out);
  writeRecord(vaultDir, [...readRecord(vaultDir), tmp]);
  try {
    return await writeFileStreamAtomic(out, produce, commit, tmp);
  } finally {
    writeRecord(vaultDir, readRecord(vaultDir).filter((p) => p !== tmp));
  }
}
