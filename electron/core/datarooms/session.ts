import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientDetail } from '../../../shared/contract/clients';
import { DATAROOM_EXTENSION_LIMITS, type DataroomInfo, type DataroomReport } from '../../../shared/contract/datarooms';
import type { MaskableField } from '../../../shared/contract/permissions';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { maskDetail } from '../clients/mask';
import { getClient } from '../clients/store';
import { blake2b512, formatPublicKey, signDigest } from '../formats/minisign';
import { getDocument, listDocuments, previewDocument } from '../documents/documents';
import { handoverRef, loadHandover } from '../handovers/store';
import { ownIncludedClientIds } from '../handovers/read-models';
import { clientCodeAndName, pageOfClientsAmong } from '../clients/selection-store';
import {
  insertEvent, insertQuestion, insertSession, markEnded, questionHandover, sessionEvents, sessionRow, setAnswer, setReport, setSessionExpiry, storedReport,
  type EventKind,
} from './store';
import { documentAndClientCode, questionsOfHandover, questionsOfSession, sessionList } from './read-model';
import { reportPdf } from './report-pdf';
import { vaultPublicKey, vaultSigningKey } from '../keys/vault-keys';
import { passphraseOpensSlot } from '../vault/unlock';
import { userByName } from '../users/store';
import { accessOf, scopeSql } from '../roles/authz';
import type { Db } from '../db/database';
import type { Clock, OpenVault } from '../vault/vault';
import { localDay } from '../../../shared/dates';

/**
 * A supervised data-room session (issue 7): a facilitator (with the right and
 * their passphrase) opens a read-only window on part of a handover for a named
 * reviewer, for a limited time. While it runs the core answers only the
 * session's own calls (see core.ts); every view, search, document page and
 * question is recorded with the session id, in the access log too. At the end
 * a report is built and signed with the vault key.
 */
export interface ActiveSession {
  id: string;
  handoverId: number;
  handoverRef: string;
  reviewer: string;
  organisation: string;
  facilitator: string;
  clientIds: ReadonlySet<number>;
  categories: ReadonlySet<string>;
  masked: ReadonlySet<MaskableField>;
  documents: boolean;
  startedAt: Date;
  expiresAt: Date;
  /** When wrong passphrases were given to end the session (ms since epoch). */
  endFailures: number[];
  /** Times the facilitator extended it (each is in the access log; dataroom_events' kinds are fixed by migration 009). */
  extensions: number;
}

/** The facilitator's passphrase, checked against their key slot (starting and ending need it). */
export async function requireOwnPassphrase(vault: OpenVault, userName: string, passphrase: string): Promise<void> {
  const slotId = userByName(vault.db, userName)?.slot_id;
  if (!slotId || !(await passphraseOpensSlot(vault, slotId, passphrase))) throw new AppError('BAD_CREDENTIALS', 'Wrong passphrase', { field: 'passphrase' });
}

function record(vault: OpenVault, s: ActiveSession, kind: EventKind, target: string, e: { clientId?: number | null; documentId?: number | null; detail?: Record<string, unknown> }, now: Clock): void {
  vault.db.transaction(() => {
    insertEvent(vault.db, s.id, now().toISOString(), kind, e.clientId ?? null, e.documentId ?? null, JSON.stringify(e.detail ?? {}));
    appendLog(vault.db, { actor: `${s.reviewer} (${s.organisation})`, action: `dataroom.${kind}`, target, details: { session: s.id, ...(e.detail as Record<string, never>) } }, now());
  }).immediate();
}

