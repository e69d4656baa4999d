import Database from 'better-sqlite3-multiple-ciphers';
import { createRequire } from 'node:module';
import { cipherPragma, type VaultCipher } from './cipher';
import { dbPath, nativeBindingPath, rawKeyLiteral } from './database';

/**
 * A worker thread's own read-only connection to the vault (the document reader, the package's
 * clients' text). The worker is given the key literal (rawKeyLiteral, moved to it with the setup's
 * transfer list, never a string) and wipes it once the database is open; the key never leaves the
 * main process. The connection is set to the vault's recorded cipher (it is not detected from the file).
 */
export interface ReadOnlySetup {
  file: string;
  /** The vault's page cipher as recorded for it: the `PRAGMA cipher = …` statement (db/cipher.ts). */
  cipherPragma: string;
  nativeBinding: string | undefined;
  literal: Uint8Array;
}

/** The setup for a worker's connection, and what to transfer with it (the key literal's buffer, so no copy stays behind). */
export function readOnlySetup(vaultDir: string, dataKey: Uint8Array, cipher: VaultCipher): { setup: ReadOnlySetup; transfer: ArrayBuffer[] } {
  const literal = rawKeyLiteral(dataKey);
  return { setup: { file: dbPath(vaultDir), cipherPragma: cipherPragma(cipher), nativeBinding: nativeBindingPath(), literal }, transfer: [literal.buffer as ArrayBuffer] };
}

/** In the worker: open the connection the setup describes, then wipe the key literal whatever happens. */
export function openReadOnly(setup: ReadOnlySetup): Database.Database {
  // The driver loads its addon through __non_webpack_require__ when there is one (better-sqlite3
  // lib/database.js); in the single-file CLI that is the only require that reaches a file.
  if (setup.nativeBinding) (globalThis as Record<string, unknown>).__non_webpack_require__ = createRequire(setup.nativeBinding);
  const literal = Buffer.from(setup.literal.buffer, setup.literal.byteOffset, setup.literal.byteLength);
  try {
    const db = new Database(setup.file, { readonly: true, fileMustExist: true, ...(setup.nativeBinding ? { nativeBinding: setup.nativeBinding } : {}) });
    db.pragma(setup.cipherPragma);
    db.key(literal);
    // Temp files are not encrypted (DESIGN.md §4): sorts and groupings stay in memory.
    db.pragma('temp_store = MEMORY');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } finally {
    literal.fill(0);
  }
}
