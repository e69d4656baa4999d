import type { Migration } from './migration';

/** Last unlock time (Security page) and each user's own auto-lock delay. */
export const userActivity: Migration = {
  version: 2,
  name: 'user-activity',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN last_unlock_at TEXT;
      ALTER TABLE users ADD COLUMN idle_minutes INTEGER NOT NULL DEFAULT 5
        CHECK (idle_minutes BETWEEN 1 AND 240);
      CREATE INDEX access_log_actor ON access_log(actor, seq);
    `);
  },
};
