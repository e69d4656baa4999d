import { rmSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { RewriteReply, RewriteSetup } from '../workers/rewrite-vault';
import { startWorker } from '../workers/start';
import { cipherPragma, type VaultCipher } from './cipher';
import { nativeBindingPath, rawKeyLiteral, type Db } from './database';

/**
 * One path for the two operations that rewrite the whole encrypted database: a data-key rotation
 * (same cipher, new key) and the cipher upgrade (same key, new cipher). The source stays as it is;
 * a new file is written beside it on a worker thread (workers/rewrite-vault.ts), checked there
 * from scratch with the new key, and synced. Swapping it in is the caller's step, so each keeps
 * its own crash-safety (rotation.ts, upgrade.ts). The main thread only relays progress: the window
 * stays responsive, and a cancel stops the thread between two statements.
 *
 * Keys reach the thread only as transferred key literals (rawKeyLiteral: bytes, never a string),
 * wiped there once the database holds them.
 */
export interface RewriteSideKey {
  key: Uint8Array;
  cipher: VaultCipher;
}

export interface RewriteOptions {
  /**
   * The new file's size as the total (an estimate from the source's used pages until the copy ends);
   * writing it is the first half of the bar, checking it the second.
   */
  progress?: (done: number, total: number) => void;
  /** Throws to stop (a cancelled job, a lock): asked at every message from the thread. */
  throwIfCancelled?: () => void;
  /** Called once, when the thread has started writing (the kill tests stop the process there). */
  onWriting?: () => void;
}

export interface RewriteResult {
  /** Size of the new file. */
  bytes: number;
  /** Rows copied and found again, over every table (FTS shadow tables included). */
  rows: number;
  tables: number;
}

/** Why a rewrite failed, for the caller's error: the new file would not open, did not check, lost rows, or the copy itself failed. */
export class RewriteFailed extends Error {
  constructor(readonly reason: 'open' | 'integrity' | 'rows' | 'copy', message: string) {
    super(message);
  }
}

/**
 * Rows a connection has changed since it opened (SQLite's total_changes()). The rewrite reads a
 * snapshot: a caller compares this before and after, since a write in between would be lost with the old file.
 */
export const totalChanges = (db: Db): number => db.prepare('SELECT total_changes()').pluck().get() as number;

export function rewriteDatabaseFile(source: string, target: string, from: RewriteSideKey, to: RewriteSideKey, opts: RewriteOptions = {}): Promise<RewriteResult> {
  for (const f of [target, `${target}-journal`, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  const fromLiteral = rawKeyLiteral(from.key);
  const toLiteral = rawKeyLiteral(to.key);
  const setup: RewriteSetup = {
    source,
    target,
    nativeBinding: nativeBindingPath(),
    from: { cipherPragma: cipherPragma(from.cipher), literal: fromLiteral },
    to: { cipherPragma: cipherPragma(to.cipher), literal: toLiteral },
  };
  const worker = startWorker('rewrite-vault', { workerData: setup, transferList: [fromLiteral.buffer as ArrayBuffer, toLiteral.buffer as ArrayBuffer] });
  return new Promise<RewriteResult>((resolve, reject) => {
    let planned = 0;
    let written = 0;
    let settled = false;
    let writing = false;
    const finish = (err: unknown, result?: RewriteResult): void => {
      if (settled) return;
      settled = true;
      // The thread is stopped (between two statements at the latest) before its file goes.
      void worker.terminate().finally(() => {
        if (err) {
          for (const f of [target, `${target}-journal`, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
          reject(err);
        } else resolve(result!);
      });
    };
    /** Half a byte per byte written and per byte checked: the bar's total reads as the vault's size. */
    const report = (work: number, of: number): void => opts.progress?.(Math.round(work / 2), Math.round(of / 2));
    worker.on('message', (m: RewriteReply) => {
      if (settled) return;
      try {
        opts.throwIfCancelled?.();
        if (!writing && (m.kind === 'copied' || m.kind === 'written')) {
          writing = true;
          opts.onWriting?.();
        }
        switch (m.kind) {
          case 'planned':
            planned = m.bytes;
            report(0, planned * 2);
            break;
          case 'copied':
            report(Math.min(m.bytes, planned), planned * 2);
            break;
          case 'written':
            written = m.bytes;
            report(written, written * 2);
            break;
          case 'checked':
            report(written + Math.min(m.bytes, written), written * 2);
            break;
          case 'done':
            report(written * 2, written * 2);
            finish(null, { bytes: m.bytes, rows: m.rows, tables: m.tables });
            break;
          case 'failed':
            finish(new RewriteFailed(m.reason, m.message));
            break;
        }
      } catch (err) {
        finish(err);
      }
    });
    worker.on('error', (err) => finish(err));
    worker.on('exit', () => finish(new AppError('INTERNAL', 'The rewrite thread stopped before it finished')));
  });
}
