import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { PackageRefusal } from '../../../shared/contract/packages';
import { AgeError, AgeWriter, ChunkOpener, formatRecipient, inspectHeader, openHeader, AGE_CHUNK, AGE_TAG, type AgeIdentity, type SealPlan } from '../formats/age';
import { streamHash } from '../crypto/hash-worker';
import {
  blake2b512, fingerprint, formatPublicKey, keyIdHex, parsePublicKey, parseSignature, signatureText, signDigest, verifyParsed, type PublicKey, type SigningKey,
} from '../formats/minisign';
import { verifyBagInfos, type BagFile, type BagFileInfo } from '../formats/bagit';
import { ByteReader, indexTar, streamTar, tarEntryBytes, tarEnd, TarError, tarHeader, tarPadding, type TarIndexEntry } from '../formats/tar';

/**
 * The handover package (DESIGN.md §5), streamed: a plain tar of README.txt,
 * sender.pub, payload.tar.age (age v1 to the recipients' X25519 keys) and its
 * minisign signature, whose trusted comment names the package, the handover,
 * the time and the recipients. Inside the payload, a BagIt bag in one folder,
 * with a minisign signature of its tag manifest. Everything is checked before
 * decryption where it can be, and before anything is returned after it.
 *
 * Memory stays constant in the package size. Inside the payload the bag's
 * payload files come first (the documents, whose sizes and SHA-256s are
 * stored, can start at once while the clients' text is still being read) and
 * its tag files last; the outer tar's header for payload.tar.age is written
 * back once the payload's size is known. The inner tar is encrypted 64 KiB at
 * a time while a worker thread hashes the ciphertext once: BLAKE2b-512, the
 * minisign prehash, which the receipt names too (`b2sum` checks it). The reader makes one pass to check
 * the signature before decrypting, then one pass that decrypts, parses the
 * bag and hashes each file as it goes by (the order of the files in the bag
 * does not matter to it, nor to tar, age and sha256sum).
 */
export const PACKAGE_FORMAT = 1;
const FILES = { readme: 'README.txt', sender: 'sender.pub', payload: 'payload.tar.age', signature: 'payload.tar.age.minisig' } as const;

export interface PackageMeta {
  packageId: string;
  handoverId: string;
  created: string; // ISO time
  recipients: string[]; // age1… of each recipient
}

export class PackageError extends Error {
  constructor(readonly reason: PackageRefusal, message: string, readonly detail?: string) {
    super(message);
    this.name = 'PackageError';
  }
}

const refuse = (reason: PackageRefusal, message: string, detail?: string): never => {
  throw new PackageError(reason, message, detail);
};

/** Recipient fingerprint for the trusted comment: first 16 hex of SHA-256 of the X25519 key. */
export const recipientFingerprint = (publicKey: Buffer) => createHash('sha256').update(publicKey).digest('hex').slice(0, 16);

