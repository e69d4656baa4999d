import type { CompensationMethod, CompensationStandardInput } from '../../../shared/contract/compensation';
import type { ProposalInputs } from '../../../shared/compensation/compute';
import { cached, type Db } from '../db/database';

/** All SQL on the compensation tables (migration 010). Amounts in fen. */
export type Kind = 'client' | 'staff';

export interface StandardRow {
  standard: CompensationStandardInput;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export function loadStandard(db: Db, handoverId: number, kind: Kind): StandardRow | null {
  const r = db.prepare('SELECT standard, version, updated_by, updated_at FROM compensation_standards WHERE handover_id = ? AND kind = ?').get(handoverId, kind) as
    { standard: string; version: number; updated_by: string; updated_at: string } | undefined;
  return r ? { standard: JSON.parse(r.standard) as CompensationStandardInput, version: r.version, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
}

export function saveStandard(db: Db, handoverId: number, kind: Kind, standard: CompensationStandardInput, by: string, at: string): number {
  db.prepare(`INSERT INTO compensation_standards (handover_id, kind, standard, version, updated_by, updated_at) VALUES (?, ?, ?, 1, ?, ?)
    ON CONFLICT (handover_id, kind) DO UPDATE SET standard = excluded.standard, version = version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
    .run(handoverId, kind, JSON.stringify(standard), by, at);
  return loadStandard(db, handoverId, kind)!.version;
}
export interface ComputedProposal { clientId: number | null; person: string | null; inputs: ProposalInputs; computedFen: number }

/**
 * Write fresh computations: a new proposal takes the computed amount and the
 * standard's default method; an existing one keeps its exception amount and
 * method, its agreement and payments. Returns how many amounts changed.
 */
export function upsertProposals(db: Db, handoverId: number, kind: Kind, version: number, method: CompensationMethod, list: ComputedProposal[], at: string): number {
  const find = kind === 'client'
    ? cached(db, "SELECT id, proposed_fen, exception_reason FROM compensation_proposals WHERE handover_id = ? AND kind = 'client' AND client_id = ?")
    : cached(db, "SELECT id, proposed_fen, exception_reason FROM compensation_proposals WHERE handover_id = ? AND kind = 'staff' AND person = ?");
  const insert = cached(db, `INSERT INTO compensation_proposals (handover_id, kind, client_id, person, standard_version, inputs, computed_fen, proposed_fen, method, computed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = cached(db, `UPDATE compensation_proposals SET standard_version = ?, inputs = ?, computed_fen = ?, computed_at = ?,
    proposed_fen = CASE WHEN exception_reason IS NULL THEN ? ELSE proposed_fen END WHERE id = ?`);
  let changed = 0;
  for (const p of list) {
    const existing = find.get(handoverId, kind === 'client' ? p.clientId : p.person) as { id: number; proposed_fen: number; exception_reason: string | null } | undefined;
    if (!existing) {
      insert.run(handoverId, kind, p.clientId, p.person, version, JSON.stringify(p.inputs), p.computedFen, p.computedFen, method, at);
      changed++;
    } else {
      update.run(version, JSON.stringify(p.inputs), p.computedFen, at, p.computedFen, existing.id);
      if (existing.exception_reason === null && existing.proposed_fen !== p.computedFen) changed++;
    }
  }
  return changed;
}

/** Proposals of subjects no longer in the handover go, unless something was agreed or paid on them. */
export function dropStale(db: Db, handoverId: number, kind: Kind, keep: { clientIds: number[]; persons: string[] }, visibleIds: number[]): number {
  const keepKey = kind === 'client' ? JSON.stringify(keep.clientIds) : JSON.stringify(keep.persons);
  return db.prepare(`DELETE FROM compensation_proposals WHERE handover_id = ? AND kind = ? AND agreed_fen IS NULL
      AND ${kind === 'client' ? 'client_id' : 'person'} NOT IN (SELECT value FROM json_each(?))
      AND id IN (SELECT value FROM json_each(?))
      AND NOT EXISTS (SELECT 1 FROM compensation_payments pay WHERE pay.proposal_id = compensation_proposals.id)`)
    .run(handoverId, kind, keepKey, JSON.stringify(visibleIds)).changes;
}

export function setException(db: Db, id: number, amountFen: number | null, method: CompensationMethod, reason: string, by: string, at: string): void {
  if (amountFen === null) {
    db.prepare('UPDATE compensation_proposals SET proposed_fen = computed_fen, method = ?, exception_reason = NULL, exception_by = NULL, exception_at = NULL WHERE id = ?')
      .run(method, id);
  } else {
    db.prepare('UPDATE compensation_proposals SET proposed_fen = ?, method = ?, exception_reason = ?, exception_by = ?, exception_at = ? WHERE id = ?')
      .run(amountFen, method, reason, by, at, id);
  }
}

export function insertNegotiation(db: Db, proposalId: number, n: { kind: string; date: string; amountFen: number | null; method: string; ourSide: string; theirSide: string; note: string }, by: string, at: string): void {
  db.prepare(`INSERT INTO compensation_negotiations (proposal_id, kind, date, amount_fen, method, our_side, their_side, note, recorded_by, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(proposalId, n.kind, n.date, n.amountFen, n.method, n.ourSide, n.theirSide, n.note, by, at);
}

export function saveAgreement(db: Db, proposalId: number, a: { amountFen: number; method: string; agreedOn: string; dueOn: string; promise: string; documentId: number | null }, by: string): void {
  db.prepare(`UPDATE compensation_proposals SET agreed_fen = ?, agreed_method = ?, agreed_on = ?, due_on = ?, promise = ?, agreement_document_id = ?, agreed_by = ? WHERE id = ?`)
    .run(a.amountFen, a.method, a.agreedOn, a.dueOn, a.promise, a.documentId, by, proposalId);
}

export function insertPayment(db: Db, proposalId: number, p: { paidOn: string; amountFen: number; evidence: string; documentId: number | null }, by: string, at: string): void {
  db.prepare(`INSERT INTO compensation_payments (proposal_id, paid_on, amount_fen, evidence, document_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(proposalId, p.paidOn, p.amountFen, p.evidence, p.documentId, by, at);
}

export function negotiationsOf(db: Db, proposalId: number) {
  return db.prepare(`SELECT id, kind, date, amount_fen AS amountFen, method, our_side AS ourSide, their_side AS theirSide, note, recorded_by AS recordedBy, recorded_at AS recordedAt
    FROM compensation_negotiations WHERE proposal_id = ? ORDER BY date, id`).all(proposalId) as {
    id: number; kind: 'offer' | 'counter-offer' | 'note'; date: string; amountFen: number | null; method: string; ourSide: string; theirSide: string; note: string; recordedBy: string; recordedAt: string;
  }[];
}

export function paymentsOf(db: Db, proposalId: number) {
  return db.prepare(`SELECT id, paid_on AS paidOn, amount_fen AS amountFen, evidence, document_id AS documentId, recorded_by AS recordedBy
    FROM compensation_payments WHERE proposal_id = ? ORDER BY paid_on, id`).all(proposalId) as {
    id: number; paidOn: string; amountFen: number; evidence: string; documentId: number | null; recordedBy: string;
  }[];
}

/** A commitment a received package carried, kept with the client it was imported into (once per package and client). */
export function insertReceivedCommitment(db: Db, clientId: number, packageId: string, handoverRef: string,
  c: { method: string; promise: string; agreedFen: number; paidFen: number; owedFen: number; dueOn: string | null }, at: string): number {
  return cached(db, `INSERT INTO received_commitments (client_id, package_id, handover_ref, method, promise, agreed_fen, paid_fen, owed_fen, due_on, imported_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (package_id, client_id) DO NOTHING`)
    .run(clientId, packageId, handoverRef, c.method, c.promise, c.agreedFen, c.paidFen, c.owedFen, c.dueOn, at).changes;
}

/** What received packages promised a client, in the order they were imported. */
export function receivedCommitmentRows(db: Db, clientId: number) {
  return db.prepare(`SELECT handover_ref AS handoverRef, method, promise, agreed_fen AS agreedFen, paid_fen AS paidFen, owed_fen AS owedFen, due_on AS dueOn
    FROM received_commitments WHERE client_id = ? ORDER BY id`).all(clientId) as { handoverRef: string; method: string; promise: string; agreedFen: number; paidFen: number; owedFen: number; dueOn: string | null }[];
}
