import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PackageOpened } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { BAG_HISTORY_PATHS, verifyBagHistory } from '../audit/excerpt';
import { parseIdentity } from '../formats/age';
import { fsyncDir, tempSibling, writeAll } from '../fs-atomic';
import type { JobContext } from '../jobs/jobs';
import { fileSource, openPackageStream, PackageError } from './package';

const refusal = (err: PackageError): PackageOpened => ({
  ok: false, info: null, refusal: { reason: err.reason, message: err.message, detail: err.detail ?? null }, dir: null, files: 0, history: null,
});

/**
 * A package opened by anyone who holds it and an age identity it is encrypted
 * to, with no vault (`handover package open`): verified, decrypted, its bag and
 * handover history checked, then written into `out`. Files go into a private
 * temp folder as they are decrypted; it becomes `out` only once everything
 * verified, so a refused package leaves nothing behind. A refusal is an answer
 * (a reason of PACKAGE_REFUSALS), not an error.
 */
export async function openPackageFile(file: string, identityText: string, out: string, senderKeyText: string | undefined, job: JobContext): Promise<PackageOpened> {
  const identity = parseIdentity(identityText);
  if (!identity) throw new AppError('IDENTITY_UNREADABLE', 'The identity file holds no AGE-SECRET-KEY-1… line');
  if (existsSync(out) && readdirSync(out).length > 0) throw new AppError('TARGET_NOT_EMPTY', `${out} is not empty`, { dir: out });
  if (!existsSync(file)) throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  const src = fileSource(file);
  const tmp = tempSibling(out);
  mkdirSync(tmp, { mode: 0o700 });
  try {
    let opened;
    try {
      opened = await openPackageStream(src, [identity], {
        keep: (path) => BAG_HISTORY_PATHS.includes(path),
        file: (path) => {
          const target = join(tmp, path);
          mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
          const fd = openSync(target, 'wx', 0o600);
          return { write: (piece) => writeAll(fd, piece), end: () => closeSync(fd) };
        },
      }, senderKeyText, { progress: (done, total) => job.progress(done, total, 'bytes'), throwIfCancelled: () => job.throwIfCancelled() });
    } catch (err) {
      if (err instanceof PackageError) return refusal(err);
      throw err;
    }
    const history = verifyBagHistory(opened.kept, opened.sender.publicKey);
    if (history && !history.ok) {
      return refusal(new PackageError('bag-invalid', 'The handover history does not verify against the seller\'s signed checkpoint', `audit.jsonl: ${history.problem}`));
    }
    for (const [path, data] of opened.kept) {
      if (path.startsWith('data/')) continue;
      const target = join(tmp, path);
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      writeFileSync(target, data, { mode: 0o600 });
    }
    // The folder was empty when picked; whatever landed in it while the package opened is not ours to
    // delete: only the empty folder makes way for the opened one (rmdir, never a recursive remove).
    if (existsSync(out)) {
      try {
        rmdirSync(out);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (err as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new AppError('TARGET_NOT_EMPTY', `${out} is not empty`, { dir: out });
        }
        throw err;
      }
    }
    renameSync(tmp, out);
    fsyncDir(dirname(out));
    const files = opened.files.length + [...opened.kept.keys()].filter((p) => !p.startsWith('data/')).length;
    return { ok: true, info: opened.info, refusal: null, dir: out, files, history: history?.ok ? history.entries : null };
  } finally {
    src.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
