import type { AuditEntryView, AuditFilter } from '../../../shared/contract';
import type { Db } from '../db/database';
import { logEntryView, type LogRow } from './store';

/**
 * Listing and summarising the access log for the Access log page and
 * `handover audit list`. Filters use the indexes on actor, target, action and
 * time; newest first.
 */
type Row = Omit<LogRow, 'prev_hash' | 'entry_hash'>;

function whereOf(f: AuditFilter): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (f.actor) {
    parts.push('actor = ?');
    params.push(f.actor);
  }
  if (f.target) {
    parts.push('target = ?');
    params.push(f.target);
  }
  if (f.action) {
    // A family ("client.") or one action.
    if (f.action.endsWith('.')) {
      parts.push('action >= ? AND action < ?');
      params.push(f.action, `${f.action.slice(0, -1)}/`);
    } else {
      parts.push('action = ?');
      params.push(f.action);
    }
  }
  if (f.since) {
    parts.push('time >= ?');
    params.push(f.since);
  }
  if (f.until) {
    parts.push('time < ?');
    params.push(f.until);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** One page of matching entries and how many match in all (capped count past 100,000 for speed). */
export function queryLog(db: Db, f: AuditFilter, offset: number, limit: number): { total: number; rows: AuditEntryView[] } {
  const { sql, params } = whereOf(f);
  const rows = db.prepare(`SELECT seq, time, actor, action, target, details FROM access_log ${sql} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as Row[];
  const total = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM access_log ${sql} LIMIT 100001)`).pluck().get(...params) as number;
  return { total, rows: rows.map(logEntryView) };
}

/**
 * Totals for "who looked at client X" and "what did user Y see": entries per
 * user and per target, and per day over the filtered range (for the chart).
 */
export function logStats(db: Db, f: AuditFilter) {
  const { sql, params } = whereOf(f);
  const group = (expr: string, order: string, limit: number) =>
    db.prepare(`SELECT ${expr} AS key, count(*) AS count FROM access_log ${sql} GROUP BY 1 ORDER BY ${order} LIMIT ${limit}`)
      .all(...params) as { key: string; count: number }[];
  const targetFilter = sql ? `${sql} AND target != ''` : "WHERE target != ''";
  const byClient = db.prepare(`SELECT target AS key, count(*) AS count FROM access_log ${targetFilter} AND action LIKE 'client.%' GROUP BY 1 ORDER BY 2 DESC LIMIT 20`)
    .all(...params) as { key: string; count: number }[];
  return {
    byUser: group('actor', '2 DESC', 20),
    byClient,
    byAction: group('action', '2 DESC', 40),
    // The user's calendar days (shared/dates.ts), not UTC's: an entry at 01:30 in Beijing is on that day's bar.
    // SQLite's 'localtime' is the C library's zone, the same one Node's Date uses in this process.
    byDay: group("date(time, 'localtime')", '1', 400),
  };
}

/** The names the filters offer: every actor and action seen. */
export function logFacets(db: Db): { actors: string[]; actions: string[] } {
  return {
    actors: db.prepare('SELECT DISTINCT actor FROM access_log ORDER BY 1').pluck().all() as string[],
    actions: db.prepare('SELECT DISTINCT action FROM access_log ORDER BY 1').pluck().all() as string[],
  };
}
