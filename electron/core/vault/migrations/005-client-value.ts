import type { Migration } from './migration';

/** The value score (0-100) and tier (A/B/C) of each client, recomputed from the weights in settings. */
export const clientValue: Migration = {
  version: 5,
  name: 'client-value',
  up(db) {
    db.exec(`
      ALTER TABLE clients ADD COLUMN value_score REAL;
      ALTER TABLE clients ADD COLUMN tier TEXT CHECK (tier IN ('A', 'B', 'C'));
      CREATE INDEX clients_tier ON clients(archived, tier);
    `);
  },
};
