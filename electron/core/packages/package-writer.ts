import { createHash, randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AgeWriter, formatRecipient, AGE_CHUNK, AGE_TAG, type SealPlan } from '../formats/age';
import { streamHash } from '../crypto/hash-worker';
import { blake2b512, fingerprint, formatPublicKey, signDigest, type SigningKey } from '../formats/minisign';
import type { BagFile, BagFileInfo } from '../formats/bagit';
import { tarEntryBytes, tarEnd, tarHeader, tarPadding } from '../formats/tar';
import { PACKAGE_FILES, readme, trustedComment, untrustedComment, type PackageMeta, type StreamControl } from './package-format';

/**
 * Writing a handover package, streamed, in memory constant in its size.
 * Inside the payload the bag's payload files come first (the documents, whose
 * sizes and SHA-256s are stored, can start at once while the clients' text is
 * still being read) and its tag files last; the outer tar's header for
 * payload.tar.age is written back once the payload's size is known. The inner
 * tar is encrypted 64 KiB at a time while another thread hashes the
 * ciphertext once: BLAKE2b-512, the minisign prehash, which the receipt names
 * too (`b2sum` checks it). An export's sink (package-sink.ts) writes and hashes
 * on its own thread, and takes the documents' chunks straight from the thread
 * that read and sealed them: the main thread seals only the rest.
 */

/** A payload file of the bag, known by size and SHA-256, whose bytes are read when they are written. */
export interface OutFile extends BagFileInfo {
  chunks: () => Iterable<Buffer> | AsyncIterable<Buffer>;
  /**
   * The same bytes with the whole age chunks of their middle sealed where they are read (a worker thread):
   * the first `plan.head` bytes raw, then `plan.chunks` chunks sealed from `plan.counter` on, then the rest raw.
   */
  sealed?: (plan: SealPlan) => AsyncIterable<SealedPiece>;
  /** The bytes, already in memory and the package's to give away: a sink that seals (sealSegment) takes them, transferred. */
  held?: Buffer[];
}

/** Plaintext, or whole age chunks sealed where they were read, or how many bytes of those went straight to the sink's thread (`relayed`). */
export type SealedPiece = { kind: 'raw' | 'sealed'; data: Buffer } | { kind: 'relayed'; bytes: number };

