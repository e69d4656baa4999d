import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletenessItem } from '../../../shared/contract/completeness';
import type { NOTICE_CHANNELS, NOTICE_STATUSES } from '../../../shared/contract/handovers';
import { itemMaskedFor } from './completeness';
import { AppError } from '../../../shared/errors';
import { noticeText, type NoticeFields } from '../../../shared/i18n/handover';
import type { JobContext } from '../jobs/jobs';
import { PdfDoc } from '../pdf/pdf';
import { accessOf, scopeSql } from '../roles/authz';
import type { Db } from '../db/database';
import type { Clock, OpenVault } from '../vault/vault';
import { changeHandover } from './change';
import { addDays, localDay, loadHandover, logHandover, requirePlanOpen, scopeChanged, type HandoverRow } from './store';
import {
  decideNotice, excludeForNoAnswer, excludeObjectors, noticeCounts, noticeState, objectedCount, recordGenerated, recordNoticeOutcome,
} from './notice-store';
import { handoverClientsPage, includedObjectorCodes, noticeClients, type NoticeClient } from './read-models';
import { clientCodeById } from '../clients/store';

/**
 * Client notices: a bilingual PDF per client from the handover's settings,
 * the SHA-256 of exactly what was sent kept as evidence (the PDF is
 * reproducible, so the hash can be checked by generating it again), then
 * what happened: sent, acknowledged, consented or objected. When the
 * objection window closes, objectors leave the scope (logged) and clients who
 * never answered wait for a decision.
 */
export function noticeDeadline(h: HandoverRow): string | null {
  return h.notice.startDate ? addDays(h.notice.startDate, h.notice.objectionWeeks * 7) : null;
}

export function noticeStats(db: Db, h: HandoverRow, today: string) {
  const r = noticeCounts(db, h.id);
  const objected = objectedCount(db, h.id);
  const deadline = noticeDeadline(h);
  const windowClosed = deadline !== null && today > deadline;
  return {
    inScope: r.inScope!, notGenerated: r.notGenerated!, generated: r.generated!, sent: r.sent!, acknowledged: r.acknowledged!, consented: r.consented!,
    objected, unanswered: r.unanswered!, undecided: windowClosed ? r.undecided! : 0, deadline, windowClosed,
  };
}

/** After the window closed: objectors still in scope leave it, with the reason, in one logged step. */
export function applyNoticeWindow(vault: OpenVault, h: HandoverRow, now: Clock): boolean {
  const deadline = noticeDeadline(h);
  if (!deadline || localDay(now()) <= deadline || h.status === 'closed' || h.status === 'exported' || h.status === 'acknowledged') return false;
  return vault.db.transaction(() => {
    const codes = includedObjectorCodes(vault.db, h.id);
    if (codes.length === 0) return false;
    excludeObjectors(vault.db, h.id);
    scopeChanged(vault, h, 'objections', now);
    logHandover(vault, h, 'handover.objectors-excluded', { clients: codes.length, codes: codes.slice(0, 100), reason: 'objected', deadline }, now());
    return true;
  }).immediate();
}

function fieldsFor(h: HandoverRow): Omit<NoticeFields, 'ref' | 'client' | 'contact'> {
  const missing = !h.buyer.name ? 'buyer' : !(h.buyer.contact || h.buyer.phone || h.buyer.email) ? 'buyerContact'
    : !h.notice.startDate ? 'startDate' : !h.notice.effectiveDate ? 'effectiveDate' : !h.notice.sellerContact ? 'sellerContact' : null;
  if (missing) throw new AppError('NOTICE_SETTINGS_MISSING', 'The notice settings are not complete', { field: missing });
  return {
    buyer: h.buyer.name,
    buyerContact: [h.buyer.contact, h.buyer.phone, h.buyer.email].filter(Boolean).join(', '),
    effective: h.notice.effectiveDate!,
    deadline: noticeDeadline(h)!,
    sellerContact: h.notice.sellerContact,
  };
}

/** One notice as PDF bytes; the same fields give the same bytes. */
export function renderNotice(f: NoticeFields): Buffer {
  const doc = new PdfDoc(f.ref);
  for (const part of noticeText(f)) {
    if (part.lang === 'en') doc.gap(18);
    doc.heading(part.title, 15);
    for (const para of part.paragraphs) doc.text(para, 10.5, { after: 6 });
  }
  return doc.toBuffer({ title: `${f.ref}` });
}

/** The handover's included clients a notice may be written for (the user's own ones). */
function noticeClientsFor(vault: OpenVault, id: number, clientIds: number[] | null): NoticeClient[] {
  return noticeClients(vault.db, id, clientIds, false, scopeSql(accessOf(vault)));
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 80);

/**
 * Write one PDF per client into a new folder under `parent` (a temp folder,
 * renamed when all are written) and record each notice's SHA-256. Notices
 * already sent are not regenerated: their evidence stays what was sent.
 */