export async function startSession(
  vault: OpenVault,
  input: { handoverId: number; reviewer: { name: string; organisation: string; idNumber: string }; clientIds: number[]; categories: string[]; masked: MaskableField[]; documents: boolean; seconds: number; passphrase: string },
  now: Clock,
): Promise<ActiveSession> {
  await requireOwnPassphrase(vault, vault.user.name, input.passphrase);
  // The report is signed when the session ends (even by an auto-lock): only a keyring holder may start one.
  vaultSigningKey(vault);
  const h = loadHandover(vault.db, input.handoverId);
  // Only the facilitator's own clients of the handover can be shown.
  const included = new Set(ownIncludedClientIds(vault.db, h.id, scopeSql(accessOf(vault))));
  const ids = input.clientIds.length ? input.clientIds : [...included];
  const outside = ids.filter((id) => !included.has(id));
  if (outside.length) throw new AppError('CLIENT_NOT_FOUND', 'A chosen client is not in this handover');
  if (ids.length === 0) throw new AppError('HANDOVER_EMPTY', 'The handover holds no clients');
  // The reviewer sees at most what the facilitator may see: the facilitator's own masks always apply
  // (the router has checked the handover and clients against the facilitator's scope), and only the
  // data categories the handover hands over.
  const masked = [...new Set([...input.masked, ...accessOf(vault).masked])];
  const categories = input.categories.filter((c) => h.categories.includes(c));
  if (categories.length === 0) throw new AppError('INVALID_INPUT', 'Choose data categories that the handover includes', { field: 'categories' });
  const startedAt = now();
  const s: ActiveSession = {
    id: `DR-${localDay(startedAt).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`,
    handoverId: h.id, handoverRef: h.ref, reviewer: input.reviewer.name, organisation: input.reviewer.organisation, facilitator: vault.user.name,
    clientIds: new Set(ids), categories: new Set(categories), masked: new Set(masked), documents: input.documents && categories.includes('documents'),
    startedAt, expiresAt: new Date(startedAt.getTime() + input.seconds * 1000), endFailures: [], extensions: 0,
  };
  vault.db.transaction(() => {
    insertSession(vault.db, {
      id: s.id, handoverId: h.id, reviewer: s.reviewer, organisation: s.organisation, idNumber: input.reviewer.idNumber, facilitator: s.facilitator,
      clientIds: JSON.stringify(ids), categories: JSON.stringify(categories), masked: JSON.stringify(masked),
      documents: s.documents, minutes: Math.ceil(input.seconds / 60), startedAt: startedAt.toISOString(), expiresAt: s.expiresAt.toISOString(),
    });
    appendLog(vault.db, { actor: vault.user.name, action: 'dataroom.start', target: h.ref, details: {
      session: s.id, reviewer: s.reviewer, organisation: s.organisation, clients: ids.length, seconds: input.seconds, masked, documents: s.documents,
    } }, now());
  }).immediate();
  return s;
}

export function sessionInfo(s: ActiveSession, now: Clock): DataroomInfo {
  return {
    sessionId: s.id, handoverRef: s.handoverRef, reviewer: s.reviewer, organisation: s.organisation, facilitator: s.facilitator,
    startedAt: s.startedAt.toISOString(), expiresAt: s.expiresAt.toISOString(), now: now().toISOString(), documents: s.documents,
    masked: [...s.masked], categories: [...s.categories] as DataroomInfo['categories'], clients: s.clientIds.size,
  };
}

/** The session's clients, by name or code. */
export function sessionSearch(vault: OpenVault, s: ActiveSession, q: { text: string; offset: number; limit: number }, now: Clock) {
  const { total, rows } = pageOfClientsAmong(vault.db, [...s.clientIds], q.text.trim(), q.offset, q.limit);
  if (q.text.trim()) record(vault, s, 'search', s.handoverRef, { detail: { text: q.text.trim(), hits: total } }, now);
  return { total, rows };
}

function inSession(s: ActiveSession, clientId: number): void {
  if (!s.clientIds.has(clientId)) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
}

/** One client, read-only: only the session's data categories, with the session's fields masked. */
export function sessionClient(vault: OpenVault, s: ActiveSession, id: number, now: Clock): { client: ClientDetail; documents: ReturnType<typeof listDocuments> } {
  inSession(s, id);
  const c = getClient(vault.db, id);
  if (!c) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  const has = (k: string) => s.categories.has(k);
  const limited: ClientDetail = {
    ...c,
    contacts: has('contacts') ? c.contacts : [],
    transactions: has('transactions') ? c.transactions : [],
    notes: has('notes') ? c.notes : '', communications: has('notes') ? c.communications : [],
    ...(has('value') ? {} : { annualRevenue: null, grossProfit: null, renewalRate: null, satisfaction: null, valueScore: null, tier: null }),
  };
  record(vault, s, 'view', c.code, { clientId: id }, now);
  return { client: maskDetail(limited, s.masked), documents: s.documents && has('documents') ? listDocuments(vault.db, id) : [] };
}

