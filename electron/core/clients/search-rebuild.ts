import type { Db } from '../db/database';
import { clientCount, rebuildSearchSlice, searchRebuildPending } from './store';

/** How far a rebuild at unlock has come, in clients; the unlock screen shows it as a progress bar. */
export type RebuildProgress = (done: number, total: number) => void;

/**
 * The search index a migration (or a rebuild cut short) left to rebuild, at unlock: a thousand clients
 * a transaction, the event loop free between them so the progress reaches the unlock screen (100,000
 * clients took about 25 s of CPU in one blocking step). A crash part-way leaves the rebuild pending,
 * and the next unlock starts it again from the first client.
 */
export async function rebuildPendingSearch(db: Db, progress?: RebuildProgress): Promise<number> {
  if (!searchRebuildPending(db)) return 0;
  const total = clientCount(db);
  let done = 0;
  progress?.(0, total);
  for (let after = 0; ;) {
    const slice = db.transaction(() => rebuildSearchSlice(db, after)).immediate();
    if (!slice) break;
    done += slice.count;
    after = slice.last;
    progress?.(done, total);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return done;
}
