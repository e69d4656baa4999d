import type { Migration } from './migration';

/**
 * Handovers (issue 5): the plan, its scope (materialised per client, so
 * objectors and manual exclusions keep their reason), NDAs, risks, the legal
 * checklist, client notices with the SHA-256 of what was sent, approvals
 * (voided, never deleted, when the scope changes) and follow-ups. Attached
 * files (signed NDAs, evidence) live inside the encrypted database.
 */
export const handovers: Migration = {
  version: 8,
  name: 'handovers',
  up(db) {
    db.exec(`
      -- A handover's scope is counted as the user changes the filter: every filter column and what is
      -- summed, in one narrow index, so 100,000 clients are counted without reading the wide rows.
      CREATE INDEX clients_scope ON clients(archived, region, industry, owner, tier, type, currency, annual_revenue);

      CREATE TABLE handovers (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'submitted', 'approved', 'exported', 'acknowledged', 'closed')),
        buyer TEXT NOT NULL DEFAULT '{}',
        recipient_keys TEXT NOT NULL DEFAULT '[]',
        scope TEXT NOT NULL DEFAULT '{}',
        categories TEXT NOT NULL DEFAULT '[]',
        scope_version INTEGER NOT NULL DEFAULT 0,
        timeline TEXT NOT NULL DEFAULT '{}',
        team TEXT NOT NULL DEFAULT '{}',
        notice TEXT NOT NULL DEFAULT '{}',
        backup TEXT,
        overrides TEXT NOT NULL DEFAULT '{}',
        submitted_by TEXT,
        submitted_at TEXT,
        package TEXT,
        receipt TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        closed_at TEXT
      ) STRICT;

      CREATE TABLE handover_clients (
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        included INTEGER NOT NULL DEFAULT 1 CHECK (included IN (0, 1)),
        excluded_reason TEXT NOT NULL DEFAULT '',
        receiving_owner TEXT NOT NULL DEFAULT '',
        arrangement TEXT NOT NULL DEFAULT '',
        negotiation TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (handover_id, client_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE handover_files (
        id INTEGER PRIMARY KEY,
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        data BLOB NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE handover_ndas (
        id INTEGER PRIMARY KEY,
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        parties TEXT NOT NULL,
        signed_on TEXT NOT NULL,
        expires_on TEXT,
        scope TEXT NOT NULL DEFAULT '',
        file_id INTEGER REFERENCES handover_files(id),
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE handover_risks (
        id INTEGER PRIMARY KEY,
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        category TEXT NOT NULL,
        likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
        impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
        mitigation TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'mitigating', 'closed')),
        review_on TEXT
      ) STRICT;

      CREATE TABLE handover_checklist (
        id INTEGER PRIMARY KEY,
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        item_key TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'not-applicable')),
        evidence TEXT NOT NULL DEFAULT '',
        file_id INTEGER REFERENCES handover_files(id),
        updated_by TEXT,
        updated_at TEXT
      ) STRICT;

      CREATE TABLE handover_notices (
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'generated'
          CHECK (status IN ('generated', 'sent', 'acknowledged', 'consented', 'objected')),
        sha256 TEXT NOT NULL,
        generated_at TEXT NOT NULL,
        channel TEXT NOT NULL DEFAULT '',
        sent_on TEXT,
        answered_on TEXT,
        decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'keep', 'exclude')),
        note TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (handover_id, client_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE handover_approvals (
        id INTEGER PRIMARY KEY,
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        user_name TEXT NOT NULL,
        approved_at TEXT NOT NULL,
        scope_version INTEGER NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        voided_at TEXT,
        void_reason TEXT
      ) STRICT;

      CREATE TABLE handover_followups (
        id INTEGER PRIMARY KEY,
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('contacted', 'retained', 'lost')),
        satisfaction REAL,
        note TEXT NOT NULL DEFAULT '',
        by_user TEXT NOT NULL
      ) STRICT;
      CREATE INDEX handover_followups_client ON handover_followups(handover_id, client_id);
    `);
  },
};
