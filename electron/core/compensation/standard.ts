import type { CompensationMethod, CompensationStandardInput } from '../../../shared/contract/compensation';
import { amountFromInputs, clientInputs, portfolioInputs } from '../../../shared/compensation/compute';
import { AppError } from '../../../shared/errors';
import { localDay, loadHandover, logHandover, requirePlanOpen, scopeChanged, standingApprovalCount, touch, type HandoverRow } from '../handovers/store';
import type { Clock, OpenVault } from '../vault/vault';
import { callerOf, hide, requireKind, visiblePersons, type CompensationCaller } from './access';
import { allProposals, includedClients, portfolios } from './proposals-read-model';
import { dropStale, loadStandard, saveStandard, upsertProposals, type ComputedProposal, type Kind } from './store';

/**
 * The compensation standard of a handover and the proposals computed from it.
 * The standard is part of what the four-eyes approval approves: changing it,
 * or any amount it produces, voids standing approvals like a scope change.
 */
function computeAll(vault: OpenVault, c: CompensationCaller, h: HandoverRow, kind: Kind, standard: CompensationStandardInput, today: string): ComputedProposal[] {
  if (kind === 'client') {
    return includedClients(vault.db, h.id, c.access).map((cl) => {
      const inputs = clientInputs(standard, cl, today);
      return { clientId: cl.id, person: null, inputs, computedFen: amountFromInputs(inputs) };
    });
  }
  return [...portfolios(vault.db, h.id, c.access)].map(([person, list]) => {
    const inputs = portfolioInputs(standard, list);
    return { clientId: null, person, inputs, computedFen: amountFromInputs(inputs) };
  });
}

export function standardView(vault: OpenVault, handoverId: number, kind: Kind) {
  const c = callerOf(vault);
  requireKind(c, kind);
  loadHandover(vault.db, handoverId);
  const s = loadStandard(vault.db, handoverId, kind);
  return { standard: s ? hide(c, s.standard) : null, version: s?.version ?? 0, updatedBy: s?.updatedBy ?? null, updatedAt: s?.updatedAt ?? null, masked: c.masked };
}

/** What setting `standard` would change, for whom, before it applies (nothing is written). */
export function previewStandard(vault: OpenVault, handoverId: number, kind: Kind, standard: CompensationStandardInput, now: Clock) {
  const c = callerOf(vault);
  requireKind(c, kind);
  const h = loadHandover(vault.db, handoverId);
  const before = allProposals(vault.db, c.access, h.id, kind, visiblePersons(vault, c, h.id));
  const byKey = new Map(before.map((p) => [kind === 'client' ? `c${p.clientId}` : `p${p.person}`, p]));
  const after = computeAll(vault, c, h, kind, standard, localDay(now()));
  let changed = 0, increased = 0, decreased = 0, exceptionsKept = 0, totalBefore = 0, totalAfter = 0;
  const examples: { name: string; code: string; beforeFen: number | null; afterFen: number | null }[] = [];
  const names = new Map(includedClients(vault.db, h.id, c.access).map((cl) => [cl.id, cl]));
  for (const p of before) totalBefore += p.proposedFen;
  for (const a of after) {
    const old = byKey.get(a.clientId !== null ? `c${a.clientId}` : `p${a.person}`);
    const next = old?.exceptionReason ? old.proposedFen : a.computedFen;
    if (old?.exceptionReason) exceptionsKept++;
    totalAfter += next;
    const was = old?.proposedFen ?? null;
    if (was === next) continue;
    changed++;
    if (was === null || next > was) increased++;
    else decreased++;
    if (examples.length < 10) {
      const cl = a.clientId !== null ? names.get(a.clientId) : undefined;
      examples.push({ name: cl?.name ?? a.person ?? '', code: cl?.code ?? '', beforeFen: hide(c, was), afterFen: hide(c, next) });
    }
  }
  return {
    proposals: after.length, changed, increased, decreased, exceptionsKept,
    totalBeforeFen: hide(c, totalBefore), totalAfterFen: hide(c, totalAfter), budgetFen: hide(c, standard.budgetFen), examples, voidedApprovals: standingApprovalCount(vault.db, h.id),
  };
}

/** Set the standard and recompute every visible proposal from it; approvals are voided when it changed. */
export function setStandard(vault: OpenVault, handoverId: number, kind: Kind, standard: CompensationStandardInput, now: Clock) {
  const preview = previewStandard(vault, handoverId, kind, standard, now);
  let voided = 0;
  vault.db.transaction(() => {
    const h = loadHandover(vault.db, handoverId);
    requirePlanOpen(h);
    const previous = loadStandard(vault.db, h.id, kind);
    const same = previous !== null && JSON.stringify(previous.standard) === JSON.stringify(standard);
    const version = same ? previous.version : saveStandard(vault.db, h.id, kind, standard, vault.user.name, now().toISOString());
    const changed = recompute(vault, h, kind, standard, version, now);
    if (!same || changed > 0) voided = voidApprovals(vault, h, `compensation-${kind}-standard`, now);
    logHandover(vault, h, 'compensation.standard', { kind, version, basis: standard.basis, proposals: preview.proposals, changed }, now());
    touch(vault.db, h.id, now().toISOString());
  }).immediate();
  return { ...preview, voidedApprovals: voided };
}

/** Recompute from the current value data (after a scope or value change). */
export function computeProposals(vault: OpenVault, handoverId: number, kind: Kind, now: Clock) {
  const c = callerOf(vault);
  requireKind(c, kind);
  return vault.db.transaction(() => {
    const h = loadHandover(vault.db, handoverId);
    requirePlanOpen(h);
    const s = loadStandard(vault.db, h.id, kind);
    if (!s) throw new AppError('COMPENSATION_NO_STANDARD', 'Set the compensation standard first');
    const changed = recompute(vault, h, kind, s.standard, s.version, now);
    const voided = changed > 0 ? voidApprovals(vault, h, `compensation-${kind}-amounts`, now) : 0;
    const all = allProposals(vault.db, c.access, h.id, kind, visiblePersons(vault, c, h.id));
    logHandover(vault, h, 'compensation.compute', { kind, proposals: all.length, changed }, now());
    return { proposals: all.length, totalFen: hide(c, all.reduce((a, p) => a + p.proposedFen, 0)), voidedApprovals: voided };
  }).immediate();
}

function recompute(vault: OpenVault, h: HandoverRow, kind: Kind, standard: CompensationStandardInput, version: number, now: Clock): number {
  const c = callerOf(vault);
  const list = computeAll(vault, c, h, kind, standard, localDay(now()));
  const changed = upsertProposals(vault.db, h.id, kind, version, standard.defaultMethod as CompensationMethod, list, now().toISOString());
  const visible = allProposals(vault.db, c.access, h.id, kind, visiblePersons(vault, c, h.id)).map((p) => p.id);
  const dropped = dropStale(vault.db, h.id, kind, { clientIds: list.flatMap((p) => (p.clientId === null ? [] : [p.clientId])), persons: list.flatMap((p) => (p.person ? [p.person] : [])) }, visible);
  return changed + dropped;
}

/** The approvals stood for one standard and one set of exceptions; a change voids them (kept, marked, logged). */
export function voidApprovals(vault: OpenVault, h: HandoverRow, reason: string, now: Clock): number {
  const standing = standingApprovalCount(vault.db, h.id);
  scopeChanged(vault, h, reason, now);
  return standing;
}
