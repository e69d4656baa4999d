import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/database';
import { indexColumns } from '../formats/client-index-text';

/**
 * The search index built apart and put into the vault whole (issue 16): a large first import builds
 * the FTS5 index in an in-memory database on a worker thread (workers/search-index.ts), with the
 * vault's own definition and settings, and the main thread copies the finished segments — the rows of
 * the index's shadow tables — into the vault, instead of tokenising and merging 100,000 entries itself.
 * FTS5's segments do not depend on the database they sit in: the same definition, page size and rowids
 * give the same bytes. Only for an index that is empty (the vault has no clients yet): the copy
 * replaces it whole. The in-memory database never touches the disk (temp_store=MEMORY), so no
 * plaintext client data is written anywhere.
 */
export interface SearchIndexShape {
  /** The index's CREATE VIRTUAL TABLE statement, as the vault has it. */
  createSql: string;
  /** Its settings (client_search_config), but the format version FTS5 writes itself. */
  settings: [string, string | number][];
}

/** The finished index's shadow-table rows, packed so that they travel between threads without a copy. */
export interface SearchSegments {
  dataIds: BigInt64Array;
  dataBlocks: Uint8Array;
  dataEnds: Uint32Array;
  idx: [segid: number, term: Uint8Array, pgno: number][];
  docIds: Float64Array;
  docOrigins: Float64Array;
  docSizes: Uint8Array;
  docEnds: Uint32Array;
}

/** The buffers of segments, for a postMessage transfer list. */
export const segmentBuffers = (s: SearchSegments): ArrayBuffer[] =>
  [s.dataIds, s.dataBlocks, s.dataEnds, s.docIds, s.docOrigins, s.docSizes, s.docEnds].map((a) => a.buffer as ArrayBuffer);

const DOCSIZE_COLUMNS = 'id,sz,origin';

/**
 * The vault's index definition when a finished copy can replace its index: no client and no entry
 * yet, and the shadow tables in the form this module writes (contentless with deletes: id, sz, origin).
 */
export function replaceableSearchIndex(db: Db): SearchIndexShape | null {
  const empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM clients) AND NOT EXISTS (SELECT 1 FROM client_search_docsize)').pluck().get() === 1;
  if (!empty) return null;
  const columns = (db.prepare("SELECT name FROM pragma_table_info('client_search_docsize') ORDER BY cid").pluck().all() as string[]).join();
  if (columns !== DOCSIZE_COLUMNS) return null;
  const createSql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'client_search'").pluck().get() as string;
  const settings = db.prepare("SELECT k, v FROM client_search_config WHERE k != 'version' ORDER BY k").raw().all() as [string, string | number][];
  return { createSql, settings };
}

/** A setting as FTS5 takes it: only as a literal (a bound value is 'SQL logic error'). */
function setIndexSetting(db: Db, key: string, value: string | number): void {
  const literal = typeof value === 'number' ? String(Math.trunc(value)) : `'${value.replaceAll("'", "''")}'`;
  db.prepare(`INSERT INTO client_search (client_search, rank) VALUES ('${key.replaceAll("'", "''")}', ${literal})`).run();
}

/**
 * New terms held in memory before they become a segment. 100,000 clients' terms fit in 128 MB: one
 * segment, written once, and nothing to merge at the end (with 64 MB, a flush half way and the merge
 * of the two segments cost 100,000 clients about 1.2 s of CPU more).
 */
const BUILD_HASH_BYTES = 128 * 1024 * 1024;

export interface IndexCopy {
  db: Db;
  add(id: number, text: string | Uint8Array): void;
  remove(id: number): void;
}

/** The in-memory index on the worker: the vault's definition and settings, merged once at the end. */
export function openIndexCopy(shape: SearchIndexShape, nativeBinding: string | undefined): IndexCopy {
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  db.pragma('temp_store = MEMORY');
  db.exec(shape.createSql);
  for (const [k, v] of shape.settings) setIndexSetting(db, k, v);
  setIndexSetting(db, 'automerge', 0);
  setIndexSetting(db, 'hashsize', BUILD_HASH_BYTES);
  db.exec('BEGIN');
  const columns = (db.prepare("SELECT name FROM pragma_table_info('client_search') ORDER BY cid").pluck().all() as string[]);
  const insert = db.prepare(`INSERT INTO client_search (rowid, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`);
  const del = db.prepare('DELETE FROM client_search WHERE rowid = ?');
  return { db, add: (id, text) => insert.run(id, ...indexColumns(text)), remove: (id) => del.run(id) };
}

