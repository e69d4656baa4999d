import type { Db } from '../db/database';
import type { SessionRow } from './store';

/**
 * Read models of the data room that join several domains (issue 18's named exception): questions and
 * sessions (datarooms) shown with the client's code, the document's name or the handover's reference.
 * Each query says why it joins.
 */
export interface QuestionRow {
  id: number; sessionId: string; client: string | null; clientId: number | null; document: string | null; question: string; askedAt: string;
  answer: string | null; answeredBy: string | null; answeredAt: string | null;
}

/**
 * Joins clients and documents: a question is listed with the code of its client and the name of its
 * document; `about` (a condition on them, see roles/scope-read-model.ts) keeps a scoped viewer's own.
 */
export function questionsOfHandover(db: Db, handoverId: number, about: { sql: string; params: (string | number)[] } | null): QuestionRow[] {
  return db.prepare(`SELECT q.id, q.session_id AS sessionId, c.code AS client, q.client_id AS clientId, d.name AS document, q.question, q.asked_at AS askedAt, q.answer,
      q.answered_by AS answeredBy, q.answered_at AS answeredAt
    FROM dataroom_questions q LEFT JOIN clients c ON c.id = q.client_id LEFT JOIN documents d ON d.id = q.document_id WHERE q.handover_id = ?${about ? ` AND ${about.sql}` : ''} ORDER BY q.id`)
    .all(handoverId, ...(about?.params ?? [])) as QuestionRow[];
}

/**
 * Joins clients and documents: the session report lists its questions with the code of the client they
 * are about (a question about a document names the document's client).
 */
export function questionsOfSession(db: Db, sessionId: string): { asked_at: string; code: string | null; question: string }[] {
  return db.prepare(`SELECT q.asked_at, c.code, q.question FROM dataroom_questions q
    LEFT JOIN clients c ON c.id = coalesce(q.client_id, (SELECT d.client_id FROM documents d WHERE d.id = q.document_id)) WHERE q.session_id = ? ORDER BY q.id`)
    .all(sessionId) as { asked_at: string; code: string | null; question: string }[];
}

/** Joins documents and clients: the session report names each document opened with its client's code. */
export function documentAndClientCode(db: Db, documentId: number): { name: string; code: string } {
  return db.prepare('SELECT d.name, c.code FROM documents d JOIN clients c ON c.id = d.client_id WHERE d.id = ?').get(documentId) as { name: string; code: string };
}

/** Joins handovers: the session list shows each session's handover reference, with its views and questions counted. */
export function sessionList(db: Db, handoverId: number | null): (SessionRow & { ref: string; views: number; questions: number })[] {
  return db.prepare(`SELECT s.*, h.ref, (SELECT count(*) FROM dataroom_events e WHERE e.session_id = s.id AND e.kind = 'view') AS views,
      (SELECT count(*) FROM dataroom_questions q WHERE q.session_id = s.id) AS questions
    FROM dataroom_sessions s JOIN handovers h ON h.id = s.handover_id ${handoverId ? 'WHERE s.handover_id = ?' : ''} ORDER BY s.started_at DESC, s.rowid DESC`)
    .all(...(handoverId ? [handoverId] : [])) as (SessionRow & { ref: string; views: number; questions: number })[];
}
