import type { Migration } from './migration';

/**
 * Client compensation (issue 19): a standard per handover (the rule, as JSON,
 * versioned so approvals can say which rule they approved), one proposal per
 * client (or, for staff exit compensation, per owner) that keeps the inputs it
 * was computed from, the negotiation log, the agreement and the payments. On
 * the buyer's side, the commitments a package carried, kept with the imported
 * clients. Amounts are integers in fen.
 */
export const compensation: Migration = {
  version: 10,
  name: 'compensation',
  up(db) {
    db.exec(`
      CREATE TABLE compensation_standards (
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('client', 'staff')),
        standard TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (handover_id, kind)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE compensation_proposals (
        id INTEGER PRIMARY KEY,
        handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('client', 'staff')),
        client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,
        person TEXT,
        standard_version INTEGER NOT NULL,
        inputs TEXT NOT NULL,
        computed_fen INTEGER NOT NULL CHECK (computed_fen >= 0),
        proposed_fen INTEGER NOT NULL CHECK (proposed_fen >= 0),
        method TEXT NOT NULL,
        exception_reason TEXT,
        exception_by TEXT,
        exception_at TEXT,
        agreed_fen INTEGER CHECK (agreed_fen >= 0),
        agreed_method TEXT,
        agreed_on TEXT,
        due_on TEXT,
        promise TEXT NOT NULL DEFAULT '',
        agreement_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        agreed_by TEXT,
        computed_at TEXT NOT NULL,
        CHECK ((kind = 'client' AND client_id IS NOT NULL AND person IS NULL) OR (kind = 'staff' AND person IS NOT NULL AND client_id IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX compensation_proposals_client ON compensation_proposals(handover_id, client_id) WHERE kind = 'client';
      CREATE UNIQUE INDEX compensation_proposals_person ON compensation_proposals(handover_id, person) WHERE kind = 'staff';
      CREATE INDEX compensation_proposals_due ON compensation_proposals(due_on) WHERE agreed_fen IS NOT NULL;

      CREATE TABLE compensation_negotiations (
        id INTEGER PRIMARY KEY,
        proposal_id INTEGER NOT NULL REFERENCES compensation_proposals(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('offer', 'counter-offer', 'note')),
        date TEXT NOT NULL,
        amount_fen INTEGER CHECK (amount_fen >= 0),
        method TEXT NOT NULL DEFAULT '',
        our_side TEXT NOT NULL,
        their_side TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX compensation_negotiations_proposal ON compensation_negotiations(proposal_id, id);

      CREATE TABLE compensation_payments (
        id INTEGER PRIMARY KEY,
        proposal_id INTEGER NOT NULL REFERENCES compensation_proposals(id) ON DELETE CASCADE,
        paid_on TEXT NOT NULL,
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        evidence TEXT NOT NULL,
        document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX compensation_payments_proposal ON compensation_payments(proposal_id);

      -- The buyer's side: what a received package promised each imported client, and what was still owed.
      CREATE TABLE received_commitments (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        package_id TEXT NOT NULL,
        handover_ref TEXT NOT NULL,
        method TEXT NOT NULL,
        promise TEXT NOT NULL DEFAULT '',
        agreed_fen INTEGER NOT NULL,
        paid_fen INTEGER NOT NULL,
        owed_fen INTEGER NOT NULL,
        due_on TEXT,
        imported_at TEXT NOT NULL,
        UNIQUE (package_id, client_id)
      ) STRICT;
      CREATE INDEX received_commitments_client ON received_commitments(client_id);
    `);
    // Staff exit compensation is behind a new permission; the administrator role has every permission.
    db.prepare(`UPDATE roles SET permissions = json_insert(permissions, '$[#]', 'compensation.staff')
      WHERE name = 'admin' AND NOT EXISTS (SELECT 1 FROM json_each(roles.permissions) WHERE value = 'compensation.staff')`).run();
  },
};
