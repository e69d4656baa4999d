import type { Db } from '../db/database';

/**
 * The data-room tables — dataroom_sessions, dataroom_events, dataroom_questions — read and written here
 * (issue 18). What joins them to clients, documents or handovers for a list is in read-model.ts.
 */
export interface SessionRow {
  id: string; handover_id: number; reviewer_name: string; reviewer_org: string; reviewer_id_number: string; facilitator: string; client_ids: string;
  categories: string; masked: string; documents: number; started_at: string; expires_at: string; ended_at: string | null; end_reason: string | null; report: string | null; report_sig: string | null;
}

export type EventKind = 'search' | 'view' | 'document' | 'page' | 'refused' | 'question';

export function insertEvent(db: Db, sessionId: string, at: string, kind: EventKind, clientId: number | null, documentId: number | null, detail: string): void {
  db.prepare('INSERT INTO dataroom_events (session_id, at, kind, client_id, document_id, detail) VALUES (?, ?, ?, ?, ?, ?)')
    .run(sessionId, at, kind, clientId, documentId, detail);
}

export interface NewSession {
  id: string; handoverId: number; reviewer: string; organisation: string; idNumber: string; facilitator: string; clientIds: string; categories: string;
  masked: string; documents: boolean; minutes: number; startedAt: string; expiresAt: string;
}

export function insertSession(db: Db, s: NewSession): void {
  db.prepare(`INSERT INTO dataroom_sessions (id, handover_id, reviewer_name, reviewer_org, reviewer_id_number, facilitator, client_ids, categories, masked, documents, minutes, started_at, expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    s.id, s.handoverId, s.reviewer, s.organisation, s.idNumber, s.facilitator, s.clientIds, s.categories, s.masked, s.documents ? 1 : 0, s.minutes, s.startedAt, s.expiresAt,
  );
}

export function setSessionExpiry(db: Db, id: string, expiresAt: string): void {
  db.prepare('UPDATE dataroom_sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id);
}

export function insertQuestion(db: Db, q: { sessionId: string; handoverId: number; clientId: number | null; documentId: number | null; question: string; askedAt: string }): void {
  db.prepare('INSERT INTO dataroom_questions (session_id, handover_id, client_id, document_id, question, asked_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(q.sessionId, q.handoverId, q.clientId, q.documentId, q.question, q.askedAt);
}

/** The handover a question was asked about, or undefined when there is no such question. */
export function questionHandover(db: Db, id: number): number | undefined {
  return (db.prepare('SELECT handover_id FROM dataroom_questions WHERE id = ?').get(id) as { handover_id: number } | undefined)?.handover_id;
}

export function setAnswer(db: Db, id: number, answer: string, by: string, at: string): void {
  db.prepare('UPDATE dataroom_questions SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?').run(answer, by, at, id);
}

export function sessionRow(db: Db, id: string): SessionRow | undefined {
  return db.prepare('SELECT * FROM dataroom_sessions WHERE id = ?').get(id) as SessionRow | undefined;
}

/** A session's events in the order they happened. */
export function sessionEvents(db: Db, id: string): { at: string; kind: string; client_id: number | null; document_id: number | null; detail: string }[] {
  return db.prepare('SELECT at, kind, client_id, document_id, detail FROM dataroom_events WHERE session_id = ? ORDER BY id').all(id) as
    { at: string; kind: string; client_id: number | null; document_id: number | null; detail: string }[];
}

export function markEnded(db: Db, id: string, endedAt: string, reason: string): void {
  db.prepare('UPDATE dataroom_sessions SET ended_at = ?, end_reason = ? WHERE id = ?').run(endedAt, reason, id);
}

export function setReport(db: Db, id: string, text: string, sig: string): void {
  db.prepare('UPDATE dataroom_sessions SET report = ?, report_sig = ? WHERE id = ?').run(text, sig, id);
}

/** The signed report of a session (nulls while it runs), or undefined when there is no such session. */
export function storedReport(db: Db, id: string): { report: string | null; report_sig: string | null } | undefined {
  return db.prepare('SELECT report, report_sig FROM dataroom_sessions WHERE id = ?').get(id) as { report: string | null; report_sig: string | null } | undefined;
}
