import { createHash } from 'node:crypto';
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
  action: string;
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
export const logEntryView = (r: Omit<LogRow, 'prev_hash' | 'entry_hash'>): AuditEntryView => ({
  seq: r.seq,
  time: r.time,
  actor: r.actor,
  action: r.action,
  target: r.target,
  details: JSON.parse(r.details) as Record<string, unknown>,
});
