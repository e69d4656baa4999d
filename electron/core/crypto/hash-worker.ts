import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { HashAlgorithm, HashReply } from '../workers/hash';
import { startWorker } from '../workers/start';

/**
 * Streaming hashes (SHA-256, BLAKE2b-512) that run on a worker thread, so
 * hashing (≈180 MB/s for SHA-256, ≈400 MB/s for BLAKE2b on this CPU) overlaps
 * the file I/O, the database reads and the encryption instead of adding to
 * them. Chunks are transferred (or copied once, when asked to leave the
 * caller's buffer intact); at most `inFlight` wait in the worker, so memory
 * stays bounded whatever the size. For small inputs a worker costs more than
 * it saves: `streamHash` hashes inline below a size hint.
 */

export interface StreamHash {
  /** With `keep`, the caller's buffer stays usable (the worker gets a copy); without it, do not use `chunk` afterwards. */
  update(chunk: Buffer, keep?: boolean): Promise<void>;
  /** The digest of the first algorithm. */
  digest(): Promise<Buffer>;
  /** The digests of every algorithm asked for, in that order. */
  digests(): Promise<Buffer[]>;
  abort(): Promise<void>;
}

export class WorkerHash implements StreamHash {
  private readonly worker: Worker;
  private pending = 0;
  private waiters: (() => void)[] = [];
  private digestWaiter: ((d: Buffer[]) => void) | null = null;
  private failure: Error | null = null;

  /** One worker for several algorithms hashes each chunk once it has it: one transfer, no copy per algorithm. */
  constructor(algorithms: HashAlgorithm | HashAlgorithm[] = 'sha256', private readonly inFlight = 4) {
    this.worker = startWorker('hash', { workerData: [algorithms].flat() });
    this.worker.on('message', (msg: HashReply) => {
      if (msg === 'ack') {
        this.pending--;
        this.waiters.shift()?.();
      } else {
        this.digestWaiter?.(msg.digests.map((d) => Buffer.from(d)));
      }
    });
    this.worker.on('error', (err) => {
      this.failure = err;
      this.waiters.forEach((w) => w());
    });
  }

  async update(chunk: Buffer, keep = false): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.pending >= this.inFlight) await new Promise<void>((r) => this.waiters.push(r));
    const owned =
      !keep && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
        ? (chunk.buffer as ArrayBuffer)
        : chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength);
    this.pending++;
    this.worker.postMessage(owned, [owned as ArrayBuffer]);
  }

  async digests(): Promise<Buffer[]> {
    if (this.failure) throw this.failure;
    const d = await new Promise<Buffer[]>((resolve) => {
      this.digestWaiter = resolve;
      this.worker.postMessage('end');
    });
    await this.worker.terminate();
    return d;
  }

  async digest(): Promise<Buffer> {
    return (await this.digests())[0]!;
  }

  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}

class InlineHash implements StreamHash {
  private readonly hashes;
  constructor(algorithms: HashAlgorithm | HashAlgorithm[]) {
    this.hashes = [algorithms].flat().map((a) => createHash(a));
  }
  update(chunk: Buffer): Promise<void> {
    for (const h of this.hashes) h.update(chunk);
    return Promise.resolve();
  }
  digests(): Promise<Buffer[]> {
    return Promise.resolve(this.hashes.map((h) => h.digest()));
  }
  async digest(): Promise<Buffer> {
    return (await this.digests())[0]!;
  }
  abort(): Promise<void> {
    return Promise.resolve();
  }
}

/** Below this many bytes a hash runs inline: starting a worker (≈20 ms) would cost more than it overlaps. */
export const WORKER_THRESHOLD = 4 * 1024 * 1024;

export function streamHash(algorithms: HashAlgorithm | HashAlgorithm[], expectedBytes: number): StreamHash {
  return expectedBytes >= WORKER_THRESHOLD ? new WorkerHash(algorithms) : new InlineHash(algorithms);
}

/** SHA-256 as hex on a worker thread (documents, backups). */
export class ParallelSha256 {
  private readonly inner = new WorkerHash('sha256');
  update(chunk: Buffer): Promise<void> {
    return this.inner.update(chunk);
  }
  async digest(): Promise<string> {
    return (await this.inner.digest()).toString('hex');
  }
  abort(): Promise<void> {
    return this.inner.abort();
  }
}
