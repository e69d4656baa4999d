import type { CompensationMethod, Evaluation, ProposalDetail } from '../../../shared/contract/compensation';
import type { AuditAction } from '../../../shared/audit/actions';
import { AppError } from '../../../shared/errors';
import { daysBetween, localDay, loadHandover, logHandover, requireOpen } from '../handovers/store';
import { inScope } from '../roles/scope-read-model';
import type { Clock, OpenVault } from '../vault/vault';
import { callerOf, hide, logAmountsViewed, visibleProposal, visiblePersons, type CompensationCaller } from './access';
import { methodRefused, proposalDetail } from './proposals';
import { completeDocumentRow } from '../documents/store';
import { allProposals, includedClients, overdueProposals, portfolios, type ProposalRecord } from './proposals-read-model';
import { insertNegotiation, insertPayment, loadStandard, receivedCommitmentRows, saveAgreement } from './store';
import { latestFollowups } from '../handovers/records-store';
import { clientCodeById } from '../clients/store';

/**
 * What happens after the standard: the negotiation log, the agreement (with
 * the signed copy attached to the client as an encrypted document), payments,
 * overdue promises for the workbench, and the evaluation after follow-ups.
 * None of it voids approvals: the approved rule has not changed.
 */
function requireAttachedTo(vault: OpenVault, c: CompensationCaller, p: ProposalRecord, documentId: number | null): void {
  if (documentId === null) return;
  const owner = completeDocumentRow(vault.db, documentId)?.client_id ?? null;
  const allowed = p.kind === 'client' ? owner === p.clientId : owner !== null && (portfolios(vault.db, p.handoverId, c.access).get(p.person!) ?? []).some((cl) => cl.id === owner);
  if (owner === null || !allowed || !inScope(vault.db, c.access, owner)) throw new AppError('COMPENSATION_DOCUMENT', 'The document must be attached to this client');
}

function change(vault: OpenVault, handoverId: number, proposalId: number, now: Clock, write: (p: ProposalRecord, c: CompensationCaller) => Record<string, string | number | boolean | null>, action: AuditAction): ProposalDetail {
  const c = callerOf(vault);
  vault.db.transaction(() => {
    const h = loadHandover(vault.db, handoverId);
    requireOpen(h);
    const p = visibleProposal(vault, c, h.id, proposalId);
    const details = write(p, c);
    logHandover(vault, { ref: p.code || h.ref }, action, { handover: h.ref, kind: p.kind, ...details }, now());
  }).immediate();
  return proposalDetail(vault, handoverId, proposalId, now, false);
}

function allowedMethod(vault: OpenVault, p: ProposalRecord, method: string): void {
  const s = loadStandard(vault.db, p.handoverId, p.kind);
  if (s && !s.standard.methods.includes(method as CompensationMethod)) throw methodRefused(method);
}

export function recordNegotiation(vault: OpenVault, handoverId: number, proposalId: number,
  n: { kind: 'offer' | 'counter-offer' | 'note'; date: string; amountFen: number | null; method: CompensationMethod | null; ourSide: string; theirSide: string; note: string }, now: Clock): ProposalDetail {
  return change(vault, handoverId, proposalId, now, (p) => {
    insertNegotiation(vault.db, p.id, { ...n, method: n.method ?? '' }, vault.user.name, now().toISOString());
    return { negotiation: n.kind, date: n.date, with: n.theirSide };
  }, 'compensation.negotiation');
}

export function recordAgreement(vault: OpenVault, handoverId: number, proposalId: number,
  a: { amountFen: number; method: CompensationMethod; agreedOn: string; dueOn: string; promise: string; documentId: number | null }, now: Clock): ProposalDetail {
  return change(vault, handoverId, proposalId, now, (p, c) => {
    allowedMethod(vault, p, a.method);
    requireAttachedTo(vault, c, p, a.documentId);
    saveAgreement(vault.db, p.id, a, vault.user.name);
    return { method: a.method, agreedOn: a.agreedOn, dueOn: a.dueOn, document: a.documentId };
  }, 'compensation.agreement');
}

export function recordPayment(vault: OpenVault, handoverId: number, proposalId: number,
  pay: { paidOn: string; amountFen: number; evidence: string; documentId: number | null }, now: Clock): ProposalDetail {
  return change(vault, handoverId, proposalId, now, (p, c) => {
    if (p.agreedFen === null) throw new AppError('COMPENSATION_NOT_AGREED', 'Record the agreement first');
    const owed = p.agreedFen - p.paidFen;
    if (pay.amountFen > owed) throw new AppError('COMPENSATION_OVERPAID', 'The payment exceeds what is owed', { owedFen: c.masked ? null : Math.max(0, owed) });
    requireAttachedTo(vault, c, p, pay.documentId);
    insertPayment(vault.db, p.id, pay, vault.user.name, now().toISOString());
    return { paidOn: pay.paidOn, document: pay.documentId };
  }, 'compensation.payment');
}

