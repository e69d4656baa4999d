import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AgeError, ChunkOpener, openHeader, type AgeIdentity } from '../formats/age';
import { streamHash } from '../crypto/hash-worker';
import { blake2b512, parseSignature, verifyParsed, type PublicKey } from '../formats/minisign';
import { verifyBagInfos, type BagFile, type BagFileInfo } from '../formats/bagit';
import { ByteReader, streamTar, TarError } from '../formats/tar';
import { READ_WHOLE_MAX_BYTES } from '../../../shared/contract/packages';
import { refuse, type PackageInfo, type StreamControl } from './package-format';
import { asSource, locatePackage, READ, SMALL, type PackageSource } from './package-inspect';

/**
 * Opening a handover package: after the checks before decryption
 * (package-inspect.ts), one pass that decrypts, parses the bag and hashes
 * each file as it goes by (the order of the files in the bag does not matter
 * to it, nor to tar, age and sha256sum). Everything is checked before
 * anything is returned.
 */

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
  const { info, sender, payload } = await locatePackage(src, senderKeyText, ctl, { total });
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
        if (keep && e.size > READ_WHOLE_MAX_BYTES) refuse('too-large', `${path} is larger than the ${READ_WHOLE_MAX_BYTES / 1024 / 1024} MiB the app reads whole`, path);
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
