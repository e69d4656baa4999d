import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { inspectHeader } from '../formats/age';
import { streamHash } from '../crypto/hash-worker';
import { fingerprint, formatPublicKey, parsePublicKey, parseSignature, signatureText, verifyParsed, type PublicKey } from '../formats/minisign';
import { indexTar, TarError, type TarIndexEntry } from '../formats/tar';
import {
  PACKAGE_FILES, PACKAGE_FORMAT, parseComment, refuse, sha256Hex, untrustedComment, type PackageInfo, type StreamControl,
} from './package-format';

/**
 * Everything about a handover package that can be checked before it is
 * decrypted: one pass over the payload (BLAKE2b-512, the signed prehash)
 * checks the signer, the signature and its trusted comment, and the README,
 * key and signature files down to the byte.
 */

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

export const READ = 1024 * 1024;
/** The small files of a package are read whole; anything bigger is not one of ours. */
export const SMALL = 64 * 1024;

export interface Located {
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
export async function locatePackage(src: PackageSource, senderKeyText: string | undefined, ctl: StreamControl, opts: { total: number }): Promise<Located> {
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
  const payload = entry(PACKAGE_FILES.payload);
  const sigText = small(PACKAGE_FILES.signature);
  const shipped = small(PACKAGE_FILES.sender);
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
  const readmeText = small(PACKAGE_FILES.readme);
  if (readmeText === undefined || sha256Hex(readmeText) !== c.readme) refuse('bad-signature', 'README.txt differs from the one the sender signed', PACKAGE_FILES.readme);
  if (shipped !== formatPublicKey(parsePublicKey(shipped))) refuse('bad-signature', 'sender.pub was altered', PACKAGE_FILES.sender);
  if (sigText !== signatureText(sig, untrustedComment(sig.keyId))) refuse('bad-signature', 'The signature file was altered', PACKAGE_FILES.signature);
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

export const asSource = (s: Buffer | PackageSource) => (Buffer.isBuffer(s) ? bufferSource(s) : s);

/** Check a package before decrypting it (one pass over the payload: BLAKE2b-512, the signed prehash). */
export async function inspectPackage(source: Buffer | PackageSource, senderKeyText?: string, ctl: StreamControl = {}): Promise<{ info: PackageInfo; sender: PublicKey }> {
  const src = asSource(source);
  const { info, sender } = await locatePackage(src, senderKeyText, ctl, { total: src.size });
  return { info, sender };
}
