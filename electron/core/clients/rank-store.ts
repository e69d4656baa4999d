import { cached, type Db } from '../db/database';
import type { ScopeColumns } from '../roles/authz';

/**
 * Where each client stands in the list's sort orders, held in memory so that a search orders and
 * counts its up to 1,000 matches without looking each of them up in the clients table again: that
 * second pass (1,000 index seeks, a window count, a sort) was 2-4 ms of a 5-10 ms search.
 *
 * The ranks are a copy of the table, so they are used only while the table is known not to have
 * changed since they were read: the connection's total_changes() (every row any statement of ours
 * wrote) and data_version (a commit by another connection) are both as they were. Anything else
 * falls back to SQL, which gives the same page (test/integration/search-ranks.test.ts).
 */
export type RankedColumn = 'name_sort' | 'code' | 'region' | 'industry' | 'owner' | 'annual_revenue' | 'value_score' | 'department' | 'tier';

/** Columns a scope holds clients to (roles/authz.ts): their few values are kept with their ranks. */
const SCOPE_COLUMNS: ReadonlySet<RankedColumn> = new Set(['owner', 'department', 'region', 'industry', 'tier']);

interface Ranks {
  stamp: string;
  /** Per client id: 0 live, 1 archived, 2 no such client. */
  state: Uint8Array;
  /** Per sort column and client id: the dense rank of its value in SQLite's ORDER BY (NULL first). */
  byColumn: Map<RankedColumn, Int32Array>;
  /** For the scope columns: each value's rank. */
  valueRanks: Map<RankedColumn, Map<unknown, number>>;
}

const ranksOf = new WeakMap<Db, Ranks>();
const ABSENT = 2;

/** What identifies the table's state: no row written by this connection, no commit by another, since. */
export function changeStamp(db: Db): string {
  const changes = cached(db, 'SELECT total_changes()').pluck().get() as number;
  return `${changes}:${db.pragma('data_version', { simple: true }) as number}`;
}

/**
 * Run a write that touches no client (an access-log entry) and keep the ranks valid across it: it
 * changes total_changes() but not what the ranks copy. Synchronous, so nothing else writes between.
 */
export function writeSparingRanks<T>(db: Db, write: () => T): T {
  const before = changeStamp(db);
  const out = write();
  const ranks = ranksOf.get(db);
  if (ranks && ranks.stamp === before) ranks.stamp = changeStamp(db);
  return out;
}

function freshRanks(db: Db): Ranks | null {
  const ranks = ranksOf.get(db);
  return ranks && ranks.stamp === changeStamp(db) ? ranks : null;
}

/**
 * Read the ranks of one sort column (and which clients are live) from the table: 100,000 clients in
 * about 50-100 ms, so after unlock in the background and after a change before the next search needs them.
 */
export function readRanks(db: Db, column: RankedColumn): void {
  const stamp = changeStamp(db);
  let ranks = ranksOf.get(db);
  if (!ranks || ranks.stamp !== stamp) {
    const maxId = (cached(db, 'SELECT max(id) FROM clients').pluck().get() as number | null) ?? 0;
    const state = new Uint8Array(maxId + 1).fill(ABSENT);
    for (const [id, archived] of cached(db, 'SELECT id, archived FROM clients').raw().iterate() as IterableIterator<[number, number]>) state[id] = archived ? 1 : 0;
    ranks = { stamp, state, byColumn: new Map(), valueRanks: new Map() };
    ranksOf.set(db, ranks);
  }
  if (ranks.byColumn.has(column)) return;
  const rank = new Int32Array(ranks.state.length);
  let r = 0;
  let last: unknown = Symbol('none');
  // The column name comes from RankedColumn, never from input.
  const values = SCOPE_COLUMNS.has(column) ? new Map<unknown, number>() : null;
  for (const [id, value] of cached(db, `SELECT id, ${column} FROM clients ORDER BY ${column}`).raw().iterate() as IterableIterator<[number, unknown]>) {
    if (value !== last) {
      r++;
      values?.set(value, r);
    }
    last = value;
    rank[id] = r;
  }
  ranks.byColumn.set(column, rank);
  if (values) ranks.valueRanks.set(column, values);
}

export interface RankedPage {
  total: number;
  pageIds: number[];
}

/**
 * The page of `ids` (a text search's matches, already held to the caller's scope) in the list's order —
 * by the column, then by id, as the SQL path's `ORDER BY column, c.id` — and how many are left after the
 * archived ones are set aside; null when the ranks are stale or not read yet (the caller then asks SQL).
 */
export function rankedPage(db: Db, ids: readonly number[], column: RankedColumn, desc: boolean, includeArchived: boolean, offset: number, limit: number): RankedPage | null {
  const ranks = freshRanks(db);
  const rank = ranks?.byColumn.get(column);
  if (!ranks || !rank) return null;
  const { state } = ranks;
  const live: number[] = [];
  for (const id of ids) {
    const s = id < state.length ? state[id]! : ABSENT;
    if (s === 0 || (s === 1 && includeArchived)) live.push(id);
  }
  const sign = desc ? -1 : 1;
  live.sort((a, b) => sign * (rank[a]! - rank[b]!) || a - b);
  return { total: live.length, pageIds: live.slice(offset, offset + limit) };
}

/**
 * Whether a client is in a scope given as columns (roles/authz.ts scopeSql), from the ranks: the same
 * answer as the scope's SQL. Null when the ranks are stale or a column's are not read yet.
 */
export function scopeCheck(db: Db, columns: ScopeColumns): ((id: number) => boolean) | null {
  const ranks = freshRanks(db);
  if (!ranks) return null;
  const tests: { rank: Int32Array; allowed: Set<number> }[] = [];
  for (const { column, values } of columns) {
    const rank = ranks.byColumn.get(column);
    const valueRanks = ranks.valueRanks.get(column);
    if (!rank || !valueRanks) return null;
    const allowed = new Set<number>();
    for (const v of values) {
      const r = valueRanks.get(v);
      if (r !== undefined) allowed.add(r);
    }
    tests.push({ rank, allowed });
  }
  return (id) => id < ranks.state.length && ranks.state[id] !== ABSENT && tests.every((t) => t.allowed.has(t.rank[id]!));
}

/** Connections of the app's session (not the CLI's one-shot calls), whose stale ranks are read again when idle. */
const refreshed = new WeakSet<Db>();
const pending = new WeakSet<Db>();

/** The session keeps this connection's ranks (core.ts, after unlock): read now, and again after a change. */
export function keepRanksFresh(db: Db): void {
  refreshed.add(db);
  readRanks(db, 'name_sort');
}

/** Stale or missing ranks for a search that needed them: read them once the answer has gone out. */
export function requestRanks(db: Db, columns: readonly RankedColumn[]): void {
  if (!refreshed.has(db) || pending.has(db)) return;
  pending.add(db);
  setImmediate(() => {
    pending.delete(db);
    if (db.open && !db.inTransaction) for (const column of columns) readRanks(db, column);
  });
}
