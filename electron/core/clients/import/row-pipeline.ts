import type { HeldTable } from './held-table';
import type { PreparedRow } from './prepare';
import { decodeBatch } from './prepared-batch';
import type { Mapping } from './validate';

/** Rows per batch; the first batch is smaller so that writing starts early. */
export const PIPELINE_BATCH = 2000;
const FIRST_BATCH = 250;
/** Batches asked for ahead of the one being written: enough to keep the table's thread busy, few enough to bound memory. */
const AHEAD = 3;

/** A batch of prepared rows with the buffer their search texts are views into (handed on whole to the index thread). */
export interface RowBatch {
  rows: PreparedRow[];
  /** Every accepted row's search text, UTF-8, one after the other; `ends[k]` ends the k-th accepted row's. */
  texts: Uint8Array;
  ends: Uint32Array;
}

/**
 * The table's rows, prepared (clients/import/prepare.ts) on the thread that holds the table
 * (clients/import/held-table.ts) and yielded batch by batch in file order, so the caller writes one
 * batch while that thread prepares the next ones. Breaking off the loop (cancel, an error) leaves at
 * most AHEAD batches prepared for nothing. `derive: false` (a dry run) only validates.
 */
export async function* preparedBatches(table: HeldTable, mapping: Mapping, derive = true): AsyncGenerator<RowBatch> {
  const total = table.outline.rowCount;
  let next = 0;
  const ask = (): Promise<RowBatch> => {
    const size = next === 0 ? FIRST_BATCH : PIPELINE_BATCH;
    const from = next;
    next += size;
    return table.prepare(from, size, mapping, derive).then((b) => ({ rows: decodeBatch(b), texts: b.index, ends: b.indexEnds }));
  };
  const ahead: Promise<RowBatch>[] = [];
  while (ahead.length < AHEAD && next < total) ahead.push(ask());
  for (const p of ahead) p.catch(() => {});
  while (ahead.length > 0) {
    const batch = await ahead.shift()!;
    if (next < total) {
      const p = ask();
      p.catch(() => {});
      ahead.push(p);
    }
    yield batch;
  }
}
