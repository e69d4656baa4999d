import type { AuditAction } from '../../../shared/audit/actions';
import type { Json } from '../formats/canonical-json';
import type { Clock, OpenVault } from '../vault/vault';
import { loadHandover, logHandover, requireOpen, requirePlanOpen, touch, type HandoverRow } from './store';

export interface ChangeOptions {
  /**
   * 'plan' (the default): what is handed over is fixed once the package went
   * out, so an exported handover refuses too; 'records': NDAs, risks, the
   * checklist, follow-ups and notice answers may still be kept until it closes.
   */
  stage?: 'plan' | 'records';
  /** Mark the handover as changed now (the list's "updated"): the wizard's edits do, decisions and records need not. */
  touch?: boolean;
}

/** What a change may do besides its SQL: write the log entry for it, on the handover's reference. */
export type LogChange = (action: AuditAction, details: Record<string, Json>) => void;

/**
 * The shape every handover mutation shares, in one write transaction: load the
 * handover (HANDOVER_NOT_FOUND), refuse a closed one (and, for the plan, an
 * exported one), make the change, which logs what it did, and touch it. A
 * refusal anywhere changes nothing.
 */
export function changeHandover<T>(vault: OpenVault, id: number, now: Clock, change: (h: HandoverRow, log: LogChange) => T, opts: ChangeOptions = {}): T {
  return vault.db.transaction(() => {
    const h = loadHandover(vault.db, id);
    if ((opts.stage ?? 'plan') === 'plan') requirePlanOpen(h);
    else requireOpen(h);
    const result = change(h, (action, details) => logHandover(vault, h, action, details, now()));
    if (opts.touch) touch(vault.db, id, now().toISOString());
    return result;
  }).immediate();
}