export function sessionDocument(vault: OpenVault, s: ActiveSession, id: number, now: Clock) {
  const doc = getDocument(vault.db, id);
  if (!s.documents || !s.categories.has('documents') || !s.clientIds.has(doc.clientId)) throw new AppError('DOCUMENT_NOT_FOUND', 'No such document');
  const preview = previewDocument(vault, id, now);
  record(vault, s, 'document', preview.name, { clientId: doc.clientId, documentId: id, detail: { document: doc.name } }, now);
  return preview;
}

export function sessionPage(vault: OpenVault, s: ActiveSession, id: number, page: number, now: Clock): void {
  const doc = getDocument(vault.db, id);
  if (!s.documents || !s.categories.has('documents') || !s.clientIds.has(doc.clientId)) throw new AppError('DOCUMENT_NOT_FOUND', 'No such document');
  record(vault, s, 'page', doc.name, { clientId: doc.clientId, documentId: id, detail: { page } }, now);
}

/** Free tries at the facilitator's passphrase before each further one waits: 15 s, 30 s, 1 min … up to 10 min. */
const FREE_END_TRIES = 3;

export function endDelaySeconds(s: ActiveSession, now: Date): number {
  const n = s.endFailures.length;
  if (n < FREE_END_TRIES) return 0;
  const wait = Math.min(15 * 2 ** (n - FREE_END_TRIES), 600);
  return Math.max(0, Math.ceil((s.endFailures[n - 1]! + wait * 1000 - now.getTime()) / 1000));
}

/**
 * Ending the session needs the facilitator's passphrase (the reviewer sits at the keyboard). Like
 * unlocking, wrong guesses are limited: after three, each try waits longer; every failure and every
 * refused try is recorded for the report and in the access log.
 */
export async function checkEndPassphrase(vault: OpenVault, s: ActiveSession, passphrase: string, now: Clock, purpose: 'end' | 'extend' = 'end'): Promise<void> {
  const wait = endDelaySeconds(s, now());
  if (wait > 0) {
    record(vault, s, 'refused', s.handoverRef, { detail: { what: `${purpose}-too-soon`, seconds: wait } }, now);
    throw new AppError('TOO_MANY_ATTEMPTS', `Too many failed attempts: wait ${wait} s`, { seconds: wait });
  }
  try {
    await requireOwnPassphrase(vault, s.facilitator, passphrase);
  } catch (err) {
    s.endFailures.push(now().getTime());
    record(vault, s, 'refused', s.handoverRef, { detail: { what: `${purpose}-wrong-passphrase`, failures: s.endFailures.length } }, now);
    throw err;
  }
}

/**
 * More time, on the facilitator's passphrase (the same limited tries as ending): a few times and never
 * past the longest session one may start. The new end is stored and logged with the session.
 */
export async function extendSession(vault: OpenVault, s: ActiveSession, minutes: number, passphrase: string, now: Clock): Promise<void> {
  await checkEndPassphrase(vault, s, passphrase, now, 'extend');
  const done = s.extensions;
  const expiresAt = new Date(s.expiresAt.getTime() + minutes * 60_000);
  const { extensions, totalHours } = DATAROOM_EXTENSION_LIMITS;
  if (done >= extensions || expiresAt.getTime() - s.startedAt.getTime() > totalHours * 3600_000) {
    throw new AppError('DATAROOM_EXTEND_LIMIT', 'The session cannot be extended further', { extensions, hours: totalHours });
  }
  // Logged under the facilitator's name: it is their passphrase that granted the time.
  vault.db.transaction(() => {
    setSessionExpiry(vault.db, s.id, expiresAt.toISOString());
    appendLog(vault.db, { actor: s.facilitator, action: 'dataroom.extend', target: s.handoverRef, details: { session: s.id, minutes, expiresAt: expiresAt.toISOString() } }, now());
  }).immediate();
  s.expiresAt = expiresAt;
  s.extensions++;
}