export const inMemory = (f: BagFile): OutFile => ({ path: f.path, size: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex'), chunks: () => [f.data] });

export class PackageChangedError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while the package was written`);
    this.name = 'PackageChangedError';
  }
}

const BATCH = 1024 * 1024;
/** Held files from this size on are sealed on the sink's thread (a round trip to it, worth it from a few chunks). */
const HELD_ELSEWHERE = 256 * 1024;

/**
 * Where a package is written: appended to, plus one write back at a position already written (the
 * payload's tar header). A sink may also take the payload's ciphertext itself, written and hashed
 * (BLAKE2b-512) on another thread (package-sink.ts); otherwise it is written here and hashed on a worker.
 */
export interface PackageSink {
  write(b: Buffer): void;
  patch(position: number, b: Buffer): void;
  /** Ciphertext of payload.tar.age, in order; resolves when there is room for more. */
  payload?(parts: Buffer[]): Promise<void>;
  /** With `payload`: the next `bytes` of ciphertext are the ones the document reader sent the sink's thread itself. */
  relayed?(bytes: number): Promise<void>;
  /** With `payload`: plaintext of the stream sealed on the sink's thread in whole chunks but the last; the rest comes back. */
  sealSegment?(parts: Buffer[], key: Buffer, counter: number): Promise<{ sealed: number; rest: Buffer }>;
  /** With `payload`: the BLAKE2b-512 of everything it was given, once written. */
  payloadDigest?(): Promise<Buffer>;
  /** Every byte written (before the file is synced and renamed). */
  close?(): Promise<void>;
  /** Stop: nothing more is written. */
  abort?(): Promise<void>;
}

/** The payload's ciphertext going out: to the sink's own thread, or written here and hashed on a worker. */
interface PayloadOut {
  put(parts: Buffer[], bytes: number): Promise<void>;
  digest(): Promise<Buffer>;
  abort(): Promise<void>;
}

function payloadOut(sink: PackageSink, hint: number): PayloadOut {
  const { payload, payloadDigest } = sink;
  if (payload && payloadDigest) {
    return { put: (parts) => payload.call(sink, parts), digest: () => payloadDigest.call(sink), abort: async () => sink.abort?.() };
  }
  const hashes = streamHash('blake2b512', hint);
  return {
    put: async (parts, bytes) => {
      const b = Buffer.concat(parts, bytes);
      sink.write(b);
      await hashes.update(b);
    },
    digest: () => hashes.digest(),
    abort: () => hashes.abort(),
  };
}

/**
 * The bag as it is streamed: payload files known before the first byte (the
 * documents, whose sizes and SHA-256s are stored), payload files still being
 * made while those stream (the clients' text, read from the vault meanwhile),
 * and the tag files, made last from every payload file's size and SHA-256.
 */
export interface BagStream {
  data: OutFile[];
  late?: Promise<OutFile[]>;
  /** About how many bytes `late` will be, for the progress bar until it is known. */
  lateEstimate?: number;
  tags: (payload: BagFileInfo[]) => BagFile[];
}

/**
 * Write a package to `sink` (which must be done with a buffer when it
 * returns: a file written with writeSync, or a copy). Inside the payload the
 * bag's payload files come first and its tag files last, so the package can
 * start before every file of it is known; the outer tar's header for
 * payload.tar.age is written back once the payload's size is.
 */
export async function writePackageStream(
  sink: PackageSink, bag: BagStream, recipients: Buffer[], key: SigningKey,
  meta: Omit<PackageMeta, 'recipients' | 'packageId'> & { packageId?: string }, ctl: StreamControl = {},
): Promise<{ meta: PackageMeta; payloadBlake2b512: string; bytes: number }> {
  // The files still being made are awaited once the others are written; a failure before then is not unhandled.
  bag.late?.catch(() => undefined);
  const m: PackageMeta = { ...meta, packageId: meta.packageId ?? randomUUID(), recipients: recipients.map(formatRecipient) };
  const readmeText = readme(m, fingerprint(key.publicKey));
  const comment = trustedComment(m, recipients, readmeText);
  const root = `${m.packageId}/`;
  const known = bag.data.reduce((n, f) => n + f.size, 0);
  let total = known + (bag.late ? (bag.lateEstimate ?? 0) : 0);
  const age = new AgeWriter(recipients);
  // Hashed inline when the whole payload is known to be small, otherwise on a worker: one BLAKE2b-512 per byte,
  // signed (minisign's prehash) and named by the receipt.
  const hint = bag.late ? Infinity : known + age.header.length;
  let bytes = 0;
  const out = (b: Buffer) => {
    sink.write(b);
    bytes += b.length;
  };
  const hashes = payloadOut(sink, hint);
  try {
    out(Buffer.concat([
      ...tarEntryBytes({ path: PACKAGE_FILES.readme, data: Buffer.from(readmeText) }),
      ...tarEntryBytes({ path: PACKAGE_FILES.sender, data: Buffer.from(formatPublicKey(key)) }),
    ]));
    const payloadHeaderAt = bytes;
    out(tarHeader(PACKAGE_FILES.payload, 0));
    let payloadSize = 0;
    // The ciphertext goes out in batches of about 1 MiB: written, then handed to the hashes.
    let batch: Buffer[] = [age.header];
    let batchBytes = age.header.length;
    const flush = async () => {
      if (batchBytes === 0) return afterBatch();
      const parts = batch;
      const n = batchBytes;
      batch = [];
      batchBytes = 0;
      bytes += n;
      payloadSize += n;
      await hashes.put(parts, n);
      await afterBatch();
    };
    // After each batch (about 1 MiB): progress, cancel, and a turn of the event loop.
    const afterBatch = async () => {
      ctl.progress?.(Math.min(plainDone, total), total);
      ctl.throwIfCancelled?.();
      await yieldToLoop();
    };
    const acc = Buffer.allocUnsafe(AGE_CHUNK);
    let fill = 0;
    let plainDone = 0;
    const put = async (sealed: Buffer) => {
      batch.push(sealed);
      batchBytes += sealed.length;
      if (batchBytes >= BATCH) await flush();
    };
    // A full chunk is sealed once more plaintext follows it: the last chunk is sealed (as the last) at the end.
    const sealFull = async () => {
      if (fill !== AGE_CHUNK) return;
      fill = 0;
      await put(age.seal(acc, false));
    };
    const feed = async (b: Buffer) => {
      for (let off = 0; off < b.length;) {
        await sealFull();
        const n = Math.min(AGE_CHUNK - fill, b.length - off);
        b.copy(acc, fill, off, off + n);
        fill += n;
        off += n;
        plainDone += n;
      }
    };
    /** The bytes of `f` (n so far), with whole chunks sealed where it is read; the raw head and tail go through feed. */
    const streamSealed = async (f: OutFile, seal: NonNullable<OutFile['sealed']>, head: number, chunks: number): Promise<number> => {
      const first = age.nextChunk + (fill > 0 ? 1 : 0);
      let n = 0;
      let started = false;
      for await (const piece of seal({ key: age.payloadKey(), counter: first, head, chunks })) {
        if (piece.kind === 'relayed') {
          if (!sink.relayed) throw new TypeError('this sink takes no relayed chunks');
          if (!started) {
            await sealFull();
            if (fill !== 0 || age.nextChunk !== first) throw new PackageChangedError(f.path);
            started = true;
          }
          const count = piece.bytes / (AGE_CHUNK + AGE_TAG);
          if (!Number.isInteger(count)) throw new PackageChangedError(f.path);
          age.sealedElsewhere(count);
          n += count * AGE_CHUNK;
          plainDone += count * AGE_CHUNK;
          if (n > f.size) throw new PackageChangedError(f.path);
          // What this thread sealed before goes first; then the sink takes the relayed bytes where they belong.
          await flush();
          bytes += piece.bytes;
          payloadSize += piece.bytes;
          await sink.relayed(piece.bytes);
          continue;
        }
        if (piece.kind === 'raw') {
          n += piece.data.length;
          if (n > f.size) throw new PackageChangedError(f.path);
          await feed(piece.data);
          continue;
        }
        if (!started) {
          // The chunk the head completed goes first, with the counter just before the first one sealed elsewhere.
          await sealFull();
          if (fill !== 0 || age.nextChunk !== first) throw new PackageChangedError(f.path);
          started = true;
        }
        const count = piece.data.length / (AGE_CHUNK + AGE_TAG);
        if (!Number.isInteger(count)) throw new PackageChangedError(f.path);
        age.sealedElsewhere(count);
        n += count * AGE_CHUNK;
        plainDone += count * AGE_CHUNK;
        if (n > f.size) throw new PackageChangedError(f.path);
        await put(piece.data);
      }
      return n;
    };
    /** A file held in memory (the clients' text), sealed on the sink's thread with the chunk being filled before it. */
    const streamHeld = async (f: OutFile, held: Buffer[], sealSegment: NonNullable<PackageSink['sealSegment']>): Promise<number> => {
      const size = held.reduce((n, b) => n + b.length, 0);
      if (size !== f.size) throw new PackageChangedError(f.path);
      await sealFull();
      const prefix = Buffer.from(acc.subarray(0, fill));
      // What this thread sealed before goes first.
      await flush();
      const { sealed, rest } = await sealSegment.call(sink, [prefix, ...held], age.payloadKey(), age.nextChunk);
      age.sealedElsewhere(sealed);
      bytes += sealed * (AGE_CHUNK + AGE_TAG);
      payloadSize += sealed * (AGE_CHUNK + AGE_TAG);
      rest.copy(acc, 0);
      fill = rest.length;
      plainDone += size;
      return size;
    };
    const streamPlain = async (f: OutFile): Promise<number> => {
      let n = 0;
      for await (const chunk of f.chunks()) {
        n += chunk.length;
        if (n > f.size) throw new PackageChangedError(f.path);
        await feed(chunk);
      }
      return n;
    };
    const infos: BagFileInfo[] = [];
    const stream = async (f: OutFile) => {
      await feed(tarHeader(root + f.path, f.size));
      // The chunk being filled takes the file's first bytes; whole chunks after them can be sealed where the file is read.
      const head = Math.min(f.size, (AGE_CHUNK - fill) % AGE_CHUNK);
      const chunks = Math.floor((f.size - head) / AGE_CHUNK);
      const n = f.sealed && chunks > 0 ? await streamSealed(f, f.sealed, head, chunks)
        : f.held && sink.sealSegment && f.size >= HELD_ELSEWHERE ? await streamHeld(f, f.held, sink.sealSegment)
          : await streamPlain(f);
      if (n !== f.size) throw new PackageChangedError(f.path);
      await feed(tarPadding(f.size));
      infos.push({ path: f.path, size: f.size, sha256: f.sha256 });
    };
    for (const f of bag.data) await stream(f);
    const late = bag.late ? await bag.late : [];
    total = Math.max(plainDone, known + late.reduce((n, f) => n + f.size, 0));
    for (const f of late) await stream(f);
    const tags = bag.tags(infos);
    const tagManifest = tags.find((f) => f.path === 'tagmanifest-sha256.txt');
    if (!tagManifest) throw new TypeError('the bag has no tag manifest');
    const tagSig = { path: 'tagmanifest-sha256.txt.minisig', data: Buffer.from(signDigest(key, blake2b512(tagManifest.data), comment)) };
    for (const f of [...tags, tagSig]) for (const b of tarEntryBytes({ path: root + f.path, data: f.data })) await feed(b);
    await feed(tarEnd());
    const last = age.seal(acc.subarray(0, fill), true);
    batch.push(last);
    batchBytes += last.length;
    await flush();
    out(tarPadding(payloadSize));
    sink.patch(payloadHeaderAt, tarHeader(PACKAGE_FILES.payload, payloadSize));
    const digest = await hashes.digest();
    const signature = signDigest(key, digest, comment, untrustedComment(key.keyId));
    out(Buffer.concat([...tarEntryBytes({ path: PACKAGE_FILES.signature, data: Buffer.from(signature) }), tarEnd()]));
    await sink.close?.();
    return { meta: m, payloadBlake2b512: digest.toString('hex'), bytes };
  } catch (err) {
    await hashes.abort();
    await sink.abort?.();
    throw err;
  }
}

/** A whole bag in memory (makeBag) as writePackageStream takes it: its payload files, and its tag files as they are. */
export function bagParts(bag: BagFile[]): BagStream {
  const tags = bag.filter((f) => !f.path.startsWith('data/'));
  return { data: bag.filter((f) => f.path.startsWith('data/')).map(inMemory), tags: () => tags };
}

/** A sink that keeps the package in memory. */
export function memorySink(): PackageSink & { bytes(): Buffer } {
  const parts: Buffer[] = [];
  const patches: [number, Buffer][] = [];
  return {
    write: (b) => void parts.push(Buffer.from(b)),
    patch: (position, b) => void patches.push([position, Buffer.from(b)]),
    bytes() {
      const all = Buffer.concat(parts);
      for (const [position, b] of patches) b.copy(all, position);
      return all;
    },
  };
}

/** Build a whole package in memory from a bag (tag files and payload files, relative to the bag root). */
export async function writePackage(bag: BagFile[], recipients: Buffer[], key: SigningKey, meta: Omit<PackageMeta, 'recipients' | 'packageId'> & { packageId?: string }): Promise<{ bytes: Buffer; meta: PackageMeta; payloadBlake2b512: string }> {
  const sink = memorySink();
  const r = await writePackageStream(sink, bagParts(bag), recipients, key, meta);
  return { bytes: sink.bytes(), meta: r.meta, payloadBlake2b512: r.payloadBlake2b512 };
}