/**
 * Blobs one after the other in one buffer of their total size, filled as they are read (the index of
 * 100,000 clients is about 75 MB: holding the rows and a packed copy of them at once would cost that much more).
 */
class PackedBlobs {
  readonly bytes: Uint8Array;
  readonly ends: Uint32Array;
  private count = 0;
  private length = 0;

  constructor(count: number, total: number) {
    this.bytes = new Uint8Array(total);
    this.ends = new Uint32Array(count);
  }

  push(blob: Uint8Array): void {
    this.bytes.set(blob, this.length);
    this.length += blob.length;
    this.ends[this.count++] = this.length;
  }
}

const sizeOf = (db: Db, table: string, column: string) =>
  db.prepare(`SELECT count(*), coalesce(sum(length(${column})), 0) FROM ${table}`).raw().get() as [number, number];

/** Merge the copy into one segment (the form that searches fastest, as 'optimize' leaves the vault's) and read it out. */
export function finishedSegments(copy: IndexCopy): SearchSegments {
  const { db } = copy;
  db.prepare("INSERT INTO client_search (client_search) VALUES ('optimize')").run();
  db.exec('COMMIT');
  const dataIds: bigint[] = [];
  const blocks = new PackedBlobs(...sizeOf(db, 'client_search_data', 'block'));
  for (const [id, block] of db.prepare('SELECT id, block FROM client_search_data ORDER BY id').safeIntegers(true).raw().iterate() as IterableIterator<[bigint, Uint8Array]>) {
    dataIds.push(id);
    blocks.push(block);
  }
  const docIds: number[] = [];
  const docOrigins: number[] = [];
  const sizes = new PackedBlobs(...sizeOf(db, 'client_search_docsize', 'sz'));
  for (const [id, sz, origin] of db.prepare('SELECT id, sz, origin FROM client_search_docsize ORDER BY id').raw().iterate() as IterableIterator<[number, Uint8Array, number]>) {
    docIds.push(id);
    sizes.push(sz);
    docOrigins.push(origin);
  }
  const idx = db.prepare('SELECT segid, term, pgno FROM client_search_idx').raw().all() as [number, Uint8Array, number][];
  db.close();
  return {
    dataIds: BigInt64Array.from(dataIds), dataBlocks: blocks.bytes, dataEnds: blocks.ends, idx,
    docIds: Float64Array.from(docIds), docOrigins: Float64Array.from(docOrigins), docSizes: sizes.bytes, docEnds: sizes.ends,
  };
}

const slice = (bytes: Uint8Array, ends: Uint32Array, i: number) => bytes.subarray(i === 0 ? 0 : ends[i - 1]!, ends[i]!);

/**
 * Replace the vault's (empty) index by the finished one. Inside the import's transaction: a rollback
 * brings the empty index back. The table is made anew first, so FTS5 holds no cached view of the old
 * segments; its shadow tables are then written directly (better-sqlite3's defensive mode refuses that,
 * so it is lifted for these statements only); its settings are put back through FTS5 itself.
 */
export function installSearchSegments(db: Db, shape: SearchIndexShape, s: SearchSegments): void {
  db.exec('DROP TABLE client_search');
  db.exec(shape.createSql);
  db.unsafeMode(true);
  try {
    db.exec('DELETE FROM client_search_data; DELETE FROM client_search_idx; DELETE FROM client_search_docsize');
    const data = db.prepare('INSERT INTO client_search_data (id, block) VALUES (?, ?)');
    s.dataIds.forEach((id, i) => data.run(id, slice(s.dataBlocks, s.dataEnds, i)));
    const idx = db.prepare('INSERT INTO client_search_idx (segid, term, pgno) VALUES (?, ?, ?)');
    for (const r of s.idx) idx.run(...r);
    const docs = db.prepare('INSERT INTO client_search_docsize (id, sz, origin) VALUES (?, ?, ?)');
    s.docIds.forEach((id, i) => docs.run(id, slice(s.docSizes, s.docEnds, i), s.docOrigins[i]!));
  } finally {
    db.unsafeMode(false);
  }
  for (const [k, v] of shape.settings) setIndexSetting(db, k, v);
}
