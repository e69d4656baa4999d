import type { Workbench } from '../../../shared/contract/workbench';
import { queryLog } from '../audit/query-store';
import { listQuestions } from '../datarooms/session';
import { handoverDetail, listHandovers } from '../handovers/plan';
import { listCounterpartyKeys } from '../keys/counterparties';
import { searchForUser } from '../clients/service';
import { listUsers } from '../users/service';
import { accessOf, can } from '../roles/authz';
import type { Clock, OpenVault } from '../vault/vault';
import { daysBetween, localDay } from '../../../shared/dates';

/** Statuses in which notices and objections are still being worked on (before the package leaves). */
const PLANNING = new Set(['draft', 'submitted', 'approved']);

/**
 * What waits for the signed-in user (issue 17's 工作台). Reads only through
 * the domains' own service functions, so every list is already the one this
 * user may see (scope rules of `handovers.list`, masks of `clients.search`).
 */
export function workbenchFor(vault: OpenVault, now: Clock): Workbench {
  const access = accessOf(vault);
  const me = vault.user.name;
  const canApprove = can(access, 'handover.approve');
  const handovers = listHandovers(vault, now);
  const out: Workbench = { approvals: [], notices: [], objections: [], questions: [], blocked: [], lastBackupAt: lastBackup(vault), setup: setupCounts(vault, handovers.length, now) };
  for (const summary of handovers) {
    if (summary.status === 'closed') continue;
    const h = handoverDetail(vault, summary.id, now);
    const ref = { handoverId: h.id, ref: h.ref, title: h.title };
    const mine = h.approvals.some((a) => a.user === me && a.voidedAt === null);
    if (canApprove && h.status === 'submitted' && h.submittedBy && h.submittedBy !== me && !mine) {
      out.approvals.push({ ...ref, submittedBy: h.submittedBy, submittedAt: h.submittedAt });
    }
    if (PLANNING.has(h.status)) {
      const toSend = h.notices.generated;
      if (h.included > 0 && (h.notices.notGenerated > 0 || toSend > 0)) out.notices.push({ ...ref, toGenerate: h.notices.notGenerated, toSend, dueOn: h.notice.startDate });
      const { deadline, windowClosed } = h.notices;
      // A closed window stays on the list while its unanswered clients wait for a decision (overdue from the deadline).
      if (deadline && (!windowClosed || h.notices.undecided > 0)) {
        out.objections.push({ ...ref, deadline, days: daysUntil(deadline, now()), undecided: windowClosed ? h.notices.undecided : h.notices.unanswered });
      }
      if (summary.gatesOpen > 0) out.blocked.push({ ...ref, gatesOpen: summary.gatesOpen });
    }
    const open = listQuestions(vault.db, h.id).filter((q) => q.answer === null).length;
    if (open > 0) out.questions.push({ ...ref, open });
  }
  out.objections.sort((a, b) => a.deadline.localeCompare(b.deadline));
  return out;
}

/** Days from today (the user's local day, shared/dates.ts) to `day`: 0 on the day itself. */
function daysUntil(day: string, now: Date): number {
  return daysBetween(localDay(now), day);
}

/** The newest of the whole-vault and per-handover backups the access log recorded. */
function lastBackup(vault: OpenVault): string | null {
  const times = ['vault.backup', 'handover.backup'].map((action) => queryLog(vault.db, { action }, 0, 1).rows[0]?.time ?? null);
  return times.filter((t): t is string => t !== null).sort().at(-1) ?? null;
}

function setupCounts(vault: OpenVault, handovers: number, now: Clock): Workbench['setup'] {
  return {
    users: listUsers(vault).filter((u) => !u.disabled).length,
    // An empty text is not a search: nothing is logged (clients/service.ts).
    clients: searchForUser(vault, { text: '', limit: 1 }, now).total,
    verifiedKeys: listCounterpartyKeys(vault).filter((k) => k.verifiedAt !== null).length,
    handovers,
  };
}
