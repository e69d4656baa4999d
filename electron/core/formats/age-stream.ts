import { aeadOpen, aeadSeal, AgeError, AGE_CHUNK, AGE_TAG } from './age-primitives';
import { openHeader, writeHeader } from './age-header';
import type { AgeIdentity } from './age-keys';

/**
 * The age v1 payload (C2SP age spec §"Payload"): STREAM, 64 KiB chunks of
 * ChaCha20-Poly1305, each with its counter and a flag on the last one; read
 * as strictly as the spec asks, written one chunk at a time.
 */
/**
 * Decrypt a whole age file. On a payload failure the error carries the
 * plaintext released before it (every chunk that authenticated), as the CCTV
 * vectors describe; callers must still treat the result as failed.
 */
export function decrypt(data: Buffer, identities: AgeIdentity[]): Buffer {
  const { payloadKey, payloadStart } = openHeader(data, identities);
  const opener = new ChunkOpener(payloadKey, data.length - payloadStart);
  const out: Buffer[] = [];
  try {
    while (!opener.done) out.push(opener.open(data.subarray(payloadStart + opener.position, payloadStart + opener.position + opener.nextLength)));
  } catch (err) {
    if (err instanceof AgeError) throw new AgeError(err.kind, err.message, Buffer.concat(err.released ? [...out, err.released] : out));
    throw err;
  }
  return Buffer.concat(out);
}

function chunkNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/**
 * STREAM decryption one chunk at a time, for a payload whose length is known
 * (a file, or a tar entry), as age's reference reader does it: a short chunk
 * must be the final one; a full chunk is tried as a middle chunk first and
 * then as the final one, and nothing may follow the final chunk. The caller
 * hands in `nextLength` bytes at `position` until `done`; every chunk it gets
 * back has authenticated.
 */
export class ChunkOpener {
  private counter = 0;
  position = 0;
  done = false;

  constructor(private readonly key: Buffer, private readonly length: number) {
    if (length === 0) throw new AgeError('payload failure', 'the payload has no chunks');
  }

  get nextLength(): number {
    return Math.min(AGE_CHUNK + AGE_TAG, this.length - this.position);
  }

  open(sealed: Buffer): Buffer {
    const fail = (why: string): never => {
      throw new AgeError('payload failure', why);
    };
    if (this.done || sealed.length !== this.nextLength) throw new TypeError('ChunkOpener: wrong chunk length');
    const counter = this.counter++;
    this.position += sealed.length;
    const atEnd = this.position === this.length;
    if (sealed.length < AGE_CHUNK + AGE_TAG) {
      const plain = aeadOpen(this.key, chunkNonce(counter, true), sealed);
      if (!plain) fail(`the final chunk ${counter} does not authenticate`);
      if (plain!.length === 0 && counter > 0) fail('the final chunk is empty');
      this.done = true;
      return plain!;
    }
    const middle = aeadOpen(this.key, chunkNonce(counter, false), sealed);
    if (middle) {
      if (atEnd) throw new AgeError('payload failure', 'the payload ends without a final chunk', middle);
      return middle;
    }
    const final = aeadOpen(this.key, chunkNonce(counter, true), sealed);
    if (!final) fail(`chunk ${counter} does not authenticate`);
    if (!atEnd) throw new AgeError('payload failure', 'data follows the final chunk', final!);
    this.done = true;
    return final!;
  }
}

/** Where a stream's full chunks are sealed elsewhere (a worker thread): the payload key, and the counter of the first. */
export interface SealPlan {
  key: Buffer;
  counter: number;
  /** Plaintext bytes before the first chunk sealed elsewhere (they complete the chunk being filled). */
  head: number;
  chunks: number;
}

/**
 * Encryption to X25519 recipients (32-byte public keys), one chunk at a time:
 * `header` (with the payload nonce) comes first, then `seal` of each 64 KiB
 * chunk in order, the last one (possibly short, empty only if it is the only
 * one) marked `last`.
 */
export class AgeWriter {
  readonly header: Buffer;
  private readonly key: Buffer;
  private counter = 0;
  private finished = false;

  constructor(recipients: Buffer[]) {
    const { header, payloadKey } = writeHeader(recipients);
    this.header = header;
    this.key = payloadKey;
  }

  /** The counter of the next chunk this writer seals. */
  get nextChunk(): number {
    return this.counter;
  }

  /**
   * Full chunks sealed elsewhere (a worker thread, with `payloadKey()` and
   * the counters from `nextChunk` on) take their places in the stream: the
   * counter moves past them. They are never the last chunk.
   */
  sealedElsewhere(chunks: number): void {
    if (this.finished) throw new TypeError('age: the final chunk was already sealed');
    this.counter += chunks;
  }

  /** A copy of the payload key, for a thread that seals chunks of this stream. */
  payloadKey(): Buffer {
    return Buffer.from(this.key);
  }

  seal(plain: Buffer, last: boolean): Buffer {
    if (this.finished) throw new TypeError('age: the final chunk was already sealed');
    if (plain.length > AGE_CHUNK || (!last && plain.length !== AGE_CHUNK)) throw new TypeError('age: chunks are 64 KiB except the last');
    this.finished = last;
    return aeadSeal(this.key, chunkNonce(this.counter++, last), plain);
  }
}

/** Encrypt a whole buffer to X25519 recipients. */
export function encrypt(plain: Buffer, recipients: Buffer[]): Buffer {
  const w = new AgeWriter(recipients);
  const chunks = Math.max(1, Math.ceil(plain.length / AGE_CHUNK));
  const parts = [w.header];
  for (let i = 0; i < chunks; i++) parts.push(w.seal(plain.subarray(i * AGE_CHUNK, (i + 1) * AGE_CHUNK), i === chunks - 1));
  return Buffer.concat(parts);
}
