import { resolve } from 'node:path';
import { pickedIds, selectionFilter, type Handlers } from '../router';
import { addClientsToHandover } from './add-clients';
import { handoverCompleteness } from './completeness';
import type { SessionContext } from '../session-context';
import type { OpenVault } from '../vault/vault';
import type { HandoverMatching } from '../../../shared/contract';
import { writeFileAtomic } from '../fs-atomic';
import { exportArchive, exportPackage, recordBackup } from '../packages/export';
import { handoverForReceipt, importReceipt } from '../packages/receipt-import';
import { decideUnanswered, generateNotices, handoverClients, noticePdf, recordNotices } from './notices';
import {
  approveHandover, closeHandover, createHandover, handoverDetail, listHandovers, overrideGate, previewScope, setArrangement, setClientIncluded, setScope, submitHandover, updateHandover,
} from './plan';
import { addFollowup, addNda, applyTemplate, completeChecklist, removeChecklistItem, removeNda, removeRisk, saveChecklistItem, saveRisk } from './records';
import { rejectHandover } from './reject';
import { reportFor } from './report';
import { loadHandover } from './store';
import { AppError } from '../../../shared/errors';
import { accessOf } from '../roles/authz';
import { handoverWhollyInScope } from '../roles/scope-read-model';
import { localDay } from '../../../shared/dates';

/**
 * A package or archive carries the whole handover, unmasked: refused to a user who does not see all of its
 * clients, or who sees some of their fields masked — exported to a key they verified themselves, it would
 * hand them (or anyone) the phones, e-mails, addresses and amounts their role hides.
 */
function requireWholeHandover(vault: OpenVault, id: number): void {
  const access = accessOf(vault);
  if (!handoverWhollyInScope(vault.db, access, id)) {
    throw new AppError('HANDOVER_BEYOND_SCOPE', 'The handover holds clients outside what you may see');
  }
  if (access.masked.size > 0) throw new AppError('HANDOVER_BEYOND_MASKS', 'Your role sees client fields masked that the package carries unmasked');
}

type HandoverChannels = Extract<keyof Handlers, `handovers.${string}`> | 'dialog.chooseHandoverFile';

/** Every client of a handover matching a list's filter and search, in the signed-in user's scope (as the list shows them). */
export function matchingHandoverClients(vault: OpenVault, id: number, m: HandoverMatching): { clientId: number; code: string }[] {
  return handoverClients(vault, { id, ...m, offset: 0, limit: Number.MAX_SAFE_INTEGER }).rows as { clientId: number; code: string }[];
}

