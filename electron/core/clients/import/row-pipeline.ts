import type { ImportRowsReply, ImportRowsRequest, ImportRowsSetup } from '../../workers/import-rows';
import { startWorker } from '../../workers/start';
import type { PreparedRow } from './prepare';
import { decodeBatch } from './prepared-batch';
import type { Table } from './table-file';
import type { Mapping } from './validate';

/** Rows per batch; the first batch is smaller so that writing starts early. */
export const PIPELINE_BATCH = 2000;
const FIRST_BATCH = 250;
/** Batches handed to the worker ahead of the one being written: enough to keep it busy, few enough to bound memory. */
const AHEAD = 3;

/** A batch of prepared rows with the buffer their search texts are views into (handed on whole to the index thread). */
export interface RowBatch {
  rows: PreparedRow[];
  /** Every accepted row's search text, UTF-8, one after the other; `ends[k]` ends the k-th accepted row's. */
  texts: Uint8Array;
  ends: Uint32Array;
}

/**
 * The table's rows, prepared (clients/import/prepare.ts) on a worker thread and yielded batch by
 * batch in file order, so the caller writes one batch while the worker prepares the next ones.
 * Breaking off the loop (cancel, an error) ends the worker. `derive: false` (a dry run) only validates.
 */
export async function* preparedBatches(table: Table, mapping: Mapping, derive = true): AsyncGenerator<RowBatch> {
  const setup: ImportRowsSetup = { headers: table.headers, mapping, derive };
  const worker = startWorker('import-rows', { workerData: setup });
  // The worker answers requests in the order they were sent.
  const waiting: { resolve: (batch: RowBatch) => void; reject: (err: Error) => void }[] = [];
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure ??= err;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (m: ImportRowsReply) => {
    const w = waiting.shift();
    if (!w) return;
    if ('error' in m) w.reject(new Error(`Preparing the import's rows failed: ${m.error}`));
    else w.resolve({ rows: decodeBatch(m.prepared), texts: m.prepared.index, ends: m.prepared.indexEnds });
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The import's worker stopped (exit code ${code})`)));

  let next = 0;
  const send = (): Promise<RowBatch> => {
    const size = next === 0 ? FIRST_BATCH : PIPELINE_BATCH;
    const request: ImportRowsRequest = { first: next + 2, rows: table.rows.slice(next, next + size) };
    next += size;
    const answer = new Promise<RowBatch>((resolve, reject) => {
      if (failure) reject(failure);
      else waiting.push({ resolve, reject });
    });
    // Awaited in turn below; a batch still queued when an earlier one fails is not an unhandled rejection.
    answer.catch(() => {});
    worker.postMessage(request);
    return answer;
  };
  const ahead: Promise<RowBatch>[] = [];
  try {
    while (ahead.length < AHEAD && next < table.rows.length) ahead.push(send());
    while (ahead.length > 0) {
      const batch = await ahead.shift()!;
      if (next < table.rows.length) ahead.push(send());
      yield batch;
    }
  } finally {
    worker.removeAllListeners('exit');
    void worker.terminate();
  }
}
