import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { finishedSegments, openIndexCopy, segmentBuffers, type SearchIndexShape, type SearchSegments } from '../clients/search-segments-store';

/**
 * The import's search index, built on its own thread (issue 16): the rows' search texts come in as the
 * main thread writes the rows (clients/import/search-index-builder.ts), go into an in-memory copy of the
 * vault's FTS5 index, and leave as finished segments that the main thread copies into the vault
 * (clients/search-segments-store.ts). Nothing here touches the vault or the disk.
 */
export interface SearchIndexSetup {
  shape: SearchIndexShape;
  nativeBinding: string | undefined;
}

/**
 * One written batch: its search texts (UTF-8, one after the other, as the import's worker made them)
 * with the client id each went to (0: not written as it is), then entries made on the main thread, in
 * order (a row whose code changed, or one merged into an earlier row: `replace`).
 */
export type SearchIndexRequest =
  | { batch: { texts: Uint8Array; ends: Uint32Array; ids: Float64Array; extra: { id: number; text: string; replace: boolean }[] } }
  | { finish: true };
export type SearchIndexReply = { segments: SearchSegments } | { error: string };

/**
 * This thread yields to the import's other two (the one preparing rows, the main thread writing them): on
 * two cores the three share, it then indexes in the time the main thread waits for rows, and the rest
 * after the last row, while the main thread computes the tiers, builds the table's indexes and would
 * otherwise leave a core idle. Its work is the same; it only goes later. Linux only (a thread's own
 * niceness through its id); elsewhere it runs as any thread.
 */
function yieldToTheImport(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + 10));
  } catch {
    // Not Linux, or not allowed: the index is the same, only built alongside.
  }
}

const port = parentPort!;
const setup = workerData as SearchIndexSetup;
yieldToTheImport();
const copy = openIndexCopy(setup.shape, setup.nativeBinding);
let failed = false;

const fail = (err: unknown) => {
  failed = true;
  port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies SearchIndexReply);
};

port.on('message', (m: SearchIndexRequest) => {
  if (failed) return;
  try {
    if ('finish' in m) {
      const segments = finishedSegments(copy);
      port.postMessage({ segments } satisfies SearchIndexReply, segmentBuffers(segments));
      return;
    }
    const { texts, ends, ids, extra } = m.batch;
    for (let i = 0, from = 0; i < ids.length; from = ends[i++]!) {
      if (ids[i]! > 0) copy.add(ids[i]!, texts.subarray(from, ends[i]!));
    }
    for (const e of extra) {
      if (e.replace) copy.remove(e.id);
      copy.add(e.id, e.text);
    }
  } catch (err) {
    fail(err);
  }
});
