import type { MessagePort, Worker } from 'node:worker_threads';
import type { SinkReply, SinkRequest, SinkSetup } from '../workers/package-sink';
import { startWorker } from '../workers/start';
import type { PackageSink } from './package-writer';

/**
 * A package written to a file by another thread (workers/package-sink.ts), which also hashes the
 * payload's ciphertext: the main thread of an export only seals what was not sealed where it was
 * read and hands buffers on. Writing (and the kernel's throttling of writes when the disk falls
 * behind) and BLAKE2b, the slowest per-byte step left, no longer hold the window; with the document
 * reader sealing on its own thread, an export keeps both cores busy.
 *
 * Buffers are transferred, not copied, when they own their memory; at most MAX_IN_FLIGHT batches
 * (about 1 MiB each) wait in the thread. The file descriptor stays the caller's: `close` and
 * `abort` return only once the thread will not touch it again.
 */
const MAX_IN_FLIGHT = 8;

/** The buffer to transfer: the Buffer's own memory when it spans it, else a copy (pooled Buffers must stay). */
const owned = (b: Buffer): ArrayBuffer =>
  (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) as ArrayBuffer;

export class WorkerPackageSink implements PackageSink {
  private readonly worker: Worker;
  private inFlight = 0;
  private room: (() => void)[] = [];
  private answers: ((r: SinkReply) => void)[] = [];
  private failure: Error | null = null;
  private stopped = false;

  /** `relay`: the other end of the channel a DocumentReader sends its sealed chunks to (see `relayed`). */
  constructor(fd: number, relay?: MessagePort) {
    const workerData: SinkSetup = { fd, ...(relay ? { relay } : {}) };
    this.worker = startWorker('package-sink', { workerData, transferList: relay ? [relay] : [] });
    this.worker.on('message', (r: SinkReply) => {
      if ('error' in r) this.fail(Object.assign(new Error(r.error), r.code ? { code: r.code } : {}));
      if ('ack' in r) {
        this.inFlight--;
        this.room.shift()?.();
      } else this.answers.shift()?.(r);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', () => this.fail(new Error('the package writer thread ended')));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const wake of this.room.splice(0)) wake();
    for (const answer of this.answers.splice(0)) answer({ error: err.message });
  }

  private post(bufs: Buffer[], hash: boolean, at?: number): void {
    const transfer = bufs.map(owned);
    this.inFlight++;
    this.worker.postMessage({ bufs: transfer, hash, ...(at === undefined ? {} : { at }) } satisfies SinkRequest, transfer);
  }

  /** Bytes outside the payload (the outer tar's entries): few, copied. */
  write(b: Buffer): void {
    if (this.failure) throw this.failure;
    this.post([Buffer.from(b)], false);
  }

  patch(position: number, b: Buffer): void {
    if (this.failure) throw this.failure;
    this.post([Buffer.from(b)], false, position);
  }

  private async hasRoom(): Promise<void> {
    while (!this.failure && this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => this.room.push(r));
    if (this.failure) throw this.failure;
  }

  /** Ciphertext of payload.tar.age, written and hashed there; resolves once there is room for more. Do not use `parts` afterwards. */
  async payload(parts: Buffer[]): Promise<void> {
    await this.hasRoom();
    this.post(parts, true);
  }

  /** The next `bytes` of ciphertext are those the document reader sent the relay; acknowledged once written, so the reader stays at most a few MiB ahead. */
  async relayed(bytes: number): Promise<void> {
    await this.hasRoom();
    this.inFlight++;
    this.worker.postMessage({ relayed: bytes } satisfies SinkRequest);
  }

  private ask(m: SinkRequest, transfer: ArrayBuffer[] = []): Promise<SinkReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<SinkReply>((resolve) => {
      this.answers.push(resolve);
      this.worker.postMessage(m, transfer);
    }).then((r) => {
      if ('error' in r) throw this.failure ?? new Error(r.error);
      return r;
    });
  }

  /**
   * Plaintext of the payload's stream (the chunk being filled, then a file held in memory) sealed
   * there, from chunk `counter` on, in whole chunks but the last; resolves with how many chunks were
   * sealed and the plaintext left over. The parts' memory goes to the thread.
   */
  async sealSegment(parts: Buffer[], key: Buffer, counter: number): Promise<{ sealed: number; rest: Buffer }> {
    if (this.failure) throw this.failure;
    const bufs = parts.map(owned);
    const keyCopy = new Uint8Array(key);
    key.fill(0);
    const r = await this.ask({ seal: { key: keyCopy, counter }, bufs }, [...bufs, keyCopy.buffer as ArrayBuffer]);
    const { sealed, rest } = r as { sealed: number; rest: ArrayBuffer };
    return { sealed, rest: Buffer.from(rest) };
  }

  /** The BLAKE2b-512 of every payload byte, once they are all written. */
  async payloadDigest(): Promise<Buffer> {
    const r = await this.ask({ digest: true });
    return Buffer.from((r as { digest: Uint8Array }).digest);
  }

  /** Every byte written; then the thread ends. */
  async close(): Promise<void> {
    await this.ask({ done: true });
    await this.abort();
  }

  /** The thread ends (whatever it was doing): it will not write again. */
  async abort(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.worker.terminate();
  }
}