/** The reviewer tried something the room does not allow (copy, print…): kept for the report. */
export function recordRefusal(vault: OpenVault, s: ActiveSession, what: string, now: Clock): void {
  record(vault, s, 'refused', s.handoverRef, { detail: { what } }, now);
}

export function askQuestion(vault: OpenVault, s: ActiveSession, q: { clientId: number | null; documentId: number | null; question: string }, now: Clock) {
  if (q.clientId !== null) inSession(s, q.clientId);
  if (q.documentId !== null && (!s.documents || !s.categories.has('documents') || !s.clientIds.has(getDocument(vault.db, q.documentId).clientId))) throw new AppError('DOCUMENT_NOT_FOUND', 'No such document');
  insertQuestion(vault.db, { sessionId: s.id, handoverId: s.handoverId, clientId: q.clientId, documentId: q.documentId, question: q.question, askedAt: now().toISOString() });
  record(vault, s, 'question', s.handoverRef, { clientId: q.clientId, documentId: q.documentId, detail: { question: q.question.slice(0, 200) } }, now);
  return listQuestions(vault.db, s.handoverId, s.clientIds);
}

/**
 * Questions of a handover with their answers (a reviewer sees those about the session's clients;
 * a scoped facilitator those about their own clients, `about`).
 */
export function listQuestions(db: Db, handoverId: number, clients?: ReadonlySet<number>, about?: { sql: string; params: (string | number)[] } | null) {
  const rows = questionsOfHandover(db, handoverId, about ?? null);
  return rows.filter((r) => !clients || r.clientId === null || clients.has(r.clientId)).map(({ clientId: _c, ...r }) => r);
}

/** Answers a question; returns its handover, whose questions the facilitator sees next. */
export function answerQuestion(vault: OpenVault, id: number, answer: string, now: Clock): number {
  return vault.db.transaction(() => {
    const handoverId = questionHandover(vault.db, id);
    if (handoverId === undefined) throw new AppError('INVALID_INPUT', 'No such question', { field: 'id' });
    setAnswer(vault.db, id, answer, vault.user.name, now().toISOString());
    appendLog(vault.db, { actor: vault.user.name, action: 'dataroom.answer', target: loadHandover(vault.db, handoverId).ref, details: { question: id } }, now());
    return handoverId;
  }).immediate();
}

/** What happened, from the session's events: each view lasts until the next event (or the end). */
export function buildReport(db: Db, sessionId: string, endedAt: string, endReason: string): DataroomReport {
  const s = sessionRow(db, sessionId)!;
  const events = sessionEvents(db, sessionId);
  const clients = new Map<number, { code: string; name: string; views: number; seconds: number }>();
  const docs = new Map<number, { client: string; name: string; opens: number; pages: Set<number>; seconds: number }>();
  const end = Date.parse(endedAt);
  events.forEach((e, i) => {
    const seconds = Math.max(0, Math.round(((i + 1 < events.length ? Date.parse(events[i + 1]!.at) : end) - Date.parse(e.at)) / 1000));
    if (e.kind === 'view' && e.client_id !== null) {
      const c = clients.get(e.client_id) ?? { ...clientCodeAndName(db, e.client_id)!, views: 0, seconds: 0 };
      c.views++;
      c.seconds += seconds;
      clients.set(e.client_id, c);
    }
    if ((e.kind === 'document' || e.kind === 'page') && e.document_id !== null) {
      const row = documentAndClientCode(db, e.document_id);
      const d = docs.get(e.document_id) ?? { client: row.code, name: row.name, opens: 0, pages: new Set<number>(), seconds: 0 };
      if (e.kind === 'document') d.opens++;
      else d.pages.add((JSON.parse(e.detail) as { page: number }).page);
      d.seconds += seconds;
      docs.set(e.document_id, d);
    }
  });
  const questions = questionsOfSession(db, sessionId);
  return {
    type: 'dataroom-report', version: 1, sessionId, handover: handoverRef(db, s.handover_id)!,
    reviewer: { name: s.reviewer_name, organisation: s.reviewer_org, idNumber: s.reviewer_id_number }, facilitator: s.facilitator,
    startedAt: s.started_at, endedAt, endReason, seconds: Math.round((end - Date.parse(s.started_at)) / 1000),
    scope: { clients: (JSON.parse(s.client_ids) as number[]).length, categories: JSON.parse(s.categories) as string[], masked: JSON.parse(s.masked) as string[], documents: s.documents === 1 },
    clients: [...clients.values()],
    documents: [...docs.values()].map((d) => ({ ...d, pages: [...d.pages].sort((a, b) => a - b) })),
    searches: events.filter((e) => e.kind === 'search').map((e) => ({ at: e.at, ...(JSON.parse(e.detail) as { text: string; hits: number }) })),
    questions: questions.map((q) => ({ at: q.asked_at, client: q.code, question: q.question })),
    refused: events.filter((e) => e.kind === 'refused').length,
  };
}

