import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, fsyncSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The thread of db/rewrite.ts: writes a new database file holding everything the source holds,
 * under another key and/or page cipher, then proves it opens and checks from scratch.
 *
 * Measured before choosing (README, "Rewriting the vault file"): `PRAGMA rekey` that changes the
 * cipher's per-page reserve runs a VACUUM into a temp database and copies it back under a rollback
 * journal (27x a plain copy); VACUUM INTO gives its target the source's own codec (key and cipher)
 * unless its file name is a URI, and this build has URIs off; the online backup API refuses two
 * codecs with different reserves (sqlite3mcIsBackupSupported) and better-sqlite3 cannot key its
 * destination. What is left, and fastest here: the new file is `main`, keyed with the new cipher and
 * key; the source is ATTACHed with its own cipher and key (a bound blob, never SQL text); tables are
 * made from the source's schema text, rows copied in rowid ranges of about a megabyte (progress and
 * a cancel between statements), indexes built after the rows, and views, triggers and virtual tables
 * copied as schema rows — what VACUUM itself does. The target is a scratch file (journal off, no
 * sync until the end): a crash leaves only a file the caller deletes.
 */
export interface RewriteSide {
  /** `PRAGMA cipher = …` for this side (db/cipher.ts cipherPragma). */
  cipherPragma: string;
  /** rawKeyLiteral of the key, transferred to this thread and wiped here once used. */
  literal: Uint8Array;
}
export interface RewriteSetup {
  source: string;
  target: string;
  nativeBinding: string | undefined;
  from: RewriteSide;
  to: RewriteSide;
}
export type RewriteReply =
  | { kind: 'planned'; bytes: number }
  | { kind: 'copied'; bytes: number }
  | { kind: 'written'; bytes: number; rows: number }
  | { kind: 'checked'; bytes: number }
  | { kind: 'done'; bytes: number; rows: number; tables: number }
  | { kind: 'failed'; reason: 'open' | 'integrity' | 'rows' | 'copy'; message: string };

interface SchemaRow {
  type: string;
  name: string;
  tbl_name: string;
  rootpage: number;
  sql: string | null;
}

const port = parentPort!;
const setup = workerData as RewriteSetup;
/** About this much of the new file per INSERT: progress moves smoothly, a cancel lands within one. */
const BATCH_BYTES = 1024 * 1024;
const MIN_ROWID = -9223372036854775808n;

const keyOf = (literal: Uint8Array): Buffer => Buffer.from(literal.buffer, literal.byteOffset, literal.byteLength);
const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const post = (reply: RewriteReply): void => port.postMessage(reply);
const sizeOf = (file: string): number => statSync(file).size;

class Failed extends Error {
  constructor(readonly reason: 'open' | 'integrity' | 'rows' | 'copy', message: string) {
    super(message);
  }
}

function openKeyed(file: string, side: RewriteSide, mustExist: boolean): Database.Database {
  const db = new Database(file, { fileMustExist: mustExist, ...(setup.nativeBinding ? { nativeBinding: setup.nativeBinding } : {}) });
  db.pragma(side.cipherPragma);
  db.key(keyOf(side.literal));
  // Sorts for index builds stay in memory: SQLite's temp files are not encrypted.
  db.pragma('temp_store = MEMORY');
  return db;
}

/** A name for the rowid that no column of the table shadows. */
function rowidName(db: Database.Database, table: string): string {
  const columns = new Set((db.prepare("SELECT lower(name) FROM pragma_table_xinfo(?, 'source')").pluck().all(table) as string[]));
  return ['rowid', '_rowid_', 'oid'].find((n) => !columns.has(n)) ?? 'rowid';
}

