import type { Db } from '../db/database';

/** Below this many rows an import writes as any other change does: the rebuilds would cost more than they save. */
export const BULK_IMPORT_ROWS = 1000;

/** The search index's memory for new terms during a large import (see bulkClientWrite). */
const BULK_HASH_BYTES = 64 * 1024 * 1024;

/** Whether an import of this many rows writes most of the client table (then bulkClientWrite pays off). */
export function isBulkImport(db: Db, rows: number): boolean {
  return rows >= BULK_IMPORT_ROWS && rows >= (db.prepare('SELECT count(*) FROM clients').pluck().get() as number);
}

/**
 * An import that writes most of the client table drops the table's secondary indexes and builds them
 * again once at the end — one sort instead of 100,000 index inserts, also under the tier update that
 * follows the rows — and lets the search index merge its segments once at the end ('optimize': one
 * segment, which searches fastest) instead of along the way. Called inside the import's transaction,
 * so a rollback brings every index and setting back; nothing else reads the vault meanwhile (the
 * import is an exclusive job). Returns the function that finishes the bulk write, before COMMIT.
 * `searchIndex: false` when the import builds the search index apart (clients/search-segments-store.ts).
 */
export function bulkClientWrite(db: Db, { searchIndex = true } = {}): () => void {
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'clients' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
  const rebuild = () => {
    for (const i of indexes) db.exec(i.sql);
  };
  if (!searchIndex) return rebuild;
  const setting = (k: 'automerge' | 'hashsize', otherwise: number) =>
    (db.prepare('SELECT v FROM client_search_config WHERE k = ?').pluck().get(k) as number | undefined) ?? otherwise;
  // FTS5 takes a setting's value only as a literal (a bound one is 'SQL logic error'); it is an integer here.
  const set = (k: 'automerge' | 'hashsize', n: number) => db.prepare(`INSERT INTO client_search (client_search, rank) VALUES ('${k}', ${Math.trunc(Number(n)) || 0})`).run();
  const automerge = setting('automerge', 4);
  const hashsize = setting('hashsize', 1024 * 1024);
  set('automerge', 0);
  // New terms are held in memory up to this size before they become a segment: with FTS5's 1 MB,
  // 100,000 clients made about 600 small segments, and merging them cost more than the inserts.
  set('hashsize', BULK_HASH_BYTES);
  return () => {
    rebuild();
    set('automerge', automerge);
    set('hashsize', hashsize);
    db.prepare("INSERT INTO client_search (client_search) VALUES ('optimize')").run();
  };
}
