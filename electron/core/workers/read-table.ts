import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors';
import { readTableFile, type Encoding, type Table } from '../clients/import/table-file';

/**
 * Import files are untrusted: CSV and XLSX are parsed here, in a thread with a memory cap
 * (clients/import/read-table.ts), so a hostile file costs this thread, never the vault's process.
 */
export interface ReadTableSetup {
  file: string;
  encoding: Encoding;
}
export type ReadTableReply = { table: Table } | { error: AppErrorData };

const setup = workerData as ReadTableSetup;
readTableFile(setup.file, setup.encoding).then(
  (table) => parentPort!.postMessage({ table } satisfies ReadTableReply),
  (err: unknown) => {
    const error = err instanceof AppError ? err.toData() : new AppError('FILE_NOT_XLSX', 'The file cannot be read as a table').toData();
    parentPort!.postMessage({ error } satisfies ReadTableReply);
  },
);
