import type { Db, Statement } from '../db/database';

/**
 * Client notices' rows (handover_notices) and what they do to the handover's client list
 * (handover_clients), read and written here (issue 18). The notices' clients by name are in read-models.ts.
 */

/**
 * The notice counts of the included clients, by what happened (objected ones counted apart, see objectedCount).
 * Set-based from the notices' side (CROSS JOIN keeps SQLite from driving the join from the client list):
 * a handover of 100,000 clients and few notices no longer probes the notices once per client — the
 * export's gate check held the window about 0.4 s doing so. Clients with no notice are the rest of the scope.
 */
export function noticeCounts(db: Db, id: number): Record<string, number> {
  const r = db.prepare(`SELECT (SELECT count(*) FROM handover_clients WHERE handover_id = ? AND included = 1) AS inScope, count(*) AS noticed,
      coalesce(sum(n.status = 'generated'), 0) AS generated, coalesce(sum(n.status IN ('sent', 'acknowledged', 'consented', 'objected')), 0) AS sent,
      coalesce(sum(n.status = 'acknowledged'), 0) AS acknowledged, coalesce(sum(n.status = 'consented'), 0) AS consented,
      coalesce(sum(n.status = 'sent'), 0) AS unanswered, coalesce(sum(n.status = 'sent' AND n.decision = ''), 0) AS undecided
    FROM handover_notices n CROSS JOIN handover_clients hc ON hc.handover_id = n.handover_id AND hc.client_id = n.client_id AND hc.included = 1
    WHERE n.handover_id = ?`).get(id, id) as Record<string, number>;
  const { noticed, ...counts } = r;
  return { ...counts, notGenerated: r.inScope! - noticed! };
}

/** Objections of every client of the handover, those already out of the scope included. */
export function objectedCount(db: Db, id: number): number {
  return db.prepare("SELECT count(*) FROM handover_notices WHERE handover_id = ? AND status = 'objected'").pluck().get(id) as number;
}

/** Objectors still in scope leave it, with the reason. */
export function excludeObjectors(db: Db, id: number): void {
  db.prepare(`UPDATE handover_clients SET included = 0, excluded_reason = 'objected' WHERE handover_id = ? AND included = 1
    AND client_id IN (SELECT client_id FROM handover_notices WHERE handover_id = ? AND status = 'objected')`).run(id, id);
}

/** Each generated notice's SHA-256; a notice already sent keeps the hash of what was sent. */
export function recordGenerated(db: Db, id: number, hashes: [number, string][], at: string, by: string): void {
  const stmt = db.prepare(`INSERT INTO handover_notices (handover_id, client_id, status, sha256, generated_at, recorded_by) VALUES (?, ?, 'generated', ?, ?, ?)
    ON CONFLICT (handover_id, client_id) DO UPDATE SET sha256 = excluded.sha256, generated_at = excluded.generated_at WHERE handover_notices.status = 'generated'`);
  for (const [cid, sha] of hashes) stmt.run(id, cid, sha, at, by);
}

export function noticeState(db: Db, id: number, clientId: number): { status: string; sent_on: string | null } | undefined {
  return db.prepare('SELECT status, sent_on FROM handover_notices WHERE handover_id = ? AND client_id = ?').get(id, clientId) as { status: string; sent_on: string | null } | undefined;
}

/** What happened to a notice (the first sent date is kept; an empty note keeps the last one); how many rows changed. */
export function recordNoticeOutcome(db: Db, id: number, clientId: number, r: { status: string; channel: string | null; date: string; note: string }, by: string): number {
  const answered = r.status !== 'sent';
  return db.prepare(`UPDATE handover_notices SET status = ?, channel = coalesce(?, channel), sent_on = coalesce(sent_on, ?),
    answered_on = ?, note = CASE WHEN ? = '' THEN note ELSE ? END, recorded_by = ? WHERE handover_id = ? AND client_id = ?`)
    .run(r.status, r.channel, r.date, answered ? r.date : null, r.note, r.note, by, id, clientId).changes;
}

/** A person's decision on a client who never answered; how many notices it applied to (0 or 1). */
export function decideNotice(db: Db, id: number, clientId: number, decision: 'keep' | 'exclude'): number {
  return db.prepare("UPDATE handover_notices SET decision = ? WHERE handover_id = ? AND client_id = ? AND status = 'sent'").run(decision, id, clientId).changes;
}

export function excludeForNoAnswer(db: Db, id: number, clientId: number): void {
  db.prepare("UPDATE handover_clients SET included = 0, excluded_reason = 'no-answer' WHERE handover_id = ? AND client_id = ?").run(id, clientId);
}

/**
 * Per client of a page (client ids after the first bound, up to the second): its notice in this handover
 * as the package's handover.json carries it, built by SQLite (json_object); raw rows, the client id first.
 */
export function noticeJsonStatement(db: Db): Statement {
  return db.prepare(`SELECT client_id, json_object('status', status, 'channel', channel, 'sent_on', sent_on, 'answered_on', answered_on, 'sha256', sha256)
      FROM handover_notices WHERE handover_id = ? AND client_id > ? AND client_id <= ?`).raw();
}