/** The signed description: package, handover, time, recipients, and the README's SHA-256 (so the README is signed too). */
function trustedComment(m: PackageMeta, recipientKeys: Buffer[], readmeText: string): string {
  return `handover-package format=${PACKAGE_FORMAT} id=${m.packageId} handover=${m.handoverId} created=${m.created} recipients=${recipientKeys.map(recipientFingerprint).join(',')} readme=${sha256Hex(readmeText)}`;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const untrustedComment = (keyId: Buffer) => `signature from handover vault key ${keyIdHex(keyId)}`;

function parseComment(text: string): Record<string, string> | null {
  if (!text.startsWith('handover-package ')) return null;
  return Object.fromEntries(text.split(' ').slice(1).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

function readme(m: PackageMeta, senderFp: string): string {
  return `Handover package ${m.packageId} / 交接包 ${m.packageId}
Handover / 交接: ${m.handoverId}    Created / 创建时间: ${m.created}
Sender key fingerprint / 发送方密钥指纹: ${senderFp}  (compare it by phone or in person / 请电话或当面核验)

Verify, then open, with standard tools / 用标准工具先验证再打开:
  minisign -Vm payload.tar.age -p sender.pub
  age -d -i key.txt payload.tar.age | tar -x
  cd ${m.packageId} && sha256sum --strict -c manifest-sha256.txt
Or / 或: handover package verify FILE.handover --sender-key sender.pub
         handover package open FILE.handover --identity key.txt --out DIR
`;
}

/** A payload file of the bag, known by size and SHA-256, whose bytes are read when they are written. */
export interface OutFile extends BagFileInfo {
  chunks: () => Iterable<Buffer> | AsyncIterable<Buffer>;
  /**
   * The same bytes with the whole age chunks of their middle sealed where they are read (a worker thread):
   * the first `plan.head` bytes raw, then `plan.chunks` chunks sealed from `plan.counter` on, then the rest raw.
   */
  sealed?: (plan: SealPlan) => AsyncIterable<{ kind: 'raw' | 'sealed'; data: Buffer }>;
}

export const inMemory = (f: BagFile): OutFile => ({ path: f.path, size: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex'), chunks: () => [f.data] });

/** Progress in plaintext bytes, and a chance to cancel between chunks. */
export interface StreamControl {
  progress?: (done: number, total: number) => void;
  throwIfCancelled?: () => void;
}

export class PackageChangedError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while the package was written`);
    this.name = 'PackageChangedError';
  }
}

const BATCH = 1024 * 1024;

/** Where a package is written: appended to, plus one write back at a position already written (the payload's tar header). */
export interface PackageSink {
  write(b: Buffer): void;
  patch(position: number, b: Buffer): void;
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
  const hashes = streamHash('blake2b512', hint);
  let bytes = 0;
  const out = (b: Buffer) => {
    sink.write(b);
    bytes += b.length;
  };
  try {
    out(Buffer.concat([
      ...tarEntryBytes({ path: FILES.readme, data: Buffer.from(readmeText) }),
      ...tarEntryBytes({ path: FILES.sender, data: Buffer.from(formatPublicKey(key)) }),
    ]));
    const payloadHeaderAt = bytes;
    out(tarHeader(FILES.payload, 0));
    let payloadSize = 0;
    // The ciphertext goes out in batches of about 1 MiB: written, then handed to the hashes.
    let batch: Buffer[] = [age.header];
    let batchBytes = age.header.length;
    const flush = async () => {
      const b = Buffer.concat(batch, batchBytes);
      batch = [];
      batchBytes = 0;
      out(b);
      payloadSize += b.length;
      await hashes.update(b);
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
      const n = f.sealed && chunks > 0 ? await streamSealed(f, f.sealed, head, chunks) : await streamPlain(f);
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
    sink.patch(payloadHeaderAt, tarHeader(FILES.payload, payloadSize));
    const digest = await hashes.digest();
    const signature = signDigest(key, digest!, comment, untrustedComment(key.keyId));
    out(Buffer.concat([...tarEntryBytes({ path: FILES.signature, data: Buffer.from(signature) }), tarEnd()]));
    return { meta: m, payloadBlake2b512: digest.toString('hex'), bytes };
  } catch (err) {
    await hashes.abort();
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

export interface PackageInfo {
  packageId: string;
  handoverId: string;
  created: string;
  recipientFingerprints: string[];
  recipientCount: number;
  senderFingerprint: string;
  senderKeyConfirmed: boolean;
  /** BLAKE2b-512 of payload.tar.age as hex: the signed prehash, what `b2sum payload.tar.age` prints and the receipt names. */
  payloadBlake2b512: string;
  payloadBytes: number;
}

/** Where the package's bytes come from: a file (read as needed) or a buffer. */
export interface PackageSource {
  size: number;
  read(position: number, length: number): Buffer;
  close(): void;
}

export function bufferSource(bytes: Buffer): PackageSource {
  return { size: bytes.length, read: (p, n) => bytes.subarray(p, p + n), close: () => undefined };
}

export function fileSource(path: string): PackageSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    read(position, length) {
      const buf = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - position)));
      let got = 0;
      while (got < buf.length) {
        const n = readSync(fd, buf, got, buf.length - got, position + got);
        if (n === 0) break;
        got += n;
      }
      return buf.subarray(0, got);
    },
    close: () => closeSync(fd),
  };
}

const READ = 1024 * 1024;
/** The small files of a package are read whole; anything bigger is not one of ours. */
const SMALL = 64 * 1024;

interface Located {
  info: PackageInfo;
  sender: PublicKey;
  payload: TarIndexEntry;
}

/** Stream a region of the source in 1 MiB pieces to `each`, with progress and cancel. */
async function eachPiece(src: PackageSource, region: TarIndexEntry, each: (b: Buffer) => Promise<void>, ctl: StreamControl, done0 = 0, total = region.size) {
  for (let at = 0; at < region.size; at += READ) {
    await each(src.read(region.offset + at, Math.min(READ, region.size - at)));
    ctl.progress?.(done0 + Math.min(at + READ, region.size), total);
    ctl.throwIfCancelled?.();
    await yieldToLoop();
  }
}

/**
 * Everything that can be checked before decrypting: signer, signature,
 * trusted comment, version, recipients; one pass of BLAKE2b-512 over the payload.
 */
async function locate(src: PackageSource, senderKeyText: string | undefined, ctl: StreamControl, opts: { total: number }): Promise<Located> {
  let entries: TarIndexEntry[];
  try {
    entries = indexTar((p, n) => src.read(p, n), src.size);
  } catch (err) {
    if (err instanceof TarError && err.reason === 'unsafe-path') refuse('unsafe-path', 'The package holds a path that escapes its folder', err.message);
    return refuse('not-a-package', 'This is not a handover package (not a readable tar)');
  }
  const entry = (name: string) => entries.find((e) => e.path === name);
  const small = (name: string) => {
    const e = entry(name);
    return e && e.size <= SMALL ? src.read(e.offset, e.size).toString('utf8') : undefined;
  };
  const payload = entry(FILES.payload);
  const sigText = small(FILES.signature);
  const shipped = small(FILES.sender);
  if (!payload || !sigText || !shipped) return refuse('not-a-package', 'This is not a handover package (files are missing)');
  const sender = (() => {
    try {
      return parsePublicKey(senderKeyText ?? shipped);
    } catch {
      return refuse('not-a-package', 'The sender key cannot be read');
    }
  })();
  if (senderKeyText !== undefined && parsePublicKey(shipped).publicKey.compare(sender.publicKey) !== 0) {
    refuse('wrong-signer', 'The package was signed by another key than the one you hold for this sender');
  }
  let sig;
  try {
    sig = parseSignature(sigText);
  } catch {
    return refuse('bad-signature', 'The package signature cannot be read');
  }
  if (!sig.keyId.equals(sender.keyId)) refuse('wrong-signer', 'The package was signed by an unknown key');
  const hashes = streamHash('blake2b512', payload.size);
  let digest: Buffer;
  try {
    await eachPiece(src, payload, (b) => hashes.update(b), ctl, 0, opts.total);
    digest = await hashes.digest();
  } catch (err) {
    await hashes.abort();
    throw err;
  }
  const verdict = verifyParsed(sender, sig, { digest });
  if (!verdict.ok) {
    if (verdict.reason === 'wrong-key') refuse('wrong-signer', 'The package was signed by an unknown key');
    if (verdict.reason === 'comment-mismatch') refuse('comment-edited', 'The signed description of the package (trusted comment) was changed');
    refuse('bad-signature', 'The signature does not match the encrypted payload: it was altered or truncated');
  }
  const c = parseComment(sig.trustedComment);
  if (!c || !c.id || !c.handover || !c.created) return refuse('not-a-package', 'The signature does not describe a handover package');
  if (c.format !== String(PACKAGE_FORMAT)) refuse('unsupported-version', `Package format ${c.format ?? '?'} is not supported by this version`, c.format);
  // Nothing in the package may differ from what was signed, down to the byte: the README (its hash is
  // in the trusted comment), and the exact text of the key and signature files.
  const readmeText = small(FILES.readme);
  if (readmeText === undefined || sha256Hex(readmeText) !== c.readme) refuse('bad-signature', 'README.txt differs from the one the sender signed', FILES.readme);
  if (shipped !== formatPublicKey(parsePublicKey(shipped))) refuse('bad-signature', 'sender.pub was altered', FILES.sender);
  if (sigText !== signatureText(sig, untrustedComment(sig.keyId))) refuse('bad-signature', 'The signature file was altered', FILES.signature);
  let recipientCount = 0;
  try {
    recipientCount = inspectHeader(src.read(payload.offset, Math.min(payload.size, SMALL))).types.filter((t) => t === 'X25519').length;
  } catch {
    refuse('ciphertext-damaged', 'The encrypted payload is damaged');
  }
  return {
    sender,
    payload,
    info: {
      packageId: c.id,
      handoverId: c.handover,
      created: c.created,
      recipientFingerprints: (c.recipients ?? '').split(',').filter(Boolean),
      recipientCount,
      senderFingerprint: fingerprint(sender.publicKey),
      senderKeyConfirmed: senderKeyText !== undefined,
      payloadBlake2b512: digest.toString('hex'),
      payloadBytes: payload.size,
    },
  };
}

const asSource = (s: Buffer | PackageSource) => (Buffer.isBuffer(s) ? bufferSource(s) : s);

/** Check a package before decrypting it (one pass over the payload: BLAKE2b-512, the signed prehash). */
export async function inspectPackage(source: Buffer | PackageSource, senderKeyText?: string, ctl: StreamControl = {}): Promise<{ info: PackageInfo; sender: PublicKey }> {
  const src = asSource(source);
  const { info, sender } = await locate(src, senderKeyText, ctl, { total: src.size });
  return { info, sender };
}

/**
 * Where the files of an opened bag go while it is read. `file` is called for
 * each payload file (paths relative to the bag root) and returns what takes
 * its bytes; nothing is final until `verifyPackage` has returned. Tag files
 * are kept in memory (they are small), and so is any payload file `keep` names.
 */
export interface BagSink {
  file?: (path: string, size: number) => { write(chunk: Buffer): void | Promise<void>; end?(): void | Promise<void> } | null;
  keep?: (path: string) => boolean;
}

export interface OpenedBag {
  info: PackageInfo;
  /** The key that signed the package (and the bag's tag manifest). */
  sender: PublicKey;
  /** Payload files by size and SHA-256, in the order they came. */
  files: BagFileInfo[];
  /** Tag files, and the payload files `keep` asked for. */
  kept: Map<string, Buffer>;
}

/**
 * Verify, decrypt with one of our identities, and check the bag and its
 * signature, streaming every payload file to `sink` as it goes by (hashed on
 * the way). Throws PackageError on the first problem; whatever the sink wrote
 * must then be thrown away.
 */
export async function openPackageStream(source: Buffer | PackageSource, identities: AgeIdentity[], sink: BagSink, senderKeyText?: string, ctl: StreamControl = {}): Promise<OpenedBag> {
  const src = asSource(source);
  const total = src.size * 2;
  const { info, sender, payload } = await locate(src, senderKeyText, ctl, { total });
  let opener: ChunkOpener;
  let pos: number;
  try {
    const head = src.read(payload.offset, Math.min(payload.size, SMALL));
    const h = openHeader(head, identities);
    pos = h.payloadStart;
    opener = new ChunkOpener(h.payloadKey, payload.size - pos);
  } catch (err) {
    if (err instanceof AgeError && err.kind === 'no match') refuse('not-for-us', 'The package is not encrypted to any of your keys');
    return refuse('ciphertext-damaged', 'The encrypted payload is damaged or was altered', err instanceof AgeError ? err.kind : undefined);
  }
  // Plaintext comes out of the opener 64 KiB at a time; the ciphertext is read 1 MiB at a time (its hash is the first pass's).
  let cipher = Buffer.alloc(0);
  let cipherAt = 0;
  const nextPlain = async (): Promise<Buffer | null> => {
    if (opener.done) return null;
    const need = opener.nextLength;
    if (cipher.length - cipherAt < need) {
      const more = src.read(payload.offset + pos, Math.min(READ, payload.size - pos));
      pos += more.length;
      cipher = Buffer.concat([cipher.subarray(cipherAt), more]);
      cipherAt = 0;
      ctl.progress?.(payload.size + pos, total);
      ctl.throwIfCancelled?.();
      await yieldToLoop();
      if (cipher.length < need) refuse('ciphertext-damaged', 'The encrypted payload is truncated');
    }
    const sealed = cipher.subarray(cipherAt, cipherAt + need);
    cipherAt += need;
    try {
      return opener.open(sealed);
    } catch (err) {
      return refuse('ciphertext-damaged', 'The encrypted payload is damaged or was altered', err instanceof AgeError ? err.kind : undefined);
    }
  };
  const root = `${info.packageId}/`;
  const files: BagFileInfo[] = [];
  const kept = new Map<string, Buffer>();
  {
    try {
      for await (const e of streamTar(new ByteReader(nextPlain))) {
        if (!e.path.startsWith(root)) refuse('unsafe-path', 'The bag holds a file outside its folder', e.path);
        if (e.dir) continue;
        const path = e.path.slice(root.length);
        if (!path.startsWith('data/')) {
          if (e.size > SMALL * 16) refuse('bag-invalid', 'A tag file of the bag is too large', path);
          const parts: Buffer[] = [];
          for await (const piece of e.body) parts.push(piece);
          kept.set(path, Buffer.concat(parts));
          continue;
        }
        const keep = sink.keep?.(path) ?? false;
        const target = sink.file?.(path, e.size) ?? null;
        const hash = streamHash('sha256', e.size);
        const parts: Buffer[] = [];
        // Pieces come 64 KiB at a time; the hash worker gets them in batches of about 1 MiB.
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        for await (const piece of e.body) {
          if (keep) parts.push(piece);
          await target?.write(piece);
          pending.push(piece);
          pendingBytes += piece.length;
          if (pendingBytes >= READ) {
            await hash.update(Buffer.concat(pending, pendingBytes));
            pending = [];
            pendingBytes = 0;
          }
        }
        if (pendingBytes) await hash.update(Buffer.concat(pending, pendingBytes));
        await target?.end?.();
        files.push({ path, size: e.size, sha256: (await hash.digest()).toString('hex') });
        if (keep) kept.set(path, Buffer.concat(parts));
      }
    } catch (err) {
      if (err instanceof TarError && err.reason === 'unsafe-path') refuse('unsafe-path', 'The bag holds a path that escapes its folder', err.message);
      if (err instanceof TarError) refuse('bag-invalid', 'The payload is not a readable bag', err.message);
      throw err;
    }
  }
  const problem = verifyBagInfos(files, [...kept].filter(([p]) => !p.startsWith('data/') && p !== 'tagmanifest-sha256.txt.minisig').map(([path, data]) => ({ path, data })));
  if (problem) {
    if (problem.reason === 'unlisted') refuse('unlisted-file', 'The bag holds a file its manifest does not list', problem.path);
    if (problem.reason === 'unsafe-path') refuse('unsafe-path', 'The bag manifest names a path that escapes the bag', problem.path);
    refuse('bag-invalid', `The bag does not verify (${problem.reason})`, 'path' in problem ? problem.path : undefined);
  }
  const tagSig = kept.get('tagmanifest-sha256.txt.minisig');
  const tagManifest = kept.get('tagmanifest-sha256.txt');
  let ok = false;
  try {
    ok = !!tagSig && !!tagManifest && verifyParsed(sender, parseSignature(tagSig.toString('utf8')), { digest: blake2b512(tagManifest) }).ok;
  } catch {
    ok = false;
  }
  if (!ok) refuse('bad-signature', 'The signature of the bag\'s tag manifest does not hold');
  return { info, sender, files, kept };
}

/** Verify, decrypt and check a package in memory; returns the bag's files (tag and payload). */
export async function openPackage(source: Buffer | PackageSource, identities: AgeIdentity[], senderKeyText?: string): Promise<{ info: PackageInfo; files: BagFile[] }> {
  const opened = await openPackageStream(source, identities, { keep: () => true }, senderKeyText);
  return { info: opened.info, files: [...opened.kept].map(([path, data]) => ({ path, data })) };
}
