import { AppError } from '../../../../shared/errors';
import type { ImportTableReply, ImportTableRequest, ImportTableSetup, TableOutline } from '../../workers/import-table';
import { startWorker } from '../../workers/start';
import type { PreparedBatch } from './prepared-batch';
import type { Encoding } from './table-file';
import type { Mapping } from './validate';

export type { TableOutline } from '../../workers/import-table';

/**
 * The table of an import file, parsed and held on a worker thread of its own (workers/import-table.ts)
 * from the wizard's preview until the import is done or the file is forgotten: the main thread sees
 * its outline (headers, row count, the first rows) and asks for its rows prepared, batch by batch.
 * The thread's heap is capped (issue 14: untrusted files off the main thread): a file that needs more
 * (ExcelJS takes gigabytes for some small workbooks) stops that thread with FILE_TOO_COMPLEX, and the
 * vault's process carries on. While nothing is asked of it, the thread keeps no process alive (the CLI
 * exits when its command is done).
 */
export const READ_TABLE_HEAP_MB = 1024;

type Worker = ReturnType<typeof startWorker>;

const tooComplex = () => new AppError('FILE_TOO_COMPLEX', 'Reading the file needed more memory than an import may use', { limit: `${READ_TABLE_HEAP_MB} MB` });

export class HeldTable {
  private readonly waiting = new Map<number, { resolve: (b: PreparedBatch) => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(readonly outline: TableOutline, private readonly worker: Worker) {
    worker.on('message', (m: ImportTableReply) => {
      if (!('id' in m)) return;
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.settled(m.id);
      if ('error' in m) w.reject(new Error(`Preparing the import's rows failed: ${m.error}`));
      else w.resolve(m.prepared);
    });
    worker.on('error', (err: Error & { code?: string }) => this.fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex() : err));
    worker.on('exit', (code) => this.fail(new Error(`The import's worker stopped (exit code ${code})`)));
    worker.unref();
  }

  /** Parse the file on a new thread; resolves once its outline is known (the rows stay there). */
  static open(file: string, encoding: Encoding): Promise<HeldTable> {
    return new Promise<HeldTable>((resolve, reject) => {
      const setup: ImportTableSetup = { file, encoding };
      const worker = startWorker('import-table', {
        workerData: setup,
        resourceLimits: { maxOldGenerationSizeMb: READ_TABLE_HEAP_MB, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      });
      // Only these listeners are removed once the outline is in: the Worker's own ones keep its port referenced.
      const onOpen = (m: ImportTableReply) => {
        done();
        if ('table' in m) resolve(new HeldTable(m.table, worker));
        else {
          reject('readError' in m ? new AppError(m.readError.code, m.readError.message, m.readError.details) : new Error('The import\'s worker answered out of turn'));
          void worker.terminate();
        }
      };
      // The heap cap reached: the file is the cause. Anything else is a fault of ours, reported as such.
      const onError = (err: Error & { code?: string }) => {
        done();
        reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex() : err);
      };
      const onExit = () => {
        done();
        reject(tooComplex());
      };
      const done = () => {
        worker.off('message', onOpen);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onOpen);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  /** Whether the thread still holds the table (it has not failed or been closed). */
  get alive(): boolean {
    return this.failure === null;
  }

  /** Rows [from, from + count), prepared; requests are answered in the order they are sent. */
  prepare(from: number, count: number, mapping: Mapping, derive: boolean): Promise<PreparedBatch> {
    const id = this.nextId++;
    const answer = new Promise<PreparedBatch>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      // A request in flight keeps the process alive until its answer comes.
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, from, count, mapping, derive } satisfies ImportTableRequest);
    });
    // Awaited in turn by the caller; a request still queued when an earlier one fails is not an unhandled rejection.
    answer.catch(() => {});
    return answer;
  }

  private settled(id: number): void {
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const [id, w] of [...this.waiting]) {
      this.settled(id);
      w.reject(this.failure);
    }
  }

  /** End the thread and free the table. */
  close(): void {
    this.fail(new Error('The import file was closed'));
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }
}
