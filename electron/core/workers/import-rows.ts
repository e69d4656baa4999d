import { parentPort, workerData } from 'node:worker_threads';
import { prepareRow, type PreparedRow } from '../clients/import/prepare';
import type { Mapping } from '../clients/import/validate';

/**
 * The import's second core (issue 16): batches of a table's rows come in, and go back validated,
 * normalised and tokenised (search text with pinyin, sort key) — clients/import/prepare.ts — while
 * the main thread writes the batches before them. Nothing here touches the vault.
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
export type ImportRowsReply = { prepared: PreparedRow[] } | { error: string };

const port = parentPort!;
const setup = workerData as ImportRowsSetup;
port.on('message', (m: ImportRowsRequest) => {
  let reply: ImportRowsReply;
  try {
    reply = { prepared: m.rows.map((cells, i) => prepareRow(cells, setup.headers, setup.mapping, m.first + i, setup.derive)) };
  } catch (err) {
    reply = { error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
