import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { BulkResult } from '../../../shared/contract/clients-bulk';
import { AppError } from '../../../shared/errors';
import { archivedAmong } from '../clients/bulk-edit-store';
import { selectionDetails } from '../clients/bulk';
import type { JobContext } from '../jobs/jobs';
import type { Clock, OpenVault } from '../vault/vault';
import { includeClientsBatch } from './plan-store';
import { loadHandover, logHandover, requirePlanOpen, scopeChanged, touch } from './store';

/** Clients written per step: an insert is cheap (no search entry), so progress and cancel every 2,000. */
const ADD_BATCH = 2000;

/**
 * 加入交接项目 from the clients list (issue 17): the clients picked, or every client matching the list
 * (the router has listed those in the caller's scope and masks), join the handover's scope in ONE
 * transaction with progress and cancel between batches (an exclusive job: nothing else writes meanwhile).
 * Archived clients are refused, as a handover hands over live clients only. One log entry says how many,
 * how many were new and how they were chosen; a change voids standing approvals, as any scope change does.
 */
export async function addClientsToHandover(vault: OpenVault, id: number, ids: readonly number[], filter: unknown, job: JobContext, now: Clock): Promise<BulkResult> {
  const { db } = vault;
  const unique = [...new Set(ids)];
  let changed = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    const h = loadHandover(db, id);
    requirePlanOpen(h);
    for (let from = 0; from < unique.length; from += ADD_BATCH) {
      job.throwIfCancelled();
      const batch = unique.slice(from, from + ADD_BATCH);
      const archived = archivedAmong(db, batch);
      if (archived > 0) throw new AppError('CLIENTS_ARCHIVED', `${archived} of the chosen clients are archived`, { count: archived });
      changed += includeClientsBatch(db, id, batch);
      job.progress(Math.min(from + ADD_BATCH, unique.length), unique.length);
      if (from + ADD_BATCH < unique.length) await yieldToLoop();
    }
    job.throwIfCancelled();
    if (changed > 0) scopeChanged(vault, h, 'client-added', now);
    logHandover(vault, h, 'handover.clients-add', { count: unique.length, changed, ...(selectionDetails(filter) as Record<string, never>) }, now());
    touch(db, id, now().toISOString());
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return { count: unique.length, changed };
}