export async function generateNotices(vault: OpenVault, id: number, parent: string, clientIds: number[] | null, job: JobContext, now: Clock): Promise<{ dir: string; generated: number; skipped: number }> {
  const h = loadHandover(vault.db, id);
  requirePlanOpen(h);
  const base = fieldsFor(h);
  const all = noticeClientsFor(vault, id, clientIds);
  const todo = all.filter((c) => c.status === null || c.status === 'generated');
  if (all.length === 0) throw new AppError('HANDOVER_EMPTY', 'No clients to write notices for');
  let name = `${h.ref}-notices-${localDay(now())}`;
  for (let n = 2; existsSync(join(parent, name)); n++) name = `${h.ref}-notices-${localDay(now())}-${n}`;
  const tmp = join(parent, `.${name}.partial-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp);
  const hashes: [number, string][] = [];
  try {
    for (let i = 0; i < todo.length; i++) {
      const c = todo[i]!;
      const pdf = renderNotice({ ...base, ref: `${h.ref}/${c.code}`, client: c.name, contact: c.contact ?? '' });
      writeFileSync(join(tmp, `${fileSafe(c.code)}.pdf`), pdf);
      hashes.push([c.id, createHash('sha256').update(pdf).digest('hex')]);
      if (i % 50 === 49) {
        job.progress(i + 1, todo.length);
        await new Promise((r) => setImmediate(r));
        job.throwIfCancelled();
      }
    }
    writeFileSync(join(tmp, 'SHA256SUMS'), hashes.map(([cid, sha]) => `${sha}  ${fileSafe(todo.find((c) => c.id === cid)!.code)}.pdf\n`).join(''));
    const at = now().toISOString();
    vault.db.transaction(() => {
      recordGenerated(vault.db, id, hashes, at, vault.user.name);
      logHandover(vault, h, 'handover.notices-generate', { generated: hashes.length, skipped: all.length - todo.length, folder: name }, now());
    }).immediate();
    renameSync(tmp, join(parent, name));
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  job.progress(todo.length, todo.length);
  return { dir: join(parent, name), generated: hashes.length, skipped: all.length - todo.length };
}

/** One client's notice, for the in-app viewer or printing (logged as a view). */
export function noticePdf(vault: OpenVault, id: number, clientId: number, now: Clock): { name: string; mime: string; data: string; sha256: string } {
  const h = loadHandover(vault.db, id);
  const [c] = noticeClientsFor(vault, id, [clientId]);
  if (!c) throw new AppError('CLIENT_NOT_FOUND', 'No such client in this handover');
  const pdf = renderNotice({ ...fieldsFor(h), ref: `${h.ref}/${c.code}`, client: c.name, contact: c.contact ?? '' });
  vault.db.transaction(() => logHandover(vault, h, 'handover.notice-view', { client: c.code }, now())).immediate();
  return { name: `${c.code}.pdf`, mime: 'application/pdf', data: pdf.toString('base64'), sha256: createHash('sha256').update(pdf).digest('hex') };
}

type NoticeStatus = Exclude<(typeof NOTICE_STATUSES)[number], 'generated'>;

/** Record what happened to notices (by client id); each must have been generated first, so its hash is the evidence. */
export function recordNotices(
  vault: OpenVault, id: number, clientIds: number[],
  r: { status: NoticeStatus; channel: (typeof NOTICE_CHANNELS)[number] | null; date: string; note: string }, now: Clock,
): { updated: number } {
  return changeHandover(vault, id, now, (_h, log) => {
    const visible = new Set(noticeClientsFor(vault, id, clientIds).map((c) => c.id));
    let updated = 0;
    for (const cid of clientIds) {
      const row = noticeState(vault.db, id, cid);
      const code = clientCodeById(vault.db, cid) ?? String(cid);
      if (!visible.has(cid)) throw new AppError('CLIENT_NOT_FOUND', 'No such client in this handover');
      if (!row) throw new AppError('NOTICE_NOT_GENERATED', 'Generate the notice before recording it', { code });
      if (r.status === 'sent' && !r.channel && !row.sent_on) throw new AppError('INVALID_INPUT', 'Say how the notice was sent', { field: 'channel' });
      updated += recordNoticeOutcome(vault.db, id, cid, r, vault.user.name);
    }
    log('handover.notices-record', { clients: updated, status: r.status, channel: r.channel, date: r.date });
    applyNoticeWindow(vault, loadHandover(vault.db, id), now);
    return { updated };
  }, { stage: 'records' });
}

/** After the window: clients who never answered are kept or leave the scope, by a person's decision. */
export function decideUnanswered(vault: OpenVault, id: number, clientIds: number[], decision: 'keep' | 'exclude', now: Clock): { updated: number } {
  return changeHandover(vault, id, now, (h, log) => {
    let updated = 0;
    for (const cid of clientIds) {
      updated += decideNotice(vault.db, id, cid, decision);
      if (decision === 'exclude') excludeForNoAnswer(vault.db, id, cid);
    }
    if (decision === 'exclude' && updated > 0) scopeChanged(vault, h, 'no-answer', now);
    log('handover.notices-decide', { clients: updated, decision });
    return { updated };
  });
}

/** The page of a handover's clients with their notice, arrangement and follow-up, for the wizard's tables. */
export function handoverClients(vault: OpenVault, q: { id: number; text: string; filter: string; missing?: CompletenessItem | undefined; offset: number; limit: number }) {
  loadHandover(vault.db, q.id);
  const access = accessOf(vault);
  // Listing who lacks a masked item would show what the mask hides (whose phone is empty).
  if (q.missing && itemMaskedFor(access.masked, q.missing)) throw new AppError('FORBIDDEN', 'That item is masked for your role', { permission: 'reveal' });
  const { total, rows } = handoverClientsPage(vault.db, q, scopeSql(access));
  return {
    total,
    rows: rows.map((r) => ({ ...r, included: r.included === 1, contact: (r.contact as string | null) ?? '', channel: (r.channel as string | null) ?? '', decision: (r.decision as string | null) ?? '' })) as never,
  };
}
