import type { SqlCondition } from '../clients/selection-store';
import type { Db } from '../db/database';

/**
 * The plan's writes on handovers, handover_clients and handover_approvals (issue 18): creating a
 * handover, saving a step, bringing its client list to the scope, the four-eyes approvals. The reads
 * of a handover row are in store.ts; what joins clients is in read-models.ts.
 */

/** How many handovers have a reference starting so (`HO-2026-%`): the next one is numbered after them. */
export function refsLike(db: Db, pattern: string): number {
  return db.prepare('SELECT count(*) FROM handovers WHERE ref LIKE ?').pluck().get(pattern) as number;
}

export interface NewHandover { ref: string; title: string; buyer: string; scope: string; categories: string; timeline: string; team: string; notice: string }

export function insertHandover(db: Db, h: NewHandover, by: string, at: string): number {
  const info = db.prepare(`INSERT INTO handovers (ref, title, buyer, scope, categories, timeline, team, notice, created_by, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(h.ref, h.title, h.buyer, h.scope, h.categories, h.timeline, h.team, h.notice, by, at, at);
  return Number(info.lastInsertRowid);
}

/** The columns a wizard step saves (stored as text: the title as is, the others as JSON). */
export type StepColumn = 'title' | 'buyer' | 'recipient_keys' | 'categories' | 'timeline' | 'team' | 'notice' | 'scope' | 'overrides';

export function setHandoverColumn(db: Db, id: number, column: StepColumn, value: string): void {
  db.prepare(`UPDATE handovers SET ${column} = ? WHERE id = ?`).run(value, id);
}

/**
 * Bring the handover's client list to the clients `selected` (a sub-select from the clients store):
 * included rows that left it go, new ones come in; rows excluded with a reason stay. How many changed.
 */
export function syncHandoverClients(db: Db, handoverId: number, selected: SqlCondition): number {
  const removed = db.prepare(`DELETE FROM handover_clients WHERE handover_id = ? AND included = 1 AND client_id NOT IN (${selected.sql})`)
    .run(handoverId, ...selected.params).changes;
  const added = db.prepare(`INSERT OR IGNORE INTO handover_clients (handover_id, client_id) SELECT ?, id FROM (${selected.sql})`)
    .run(handoverId, ...selected.params).changes;
  return removed + added;
}

/** Every client row of the handover, included or not. */
export function handoverClientRows(db: Db, handoverId: number): number {
  return db.prepare('SELECT count(*) FROM handover_clients WHERE handover_id = ?').pluck().get(handoverId) as number;
}

/** Put one client in or out by hand (with the reason when out); 1 when that changed something. */
export function setIncludedRow(db: Db, id: number, clientId: number, included: boolean, reason: string): number {
  return db.prepare(`INSERT INTO handover_clients (handover_id, client_id, included, excluded_reason) VALUES (?, ?, ?, ?)
    ON CONFLICT (handover_id, client_id) DO UPDATE SET included = excluded.included, excluded_reason = excluded.excluded_reason
    WHERE handover_clients.included != excluded.included`).run(id, clientId, included ? 1 : 0, included ? '' : reason).changes;
}

/** Per client: who receives it, the arrangement and the negotiation notes; how many clients of the handover were found. */
export function setArrangements(db: Db, id: number, clientIds: number[], a: { receivingOwner: string; arrangement: string; negotiation: string }): number {
  const stmt = db.prepare('UPDATE handover_clients SET receiving_owner = ?, arrangement = ?, negotiation = ? WHERE handover_id = ? AND client_id = ?');
  let updated = 0;
  for (const c of clientIds) updated += stmt.run(a.receivingOwner, a.arrangement, a.negotiation, id, c).changes;
  return updated;
}

export function markSubmitted(db: Db, id: number, by: string, at: string): void {
  db.prepare("UPDATE handovers SET status = 'submitted', submitted_by = ?, submitted_at = ? WHERE id = ?").run(by, at, id);
}

export function hasStandingApprovalBy(db: Db, id: number, user: string): boolean {
  return db.prepare('SELECT 1 FROM handover_approvals WHERE handover_id = ? AND user_name = ? AND voided_at IS NULL').get(id, user) !== undefined;
}

export function insertApproval(db: Db, id: number, user: string, at: string, scopeVersion: number, comment: string): void {
  db.prepare('INSERT INTO handover_approvals (handover_id, user_name, approved_at, scope_version, comment) VALUES (?, ?, ?, ?, ?)').run(id, user, at, scopeVersion, comment);
}

export function standingApprovals(db: Db, id: number): number {
  return db.prepare('SELECT count(*) FROM handover_approvals WHERE handover_id = ? AND voided_at IS NULL').pluck().get(id) as number;
}

export function markApproved(db: Db, id: number): void {
  db.prepare("UPDATE handovers SET status = 'approved' WHERE id = ?").run(id);
}

export function markClosed(db: Db, id: number, at: string): void {
  db.prepare("UPDATE handovers SET status = 'closed', closed_at = ? WHERE id = ?").run(at, id);
}

/**
 * Put a batch of clients in the handover (back in, when they were taken out with a reason); how many
 * rows that changed. One statement per batch: adding 20,000 clients from the list is 10 of them.
 */
export function includeClientsBatch(db: Db, id: number, clientIds: readonly number[]): number {
  return db.prepare(`INSERT INTO handover_clients (handover_id, client_id, included, excluded_reason) SELECT ?, value, 1, '' FROM json_each(?) WHERE true
    ON CONFLICT (handover_id, client_id) DO UPDATE SET included = 1, excluded_reason = '' WHERE handover_clients.included = 0`).run(id, JSON.stringify(clientIds)).changes;
}
