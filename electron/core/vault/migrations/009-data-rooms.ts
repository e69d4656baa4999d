import type { Migration } from './migration';

/**
 * Supervised data-room sessions (issue 7): who reviewed what under whose
 * supervision, every view, search and document page, the questions asked and
 * their answers, and the report signed at the end.
 */
export const dataRooms: Migration = {
  version: 9,
  name: 'data-rooms',
  up(db) {
    db.exec(`
      CREATE TABLE dataroom_sessions (
        id TEXT PRIMARY KEY,
        handover_id INTEGER NOT NULL REFERENCES handovers(id),
        reviewer_name TEXT NOT NULL,
        reviewer_org TEXT NOT NULL,
        reviewer_id_number TEXT NOT NULL DEFAULT '',
        facilitator TEXT NOT NULL,
        client_ids TEXT NOT NULL,
        categories TEXT NOT NULL,
        masked TEXT NOT NULL,
        documents INTEGER NOT NULL CHECK (documents IN (0, 1)),
        minutes INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ended_at TEXT,
        end_reason TEXT,
        report TEXT,
        report_sig TEXT
      ) STRICT;
      CREATE INDEX dataroom_sessions_handover ON dataroom_sessions(handover_id);

      CREATE TABLE dataroom_events (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES dataroom_sessions(id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('view', 'search', 'document', 'page', 'question', 'refused')),
        client_id INTEGER,
        document_id INTEGER,
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX dataroom_events_session ON dataroom_events(session_id, id);

      CREATE TABLE dataroom_questions (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES dataroom_sessions(id),
        handover_id INTEGER NOT NULL REFERENCES handovers(id),
        client_id INTEGER,
        document_id INTEGER,
        question TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        answer TEXT,
        answered_by TEXT,
        answered_at TEXT
      ) STRICT;
      CREATE INDEX dataroom_questions_handover ON dataroom_questions(handover_id);
    `);
  },
};
