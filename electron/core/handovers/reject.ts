import type { HandoverDetail } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { requireDifferentUser } from '../roles/authz';
import type { Clock, OpenVault } from '../vault/vault';
import { changeHandover } from './change';
import { handoverDetail } from './plan';
import { returnToDraft, voidApprovals } from './store';

/**
 * 驳回 (issue 17): an approver sends a submitted handover back to its planner
 * with a written reason. Like a scope change it voids the approvals given so
 * far; the handover is a draft again and must be submitted anew. The reason
 * lives in the access log entry, which is the timeline's record of it.
 */
export function rejectHandover(vault: OpenVault, id: number, reason: string, now: Clock): HandoverDetail {
  changeHandover(vault, id, now, (h, log) => {
    if ((h.status !== 'submitted' && h.status !== 'approved') || !h.submittedBy) {
      throw new AppError('HANDOVER_STATE', 'Only a submitted handover can be sent back', { status: h.status });
    }
    requireDifferentUser(h.submittedBy, vault.user.name);
    const at = now().toISOString();
    const voided = voidApprovals(vault.db, id, at, 'rejected');
    // returnToDraft marks the handover as changed itself (updated_at = at).
    returnToDraft(vault.db, id, at);
    log('handover.reject', { reason, voided, submittedBy: h.submittedBy, scopeVersion: h.scopeVersion });
  });
  return handoverDetail(vault, id, now);
}