/** One table's rows, a rowid range at a time, sized by how much the last range added to the file. */
function copyRowidTable(db: Database.Database, table: string): number {
  const t = quoted(table);
  const rowid = rowidName(db, table);
  const columns = (db.prepare("SELECT name FROM pragma_table_xinfo(?, 'source') WHERE hidden = 0").pluck().all(table) as string[]).map(quoted).join(', ');
  const last = db.prepare(`SELECT max(${rowid}) FROM source.${t}`).safeIntegers().pluck().get() as bigint | null;
  if (last === null) return 0;
  const boundary = db.prepare(`SELECT ${rowid} FROM source.${t} WHERE ${rowid} > ? ORDER BY ${rowid} LIMIT 1 OFFSET ?`).safeIntegers().pluck();
  const copy = db.prepare(`INSERT INTO main.${t} (${rowid}, ${columns}) SELECT ${rowid}, ${columns} FROM source.${t} WHERE ${rowid} > ? AND ${rowid} <= ? ORDER BY ${rowid}`);
  let rows = 0;
  let batch = 1;
  for (let after = MIN_ROWID; ;) {
    const upTo = (boundary.get(after, batch - 1) as bigint | undefined) ?? last;
    const before = sizeOf(setup.target);
    rows += copy.run(after, upTo).changes;
    const size = sizeOf(setup.target);
    post({ kind: 'copied', bytes: size });
    // Double while the file does not move (rows still in the page cache), else aim at BATCH_BYTES.
    const grew = size - before;
    batch = grew > 0 ? Math.max(1, Math.min(65536, Math.round((batch * BATCH_BYTES) / grew))) : Math.min(65536, batch * 2);
    if (upTo >= last) return rows;
    after = upTo;
  }
}

/** What the copy wrote, per table: its rows, and the bytes it and its indexes added to the file (the check's progress weights). */
interface Copied {
  rows: Map<string, number>;
  bytes: Map<string, number>;
}

