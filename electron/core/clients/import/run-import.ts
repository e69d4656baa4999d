import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { appendLog } from '../../audit/store';
import type { JobContext } from '../../jobs/jobs';
import type { Db } from '../../db/database';
import { clientStatements, insertClient, updateClient } from '../store';
import { recomputeValue } from '../value-store';
import type { ImportPlan } from './plan';

const CHUNK = 2000;

/**
 * Apply a plan in ONE transaction, in chunks so progress and cancel get
 * through: cancel, an error or a crash at any point rolls everything back and
 * the vault is exactly as before. The log entry is part of the same
 * transaction. The caller must keep other writers off this connection until
 * it returns (the core runs imports as exclusive jobs).
 */
export async function applyImport(
  db: Db,
  plan: ImportPlan,
  log: { actor: string; file: string; details: Record<string, string | number> },
  job: JobContext,
  now: () => Date,
): Promise<void> {
  const s = clientStatements(db);
  const at = now().toISOString();
  db.exec('BEGIN IMMEDIATE');
  try {
    const total = plan.actions.length;
    for (let i = 0; i < total; i++) {
      const a = plan.actions[i]!;
      if (a.kind === 'insert') insertClient(s, a.draft, at);
      else updateClient(s, a.clientId, a.draft, at);
      if ((i + 1) % CHUNK === 0) {
        job.progress(i + 1, total);
        await yieldToLoop();
        job.throwIfCancelled();
      }
    }
    recomputeValue(db, now());
    appendLog(db, {
      actor: log.actor,
      action: 'clients.import',
      target: log.file,
      details: { ...log.details, ...plan.summary },
    }, now());
    db.exec('COMMIT');
    job.progress(total, total);
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