/** End: the report is built and signed (minisign, prehashed, by the vault key) in the same transaction as the log entry. */
export function endSession(vault: OpenVault, s: ActiveSession, reason: string, now: Clock): DataroomReport {
  return vault.db.transaction(() => {
    const endedAt = (reason === 'expired' ? new Date(Math.min(now().getTime(), s.expiresAt.getTime())) : now()).toISOString();
    markEnded(vault.db, s.id, endedAt, reason);
    const report = buildReport(vault.db, s.id, endedAt, reason);
    const text = `${JSON.stringify(report, null, 2)}\n`;
    const key = vaultSigningKey(vault);
    const sig = signDigest(key, blake2b512(text), `dataroom-report session=${s.id} handover=${s.handoverRef} ended=${endedAt}`);
    setReport(vault.db, s.id, text, sig);
    appendLog(vault.db, { actor: s.facilitator, action: 'dataroom.end', target: s.handoverRef, details: { session: s.id, reason, clients: report.clients.length, documents: report.documents.length, questions: report.questions.length } }, now());
    return report;
  }).immediate();
}

export function listSessions(db: Db, handoverId: number | null) {
  const rows = sessionList(db, handoverId);
  return rows.map((r) => ({
    id: r.id, handoverId: r.handover_id, handoverRef: r.ref, reviewer: r.reviewer_name, organisation: r.reviewer_org, facilitator: r.facilitator,
    startedAt: r.started_at, expiresAt: r.expires_at, endedAt: r.ended_at, endReason: r.end_reason, clients: (JSON.parse(r.client_ids) as number[]).length, views: r.views, questions: r.questions,
  }));
}

export function sessionReport(db: Db, id: string): { report: DataroomReport; text: string; sig: string } {
  const row = storedReport(db, id);
  if (!row) throw new AppError('INVALID_INPUT', 'No such session', { field: 'session' });
  if (!row.report || !row.report_sig) throw new AppError('HANDOVER_STATE', 'The session is still running', { status: 'running' });
  return { report: JSON.parse(row.report) as DataroomReport, text: row.report, sig: row.report_sig };
}

/** A folder with report.json, its minisign signature, the vault's public key and a PDF (temp folder, renamed at the end). */
export function writeSessionReport(vault: OpenVault, id: string, parent: string, now: Clock): string {
  const { report, text, sig } = sessionReport(vault.db, id);
  let name = `${id}-report`;
  for (let n = 2; existsSync(join(parent, name)); n++) name = `${id}-report-${n}`;
  const tmp = join(parent, `.${name}.partial-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp);
  try {
    writeFileSync(join(tmp, 'report.json'), text);
    writeFileSync(join(tmp, 'report.json.minisig'), sig);
    writeFileSync(join(tmp, 'vault.pub'), formatPublicKey(vaultPublicKey(vault)));
    writeFileSync(join(tmp, 'report.pdf'), reportPdf(report));
    writeFileSync(join(tmp, 'README.txt'), `Verify / 验证: minisign -Vm report.json -p vault.pub\n`);
    renameSync(tmp, join(parent, name));
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  vault.db.transaction(() => appendLog(vault.db, { actor: vault.user.name, action: 'dataroom.report', target: report.handover, details: { session: id, folder: name } }, now())).immediate();
  return join(parent, name);
}
