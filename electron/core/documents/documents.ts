import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { ParallelSha256 } from '../crypto/hash-worker';
import { fsyncDir, tempSibling, writeAllTo } from '../fs-atomic';
import { forgetExportTemp, recordExportTemp, removeExportLeftovers } from '../packages/export-temp';
import type { JobContext } from '../jobs/jobs';
import type { Db } from '../db/database';
import { clientCodeById } from '../clients/store';
import type { Clock, OpenVault } from '../vault/vault';
import {
  chunksOf, completeDocument, completeDocumentRow, completeDocumentsOf, deleteDocument, documentChunkWriter, insertPartialDocument, type DocumentRow,
} from './store';

// The package receive (and the benches) write and read documents through these names, as before the store existed.
export { chunksOf, completeDocument, documentChunkWriter } from './store';

export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024 * 1024;
export const PREVIEW_MAX_BYTES = 32 * 1024 * 1024;
const CHUNK = 1024 * 1024;
/** Chunks per transaction (16 MiB): each commit stays short, so other calls get through between them. */
const CHUNKS_PER_TX = 16;

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.bmp': 'image/bmp', '.txt': 'text/plain', '.csv': 'text/csv',
  '.doc': 'application/msword', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

export interface DocumentView {
  id: number;
  clientId: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  addedBy: string;
  addedAt: string;
}

const view = (r: DocumentRow): DocumentView => ({
  id: r.id, clientId: r.client_id, name: r.name, mime: r.mime, size: r.size, sha256: r.sha256, addedBy: r.added_by, addedAt: r.added_at,
});

function clientCode(db: Db, clientId: number): string {
  const code = clientCodeById(db, clientId);
  if (code === undefined) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  return code;
}

export function listDocuments(db: Db, clientId: number): DocumentView[] {
  clientCode(db, clientId);
  return completeDocumentsOf(db, clientId).map(view);
}

export function getDocument(db: Db, id: number): DocumentView {
  const r = completeDocumentRow(db, id);
  if (!r) throw new AppError('DOCUMENT_NOT_FOUND', 'No such document');
  return view(r);
}

/**
 * Attach a file: streamed in 1 MiB chunks (constant memory, up to 2 GB),
 * hashed on a worker thread as it goes, committed a few chunks at a time with
 * progress and cancel. Only the last transaction makes the document visible,
 * together with its access-log entry.
 */
export async function attachDocument(vault: OpenVault, clientId: number, file: string, job: JobContext, now: Clock): Promise<DocumentView> {
  const db = vault.db;
  const code = clientCode(db, clientId);
  const st = await stat(file).catch(() => {
    throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  });
  if (!st.isFile()) throw new AppError('FILE_UNREADABLE', 'Not a file');
  if (st.size > MAX_DOCUMENT_BYTES) throw new AppError('FILE_TOO_LARGE', 'Documents are limited to 2 GB', { limit: '2 GB' });
  const name = basename(file);
  const docId = newDocument(db, clientId, name, st.size, vault.user.name, now().toISOString());
  const chunks = documentChunkWriter(db, docId);
  const hash = new ParallelSha256();
  const fh = await open(file, 'r');
  try {
    let offset = 0;
    // do/while: an empty file still goes through once and is attached as an empty document.
    do {
      job.throwIfCancelled();
      const batch: Buffer[] = [];
      while (batch.length < CHUNKS_PER_TX && offset < st.size) {
        const chunk = Buffer.allocUnsafeSlow(Math.min(CHUNK, st.size - offset));
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, offset);
        if (bytesRead !== chunk.length) throw new AppError('FILE_UNREADABLE', 'The file changed while it was read');
        offset += bytesRead;
        batch.push(chunk);
      }
      db.transaction(() => {
        for (const chunk of batch) chunks.write(chunk);
      }).immediate();
      for (const chunk of batch) await hash.update(chunk);
      job.progress(offset, st.size, 'bytes');
      await yieldToLoop();
    } while (offset < st.size);
    const sha256 = await hash.digest();
    db.transaction(() => {
      completeDocument(db, docId, sha256);
      appendLog(db, { actor: vault.user.name, action: 'document.attach', target: code, details: { document: name, size: st.size, sha256 } }, now());
    }).immediate();
    return getDocument(db, docId);
  } catch (err) {
    await hash.abort();
    if (db.open) deleteDocument(db, docId);
    throw err;
  } finally {
    await fh.close();
  }
}

/** A new, not yet visible document, its type told by its name (state 'partial': removed at the next unlock if it is never completed). */
export function newDocument(db: Db, clientId: number, name: string, size: number, by: string, at: string): number {
  return insertPartialDocument(db, clientId, name, MIME[extname(name).toLowerCase()] ?? 'application/octet-stream', size, by, at);
}

/** Write a copy to `out` (temp file, renamed at the end), checked against the stored SHA-256. Logged. */
export async function exportDocument(vault: OpenVault, id: number, out: string, job: JobContext, now: Clock): Promise<DocumentView> {
  const doc = getDocument(vault.db, id);
  const tmp = tempSibling(out);
  // A document's plaintext in a folder the user picked: a killed export's temp file is removed at the next unlock or export.
  removeExportLeftovers(vault);
  recordExportTemp(vault.dir, tmp);
  const hash = new ParallelSha256();
  let fh;
  try {
    fh = await open(tmp, 'wx', 0o600);
  } catch (err) {
    forgetExportTemp(vault.dir, tmp);
    throw err;
  }
  try {
    let written = 0;
    for (const chunk of chunksOf(vault.db, id)) {
      job.throwIfCancelled();
      await writeAllTo(fh, chunk);
      written += chunk.length;
      await hash.update(chunk);
      job.progress(written, doc.size, 'bytes');
    }
    await fh.sync();
    await fh.close();
    if ((await hash.digest()) !== doc.sha256 || written !== doc.size) throw new AppError('VAULT_CORRUPT', 'The stored document does not match its checksum');
    await rename(tmp, out);
    fsyncDir(dirname(out));
  } catch (err) {
    await fh.close().catch(() => undefined);
    await hash.abort();
    await rm(tmp, { force: true });
    throw err;
  } finally {
    forgetExportTemp(vault.dir, tmp);
  }
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'document.export', target: clientCode(vault.db, doc.clientId), details: { document: doc.name, to: basename(out) } }, now());
  }).immediate();
  return doc;
}

/** The bytes of an image or PDF for the in-app viewer (read-only); the opening is logged. */
export function previewDocument(vault: OpenVault, id: number, now: Clock): { name: string; mime: string; data: string } {
  const doc = getDocument(vault.db, id);
  if (!/^image\/|^application\/pdf$|^text\/plain$/.test(doc.mime)) throw new AppError('PREVIEW_UNSUPPORTED', 'This kind of file has no preview', { name: doc.name });
  if (doc.size > PREVIEW_MAX_BYTES) throw new AppError('PREVIEW_UNSUPPORTED', 'This file is too large to preview', { name: doc.name });
  const data = Buffer.concat([...chunksOf(vault.db, id)]).toString('base64');
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'document.open', target: clientCode(vault.db, doc.clientId), details: { document: doc.name } }, now());
  }).immediate();
  return { name: doc.name, mime: doc.mime, data };
}
