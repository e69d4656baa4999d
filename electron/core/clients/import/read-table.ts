import { AppError } from '../../../../shared/errors';
import type { ReadTableReply, ReadTableSetup } from '../../workers/read-table';
import { startWorker } from '../../workers/start';
import type { Encoding, Table } from './table-file';

export { decodeCsv, MAX_IMPORT_BYTES, parseCsv, TABLE_LIMITS, type Encoding, type Table } from './table-file';

/**
 * The table of an import file, parsed on a worker thread (issue 14: untrusted files off the main
 * thread). The thread's heap is capped: a file that needs more (ExcelJS takes gigabytes for some
 * small workbooks) stops that thread with FILE_TOO_COMPLEX, and the vault's process carries on.
 */
export const READ_TABLE_HEAP_MB = 1024;

export function readTable(file: string, encoding: Encoding = 'auto'): Promise<Table> {
  return new Promise<Table>((resolve, reject) => {
    const setup: ReadTableSetup = { file, encoding };
    const worker = startWorker('read-table', {
      workerData: setup,
      resourceLimits: { maxOldGenerationSizeMb: READ_TABLE_HEAP_MB, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
    });
    const tooComplex = () => new AppError('FILE_TOO_COMPLEX', 'Reading the file needed more memory than an import may use', { limit: `${READ_TABLE_HEAP_MB} MB` });
    let settled = false;
    worker.once('message', (m: ReadTableReply) => {
      settled = true;
      if ('table' in m) resolve(m.table);
      else reject(new AppError(m.error.code, m.error.message, m.error.details));
      void worker.terminate();
    });
    // The heap cap reached: the file is the cause. Anything else is a fault of ours, reported as such.
    worker.once('error', (err: Error & { code?: string }) => {
      settled = true;
      reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex() : err);
    });
    worker.once('exit', () => {
      if (!settled) reject(tooComplex());
    });
  });
}
