import { appendLog } from '../../audit/store';
import type { JobContext } from '../../jobs/jobs';
import type { Db } from '../../db/database';
import { indexText, withCodeTokensUtf8 } from '../../formats/client-index-text';
import { bulkClientWrite, isBulkImport } from '../bulk-store';
import { clientStatements, insertClient, updateClient } from '../store';
import { recomputeValue } from '../value-store';
import type { ImportPlanner } from './plan';
import type { RowBatch } from './row-pipeline';
import { SearchIndexBuilder } from './search-index-builder';

/**
 * Apply an import in ONE transaction while its rows are still being prepared on the worker: each
 * batch is planned (duplicates need every row before it) and written as it arrives; progress and
 * cancel get through between batches. Cancel, an error or a crash at any point rolls everything back
 * and the vault is exactly as before. Value scores and tiers are computed once at the end, for all
 * clients in one statement (clients/value-store.ts); a large import builds the table's indexes and
 * merges the search index once, after the rows (clients/bulk-store.ts). A large import into a vault
 * without clients builds the search index on a thread of its own and puts it in finished
 * (search-index-builder.ts): the main thread, which sets the pace, then writes the rows only.
 * The log entry is part of the same transaction. The caller must keep other writers off this
 * connection until it returns (the core runs imports as exclusive jobs).
 */
export async function applyImport(
  db: Db,
  planner: ImportPlanner,
  batches: AsyncIterable<RowBatch>,
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
  let index: SearchIndexBuilder | null = null;
  db.exec('BEGIN IMMEDIATE');
  try {
    const bulk = isBulkImport(db, total);
    index = bulk ? SearchIndexBuilder.start(db) : null;
    const finishBulk = bulk ? bulkClientWrite(db, { searchIndex: index === null }) : null;
    for await (const batch of batches) {
      job.throwIfCancelled();
      // For the index thread: the client id of each accepted row whose text went in as the worker made it, and the entries made here.
      const ids = new Float64Array(batch.ends.length);
      const extra: { id: number; text: string; replace: boolean }[] = [];
      let accepted = -1;
      for (const row of batch.rows) {
        if (row.draft) accepted++;
        const before = plan.actions.length;
        const fileCode = row.draft?.code;
        const planned = planner.add(row);
        if (planned === null) continue;
        const a = plan.actions[planned]!;
        if (planned < before) {
          // Merged into an earlier row of this file, already written: write the merged record over it.
          const id = a.kind === 'update' ? a.clientId : inserted.get(planned)!;
          updateClient(s, id, a.draft, at, index === null);
          if (index) extra.push({ id, text: indexText(a.draft), replace: true });
        } else if (a.kind === 'insert') {
          // The worker tokenised the row with the code the file gave it; resolving duplicates may have given it
          // one (the file had none) or another one (policy "keep"), and then the code's tokens are made here.
          const { code } = a.draft;
          const asMade = code === fileCode;
          if (index) {
            const id = insertClient(s, a.draft, at, { index: null, sortKey: row.sortKey });
            inserted.set(planned, id);
            if (asMade) ids[accepted] = id;
            else extra.push({ id, text: indexText(a.draft), replace: false });
          } else {
            const text = asMade ? row.index : fileCode === '' ? withCodeTokensUtf8(code, row.index) : indexText(a.draft);
            inserted.set(planned, insertClient(s, a.draft, at, { index: text, sortKey: row.sortKey }));
          }
        } else {
          updateClient(s, a.clientId, a.draft, at, index === null);
          if (index) extra.push({ id: a.clientId, text: indexText(a.draft), replace: true });
        }
      }
      index?.add({ texts: batch.texts, ends: batch.ends, ids, extra });
      done += batch.rows.length;
      job.progress(done, total);
    }
    job.throwIfCancelled();
    // The index thread merges its segments while this one computes the tiers and builds the table's indexes.
    const segments = index?.finish();
    recomputeValue(db, now());
    finishBulk?.();
    if (index && segments) index.install(db, await segments);
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
  } finally {
    index?.stop();
  }
}
