import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Handlers } from '../router';
import type { SessionContext } from '../session-context';
import { importIncoming, inspectIncoming, previewIncoming, writeReceipt } from './receive';
import { openPackageFile } from './open-file';
import { verifyPackageFile } from './verify-file';

const KEY_FILE_MAX = 64 * 1024;

/** The receiving side of a package (a buyer's vault): inspect, preview, import, receipt. */
export function packageHandlers(ctx: SessionContext): Pick<Handlers, Extract<keyof Handlers, `packages.${string}`> | 'dialog.choosePackageFile'> {
  const { now } = ctx;
  const v = () => ctx.requireVault();
  // An identity or a sender's key is one line: a picked file is sized before it is read whole.
  const readPicked = (path: string): string => {
    const picked = ctx.allowedPath(path);
    let size: number;
    try {
      size = statSync(picked).size;
    } catch {
      throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
    }
    if (size > KEY_FILE_MAX) throw new AppError('FILE_TOO_LARGE', 'A key file is a few lines', { limit: `${basename(picked)} 64 KB` });
    try {
      return readFileSync(picked, 'utf8');
    } catch {
      throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
    }
  };
  return {
    'dialog.choosePackageFile': async () => ctx.picked(await ctx.platform.choosePackageFile()),
    // Anyone holding a package checks it with no vault (issue 14: `package verify` is a router call); the files were picked.
    'packages.verifyFile': ({ file, senderKeyFile }) => verifyPackageFile(ctx.allowedPath(file), senderKeyFile ? readPicked(senderKeyFile) : undefined),
    // And opens it with an age identity it holds (`handover package open`): every file picked, the folder too.
    'packages.openFile': ({ jobId, file, identityFile, outDir, senderKeyFile }) => {
      const source = ctx.allowedPath(file);
      const identity = readPicked(identityFile);
      const out = ctx.allowedPath(outDir);
      const senderKey = senderKeyFile ? readPicked(senderKeyFile) : undefined;
      return ctx.jobs.run(jobId, (job) => openPackageFile(source, identity, out, senderKey, job));
    },
    'packages.inspect': ({ file, jobId }) => {
      const vault = v();
      const source = ctx.allowedPath(file);
      return ctx.jobs.run(jobId, (job) => inspectIncoming(vault, source, job, now));
    },
    'packages.preview': ({ file, jobId }) => {
      const vault = v();
      const source = ctx.allowedPath(file);
      return ctx.jobs.run(jobId, (job) => previewIncoming(vault, source, job, now));
    },
    'packages.import': ({ file, jobId }) => {
      const vault = v();
      const source = ctx.allowedPath(file);
      return ctx.exclusive(() => ctx.jobs.run(jobId, (job) => importIncoming(vault, source, job, now)));
    },
    'packages.receipt': async ({ file, organisation, jobId }) => {
      const vault = v();
      const source = ctx.allowedPath(file);
      const out = await ctx.saveTarget(`${basename(source).replace(/\.handover$/, '')}.receipt`);
      if (!out) return { path: null, sha256: null };
      const r = await ctx.jobs.run(jobId, (job) => writeReceipt(vault, source, out, organisation, job, now));
      return { path: out, sha256: r.receiptSha256 };
    },
  };
}
