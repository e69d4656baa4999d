import { parentPort, workerData } from 'node:worker_threads';
import { prepareRow } from '../clients/import/prepare';
import { encodeBatch, type PreparedBatch } from '../clients/import/prepared-batch';
import type { Mapping } from '../clients/import/validate';

/**
 * The import's second core (issue 16): batches of a table's rows come in, and go back validated,
 * normalised and tokenised (search text with pinyin, sort key) — clients/import/prepare.ts — while
 * the main thread writes the batches before them. Nothing here touches the vault. A batch goes back
 * flat, its search texts in one transferred buffer (clients/import/prepared-batch.ts).
 */
export interface ImportRowsSetup {
  headers: string[];
  mapping: Mapping;
  /** False for a dry run: validate and normalise only, no search text or sort key. */
  derive: boolean;
}
/** A batch of data rows; `first` is the first one's row number as a spreadsheet shows it. */
export interface ImportRowsRequest {
  first: number;
  rows: string[][];
}
export type ImportRowsReply = { prepared: PreparedBatch } | { error: string };

const port = parentPort!;
const setup = workerData as ImportRowsSetup;
port.on('message', (m: ImportRowsRequest) => {
  let batch: PreparedBatch;
  try {
    batch = encodeBatch(m.rows.map((cells, i) => prepareRow(cells, setup.headers, setup.mapping, m.first + i, setup.derive)));
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies ImportRowsReply);
    return;
  }
  port.postMessage({ prepared: batch } satisfies ImportRowsReply, [batch.index.buffer as ArrayBuffer, batch.indexEnds.buffer as ArrayBuffer]);
});
