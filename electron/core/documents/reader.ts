import type { MessagePort, Worker } from 'node:worker_threads';
import type { SealPlan } from '../formats/age';
import { readOnlySetup } from '../db/read-only';
import type { ReaderPart, ReaderReply, ReaderRequest, ReaderSetup } from '../workers/document-reader';
import { startWorker } from '../workers/start';
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
 * at most PREFETCH ahead of the reader, so memory stays flat. The thread's code: workers/document-reader.ts.
 */

/** How many chunks (1 MiB each) the worker may read ahead of the consumer. */
const PREFETCH = 4;

/**
 * A piece of a document: plaintext, or full age chunks sealed by the reader's thread (16 bytes longer
 * per 64 KiB), or — with a relay — how many bytes of such chunks went straight to the writer's thread.
 */
export type DocumentPiece = { kind: 'raw' | 'sealed'; data: Buffer } | { kind: 'relayed'; bytes: number };

export class DocumentReader {
  private worker: Worker | null = null;
  private replies: ReaderReply[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private busy = false;

  /** With `relay` (one end of a channel whose other end a WorkerPackageSink has), sealed chunks go there, not here. */
  constructor(private readonly vault: OpenVault, private readonly relay?: MessagePort) {}

  /** The worker, started on first use with its own connection to the vault. */
  private started(): Worker {
    if (this.worker) return this.worker;
    const { setup, transfer } = readOnlySetup(this.vault.dir, this.vault.dataKey, this.vault.cipher);
    const workerData: ReaderSetup = { ...setup, ...(this.relay ? { relay: this.relay } : {}) };
    const worker = startWorker('document-reader', { workerData, transferList: [...transfer, ...(this.relay ? [this.relay] : [])] });
    worker.on('message', (m: ReaderReply) => {
      this.replies.push(m);
      this.wake?.();
    });
    worker.on('error', (err) => {
      this.failure = err;
      this.wake?.();
    });
    return (this.worker = worker);
  }

  private async reply(): Promise<{ parts: ReaderPart[]; end?: true }> {
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
      const send = (m: ReaderRequest, transfer: ArrayBuffer[] = []) => worker.postMessage(m, transfer);
      send({ open: documentId, ...(seal ? { seal } : {}) }, seal ? [seal.key.buffer] : []);
      plan?.key.fill(0);
      for (; asked < PREFETCH; asked++) send({ next: true });
      for (;;) {
        const r = await this.reply();
        asked--;
        for (const p of r.parts) yield 'buf' in p ? { kind: p.kind, data: Buffer.from(p.buf) } : p;
        if (r.end) break;
        send({ next: true });
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
    for await (const p of this.pieces(documentId)) if ('data' in p) yield p.data;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}
