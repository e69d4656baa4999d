import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { dbPath, nativeBindingPath } from '../vault/database';
import type { OpenVault } from '../vault/vault';

/**
 * Documents read from the vault on a worker thread with its own read-only
 * connection. Decrypting the database's pages (SQLite3MultipleCiphers'
 * ChaCha20-Poly1305, about 150-200 MB/s on one core here) is the slowest step
 * of a package export; on its own thread it runs beside the encryption and
 * the hashing instead of before them.
 *
 * The worker gets a copy of the data key, builds the key literal from it and
 * wipes both once the database is open; the key never becomes a string and
 * never leaves the main process. Chunks come back transferred (not copied),
 * at most PREFETCH ahead of the reader, so memory stays flat.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const key = workerData.key;
const hex = '0123456789abcdef';
const literal = Buffer.alloc(3 + key.length * 2);
literal[0] = 0x78; literal[1] = 0x27; literal[literal.length - 1] = 0x27;
for (let i = 0; i < key.length; i++) { literal[2 + i * 2] = hex.charCodeAt(key[i] >> 4); literal[3 + i * 2] = hex.charCodeAt(key[i] & 15); }
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  db.pragma("cipher = 'chacha20'");
  db.key(literal);
  db.pragma('temp_store = MEMORY');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
} finally {
  literal.fill(0);
  key.fill(0);
}
const ids = db.prepare('SELECT id FROM document_chunks WHERE document_id = ? ORDER BY seq').pluck();
const one = db.prepare('SELECT data FROM document_chunks WHERE id = ?').pluck();
let queue = [];
parentPort.on('message', (m) => {
  try {
    if (m.open !== undefined) queue = ids.all(m.open);
    else if (m.next) {
      const id = queue.shift();
      if (id === undefined) return parentPort.postMessage({ end: true });
      const b = one.get(id);
      const owned = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
      parentPort.postMessage({ chunk: owned }, [owned]);
    } else if (m.close) {
      db.close();
      process.exit(0);
    }
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
});
`;

const modulePath = createRequire(__filename).resolve('better-sqlite3-multiple-ciphers');

/** How many chunks (1 MiB each) the worker may read ahead of the consumer. */
const PREFETCH = 4;

type Reply = { chunk: ArrayBuffer } | { end: true } | { error: string };

export class DocumentReader {
  private readonly worker: Worker;
  private replies: Reply[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private busy = false;

  constructor(vault: OpenVault) {
    const key = new Uint8Array(vault.dataKey); // a copy, moved to the worker and wiped there
    this.worker = new Worker(SOURCE, { eval: true, workerData: { modulePath, nativeBinding: nativeBindingPath(), file: dbPath(vault.dir), key }, transferList: [key.buffer] });
    this.worker.on('message', (m: Reply) => {
      this.replies.push(m);
      this.wake?.();
    });
    this.worker.on('error', (err) => {
      this.failure = err;
      this.wake?.();
    });
  }

  private async reply(): Promise<{ chunk: ArrayBuffer } | { end: true }> {
    while (this.replies.length === 0) {
      if (this.failure) throw this.failure;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = null;
    }
    const r = this.replies.shift()!;
    if ('error' in r) throw new Error(r.error);
    return r;
  }

  /** The chunks of one document in order; one document at a time. */
  async *chunks(documentId: number): AsyncGenerator<Buffer> {
    if (this.busy) throw new Error('DocumentReader reads one document at a time');
    this.busy = true;
    let asked = 0;
    try {
      this.worker.postMessage({ open: documentId });
      for (; asked < PREFETCH; asked++) this.worker.postMessage({ next: true });
      for (;;) {
        const r = await this.reply();
        asked--;
        if ('end' in r) break;
        this.worker.postMessage({ next: true });
        asked++;
        yield Buffer.from(r.chunk);
      }
    } finally {
      // Replies still on their way for this document (a consumer that stopped early) are drained.
      while (asked > 0 && !this.failure) {
        await this.reply().catch(() => undefined);
        asked--;
      }
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