/** The handover channels -> service functions. Mutations of the plan answer with the new detail. */
export function handoverHandlers(ctx: SessionContext): Pick<Handlers, HandoverChannels> {
  const { now } = ctx;
  const v = () => ctx.requireVault();
  const detail = (id: number) => handoverDetail(v(), id, now);
  const pickedFile = (file: string | null | undefined) => (file ? ctx.allowedPath(file) : null);
  return {
    'handovers.list': () => listHandovers(v(), now),
    'handovers.get': ({ id }) => detail(id),
    'handovers.create': (input) => createHandover(v(), input, now),
    'handovers.update': ({ id, patch }) => updateHandover(v(), id, patch, now),
    'handovers.scopePreview': ({ scope }) => previewScope(v(), scope),
    'handovers.setScope': ({ id, scope }) => setScope(v(), id, scope, now),
    'handovers.clients': (q) => handoverClients(v(), q),
    'handovers.clientCodes': ({ id, filter }) => matchingHandoverClients(v(), id, { filter, text: '' }).map((r) => ({ clientId: r.clientId, code: r.code })),
    'handovers.setIncluded': ({ id, clientIds, included, reason }) => setClientIncluded(v(), id, clientIds, included, reason, now),
    // Like the clients list's other bulk actions: one transaction across batches, so an exclusive job.
    'handovers.addClients': (input) => {
      const vault = v();
      return ctx.exclusive(() => ctx.jobs.run(input.jobId, (job) => addClientsToHandover(vault, input.handover, pickedIds(input.clientIds), selectionFilter(input, 'clientIds'), job, now)));
    },
    'handovers.completeness': ({ id }) => handoverCompleteness(v(), id),
    'handovers.setArrangement': ({ id, clientIds, ...a }) => setArrangement(v(), id, pickedIds(clientIds), a, now),
    'dialog.chooseHandoverFile': async () => ctx.picked(await ctx.platform.chooseDocumentFile()),
    'handovers.addNda': ({ id, file, ...nda }) => {
      addNda(v(), id, { ...nda, file: pickedFile(file) }, now);
      return detail(id);
    },
    'handovers.removeNda': ({ id, ndaId }) => {
      removeNda(v(), id, ndaId, now);
      return detail(id);
    },
    'handovers.saveRisk': ({ id, riskId, risk }) => {
      saveRisk(v(), id, riskId, risk, now);
      return detail(id);
    },
    'handovers.removeRisk': ({ id, riskId }) => {
      removeRisk(v(), id, riskId, now);
      return detail(id);
    },
    'handovers.applyTemplate': ({ id, template }) => {
      applyTemplate(v(), id, template, now);
      return detail(id);
    },
    'handovers.saveCheck': ({ id, itemId, item, file }) => {
      saveChecklistItem(v(), id, itemId, { ...item, file: pickedFile(file) }, now);
      return detail(id);
    },
    'handovers.completeChecklist': ({ id, items, all, evidence }) => {
      completeChecklist(v(), id, all ? 'all' : items, evidence, now);
      return detail(id);
    },
    'handovers.removeCheck': ({ id, itemId }) => {
      removeChecklistItem(v(), id, itemId, now);
      return detail(id);
    },
    'handovers.generateNotices': async ({ jobId, id, clientIds }) => {
      const vault = v();
      loadHandover(vault.db, id);
      const dir = await ctx.platform.chooseFolder('notices');
      if (!dir) return { dir: null, generated: 0, skipped: 0 };
      return ctx.jobs.run(jobId, (job) => generateNotices(vault, id, resolve(dir), clientIds && pickedIds(clientIds), job, now));
    },
    'handovers.noticePdf': ({ id, clientId }) => noticePdf(v(), id, clientId, now),
    'handovers.recordNotices': ({ id, clientIds, ...r }) => recordNotices(v(), id, pickedIds(clientIds), r, now),
    'handovers.decide': ({ id, clientIds, decision }) => decideUnanswered(v(), id, pickedIds(clientIds), decision, now),
    'handovers.backup': async ({ jobId, id }) => {
      const vault = v();
      const h = loadHandover(vault.db, id);
      const out = await ctx.saveTarget(`${h.ref}-${localDay(now())}.hvbackup`);
      if (!out) return { backup: null };
      return { backup: await ctx.jobs.run(jobId, (job) => recordBackup(vault, id, out, job, now)) };
    },
    'handovers.submit': ({ id }) => submitHandover(v(), id, now),
    'handovers.approve': ({ id, comment }) => approveHandover(v(), id, comment, now),
    'handovers.reject': ({ id, reason }) => rejectHandover(v(), id, reason, now),
    'handovers.override': ({ id, gate, reason }) => overrideGate(v(), id, gate, reason, now),
    'handovers.followup': ({ id, ...f }) => {
      addFollowup(v(), id, f, now);
      return detail(id);
    },
    'handovers.report': async ({ id, language }) => {
      const vault = v();
      const h = loadHandover(vault.db, id);
      const out = await ctx.saveTarget(`${h.ref}-${language === 'en' ? 'report' : '交接报告'}.pdf`);
      if (!out) return { path: null };
      writeFileAtomic(out, reportFor(vault, id, language, now));
      return { path: out };
    },
    'handovers.close': ({ id }) => closeHandover(v(), id, now),
    'handovers.export': async ({ jobId, id, includeSelf, recipients }) => {
      const vault = v();
      const h = loadHandover(vault.db, id);
      requireWholeHandover(vault, id);
      const out = await ctx.saveTarget(`${h.ref}.handover`);
      if (!out) return { result: null };
      // Exclusive: the plan cannot change under an export that reads it for a while.
      return { result: await ctx.exclusive(() => ctx.jobs.run(jobId, (job) => exportPackage(vault, id, out, { includeSelf, recipients }, job, now))) };
    },
    'handovers.importReceipt': ({ id, file }) => importReceipt(v(), id, ctx.allowedPath(file), now),
    'handovers.receiptHandover': ({ file }) => ({ id: handoverForReceipt(v(), ctx.allowedPath(file)) }),
    'handovers.archive': async ({ id }) => {
      const vault = v();
      const h = loadHandover(vault.db, id);
      requireWholeHandover(vault, id);
      const out = await ctx.saveTarget(`${h.ref}-archive.handover`);
      if (!out) return { path: null, packageId: null, checksum: null };
      const r = await exportArchive(vault, id, out, now);
      return { path: r.path, packageId: r.packageId, checksum: r.checksum };
    },
  };
}
