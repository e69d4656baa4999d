import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Db } from '../db/database';
import { fsyncDir, tempSibling, writeFileAtomic, writeFileStreamAtomic, writePiecesAtomic } from '../fs-atomic';
import { packageRecorded } from '../handovers/transfer-store';

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
 *
 * A package export is recorded in the vault (the handover becomes 'exported' and cannot be exported
 * again) before its temp file is renamed; a kill between the two left a vault saying the package went
 * out and a complete temp file the next unlock deleted — the package lost for good
 * (test/integration/attack-export-kill.test.ts). So the entry names the package id just before the
 * vault records it, and a leftover whose package the vault recorded is renamed into place, not removed.
 */
const recordPath = (vaultDir: string) => join(vaultDir, 'vault.exports.json');

/** Only names tempSibling makes are ever removed, whatever the record says. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** An export in progress: its temp file; once the package is complete, its final path and id. */
interface InProgress {
  tmp: string;
  out?: string;
  packageId?: string;
}

/** `out` is the file `tmp` was made for (tempSibling: same folder, `.NAME.<hex>.tmp`): a record that says otherwise moves nothing. */
const madeFor = (tmp: string, out: string) => isAbsolute(out) && dirname(out) === dirname(tmp) && basename(tmp).startsWith(`.${basename(out)}.`);

function readRecord(vaultDir: string): InProgress[] {
  if (!existsSync(recordPath(vaultDir))) return [];
  try {
    const list = JSON.parse(readFileSync(recordPath(vaultDir), 'utf8')) as unknown;
    if (!Array.isArray(list)) return [];
    // Entries were plain temp paths before packages were named in them.
    return list.flatMap((e: unknown): InProgress[] => {
      const entry = (typeof e === 'string' ? { tmp: e } : e) as Partial<InProgress> | null;
      if (typeof entry?.tmp !== 'string' || !isAbsolute(entry.tmp) || !TEMP_NAME.test(basename(entry.tmp))) return [];
      const done = typeof entry.out === 'string' && typeof entry.packageId === 'string' && madeFor(entry.tmp, entry.out);
      return [done ? { tmp: entry.tmp, out: entry.out!, packageId: entry.packageId! } : { tmp: entry.tmp }];
    });
  } catch {
    return [];
  }
}

function writeRecord(vaultDir: string, list: InProgress[]): void {
  if (list.length === 0) rmSync(recordPath(vaultDir), { force: true });
  else writeFileAtomic(recordPath(vaultDir), `${JSON.stringify(list)}\n`);
}

/**
 * Settle the exports that never finished: a complete package the vault recorded as exported is renamed
 * to its path; any other temp file is removed. At every unlock and before every export. Returns how many
 * temp files were removed.
 */
export function removeExportLeftovers(vault: { dir: string; db: Db }): number {
  const vaultDir = vault.dir;
  const recorded = (packageId: string) => packageRecorded(vault.db, packageId);
  const list = readRecord(vaultDir);
  let removed = 0;
  for (const e of list) {
    if (!existsSync(e.tmp)) continue;
    if (e.out && e.packageId && recorded(e.packageId)) {
      renameSync(e.tmp, e.out);
      fsyncDir(dirname(e.out));
      continue;
    }
    removed++;
    rmSync(e.tmp, { force: true });
  }
  if (existsSync(recordPath(vaultDir))) writeRecord(vaultDir, []);
  return removed;
}

/** Remember `tmp` (before it is created) until `forgetExportTemp`; the next unlock or export removes it if it is still there. */
export function recordExportTemp(vaultDir: string, tmp: string): void {
  writeRecord(vaultDir, [...readRecord(vaultDir), { tmp }]);
}

/** The temp file is gone (renamed into place or removed): no longer remembered. */
export function forgetExportTemp(vaultDir: string, tmp: string): void {
  writeRecord(vaultDir, readRecord(vaultDir).filter((e) => e.tmp !== tmp));
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
    writePiecesAtomic(out, pieces, tmp);
  } finally {
    forgetExportTemp(vaultDir, tmp);
  }
}

/**
 * writeFileStreamAtomic, with its temp file remembered while it exists. `packageIdOf`: the id of the
 * complete package, noted before `commit` records it in the vault (see above).
 */
export async function writeExportFile<T>(
  vaultDir: string, out: string, produce: Parameters<typeof writeFileStreamAtomic<T>>[1], commit?: (result: T) => void, packageIdOf?: (result: T) => string,
): Promise<T> {
  const tmp = tempSibling(out);
  recordExportTemp(vaultDir, tmp);
  const noted = (result: T) => {
    if (packageIdOf) writeRecord(vaultDir, readRecord(vaultDir).map((e) => (e.tmp === tmp ? { tmp, out, packageId: packageIdOf(result) } : e)));
    commit?.(result);
  };
  try {
    return await writeFileStreamAtomic(out, produce, noted, tmp);
  } finally {
    forgetExportTemp(vaultDir, tmp);
  }
}
