import { type GateView } from '../../../shared/contract/handovers';
import type { Db } from '../db/database';
import { ageKeysByIds } from '../keys/counterparty-store';
import { noticeStats } from './notices';
import { approvalRows, checklistStatuses, daysBetween, ndaValidity, type HandoverRow } from './store';

/** Four eyes: two standing approvals by people other than the submitter. */
export const APPROVALS_NEEDED = 2;

export function approvals(db: Db, id: number) {
  return approvalRows(db, id).map((a) => ({ user: a.user_name, at: a.approved_at, comment: a.comment, voidedAt: a.voided_at, voidReason: a.void_reason }));
}

type Problem = GateView['problems'][number];
const p = (code: string, values: Problem['values'] = {}): Problem => ({ code, values });

/**
 * Every gate between the handover and an exported package, with what is still
 * missing, in the order the wizard shows them. Export and approval read these
 * alone: they need not build the whole detail (`handoverDetail`) to know.
 */
export function gatesFor(db: Db, h: HandoverRow, today: string, n = noticeStats(db, h, today)): GateView[] {
  const gates: GateView[] = [];
  const gate = (name: GateView['gate'], problems: Problem[]) => {
    const overridden = h.overrides[name] ?? null;
    gates.push({ gate: name, ok: problems.length === 0 || overridden !== null, problems, overridden });
  };

  const keys = ageKeysByIds(db, h.recipientKeys);
  const unverified = keys.filter((k) => !k.verified_at).length;
  gate('recipients', keys.length === 0 ? [p('recipients.none')] : unverified ? [p('recipients.unverified', { n: unverified })] : []);

  const ndas = ndaValidity(db, h.id);
  const signed = ndas.filter((n) => n.file_id !== null);
  const valid = signed.filter((n) => !n.expires_on || n.expires_on >= today);
  gate('nda', ndas.length === 0 ? [p('nda.none')] : signed.length === 0 ? [p('nda.noFile')] : valid.length === 0 ? [p('nda.expired')] : []);

  const items = checklistStatuses(db, h.id);
  const open = items.filter((s) => s === 'open').length;
  gate('checklist', items.length === 0 ? [p('checklist.empty')] : open ? [p('checklist.open', { n: open, total: items.length })] : []);

  const noticeProblems: Problem[] = [];
  if (n.inScope === 0) noticeProblems.push(p('notices.noClients'));
  if (n.notGenerated + n.generated > 0) noticeProblems.push(p('notices.notSent', { n: n.notGenerated + n.generated }));
  if (!n.deadline) noticeProblems.push(p('notices.noWindow'));
  else if (!n.windowClosed) noticeProblems.push(p('notices.windowOpen', { date: n.deadline, days: daysBetween(today, n.deadline) }));
  else if (n.undecided > 0) noticeProblems.push(p('notices.undecided', { n: n.undecided }));
  gate('notices', noticeProblems);

  gate('backup', h.backup ? [] : [p('backup.none')]);

  const standing = approvals(db, h.id).filter((a) => !a.voidedAt).length;
  const approvalProblems: Problem[] = [];
  if (!h.submittedBy) approvalProblems.push(p('approvals.notSubmitted'));
  if (standing < APPROVALS_NEEDED) approvalProblems.push(p('approvals.missing', { have: standing, need: APPROVALS_NEEDED }));
  gate('approvals', approvalProblems);
  return gates;
}
