import { createCipheriv, createHash } from 'node:crypto';
import { fdatasync, writeSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';

/**
 * The thread of packages/package-sink.ts: it writes a package's bytes to the temp file the main
 * thread opened (its descriptor, shared by every thread of the process) and hashes the ciphertext of
 * payload.tar.age once, BLAKE2b-512 (minisign's prehash, which the receipt names too). The main
 * thread only hands it buffers, transferred: no byte of a package is copied, hashed or written there,
 * so a click never waits on the disk. Every ~64 MiB it asks the kernel, without waiting, to put what
 * it has written on the disk (fdatasync on libuv's pool), so the disk works while the package is
 * still being sealed and the final fsync finds little left to do.
 */
export interface SinkSetup {
  fd: number;
  /** Where the document reader's thread sends the chunks it sealed (workers/document-reader.ts). */
  relay?: MessagePort;
}
/**
 * Buffers appended in order (`hash`: they are payload ciphertext), or written back at `at` (the
 * payload's tar header); `relayed`: the next that many bytes of ciphertext are taken from the relay port.
 */
export type SinkRequest =
  | { bufs: ArrayBuffer[]; hash: boolean; at?: number }
  | { relayed: number }
  | { seal: SealSegment; bufs: ArrayBuffer[] }
  | { digest: true }
  | { done: true };
/**
 * Plaintext of the payload's stream, sealed here: whole age chunks from `counter` on (not the last
 * chunk, which is sealed with the final flag by the main thread), what is left over sent back.
 */
export interface SealSegment {
  key: Uint8Array;
  counter: number;
}
/**
 * `ack` for each write; `digest` (once), `done` and `sealed` answer their requests once every write before them is done.
 * `code`: the system error's (ENOSPC…), so the main thread can say "the disk is full" (shared/errors.ts systemAppError).
 */
export type SinkReply = { ack: number } | { digest: Uint8Array } | { done: true } | { sealed: number; rest: ArrayBuffer } | { error: string; code?: string };

const FLUSH_EVERY = 64 * 1024 * 1024;

const port = parentPort!;
const { fd } = workerData as SinkSetup;
const hash = createHash('blake2b512');
let unflushed = 0;
let flushing: Promise<void> | null = null;
let failed: string | null = null;
let failedCode: string | undefined;

/** The first failure, kept with its system code. */
function failWith(err: unknown): void {
  if (failed !== null) return;
  failed = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') failedCode = code;
}
const failure = (): SinkReply => ({ error: failed!, ...(failedCode ? { code: failedCode } : {}) });

function writeAll(b: Uint8Array, at?: number): void {
  for (let done = 0; done < b.length;) done += writeSync(fd, b, done, b.length - done, at === undefined ? null : at + done);
}

/** One background fdatasync at a time; its failure fails the package. */
function flushBehind(): void {
  if (flushing || unflushed < FLUSH_EVERY) return;
  unflushed = 0;
  flushing = new Promise<void>((resolve) =>
    fdatasync(fd, (err) => {
      if (err) failWith(err);
      flushing = null;
      resolve();
    }),
  );
}

/** The main thread's requests, and the relay's buffers, in the order they came; `owed`: relayed bytes still to take before the next request. */
const requests: SinkRequest[] = [];
const relayed: ArrayBuffer[] = [];
let owed = 0;

function write(bufs: ArrayBuffer[], hashed: boolean, at?: number): number {
  let n = 0;
  for (const buf of bufs) {
    const b = new Uint8Array(buf);
    if (hashed) hash.update(b);
    writeAll(b, at === undefined ? undefined : at + n);
    n += b.length;
  }
  unflushed += n;
  flushBehind();
  return n;
}

function pump(): void {
  try {
    for (;;) {
      if (failed) throw new Error(failed);
      if (owed > 0) {
        const buf = relayed.shift();
        if (!buf) return;
        owed -= write([buf], true);
        if (owed < 0) throw new Error('the document reader sent more than it said');
        if (owed === 0) port.postMessage({ ack: 0 } satisfies SinkReply);
        continue;
      }
      const m = requests.shift();
      if (!m) return;
      if (!('relayed' in m)) handle(m);
      else if ((owed = m.relayed) === 0) port.postMessage({ ack: 0 } satisfies SinkReply);
    }
  } catch (err) {
    failWith(err);
    port.postMessage(failure() satisfies SinkReply);
    requests.length = 0;
  }
}

port.on('message', (m: SinkRequest) => {
  requests.push(m);
  pump();
});
(workerData as SinkSetup).relay?.on('message', (buf: ArrayBuffer) => {
  relayed.push(buf);
  pump();
});

const AGE_CHUNK = 65536;

/**
 * Seal the stream segment's whole chunks (ChaCha20-Poly1305, age STREAM nonce: 11-byte counter,
 * last flag 0), hash and write them a MiB at a time; a final full chunk is left over, since only
 * what follows it decides whether it is the last.
 */
function sealSegment(seg: SealSegment, bufs: ArrayBuffer[]): { sealed: number; rest: ArrayBuffer } {
  const key = Buffer.from(seg.key);
  seg.key.fill(0);
  const total = bufs.reduce((n, b) => n + b.byteLength, 0);
  const chunks = Math.max(0, Math.ceil(total / AGE_CHUNK) - 1);
  const chunk = Buffer.allocUnsafe(AGE_CHUNK);
  const nonce = Buffer.alloc(12);
  let fill = 0;
  let sealed = 0;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const rest = Buffer.allocUnsafe(total - chunks * AGE_CHUNK);
  let restFill = 0;
  const out = () => {
    const b = Buffer.concat(batch, batchBytes);
    batch = [];
    batchBytes = 0;
    write([b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer], true);
  };
  for (const buf of bufs) {
    const b = Buffer.from(buf);
    for (let i = 0; i < b.length;) {
      if (sealed === chunks) {
        restFill += b.copy(rest, restFill, i);
        break;
      }
      const n = b.copy(chunk, fill, i, Math.min(b.length, i + AGE_CHUNK - fill));
      fill += n;
      i += n;
      if (fill < AGE_CHUNK) continue;
      nonce.writeUIntBE(seg.counter + sealed++, 5, 6);
      const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
      const ct = c.update(chunk);
      c.final();
      batch.push(ct, c.getAuthTag());
      batchBytes += ct.length + 16;
      fill = 0;
      if (batchBytes >= 1024 * 1024) out();
    }
  }
  if (batchBytes) out();
  key.fill(0);
  chunk.fill(0);
  return { sealed, rest: rest.buffer.slice(rest.byteOffset, rest.byteOffset + rest.byteLength) as ArrayBuffer };
}

function handle(m: Exclude<SinkRequest, { relayed: number }>): void {
  if ('seal' in m) {
    const r = sealSegment(m.seal, m.bufs);
    port.postMessage({ sealed: r.sealed, rest: r.rest } satisfies SinkReply, [r.rest]);
    return;
  }
  if (!('bufs' in m)) {
    // Every write before this message is done (messages are handled in order); a flush still running is awaited.
    const answer = (): SinkReply => (failed ? failure() : 'digest' in m ? { digest: hash.digest() } : { done: true });
    void (flushing ?? Promise.resolve()).then(() => port.postMessage(answer()));
    return;
  }
  port.postMessage({ ack: write(m.bufs, m.hash, m.at) } satisfies SinkReply);
}
