import { AppError } from '../../../shared/errors';

export interface JobContext {
  signal: AbortSignal;
  /** Report progress (in bytes or items); events are throttled so a fast job does not flood the renderer. */
  progress(done: number, total: number, unit?: ProgressUnit): void;
  throwIfCancelled(): void;
}

export type ProgressUnit = 'bytes' | 'items';
export type ProgressSink = (jobId: string, done: number, total: number, unit: ProgressUnit) => void;

/** Long jobs (backup, restore, later import/export) run with progress and can be cancelled by id. */
export class JobRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly sink: ProgressSink, private readonly intervalMs = 100) {}

  async run<T>(jobId: string, work: (ctx: JobContext) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw new AppError('BUSY', 'A job with this id is already running');
    const controller = new AbortController();
    this.running.set(jobId, controller);
    let lastEmit = 0;
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (done, total, unit = 'items') => {
        const now = Date.now();
        if (done >= total || now - lastEmit >= this.intervalMs) {
          lastEmit = now;
          this.sink(jobId, done, total, unit);
        }
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new AppError('CANCELLED', 'Cancelled');
      },
    };
    try {
      return await work(ctx);
    } finally {
      this.running.delete(jobId);
    }
  }

  /** True while any job runs: the idle auto-lock waits for it (a lock would cancel it). */
  get busy(): boolean {
    return this.running.size > 0;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    controller?.abort();
    return controller !== undefined;
  }
}

/** A job context for callers that want neither progress nor cancel (CLI without a TTY, tests). */
export function silentJob(): JobContext {
  const controller = new AbortController();
  return { signal: controller.signal, progress: () => {}, throwIfCancelled: () => {} };
}
