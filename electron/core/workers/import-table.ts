import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors';
import { prepareRow } from '../clients/import/prepare';
import { encodeBatch, type PreparedBatch } from '../clients/import/prepared-batch';
import { readTableFile, type Encoding, type Table } from '../clients/import/table-file';
import type { Mapping } from '../clients/import/validate';

/**
 * An import file's table, read and then HELD on this thread from the wizard's preview to the end of
 * the import (issue 16), in two roles:
 * - Import files are untrusted: CSV and XLSX are parsed here, in a thread with a memory cap
 *   (clients/import/held-table.ts), so a hostile file costs this thread, never the vault's process.
 * - The table stays here and its rows come back prepared — validated, normalised and tokenised
 *   (clients/import/prepare.ts) — batch by batch as the main thread asks for them (a dry run, the
 *   rejected rows' report, the import while the main thread writes the batches before). The main
 *   thread, which writes the vault and sets the pace, never receives the 100,000 rows as strings
 *   (1.7 million of them: 0.6 s to receive, and a heap its garbage collector then marks over and
 *   over during the import), nor sends them back out to a second thread. A batch goes back flat, its
 *   search texts in one transferred buffer (clients/import/prepared-batch.ts).
 */
export interface ImportTableSetup {
  file: string;
  encoding: Encoding;
}

/** What the wizard's preview shows of the table: all but its rows. */
export interface TableOutline {
  format: Table['format'];
  encoding: Table['encoding'];
  delimiter: string;
  headers: string[];
  rowCount: number;
  /** The first rows, each cell cut to 200 characters. */
  sample: string[][];
}

/** Rows [from, from + count) prepared with the mapping; `derive: false` (a dry run) only validates. */
export interface ImportTableRequest {
  id: number;
  from: number;
  count: number;
  mapping: Mapping;
  derive: boolean;
}

export type ImportTableReply =
  | { table: TableOutline }
  | { readError: AppErrorData }
  | { id: number; prepared: PreparedBatch }
  | { id: number; error: string };

const port = parentPort!;
const setup = workerData as ImportTableSetup;

readTableFile(setup.file, setup.encoding).then(
  (table) => {
    const { rows, ...outline } = table;
    const sample = rows.slice(0, 10).map((r) => r.map((c) => c.slice(0, 200)));
    port.postMessage({ table: { ...outline, rowCount: rows.length, sample } } satisfies ImportTableReply);
    port.on('message', (m: ImportTableRequest) => {
      let batch: PreparedBatch;
      try {
        // Spreadsheet row numbers: the header is row 1.
        const prepared = rows.slice(m.from, m.from + m.count).map((cells, i) => prepareRow(cells, table.headers, m.mapping, m.from + i + 2, m.derive));
        batch = encodeBatch(prepared);
      } catch (err) {
        port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies ImportTableReply);
        return;
      }
      port.postMessage({ id: m.id, prepared: batch } satisfies ImportTableReply, [batch.index.buffer as ArrayBuffer, batch.indexEnds.buffer as ArrayBuffer]);
    });
  },
  (err: unknown) => {
    const readError = err instanceof AppError ? err.toData() : new AppError('FILE_NOT_XLSX', 'The file cannot be read as a table').toData();
    port.postMessage({ readError } satisfies ImportTableReply);
  },
);
