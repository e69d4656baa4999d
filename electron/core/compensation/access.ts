import { AppError } from '../../../shared/errors';
import { accessOf, type UserAccess } from '../roles/authz';
import { requireInScope } from '../roles/scope-read-model';
import type { AuditAction } from '../../../shared/audit/actions';
import { appendLog } from '../audit/store';
import type { Clock, OpenVault } from '../vault/vault';
import { portfolios, proposalById, type ProposalRecord } from './proposals-read-model';
import type { Kind } from './store';

/**
 * Who may see which compensation: staff exit compensation needs
 * `compensation.staff`; a client proposal exists for a caller only if its
 * client is in their scope, a staff one only if the person's whole portfolio
 * is; amounts (and the inputs they come from) are null for a role masking
 * `amounts`. Checked here whatever the router does, so it holds either way.
 */
export interface CompensationCaller {
  access: UserAccess;
  masked: boolean;
}

export function callerOf(vault: OpenVault): CompensationCaller {
  const access = accessOf(vault);
  return { access, masked: access.masked.has('amounts') };
}

export function requireKind(c: CompensationCaller, kind: Kind): void {
  if (kind === 'staff' && !c.access.permissions.has('compensation.staff')) {
    throw new AppError('FORBIDDEN', 'You do not have the right to do this', { permission: 'compensation.staff' });
  }
}

/** The persons whose staff proposals the caller may see (null: everyone, unscoped). */
export function visiblePersons(vault: OpenVault, c: CompensationCaller, handoverId: number): string[] | null {
  if (c.access.scopes.length === 0) return null;
  return [...portfolios(vault.db, handoverId, c.access).keys()];
}

/** A proposal the caller may act on; out of scope answers like missing. */
export function visibleProposal(vault: OpenVault, c: CompensationCaller, handoverId: number, proposalId: number): ProposalRecord {
  const p = proposalById(vault.db, handoverId, proposalId);
  requireKind(c, p.kind);
  if (p.kind === 'client') {
    try {
      requireInScope(vault.db, c.access, p.clientId!);
    } catch {
      throw new AppError('COMPENSATION_NOT_FOUND', 'No such compensation proposal');
    }
  } else {
    const persons = visiblePersons(vault, c, handoverId);
    if (persons !== null && !persons.includes(p.person!)) throw new AppError('COMPENSATION_NOT_FOUND', 'No such compensation proposal');
  }
  return p;
}

export const hide = <T>(c: CompensationCaller, value: T): T | null => (c.masked ? null : value);

/**
 * Amounts are a logged field (issue 19): every view that returns amounts (or
 * would, were they not masked) leaves one entry naming what and how many were
 * seen — counts and references only, never an amount.
 */
export function logAmountsViewed(vault: OpenVault, c: CompensationCaller, action: AuditAction, target: string, details: Record<string, string | number | string[]>, now: Clock): void {
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action, target, details: { ...details, masked: c.masked } }, now());
  }).immediate();
}
