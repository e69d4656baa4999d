import type { Fairness, ProposalDetail, ProposalRow } from '../../../shared/contract/compensation';
import { fences } from '../../../shared/compensation/compute';
import { appendLog } from '../audit/store';
import { localDay, loadHandover, logHandover, requirePlanOpen, touch } from '../handovers/store';
import type { Clock, OpenVault } from '../vault/vault';
import { callerOf, hide, logAmountsViewed, requireKind, visibleProposal, visiblePersons, type CompensationCaller } from './access';
import { voidApprovals } from './standard';
import { allProposals, queryProposals, type ListQuery, type ProposalRecord } from './proposals-read-model';
import { loadStandard, negotiationsOf, paymentsOf, setException as storeException, type Kind } from './store';
import type { CompensationMethod } from '../../../shared/contract/compensation';
import { AppError } from '../../../shared/errors';

export const methodRefused = (method: string) => new AppError('COMPENSATION_METHOD', 'The standard does not allow this method', { method });

/** Proposals as a caller sees them: the list with totals, one proposal in full, the fairness view, exceptions. */
export function statusOf(p: ProposalRecord, today: string): ProposalRow['status'] {
  if (p.agreedFen !== null) {
    if (p.paidFen >= p.agreedFen) return 'paid';
    return p.dueOn !== null && p.dueOn < today ? 'overdue' : 'agreed';
  }
  return p.negotiations > 0 ? 'negotiating' : 'proposed';
}

export function toRow(c: CompensationCaller, p: ProposalRecord, today: string): ProposalRow {
  const owed = p.agreedFen === null ? null : Math.max(0, p.agreedFen - p.paidFen);
  return {
    id: p.id, kind: p.kind, clientId: p.clientId, code: p.code, name: p.name, region: p.region, tier: p.tier, method: p.method, status: statusOf(p, today),
    computedFen: hide(c, p.computedFen), proposedFen: hide(c, p.proposedFen),
    exception: p.exceptionReason ? { reason: p.exceptionReason, by: p.exceptionBy ?? '', at: p.exceptionAt ?? '' } : null,
    agreedFen: hide(c, p.agreedFen), agreedMethod: p.agreedMethod, agreedOn: p.agreedOn, dueOn: p.dueOn,
    paidFen: hide(c, p.agreedFen === null && p.paidFen === 0 ? null : p.paidFen), owedFen: hide(c, owed), agreementDocumentId: p.agreementDocumentId,
  };
}

export function listProposals(vault: OpenVault, q: Omit<ListQuery, 'today'>, now: Clock) {
  const c = callerOf(vault);
  requireKind(c, q.kind);
  const h = loadHandover(vault.db, q.handoverId);
  const today = localDay(now());
  const persons = visiblePersons(vault, c, h.id);
  const page = queryProposals(vault.db, c.access, { ...q, today }, persons);
  const all = allProposals(vault.db, c.access, h.id, q.kind, persons);
  const sum = (f: (p: ProposalRecord) => number) => hide(c, all.reduce((a, p) => a + f(p), 0));
  const budget = loadStandard(vault.db, h.id, q.kind)?.standard.budgetFen ?? null;
  const totals = {
    proposals: all.length,
    exceptions: all.filter((p) => p.exceptionReason !== null).length,
    agreed: all.filter((p) => p.agreedFen !== null).length,
    overdue: all.filter((p) => statusOf(p, today) === 'overdue').length,
    proposedFen: sum((p) => p.proposedFen), agreedFen: sum((p) => p.agreedFen ?? 0), paidFen: sum((p) => p.paidFen),
    owedFen: sum((p) => (p.agreedFen === null ? 0 : Math.max(0, p.agreedFen - p.paidFen))), budgetFen: budget === null ? null : hide(c, budget),
  };
  // Amounts are a logged field: who saw which page of amounts (or only masked ones).
  if (page.rows.length > 0) {
    vault.db.transaction(() => {
      appendLog(vault.db, { actor: vault.user.name, action: 'compensation.list', target: h.ref, details: { kind: q.kind, rows: page.rows.length, masked: c.masked } }, now());
    }).immediate();
  }
  return { total: page.total, totals, rows: page.rows.map((p) => toRow(c, p, today)) };
}

