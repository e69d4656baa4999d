import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { fsyncDir, tempSibling, writeAll, writeFileAtomic, writeFileStreamAtomic } from '../fs-atomic';

/**
 * Exports in progress, remembered in the vault folder. A package is written
 * to an encrypted temp file beside its target and renamed only when complete,
 * so a killed export never leaves a partial package; but its temp file (up to
 * the package's size) would stay for good. The temp path is recorded before
 * the file is created and dropped once it is renamed or removed; whatever is
 * still listed at the next unlock or export was left by a killed process.
 * The same goes for every export that writes plaintext into a folder the user
 * picked (a client list as CSV, .xlsx or JSON; a document): a killed one must
 * not leave a hidden `.tmp` of client data there that nothing records.
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

/** Remember `tmp` (before it is created) until `forgetExportTemp`; the next unlock or export removes it if it is still there. */
export function recordExportTemp(vaultDir: string, tmp: string): void {
  writeRecord(vaultDir, [...readRecord(vaultDir), tmp]);
}

/** The temp file is gone (renamed into place or removed): no longer remembered. */
export function forgetExportTemp(vaultDir: string, tmp: string): void {
  writeRecord(vaultDir, readRecord(vaultDir).filter((p) => p !== tmp));
}

/**
 * A whole export written to `out` through a remembered private temp file (fsynced, then renamed),
 * its pieces written as they come: a process killed half-way leaves no file at `out` and a temp
 * file the next unlock or export removes. On a failure the temp file is removed at once.
 */
export function writeExportFileSync(vaultDir: string, out: string, pieces: Iterable<string | Uint8Array>): void {
  const tmp = tempSibling(out);
  recordExportTemp(vaultDir, tmp);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      for (const p of pieces) writeAll(fd, typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
      fsyncSync(fd);
    } catch (err) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw err;
    }
    closeSync(fd);
    renameSync(tmp, out);
    fsyncDir(dirname(out));
  } finally {
    forgetExportTemp(vaultDir, tmp);
  }
}

/** writeFileStreamAtomic, with its temp file remembered while it exists. */
export async function writeExportFile<T>(
  vaultDir: string, out: string, produce: Parameters<typeof writeFileStreamAtomic<T>>[1], commit?: (result: T) => void,
): Promise<T> {
  const tmp = tempSibling(out);
  recordExportTemp(vaultDir, tmp);
  try {
    return await writeFileStreamAtomic(out, produce, commit, tmp);
  } finally {
    forgetExportTemp(vaultDir, tmp);
  }
}
