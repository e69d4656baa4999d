import { randomBytes } from 'node:crypto';
import { closeSync, fsync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, join, basename } from 'node:path';

/** Folders that hold vault material are private to the user (0700). */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** A sibling temp name: same folder, so the final rename is atomic. */
export function tempSibling(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Every byte of `b` at the file's offset (or from `position`). A write may take fewer bytes than it is given — on a
 * disk that fills up it takes what fits and returns the count, and only the next one fails (ENOSPC) — so one
 * writeSync is not enough: a nearly full disk turned a key slot file into its first 4,096 bytes and the vault
 * into one that no passphrase opens (test/integration/attack-disk-full.test.ts).
 */
export function writeAll(fd: number, b: Uint8Array, position?: number): void {
  for (let at = 0; at < b.length;) at += writeSync(fd, b, at, b.length - at, position === undefined ? null : position + at);
}

/** writeAll for a FileHandle: its write, too, reports how much it took and may take less. */
export async function writeAllTo(fh: FileHandle, data: Uint8Array | string): Promise<void> {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let at = 0; at < b.length;) at += (await fh.write(b, at, b.length - at)).bytesWritten;
}

/**
 * Write a whole file so that a crash leaves either the old or the new content:
 * write a private temp file, fsync it, rename over the target, fsync the folder.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  writePiecesAtomic(file, [data], tempSibling(file));
}

/** writeFileAtomic for content made piece by piece, through a temp file the caller named (and may have recorded). */
export function writePiecesAtomic(file: string, pieces: Iterable<string | Uint8Array>, tmp: string): void {
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    for (const p of pieces) writeAll(fd, typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, file);
  fsyncDir(dirname(file));
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a folder for fsync; rename is still atomic there.
  }
}

/**
 * Stream a file into place: `produce` writes it piece by piece into a private
 * temp file (each write is done when it returns), which is fsynced, passed to
 * `commit` (e.g. the database record of it), and only then renamed over the
 * target. On any failure or cancel the temp file is removed and the target is
 * untouched. `produce` may instead hand its descriptor (`fd`, the caller's until produce returns) to a
 * thread that writes it (packages/package-sink.ts), and must have it done writing by then. A caller that must find the temp file after a crash names it (`tmp`, a tempSibling).
 */
export async function writeFileStreamAtomic<T>(
  file: string, produce: (write: (b: Buffer) => void, patch: (position: number, b: Buffer) => void, fd: number) => Promise<T>, commit?: (result: T) => void,
  tmp = tempSibling(file),
): Promise<T> {
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    const result = await produce(
      (b) => writeAll(fd, b),
      // A positional write (pwrite) leaves the file's offset where the appends left it.
      (position, b) => writeAll(fd, b, position),
      fd,
    );
    // On libuv's pool: flushing a large file to the disk takes seconds, which the main thread does not wait out.
    await promisify(fsync)(fd);
    closeSync(fd);
    commit?.(result);
    renameSync(tmp, file);
    fsyncDir(dirname(file));
    return result;
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw err;
  }
}
