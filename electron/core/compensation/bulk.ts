import type { ProposalMatching } from '../../../shared/contract/compensation';
import { localDay, loadHandover, logHandover, requireOpen } from '../handovers/store';
import type { Clock, OpenVault } from '../vault/vault';
import { callerOf, requireKind, visibleProposal, visiblePersons } from './access';
import { queryProposals } from './proposals-read-model';
import { insertNegotiation } from './store';

/**
 * Bulk actions on a handover's compensation proposals (issue 17: 选择全部 N 个符合条件的客户 on every list
 * with bulk actions). A selection by filter is listed here for the router, exactly as the list shows it to
 * the caller: client proposals of clients in their scope, staff proposals of persons whose portfolio is.
 */
export function matchingProposalIds(vault: OpenVault, handoverId: number, m: ProposalMatching, now: Clock): number[] {
  const c = callerOf(vault);
  requireKind(c, m.kind);
  const h = loadHandover(vault.db, handoverId);
  const q = { handoverId: h.id, kind: m.kind, filter: m.filter, text: m.text.trim(), offset: 0, limit: -1, today: localDay(now()) };
  return queryProposals(vault.db, c.access, q, visiblePersons(vault, c, h.id)).rows.map((p) => p.id);
}

/**
 * 发出补偿方案: an offer to each selected client (or person) at their proposal's current amount and method.
 * A proposal already agreed is left as it is and counted as skipped: its negotiation is over. Every id is
 * looked up inside the handover and the caller's scope; one missing or unseen id refuses the whole call.
 */
export function recordOffers(vault: OpenVault, handoverId: number, proposalIds: number[],
  o: { date: string; ourSide: string; theirSide: string; note: string }, now: Clock): { recorded: number; skipped: number } {
  const c = callerOf(vault);
  return vault.db.transaction(() => {
    const h = loadHandover(vault.db, handoverId);
    requireOpen(h);
    const proposals = [...new Set(proposalIds)].map((id) => visibleProposal(vault, c, h.id, id));
    const open = proposals.filter((p) => p.agreedFen === null);
    const at = now().toISOString();
    for (const p of open) {
      insertNegotiation(vault.db, p.id, { kind: 'offer', date: o.date, amountFen: p.proposedFen, method: p.method, ourSide: o.ourSide, theirSide: o.theirSide, note: o.note }, vault.user.name, at);
    }
    const kinds = [...new Set(open.map((p) => p.kind))];
    if (open.length > 0) logHandover(vault, h, 'compensation.negotiation', {
      handover: h.ref, kind: kinds.length === 1 ? kinds[0]! : kinds.join(','), negotiation: 'offer', date: o.date, with: o.theirSide, proposals: open.length, skipped: proposals.length - open.length,
    }, now());
    return { recorded: open.length, skipped: proposals.length - open.length };
  }).immediate();
}
