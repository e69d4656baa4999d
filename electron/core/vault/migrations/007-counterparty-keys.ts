import type { Migration } from './migration';

/** Public keys of counterparties (the buyer's age recipients, a seller's minisign key), verified by a person. */
export const counterpartyKeys: Migration = {
  version: 7,
  name: 'counterparty-keys',
  up(db) {
    db.exec(`
      CREATE TABLE counterparty_keys (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('minisign', 'age')),
        key_text TEXT NOT NULL UNIQUE,
        fingerprint TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        verified_by TEXT,
        verified_at TEXT,
        verified_how TEXT CHECK (verified_how IN ('phone', 'in-person'))
      ) STRICT;
    `);
  },
};
