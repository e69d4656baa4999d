import type { Db } from '../db/database';

/** Below this many rows an import writes as any other change does: the rebuilds would cost more than they save. */
export const BULK_IMPORT_ROWS = 1000;

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
 */
export function bulkClientWrite(db: Db): () => void {
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'clients' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
  const automerge = (db.prepare("SELECT v FROM client_search_config WHERE k = 'automerge'").pluck().get() as number | undefined) ?? 4;
  // FTS5 takes a setting's value only as a literal (a bound one is 'SQL logic error'); it is a small integer here.
  const setAutomerge = (n: number) => db.prepare(`INSERT INTO client_search (client_search, rank) VALUES ('automerge', ${Math.trunc(Number(n)) || 0})`).run();
  setAutomerge(0);
  return () => {
    for (const i of indexes) db.exec(i.sql);
    setAutomerge(automerge);
    db.prepare("INSERT INTO client_search (client_search) VALUES ('optimize')").run();
  };
}