/** Copy the source into the target: schema, rows, indexes, then the objects that have no storage. */
function copy(db: Database.Database): Copied {
  const schema = db.prepare('SELECT type, name, tbl_name, rootpage, sql FROM source.sqlite_schema ORDER BY rowid').all() as SchemaRow[];
  const tables = schema.filter((o) => o.type === 'table' && o.rootpage > 0);
  const withoutRowid = new Set(db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'source' AND wr = 1").pluck().all() as string[]);
  db.pragma(`main.auto_vacuum = ${Number(db.pragma('source.auto_vacuum', { simple: true }))}`);
  const rows = new Map<string, number>();
  const bytes = new Map<string, number>(tables.map((o) => [o.name, 0]));
  const grown = (table: string, since: number): void => {
    const size = sizeOf(setup.target);
    bytes.set(table, (bytes.get(table) ?? 0) + size - since);
    post({ kind: 'copied', bytes: size });
  };
  // One read transaction on the source: the copy is one consistent snapshot, whatever else reads it.
  db.exec('BEGIN');
  // As VACUUM does: writable schema lets sqlite_stat1 be created, and lets the storage-less objects be copied as rows.
  db.pragma('writable_schema = ON');
  for (const o of tables) if (o.name !== 'sqlite_sequence' && o.sql) db.exec(o.sql);
  // sqlite_sequence last, as the source has it: copying rows into AUTOINCREMENT tables wrote its rows anew, and
  // the source's may be higher (ids of deleted rows are never given out again).
  for (const o of [...tables.filter((t) => t.name !== 'sqlite_sequence'), ...tables.filter((t) => t.name === 'sqlite_sequence')]) {
    const since = sizeOf(setup.target);
    if (o.name === 'sqlite_sequence') db.exec('DELETE FROM main.sqlite_sequence');
    // WITHOUT ROWID tables (small keyed lookups here) and sqlite_sequence go in one statement.
    rows.set(o.name, withoutRowid.has(o.name) || o.name === 'sqlite_sequence'
      ? db.prepare(`INSERT INTO main.${quoted(o.name)} SELECT * FROM source.${quoted(o.name)}`).run().changes
      : copyRowidTable(db, o.name));
    grown(o.name, since);
  }
  for (const o of schema) {
    if (o.type === 'index' && o.sql) {
      const since = sizeOf(setup.target);
      db.exec(o.sql);
      grown(o.tbl_name, since);
    }
  }
  db.exec("INSERT INTO main.sqlite_schema SELECT * FROM source.sqlite_schema WHERE type IN ('view', 'trigger') OR (type = 'table' AND rootpage = 0)");
  db.pragma('writable_schema = OFF');
  db.exec('COMMIT');
  db.pragma(`main.user_version = ${Number(db.pragma('source.user_version', { simple: true }))}`);
  db.pragma(`main.application_id = ${Number(db.pragma('source.application_id', { simple: true }))}`);
  return { rows, bytes };
}

/** The new file from scratch, with the new key only: every table's pages and overflow chains (each page's tag), and every row. */
function check(copied: Copied): void {
  let db: Database.Database;
  try {
    db = openKeyed(setup.target, setup.to, true);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    throw new Failed('open', err instanceof Error ? err.message : String(err));
  }
  try {
    let checked = 0;
    for (const [table, expected] of copied.rows) {
      const result = db.prepare(`PRAGMA integrity_check(${quoted(table)})`).pluck().all() as string[];
      if (result.length !== 1 || result[0] !== 'ok') throw new Failed('integrity', `${table}: ${result.slice(0, 3).join('; ')}`);
      const count = db.prepare(`SELECT count(*) FROM ${quoted(table)}`).pluck().get() as number;
      if (count !== expected) throw new Failed('rows', `${table}: ${count} rows, expected ${expected}`);
      checked += copied.bytes.get(table) ?? 0;
      post({ kind: 'checked', bytes: Math.round(checked) });
    }
    // Reads through every virtual table's schema too (the FTS index must load in the new file).
    db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").get();
    // Back to WAL, which the vault opens in (the header records it); then to disk before anyone renames it.
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  const fd = openSync(setup.target, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function rewrite(): void {
  if (setup.nativeBinding) (globalThis as Record<string, unknown>).__non_webpack_require__ = createRequire(setup.nativeBinding);
  let copied: Copied;
  try {
    const db = openKeyed(setup.target, setup.to, false);
    try {
      db.unsafeMode(true);
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('foreign_keys = OFF');
      // A small cache: pages reach the file as they are written, which is what the progress counts.
      db.pragma('cache_size = -2048');
      // The cipher for the next ATTACH; main keeps the one it was keyed with.
      db.pragma(setup.from.cipherPragma);
      db.prepare('ATTACH ? AS source KEY ?').run(setup.source, keyOf(setup.from.literal));
      setup.from.literal.fill(0);
      try {
        db.prepare('SELECT count(*) FROM source.sqlite_schema').get();
      } catch (err) {
        throw new Failed('open', err instanceof Error ? err.message : String(err));
      }
      const pageSize = Number(db.pragma('source.page_size', { simple: true }));
      const used = Number(db.pragma('source.page_count', { simple: true })) - Number(db.pragma('source.freelist_count', { simple: true }));
      post({ kind: 'planned', bytes: used * pageSize });
      copied = copy(db);
      db.exec('DETACH source');
    } finally {
      db.close();
    }
  } catch (err) {
    throw err instanceof Failed ? err : new Failed('copy', err instanceof Error ? err.message : String(err));
  }
  const written = sizeOf(setup.target);
  const rows = [...copied.rows.values()].reduce((a, b) => a + b, 0);
  post({ kind: 'written', bytes: written, rows });
  try {
    check(copied);
  } finally {
    setup.to.literal.fill(0);
  }
  post({ kind: 'done', bytes: written, rows, tables: copied.rows.size });
}

try {
  rewrite();
} catch (err) {
  setup.from.literal.fill(0);
  setup.to.literal.fill(0);
  const failed = err instanceof Failed ? err : new Failed('copy', err instanceof Error ? err.message : String(err));
  post({ kind: 'failed', reason: failed.reason, message: failed.message });
}
