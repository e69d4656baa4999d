import { createHash } from 'node:crypto';
import type { AuditAction } from '../../../shared/audit/actions';
import type { AuditEntryView } from '../../../shared/contract';
import { canonicalJson, type Json } from '../formats/canonical-json';
import { cached, type Db } from '../db/database';

/**
 * The access log: append-only (triggers refuse UPDATE and DELETE) and
 * hash-chained. Each entry's hash is SHA-256 over the canonical JSON of
 * {seq, time, actor, action, target, details, prev}; `prev` is the previous
 * entry's hash (64 zeros for the first). Callers append inside the same
 * transaction as the change the entry records.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface LogEvent {
  actor: string;
  /** Declared in shared/audit/actions.ts with its sentences, so a misspelt id fails the typecheck. */
  action: AuditAction;
  target?: string;
  details?: Record<string, Json>;
}

/** A stored access-log row. */
export interface LogRow {
  seq: number;
  time: string;
  actor: string;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  entry_hash: string;
}

export function entryHash(e: {
  seq: number;
  time: string;
  actor: string;
  action: string;
  target: string;
  details: unknown;
  prev: string;
}): string {
  return createHash('sha256').update(canonicalJson(e)).digest('hex');
}

export function appendLog(db: Db, event: LogEvent, now: Date): number {
  const last = cached(db, 'SELECT seq, entry_hash FROM access_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; entry_hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prev = last?.entry_hash ?? GENESIS_HASH;
  const entry = {
    seq,
    time: now.toISOString(),
    actor: event.actor,
    action: event.action,
    target: event.target ?? '',
    details: event.details ?? {},
    prev,
  };
  cached(db, 'INSERT INTO access_log (seq, time, actor, action, target, details, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(seq, entry.time, entry.actor, entry.action, entry.target, canonicalJson(entry.details), prev, entryHash(entry));
  return seq;
}

export type ChainVerdict =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; seq: number; reason: 'gap' | 'prev-mismatch' | 'hash-mismatch' | 'bad-details' };

/** Walk the whole chain; name the first entry where it breaks. */
export function verifyLogChain(db: Db): ChainVerdict {
  let prev = GENESIS_HASH;
  let expected = 1;
  let count = 0;
  for (const row of db.prepare('SELECT * FROM access_log ORDER BY seq').iterate() as IterableIterator<LogRow>) {
    count++;
    if (row.seq !== expected) return { ok: false, entries: count, seq: row.seq, reason: 'gap' };
    if (row.prev_hash !== prev) return { ok: false, entries: count, seq: row.seq, reason: 'prev-mismatch' };
    let details: unknown;
    try {
      details = JSON.parse(row.details);
    } catch {
      return { ok: false, entries: count, seq: row.seq, reason: 'bad-details' };
    }
    const hash = entryHash({
      seq: row.seq,
      time: row.time,
      actor: row.actor,
      action: row.action,
      target: row.target,
      details,
      prev: row.prev_hash,
    });
    if (hash !== row.entry_hash) return { ok: false, entries: count, seq: row.seq, reason: 'hash-mismatch' };
    prev = hash;
    expected++;
  }
  return { ok: true, entries: count, head: prev };
}

export function recentLog(db: Db, limit: number): AuditEntryView[] {
  return (db.prepare('SELECT * FROM access_log ORDER BY seq DESC LIMIT ?').all(limit) as LogRow[]).map(logEntryView);
}

/** A stored row as the renderer sees it. */
/** The first entry at or after `time` (ISO), for an export's "since". */
export function firstSeqFrom(db: Db, time: string): number | null {
  return db.prepare('SELECT min(seq) FROM access_log WHERE time >= ?').pluck().get(time) as number | null;
}

/** The last entry before `time` (ISO), for an export's "until". */
export function lastSeqBefore(db: Db, time: string): number | null {
  return db.prepare('SELECT max(seq) FROM access_log WHERE time < ?').pluck().get(time) as number | null;
}

export function logRowsBetween(db: Db, firstSeq: number, lastSeq: number): LogRow[] {
  return cached(db, 'SELECT * FROM access_log WHERE seq >= ? AND seq <= ? ORDER BY seq').all(firstSeq, lastSeq) as LogRow[];
}

/** Entries per actor, action or client (a client's accesses only) in a range, most first: the export's summary. */
export function logCountsBy(db: Db, col: 'actor' | 'action' | 'target', firstSeq: number, lastSeq: number, limit: number): { k: string; n: number }[] {
  const clientsOnly = col === 'target' ? "AND target != '' AND action LIKE 'client.%'" : '';
  return db.prepare(`SELECT ${col} AS k, count(*) AS n FROM access_log WHERE seq BETWEEN ? AND ? ${clientsOnly} GROUP BY 1 ORDER BY 2 DESC LIMIT ?`)
    .all(firstSeq, lastSeq, limit) as { k: string; n: number }[];
}

export function logTimeSpan(db: Db, firstSeq: number, lastSeq: number): { a: string | null; b: string | null } {
  return db.prepare('SELECT min(time) AS a, max(time) AS b FROM access_log WHERE seq BETWEEN ? AND ?').get(firstSeq, lastSeq) as { a: string | null; b: string | null };
}

/** One target's entries up to a checkpoint's size: a handover's history in its package. */
export function logRowsForTarget(db: Db, target: string, size: number): LogRow[] {
  return db.prepare('SELECT * FROM access_log WHERE target = ? AND seq <= ? ORDER BY seq').all(target, size) as LogRow[];
}

export function entryHashesUpTo(db: Db, size: number): string[] {
  return db.prepare('SELECT entry_hash FROM access_log WHERE seq <= ? ORDER BY seq').pluck().all(size) as string[];
}

/** Every entry about one target (a handover's ref), oldest first: the handover's history in its package. */
export function historyOf(db: Db, target: string): Pick<LogRow, 'seq' | 'time' | 'actor' | 'action' | 'details'>[] {
  return db.prepare('SELECT seq, time, actor, action, details FROM access_log WHERE target = ? ORDER BY seq').all(target) as Pick<LogRow, 'seq' | 'time' | 'actor' | 'action' | 'details'>[];
}

/** How many entries about one target each action (or actor) has, most first: a handover report's summary. */
export function targetCountsBy(db: Db, target: string, col: 'action' | 'actor'): { key: string; n: number }[] {
  return db.prepare(`SELECT ${col} AS key, count(*) AS n FROM access_log WHERE target = ? GROUP BY ${col} ORDER BY n DESC`).all(target) as { key: string; n: number }[];
}

export const logEntryView = (r: Omit<LogRow, 'prev_hash' | 'entry_hash'>): AuditEntryView => ({
  seq: r.seq,
  time: r.time,
  actor: r.actor,
  action: r.action,
  target: r.target,
  details: JSON.parse(r.details) as Record<string, unknown>,
});