/** Agreed promises past their due date and not fully paid, that the caller may see: the workbench's list. */
export function overduePromises(vault: OpenVault, limit: number, now: Clock) {
  const c = callerOf(vault);
  const today = localDay(now());
  const persons = new Map<number, string[] | null>();
  const visible = overdueProposals(vault.db, today).filter((p) => {
    if (p.kind === 'client') return inScope(vault.db, c.access, p.clientId!);
    if (!c.access.permissions.has('compensation.staff')) return false;
    if (!persons.has(p.handoverId)) persons.set(p.handoverId, visiblePersons(vault, c, p.handoverId));
    const list = persons.get(p.handoverId)!;
    return list === null || list.includes(p.person!);
  });
  const shown = visible.slice(0, limit);
  if (shown.length > 0) {
    const handovers = [...new Set(shown.map((p) => p.handoverRef))];
    logAmountsViewed(vault, c, 'compensation.overdue', handovers.join(', '), { handovers, promises: shown.length }, now);
  }
  return shown.map((p) => ({
    handoverId: p.handoverId, handoverRef: p.handoverRef, proposalId: p.id, kind: p.kind, clientId: p.clientId, name: p.name, code: p.code,
    dueOn: p.dueOn!, daysOverdue: daysBetween(p.dueOn!, today), owedFen: hide(c, Math.max(0, (p.agreedFen ?? 0) - p.paidFen)), method: p.agreedMethod ?? p.method,
  }));
}

/**
 * After the follow-ups: retention and satisfaction of compensated clients (an
 * agreement recorded) against the rest of the handover's clients, and what the
 * compensation paid cost per unit of the retained clients' annual revenue.
 */
export function evaluation(vault: OpenVault, handoverId: number): Evaluation {
  const c = callerOf(vault);
  const h = loadHandover(vault.db, handoverId);
  const clients = includedClients(vault.db, h.id, c.access);
  const proposals = new Map(allProposals(vault.db, c.access, h.id, 'client', null).map((p) => [p.clientId!, p]));
  const latest = new Map(latestFollowups(vault.db, h.id).map((f) => [f.clientId, f]));
  const cohort = (list: typeof clients) => {
    const f = list.map((cl) => latest.get(cl.id)).filter((x) => x !== undefined);
    const decided = f.filter((x) => x.outcome === 'retained' || x.outcome === 'lost');
    const retained = f.filter((x) => x.outcome === 'retained').length;
    const sat = f.map((x) => x.satisfaction).filter((s): s is number => s !== null);
    return {
      clients: list.length, followedUp: f.length, retained,
      retention: decided.length ? Math.round((retained / decided.length) * 1000) / 1000 : null,
      satisfaction: sat.length ? Math.round((sat.reduce((a, b) => a + b, 0) / sat.length) * 10) / 10 : null,
    };
  };
  const compensated = clients.filter((cl) => proposals.get(cl.id)?.agreedFen != null);
  const others = clients.filter((cl) => proposals.get(cl.id)?.agreedFen == null);
  const paid = compensated.reduce((a, cl) => a + (proposals.get(cl.id)?.paidFen ?? 0), 0);
  const retainedRevenue = compensated.filter((cl) => latest.get(cl.id)?.outcome === 'retained').reduce((a, cl) => a + Math.max(0, cl.annualRevenue ?? 0), 0);
  return {
    compensated: cohort(compensated),
    others: cohort(others),
    paidFen: hide(c, paid),
    retainedRevenueFen: hide(c, retainedRevenue),
    costPerRetainedRevenue: c.masked || retainedRevenue === 0 ? null : Math.round((paid / retainedRevenue) * 10_000) / 10_000,
  };
}

/** The buyer's side: what a received package promised this client. */
export function receivedCommitments(vault: OpenVault, clientId: number, now: Clock) {
  const c = callerOf(vault);
  if (!inScope(vault.db, c.access, clientId)) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  const rows = receivedCommitmentRows(vault.db, clientId);
  if (rows.length > 0) {
    const handovers = [...new Set(rows.map((r) => r.handoverRef))];
    logAmountsViewed(vault, c, 'compensation.received', clientCodeById(vault.db, clientId) ?? String(clientId), { handovers, commitments: rows.length }, now);
  }
  return rows.map((r) => ({ ...r, agreedFen: hide(c, r.agreedFen), paidFen: hide(c, r.paidFen), owedFen: hide(c, r.owedFen) }));
}
