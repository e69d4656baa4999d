import type { z } from 'zod';
import type { riskInputSchema } from '../../../shared/contract/handovers';
import type { Db } from '../db/database';

/**
 * The tables of what a handover keeps besides its plan — handover_files, handover_ndas, handover_risks,
 * handover_checklist and handover_followups — read and written here (issue 18; the gates' reads of
 * them are in store.ts). Every statement names its handover: a row of another handover is never touched.
 */
type RiskInput = z.infer<typeof riskInputSchema>;

export function insertHandoverFile(db: Db, handoverId: number, f: { name: string; size: number; sha256: string; data: Buffer }, by: string, at: string): number {
  const info = db.prepare('INSERT INTO handover_files (handover_id, name, size, sha256, data, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(handoverId, f.name, f.size, f.sha256, f.data, by, at);
  return Number(info.lastInsertRowid);
}

export function ndaRows(db: Db, id: number) {
  return db.prepare('SELECT * FROM handover_ndas WHERE handover_id = ? ORDER BY signed_on, id').all(id) as {
    id: number; parties: string; signed_on: string; expires_on: string | null; scope: string; file_id: number | null; added_by: string;
  }[];
}

export function insertNda(db: Db, id: number, nda: { parties: string; signedOn: string; expiresOn: string | null; scope: string }, fileId: number | null, by: string, at: string): void {
  db.prepare('INSERT INTO handover_ndas (handover_id, parties, signed_on, expires_on, scope, file_id, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, nda.parties, nda.signedOn, nda.expiresOn, nda.scope, fileId, by, at);
}

/** How many NDAs went (0 or 1). */
export function deleteNda(db: Db, id: number, ndaId: number): number {
  return db.prepare('DELETE FROM handover_ndas WHERE id = ? AND handover_id = ?').run(ndaId, id).changes;
}

/** The risk register, the highest level (likelihood × impact) first. */
export function riskRows(db: Db, id: number) {
  return db.prepare('SELECT * FROM handover_risks WHERE handover_id = ? ORDER BY likelihood * impact DESC, id').all(id) as {
    id: number; title: string; category: RiskInput['category']; likelihood: number; impact: number; mitigation: string; owner: string; status: RiskInput['status']; review_on: string | null;
  }[];
}

const riskValues = (r: RiskInput) => [r.title, r.category, r.likelihood, r.impact, r.mitigation, r.owner, r.status, r.reviewOn];

export function insertRisk(db: Db, id: number, r: RiskInput): void {
  db.prepare('INSERT INTO handover_risks (title, category, likelihood, impact, mitigation, owner, status, review_on, handover_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...riskValues(r), id);
}

/** Whether the risk was found (and changed) in this handover. */
export function updateRisk(db: Db, id: number, riskId: number, r: RiskInput): boolean {
  return db.prepare('UPDATE handover_risks SET title = ?, category = ?, likelihood = ?, impact = ?, mitigation = ?, owner = ?, status = ?, review_on = ? WHERE handover_id = ? AND id = ?')
    .run(...riskValues(r), id, riskId).changes !== 0;
}

export function deleteRisk(db: Db, id: number, riskId: number): number {
  return db.prepare('DELETE FROM handover_risks WHERE id = ? AND handover_id = ?').run(riskId, id).changes;
}

export function checklistRows(db: Db, id: number) {
  return db.prepare('SELECT * FROM handover_checklist WHERE handover_id = ? ORDER BY position, id').all(id) as {
    id: number; item_key: string; title: string; owner: string; status: 'open' | 'done' | 'not-applicable'; evidence: string; file_id: number | null; updated_by: string | null; updated_at: string | null;
  }[];
}

/** The last position in the list (0 when empty): new items go after it. */
export function lastChecklistPosition(db: Db, id: number): number {
  return db.prepare('SELECT coalesce(max(position), 0) FROM handover_checklist WHERE handover_id = ?').pluck().get(id) as number;
}

export function hasChecklistItem(db: Db, id: number, key: string): boolean {
  return db.prepare('SELECT 1 FROM handover_checklist WHERE handover_id = ? AND item_key = ?').get(id, key) !== undefined;
}

/** A template's item, open, with its title from the template. */
export function insertTemplateItem(db: Db, id: number, position: number, key: string): void {
  db.prepare('INSERT INTO handover_checklist (handover_id, position, item_key) VALUES (?, ?, ?)').run(id, position, key);
}

/** The evidence file of an item of this handover (null when it has none or is not there). */
export function checklistItemFile(db: Db, id: number, itemId: number): number | null {
  return (db.prepare('SELECT file_id FROM handover_checklist WHERE id = ? AND handover_id = ?').pluck().get(itemId, id) as number | null | undefined) ?? null;
}

interface ChecklistFields { title: string; owner: string; status: string; evidence: string; fileId: number | null }

export function insertCustomItem(db: Db, id: number, position: number, item: ChecklistFields, by: string, at: string): void {
  db.prepare('INSERT INTO handover_checklist (handover_id, position, item_key, title, owner, status, evidence, file_id, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, position, 'custom', item.title, item.owner, item.status, item.evidence, item.fileId, by, at);
}

/** Saves an item (a template item keeps its title; a null file keeps the one attached); whether it was found. */
export function updateChecklistItem(db: Db, id: number, itemId: number, item: ChecklistFields, by: string, at: string): boolean {
  return db.prepare(`UPDATE handover_checklist SET title = CASE WHEN item_key = 'custom' THEN ? ELSE title END, owner = ?, status = ?, evidence = ?,
    file_id = coalesce(?, file_id), updated_by = ?, updated_at = ? WHERE id = ? AND handover_id = ?`)
    .run(item.title, item.owner, item.status, item.evidence, item.fileId, by, at, itemId, id).changes !== 0;
}

export function deleteChecklistItem(db: Db, id: number, itemId: number): number {
  return db.prepare('DELETE FROM handover_checklist WHERE id = ? AND handover_id = ?').run(itemId, id).changes;
}

/** Whether the client is in the handover's scope now (not excluded). */
export function isIncluded(db: Db, id: number, clientId: number): boolean {
  return db.prepare('SELECT 1 FROM handover_clients WHERE handover_id = ? AND client_id = ? AND included = 1').get(id, clientId) !== undefined;
}

export function insertFollowup(db: Db, id: number, f: { clientId: number; date: string; outcome: string; satisfaction: number | null; note: string }, by: string): void {
  db.prepare('INSERT INTO handover_followups (handover_id, client_id, date, outcome, satisfaction, note, by_user) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, f.clientId, f.date, f.outcome, f.satisfaction, f.note, by);
}

/** The latest follow-up of each client of the handover. */
export function latestFollowups(db: Db, id: number): { clientId: number; outcome: string; satisfaction: number | null }[] {
  return db.prepare(`SELECT client_id AS clientId, outcome, satisfaction FROM handover_followups f WHERE handover_id = ? AND id = (
    SELECT max(id) FROM handover_followups g WHERE g.handover_id = f.handover_id AND g.client_id = f.client_id)`).all(id) as { clientId: number; outcome: string; satisfaction: number | null }[];
}

/** Every file attached to the handover, with its bytes (a closed handover's archive carries them all). */
export function handoverFilesWithData(db: Db, id: number): { id: number; name: string; data: Buffer }[] {
  return db.prepare('SELECT id, name, data FROM handover_files WHERE handover_id = ? ORDER BY id').all(id) as { id: number; name: string; data: Buffer }[];
}
