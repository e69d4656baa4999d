import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/database';

/**
 * The documents domain's tables — documents and document_chunks — are read and written here and
 * nowhere else (issue 18). A document is 'partial' while its chunks are written and becomes visible
 * ('complete', with its SHA-256) in the transaction that logs it.
 */
export interface DocumentRow { id: number; client_id: number; name: string; mime: string; size: number; sha256: string; added_by: string; added_at: string }

/** Remove what an interrupted attach left (run at unlock). */
export function removePartialDocuments(db: Db): number {
  return db.prepare(`DELETE FROM documents WHERE state = 'partial'`).run().changes;
}

/** A client's visible documents, newest first. */
export function completeDocumentsOf(db: Db, clientId: number): DocumentRow[] {
  return db.prepare(`SELECT * FROM documents WHERE client_id = ? AND state = 'complete' ORDER BY added_at DESC, id DESC`).all(clientId) as DocumentRow[];
}

export function completeDocumentRow(db: Db, id: number): DocumentRow | undefined {
  return db.prepare(`SELECT * FROM documents WHERE id = ? AND state = 'complete'`).get(id) as DocumentRow | undefined;
}

/** How many documents a client holds, in any state (what a purge takes with it). */
export function documentCountOf(db: Db, clientId: number): number {
  return db.prepare('SELECT count(*) FROM documents WHERE client_id = ?').pluck().get(clientId) as number;
}

/** A new, not yet visible document (state 'partial': removed at the next unlock if it is never completed). */
export function insertPartialDocument(db: Db, clientId: number, name: string, mime: string, size: number, by: string, at: string): number {
  return Number(db.prepare(`INSERT INTO documents (client_id, name, mime, size, state, added_by, added_at) VALUES (?, ?, ?, ?, 'partial', ?, ?)`)
    .run(clientId, name, mime, size, by, at).lastInsertRowid);
}

/** Appends a document's chunks in order (the caller cuts them at 1 MiB). */
export function documentChunkWriter(db: Db, docId: number) {
  const insert = db.prepare('INSERT INTO document_chunks (document_id, seq, data) VALUES (?, ?, ?)');
  const w = {
    count: 0,
    write(chunk: Buffer) {
      insert.run(docId, w.count++, chunk);
    },
  };
  return w;
}

export function completeDocument(db: Db, docId: number, sha256: string): void {
  db.prepare(`UPDATE documents SET state = 'complete', sha256 = ? WHERE id = ?`).run(sha256, docId);
}

export function deleteDocument(db: Db, docId: number): void {
  db.prepare('DELETE FROM documents WHERE id = ?').run(docId);
}

/**
 * The two reads behind a document's bytes: its chunk ids in order, then each chunk by id (one at a
 * time, so memory stays flat), on the caller's connection: the main one, or the reader thread's own
 * (workers/document-reader.ts), which imports nothing else of core.
 */
export function chunkStatements(db: Db): { chunkIds: Database.Statement<[number], number>; chunkData: Database.Statement<[number], Buffer> } {
  return {
    chunkIds: db.prepare<[number], number>('SELECT id FROM document_chunks WHERE document_id = ? ORDER BY seq').pluck(),
    chunkData: db.prepare<[number], Buffer>('SELECT data FROM document_chunks WHERE id = ?').pluck(),
  };
}

export function* chunksOf(db: Db, docId: number): Generator<Buffer> {
  const { chunkIds, chunkData } = chunkStatements(db);
  for (const id of chunkIds.all(docId)) yield chunkData.get(id)!;
}
