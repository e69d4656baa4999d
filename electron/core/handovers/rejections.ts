import { queryLog } from '../audit/query-store';
import type { Db } from '../db/database';

/** The rejections of one handover, oldest first, read back from its access-log entries. */
export function rejectionsOf(db: Db, ref: string): { user: string; at: string; reason: string }[] {
  return queryLog(db, { action: 'handover.reject', target: ref }, 0, 200).rows.reverse()
    .map((e) => ({ user: e.actor, at: e.time, reason: typeof e.details.reason === 'string' ? e.details.reason : '' }));
}
