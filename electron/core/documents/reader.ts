import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SealPlan } from '../crypto/age';
import { cipherPragma } from '../vault/cipher';
import { dbPath, nativeBindingPath, rawKeyLiteral } from '../vault/database';
import type { OpenVault } from '../vault/vault';

/**
 * Documents read from the vault on a worker thread with its own read-only
 * connection, set to the vault's recorded cipher. Decrypting the database's
 * pages (ChaCha20 150-200 MB/s, AEGIS-256 300-390 MB/s on one core here) is the slowest step
 * of a package export; on its own thread it runs beside the hashing and the
 * clients' text instead of before them. For a package, the same thread also
 * seals the document's whole age chunks (given the payload key and the
 * counter of the first; see SealPlan), so the main thread only writes them.
 *
 * The worker gets the key literal (rawKeyLiteral, moved to it, never a
 * string) and wipes it once the database is open; the key never leaves the
 * main process. The worker starts with the first document read. Chunks come back transferred (not copied),
 * at most PREFETCH ahead of the reader, so memory stays flat.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const literal = Buffer.from(workerData.literal.buffer, workerData.literal.byteOffset, workerData.literal.byteLength);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  db.pragma(workerData.cipherPragma);
  db.key(literal);
  db.pragma('temp_store = MEMORY');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
} finally {
  literal.fill(0);
}
const ids = db.prepare('SELECT id FROM document_chunks WHERE document_id = ? ORDER BY seq').pluck();
const one = db.prepare('SELECT data FROM document_chunks WHERE id = ?').pluck();
const { createCipheriv } = require('node:crypto');
const CHUNK = 65536;
const own = (b) => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
let queue = [];
// With a sealing plan, the document's bytes come back as: its first (head) bytes raw, then (chunks) full age chunks
// sealed here (ChaCha20-Poly1305, the age STREAM nonce: 11-byte counter, 0 = not the last chunk), then the rest raw.
let plan = null;
function seal(plain) {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(plan.counter++, 5, 6);
  const c = createCipheriv('chacha20-poly1305', plan.key, nonce, { authTagLength: 16 });
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}
function planned(b) {
  const parts = [];
  const push = (kind, buf) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.bufs.push(buf);
    else parts.push({ kind, bufs: [buf] });
  };
  const sealedEnd = plan.head + plan.chunks * CHUNK;
  for (let i = 0; i < b.length;) {
    const at = plan.pos + i;
    let n;
    if (at < plan.head) {
      n = Math.min(plan.head - at, b.length - i);
      push('raw', b.subarray(i, i + n));
    } else if (at < sealedEnd) {
      n = Math.min(CHUNK - plan.fill, b.length - i);
      if (plan.fill === 0 && n === CHUNK) push('sealed', seal(b.subarray(i, i + CHUNK)));
      else {
        b.copy(plan.carry, plan.fill, i, i + n);
        plan.fill += n;
        if (plan.fill === CHUNK) {
          push('sealed', seal(plan.carry));
          plan.fill = 0;
        }
      }
    } else {
      n = b.length - i;
      push('raw', b.subarray(i, i + n));
    }
    i += n;
  }
  plan.pos += b.length;
  return parts.map((p) => ({ kind: p.kind, buf: own(Buffer.concat(p.bufs)) }));
}
parentPort.on('message', (m) => {
  try {
    if (m.open !== undefined) {
      if (plan) plan.key.fill(0);
      queue = ids.all(m.open);
      plan = m.seal ? { ...m.seal, key: Buffer.from(m.seal.key), pos: 0, fill: 0, carry: Buffer.alloc(CHUNK) } : null;
    } else if (m.next) {
      const id = queue.shift();
      if (id === undefined) {
        // A document shorter than planned: what was not sealed goes back raw (the reader then sees the size is wrong).
        const rest = plan && plan.fill ? [{ kind: 'raw', buf: own(Buffer.from(plan.carry.subarray(0, plan.fill))) }] : [];
        if (plan) plan.fill = 0;
        return parentPort.postMessage({ end: true, parts: rest }, rest.map((p) => p.buf));
      }
      const b = one.get(id);
      const parts = plan ? planned(b) : [{ kind: 'raw', buf: own(b) }];
      parentPort.postMessage({ parts }, parts.map((p) => p.buf));
    }
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
});
`;

const modulePath = createRequire(__filename).resolve('better-sqlite3-multiple-ciphers');

/** How many chunks (1 MiB each) the worker may read ahead of the consumer. */
const PREFETCH = 4;

type Part = { kind: 'raw' | 'sealed'; buf: ArrayBuffer };
type Reply = { parts: Part[]; end?: true } | { error: string };

/** A piece of a document: plaintext, or full age chunks sealed by the reader's thread (16 bytes longer per 64 KiB). */
export type DocumentPiece = { kind: 'raw' | 'sealed'; data: Buffer };

export class DocumentReader {
  private worker: Worker | null = null;
  private replies: Reply[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private busy = false;

  constructor(private readonly vault: OpenVault) {}

  /** The worker, started on first use with its own connection to the vault. */
  private started(): Worker {
    if (this.worker) return this.worker;
    const literal = rawKeyLiteral(this.vault.dataKey);
    const worker = new Worker(SOURCE, {
      eval: true, workerData: { modulePath, nativeBinding: nativeBindingPath(), file: dbPath(this.vault.dir), cipherPragma: cipherPragma(this.vault.cipher), literal }, transferList: [literal.buffer as ArrayBuffer],
    });
    worker.on('message', (m: Reply) => {
      this.replies.push(m);
      this.wake?.();
    });
    worker.on('error', (err) => {
      this.failure = err;
      this.wake?.();
    });
    return (this.worker = worker);
  }

  private async reply(): Promise<{ parts: Part[]; end?: true }> {
    while (this.replies.length === 0) {
      if (this.failure) throw this.failure;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = null;
    }
    const r = this.replies.shift()!;
    if ('error' in r) throw new Error(r.error);
    return r;
  }

  /** The pieces of one document in order (one document at a time); with a plan, its middle comes sealed. */
  async *pieces(documentId: number, plan?: SealPlan): AsyncGenerator<DocumentPiece> {
    if (this.busy) throw new Error('DocumentReader reads one document at a time');
    this.busy = true;
    let asked = 0;
    try {
      const worker = this.started();
      const seal = plan ? { ...plan, key: new Uint8Array(plan.key) } : undefined;
      worker.postMessage({ open: documentId, seal }, seal ? [seal.key.buffer] : []);
      plan?.key.fill(0);
      for (; asked < PREFETCH; asked++) worker.postMessage({ next: true });
      for (;;) {
        const r = await this.reply();
        asked--;
        for (const p of r.parts) yield { kind: p.kind, data: Buffer.from(p.buf) };
        if (r.end) break;
        worker.postMessage({ next: true });
        asked++;
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

  /** The plaintext chunks of one document in order. */
  async *chunks(documentId: number): AsyncGenerator<Buffer> {
    for await (const p of this.pieces(documentId)) yield p.data;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}
