import { nativeBindingPath, type Db } from '../../db/database';
import type { SearchIndexReply, SearchIndexRequest, SearchIndexSetup } from '../../workers/search-index';
import { startWorker } from '../../workers/start';
import { installSearchSegments, replaceableSearchIndex, type SearchIndexShape, type SearchSegments } from '../search-segments-store';

type Batch = Extract<SearchIndexRequest, { batch: unknown }>['batch'];

/**
 * The main thread's side of the import's index thread (workers/search-index.ts). The rows' search texts
 * are handed on as they are written (the buffer the import's worker made, transferred, not copied), and
 * the finished index is put into the vault at the end, in the import's transaction. Null when the vault's
 * index is not empty: then the import writes the index row by row, as before.
 */
export class SearchIndexBuilder {
  private failure: Error | null = null;
  private finished: ((s: SearchSegments) => void) | null = null;
  private rejectFinish: ((err: Error) => void) | null = null;

  private constructor(private readonly shape: SearchIndexShape, private readonly worker: ReturnType<typeof startWorker>) {
    worker.on('message', (m: SearchIndexReply) => {
      if ('error' in m) this.fail(new Error(`Building the search index failed: ${m.error}`));
      else this.finished?.(m.segments);
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`The search index's worker stopped (exit code ${code})`)));
  }

  static start(db: Db): SearchIndexBuilder | null {
    const shape = replaceableSearchIndex(db);
    if (!shape) return null;
    const setup: SearchIndexSetup = { shape, nativeBinding: nativeBindingPath() };
    return new SearchIndexBuilder(shape, startWorker('search-index', { workerData: setup }));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.rejectFinish?.(this.failure);
  }

  /** A written batch's texts; its buffers go to the worker and are unusable here afterwards. */
  add(batch: Batch): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ batch } satisfies SearchIndexRequest, [batch.texts.buffer as ArrayBuffer, batch.ends.buffer as ArrayBuffer, batch.ids.buffer as ArrayBuffer]);
  }

  /** Ask for the finished index now (the worker merges it while the main thread goes on); await it with install. */
  finish(): Promise<SearchSegments> {
    const done = new Promise<SearchSegments>((resolve, reject) => {
      if (this.failure) reject(this.failure);
      this.finished = resolve;
      this.rejectFinish = reject;
    });
    done.catch(() => {});
    this.worker.postMessage({ finish: true } satisfies SearchIndexRequest);
    return done;
  }

  /** The finished index into the vault: call inside the import's transaction. */
  install(db: Db, segments: SearchSegments): void {
    installSearchSegments(db, this.shape, segments);
  }

  stop(): void {
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }
}
