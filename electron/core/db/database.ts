import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, existsSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { cipherPragma, type VaultCipher } from './cipher';

export type Db = Database.Database;
export type Statement = Database.Statement<unknown[]>;

const prepared = new WeakMap<Db, Map<string, Statement>>();

/** Statements kept per connection; past this many (search SQL varies with filters and scope) the cache starts over. */
const PREPARED_MAX = 200;

/**
 * A statement prepared once per connection and kept by its text:
 * better-sqlite3 does not cache, and preparing costs more than running the
 * small queries that every call makes (the caller's role, the log append,
 * one client's details, a page of search results).
 */
export function cached(db: Db, sql: string): Statement {
  let map = prepared.get(db);
  if (!map) prepared.set(db, (map = new Map()));
  let stmt = map.get(sql);
  if (!stmt) {
    if (map.size >= PREPARED_MAX) map.clear();
    map.set(sql, (stmt = db.prepare(sql) as Statement));
  }
  return stmt;
}

/** The vault's recorded cipher first (it is not detected from the file), key before any other statement, then a first read that proves the key. */
function openKeyed(file: string, key: Uint8Array, cipher: VaultCipher, mustExist: boolean): Db {
  const db = new Database(file, { fileMustExist: mustExist, ...(nativeBinding ? { nativeBinding } : {}) });
  const literal = rawKeyLiteral(key);
  try {
    db.pragma(cipherPragma(cipher));
    db.key(literal);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new AppError('BAD_CREDENTIALS', 'The key does not open this vault');
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  } finally {
    literal.fill(0);
  }
}

let nativeBinding: string | undefined;

/**
 * The Electron shell points this at the copy of the native module built for
 * Electron's ABI (see scripts/native-electron.mjs); under plain Node (tests,
 * CLI) the module's own build is used. One install serves both.
 */
export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/** The native module's path in use (for a worker thread that opens its own connection). */
export const nativeBindingPath = (): string | undefined => nativeBinding;

export function dbPath(dir: string): string {
  return `${dir}/vault.db`;
}

/** `x'<hex>'` as bytes, built without ever making the key a (non-wipeable) JS string. */
export function rawKeyLiteral(key: Uint8Array): Buffer {
  const hex = '0123456789abcdef';
  const out = Buffer.alloc(3 + key.length * 2);
  out[0] = 0x78; // x
  out[1] = 0x27; // '
  for (let i = 0; i < key.length; i++) {
    out[2 + i * 2] = hex.charCodeAt(key[i]! >> 4);
    out[3 + i * 2] = hex.charCodeAt(key[i]! & 15);
  }
  out[out.length - 1] = 0x27;
  return out;
}

/**
 * Open (or create) the vault database with its raw 256-bit key, as
 * DESIGN.md §4 asks: the vault's recorded cipher first (it is not detected
 * from the file), key before any other statement, then a
 * first read that proves the key (PRAGMA key itself always answers ok), then
 * temp files in memory, WAL, full sync and foreign keys.
 */
export function openEncryptedDb(file: string, dataKey: Uint8Array, opts: { create: boolean; cipher?: VaultCipher }): Db {
  if (!opts.create && !existsSync(file)) throw new AppError('VAULT_NOT_FOUND', `No vault database at ${file}`);
  const db = openKeyed(file, dataKey, opts.cipher ?? 'chacha20', !opts.create);
  try {
    db.pragma('temp_store = MEMORY');
    // 64 MiB of decrypted pages: the client table and its indexes for 100,000 clients stay resident.
    db.pragma('cache_size = -65536');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  if (opts.create) chmodSync(file, 0o600);
  return db;
}
