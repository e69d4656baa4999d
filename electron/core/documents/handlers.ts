import type { Handlers } from '../router';
import type { SessionContext } from '../session-context';
import { attachDocument, exportDocument, getDocument, listDocuments, previewDocument } from './documents';

/** The documents channels -> service functions. */
export function documentHandlers(ctx: SessionContext): Pick<Handlers, Extract<keyof Handlers, `documents.${string}`> | 'dialog.chooseDocumentFile'> {
  const { now } = ctx;
  const v = () => ctx.requireVault();
  return {
    'dialog.chooseDocumentFile': async () => ctx.picked(await ctx.platform.chooseDocumentFile()),
    'documents.list': ({ clientId }) => listDocuments(v().db, clientId),
    'documents.attach': ({ jobId, clientId, file }) => {
      const vault = v();
      const source = ctx.allowedPath(file);
      return ctx.jobs.run(jobId, (job) => attachDocument(vault, clientId, source, job, now));
    },
    'documents.export': async ({ jobId, id }) => {
      const vault = v();
      const doc = getDocument(vault.db, id);
      const out = await ctx.saveTarget(doc.name);
      if (!out) return { path: null };
      await ctx.jobs.run(jobId, (job) => exportDocument(vault, id, out, job, now));
      return { path: out };
    },
    'documents.preview': ({ id }) => previewDocument(v(), id, now),
  };
}
