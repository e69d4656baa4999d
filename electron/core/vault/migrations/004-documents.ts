import type { Migration } from './migration';

/**
 * Documents live inside the encrypted vault (DESIGN.md §5: nothing else on
 * disk), as 1 MiB chunks. An attach writes its chunks in several small
 * transactions under state 'partial' and flips to 'complete' with the SHA-256
 * in the last one; partial documents are never listed and are removed at the
 * next unlock, so an interrupted attach leaves nothing behind.
 */
export const documents: Migration = {
  version: 4,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT,
        state TEXT NOT NULL CHECK (state IN ('partial', 'complete')),
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX documents_client ON documents(client_id, state);

      CREATE TABLE document_chunks (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (document_id, seq)
      ) STRICT;
    `);
  },
};
