import { appendLog } from '../../audit/store';
import type { JobContext } from '../../jobs/jobs';
import type { Db } from '../../db/database';
import { indexText, withCodeTokensUtf8 } from '../../formats/client-index-text';
import { bulkClientWrite, isBulkImport } from '../bulk-store';
import { clientStatements, insertClient, updateClient } from '../store';
import { recomputeValue } from '../value-store';
import type { ImportPlanner } from './plan';
import type { PreparedRow } from './prepare';

/**
 * Apply an import in ONE transaction while its rows are still being prepared on the worker: each
 * batch is planned (duplicates need every row before it) and written as it arrives; progress and
 * cancel get through between batches. Cancel, an error or a crash at any point rolls everything back
 * and the vault is exactly as before. Value scores and tiers are computed once at the end, for all
 * clients in one statement (clients/value-store.ts); a large import builds the table's indexes and
 * merges the search index once, after the rows (clients/bulk-store.ts). The log entry is part of the same transaction. The caller must keep
 * other writers off this connection until it returns (the core runs imports as exclusive jobs).
 */
export async function applyImport(
  db: Db,
  planner: ImportPlanner,
  batches: AsyncIterable<PreparedRow[]>,
  log: { actor: string; file: string; details: Record<string, string | number> },
  job: JobContext,
  now: () => Date,
): Promise<void> {
  const s = clientStatements(db);
  const at = now().toISOString();
  const { plan } = planner;
  const total = plan.summary.rows;
  // The id each insert got, by action: a later row of the same file may be merged into it (policy "update").
  const inserted = new Map<number, number>();
  let done = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    const finishBulk = isBulkImport(db, total) ? bulkClientWrite(db) : null;
    for await (const batch of batches) {
      job.throwIfCancelled();
      for (const row of batch) {
        const before = plan.actions.length;
        const fileCode = row.draft?.code;
        const index = planner.add(row);
        if (index === null) continue;
        const a = plan.actions[index]!;
        if (index < before) {
          // Merged into an earlier row of this file, already written: write the merged record over it.
          updateClient(s, a.kind === 'update' ? a.clientId : inserted.get(index)!, a.draft, at);
        } else if (a.kind === 'insert') {
          // The worker tokenised the row with the code the file gave it; resolving duplicates may have given it
          // one (the file had none) or another one (policy "keep"), and then the code's tokens are made here.
          const { code } = a.draft;
          const text = code === fileCode ? row.index : fileCode === '' ? withCodeTokensUtf8(code, row.index) : indexText(a.draft);
          inserted.set(index, insertClient(s, a.draft, at, { index: text, sortKey: row.sortKey }));
        } else updateClient(s, a.clientId, a.draft, at);
      }
      done += batch.length;
      job.progress(done, total);
    }
    job.throwIfCancelled();
    recomputeValue(db, now());
    finishBulk?.();
    appendLog(db, {
      actor: log.actor,
      action: 'clients.import',
      target: log.file,
      details: { ...log.details, ...plan.summary },
    }, now());
    db.exec('COMMIT');
    job.progress(total, total);
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