export function proposalDetail(vault: OpenVault, handoverId: number, proposalId: number, now: Clock, log = true): ProposalDetail {
  const c = callerOf(vault);
  const h = loadHandover(vault.db, handoverId);
  const p = visibleProposal(vault, c, h.id, proposalId);
  if (log) {
    vault.db.transaction(() => {
      appendLog(vault.db, { actor: vault.user.name, action: 'compensation.view', target: p.code || h.ref, details: { handover: h.ref, kind: p.kind, masked: c.masked } }, now());
    }).immediate();
  }
  return {
    row: toRow(c, p, localDay(now())),
    inputs: hide(c, p.inputs),
    promise: p.promise,
    negotiations: negotiationsOf(vault.db, p.id).map((n) => ({ ...n, kind: n.kind, amountFen: hide(c, n.amountFen) })),
    payments: paymentsOf(vault.db, p.id).map((pay) => ({ ...pay, amountFen: hide(c, pay.amountFen) })),
  };
}

function groups(list: ProposalRecord[], key: (p: ProposalRecord) => string): Fairness['byTier'] {
  const by = new Map<string, number[]>();
  for (const p of list) by.set(key(p), [...(by.get(key(p)) ?? []), p.proposedFen]);
  return [...by].map(([k, amounts]) => {
    const sorted = amounts.sort((a, b) => a - b);
    return {
      key: k, count: sorted.length, totalFen: sorted.reduce((a, b) => a + b, 0), minFen: sorted[0]!, medianFen: sorted[Math.floor((sorted.length - 1) / 2)]!, maxFen: sorted[sorted.length - 1]!,
    };
  }).sort((a, b) => a.key.localeCompare(b.key));
}

/** One rule for every client, checked: distribution by tier and region, outliers within each tier, exceptions, total against budget. */
export function fairness(vault: OpenVault, handoverId: number, kind: Kind, now: Clock): Fairness {
  const c = callerOf(vault);
  requireKind(c, kind);
  const h = loadHandover(vault.db, handoverId);
  const all = allProposals(vault.db, c.access, h.id, kind, visiblePersons(vault, c, h.id));
  if (all.length > 0) logAmountsViewed(vault, c, 'compensation.fairness', h.ref, { handover: h.ref, kind, proposals: all.length }, now);
  const empty: Fairness = { masked: c.masked, byTier: [], byRegion: [], outliers: [], atFloor: 0, atCap: 0, exceptions: [], totalFen: 0, budgetFen: 0 };
  if (c.masked) return empty;
  const tierOf = (p: ProposalRecord) => p.tier ?? '-';
  const outliers: Fairness['outliers'] = [];
  for (const tier of new Set(all.map(tierOf))) {
    const inTier = all.filter((p) => tierOf(p) === tier);
    const f = fences(inTier.map((p) => p.proposedFen).sort((a, b) => a - b));
    if (!f) continue;
    for (const p of inTier) {
      if (p.proposedFen > f.high || p.proposedFen < f.low) outliers.push({ id: p.id, name: p.name, code: p.code, tier, proposedFen: p.proposedFen, why: p.proposedFen > f.high ? 'high' : 'low' });
    }
  }
  return {
    masked: false,
    byTier: groups(all, tierOf),
    byRegion: groups(all, (p) => p.region || '-'),
    outliers,
    atFloor: all.filter((p) => p.exceptionReason === null && p.inputs.floorFen > 0 && p.proposedFen === p.inputs.floorFen).length,
    atCap: all.filter((p) => p.exceptionReason === null && p.proposedFen === p.inputs.capFen).length,
    exceptions: all.filter((p) => p.exceptionReason !== null).map((p) => ({
      id: p.id, name: p.name, code: p.code, computedFen: p.computedFen, proposedFen: p.proposedFen, reason: p.exceptionReason!, by: p.exceptionBy ?? '',
    })),
    totalFen: all.reduce((a, p) => a + p.proposedFen, 0),
    budgetFen: loadStandard(vault.db, h.id, kind)?.standard.budgetFen ?? 0,
  };
}

/** A per-client amount different from the rule, only with a written reason; part of what is approved. */
export function setException(vault: OpenVault, handoverId: number, proposalId: number, amountFen: number | null, method: CompensationMethod, reason: string, now: Clock): ProposalDetail {
  const c = callerOf(vault);
  vault.db.transaction(() => {
    const h = loadHandover(vault.db, handoverId);
    requirePlanOpen(h);
    const p = visibleProposal(vault, c, h.id, proposalId);
    const s = loadStandard(vault.db, h.id, p.kind);
    if (s && !s.standard.methods.includes(method)) throw methodRefused(method);
    storeException(vault.db, p.id, amountFen, method, reason, vault.user.name, now().toISOString());
    voidApprovals(vault, h, `compensation-exception`, now);
    logHandover(vault, { ref: p.code || h.ref }, 'compensation.exception', { handover: h.ref, kind: p.kind, reason, cleared: amountFen === null }, now());
    touch(vault.db, h.id, now().toISOString());
  }).immediate();
  return proposalDetail(vault, handoverId, proposalId, now, false);
}
