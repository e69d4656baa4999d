import type { Migration } from './migration';

/**
 * Client records (issue 3). Money in minor units (fen/cents) with a currency;
 * dates as YYYY-MM-DD; tags, phones and e-mails as JSON arrays. The search
 * index is contentless FTS5 over character bigrams (see formats/search-tokens.ts):
 * it holds no readable copy of the text, and a phrase of consecutive bigrams
 * is an exact substring match, so two-character Chinese queries work.
 */
export const clients: Migration = {
  version: 3,
  name: 'clients',
  up(db) {
    db.exec(`
      CREATE TABLE clients (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        type TEXT NOT NULL DEFAULT 'company' CHECK (type IN ('company', 'individual')),
        industry TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        importance TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        cooperation_start TEXT,
        annual_revenue INTEGER,
        gross_profit INTEGER,
        currency TEXT NOT NULL DEFAULT 'CNY',
        renewal_rate REAL,
        satisfaction REAL,
        notes TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- Narrow and covering: search results are filtered, counted and sorted by id
      -- through this index, touching few (encrypted) pages instead of the wide rows.
      CREATE INDEX clients_lookup ON clients(id, archived, name, code, region, industry, owner, annual_revenue);
      -- The unfiltered list, in name order.
      CREATE INDEX clients_live ON clients(archived, name);

      CREATE TABLE client_contacts (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        name TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        phones TEXT NOT NULL DEFAULT '[]',
        emails TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX client_contacts_client ON client_contacts(client_id);

      CREATE TABLE client_transactions (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('transaction', 'contract')),
        ref TEXT NOT NULL DEFAULT '',
        date TEXT,
        amount INTEGER,
        currency TEXT NOT NULL DEFAULT 'CNY',
        status TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX client_transactions_client ON client_transactions(client_id);

      CREATE TABLE client_communications (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        channel TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        by_user TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX client_communications_client ON client_communications(client_id);

      CREATE TABLE import_mappings (
        name TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE VIRTUAL TABLE client_search USING fts5(
        t, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='1', detail=full
      );
    `);
  },
};
