import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import type { checklistItemInputSchema, CHECKLIST_TEMPLATES, riskInputSchema } from '../../../shared/contract/handovers';
import { CHECKLIST_TEMPLATE_ITEMS } from '../../../shared/i18n/handover';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/database';
import type { Clock, OpenVault } from '../vault/vault';
import { changeHandover } from './change';
import { fileInfo } from './store';
import {
  checklistItemFile, checklistRows, deleteChecklistItem, deleteNda, deleteRisk, hasChecklistItem, insertCustomItem, insertFollowup, insertHandoverFile,
  insertNda, insertRisk, insertTemplateItem, isIncluded, lastChecklistPosition, latestFollowups, ndaRows, riskRows, updateChecklistItem, updateRisk,
} from './records-store';

/**
 * What a handover keeps besides its plan: NDAs with the signed copy, the risk
 * register, the legal checklist (from a PRC or EU template, then edited) with
 * evidence, and follow-ups after the transfer. Attached files are read whole
 * into the encrypted database (NDAs and evidence are documents, not videos).
 */
export const MAX_HANDOVER_FILE = 50 * 1024 * 1024;

function storeFile(vault: OpenVault, handoverId: number, path: string, at: string): number {
  const size = statSync(path).size;
  if (size > MAX_HANDOVER_FILE) throw new AppError('FILE_TOO_LARGE', 'The file is too large for a handover record', { max: MAX_HANDOVER_FILE, size });
  const data = readFileSync(path);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return insertHandoverFile(vault.db, handoverId, { name: basename(path), size, sha256, data }, vault.user.name, at);
}

export function listNdas(db: Db, id: number) {
  return ndaRows(db, id).map((n) => ({ id: n.id, parties: n.parties, signedOn: n.signed_on, expiresOn: n.expires_on, scope: n.scope, file: fileInfo(db, n.file_id), addedBy: n.added_by }));
}

export function addNda(vault: OpenVault, id: number, nda: { parties: string; signedOn: string; expiresOn: string | null; scope: string; file: string | null }, now: Clock): void {
  if (nda.expiresOn && nda.expiresOn < nda.signedOn) throw new AppError('INVALID_INPUT', 'The NDA expires before it was signed', { field: 'expiresOn' });
  changeHandover(vault, id, now, (_h, log) => {
    const at = now().toISOString();
    const fileId = nda.file ? storeFile(vault, id, nda.file, at) : null;
    insertNda(vault.db, id, nda, fileId, vault.user.name, at);
    log('handover.nda-add', { parties: nda.parties, signedOn: nda.signedOn, file: fileInfo(vault.db, fileId)?.sha256 ?? null });
  }, { stage: 'records', touch: true });
}

export function removeNda(vault: OpenVault, id: number, ndaId: number, now: Clock): void {
  changeHandover(vault, id, now, (_h, log) => {
    const removed = deleteNda(vault.db, id, ndaId);
    if (removed) log('handover.nda-remove', { nda: ndaId });
  }, { stage: 'records' });
}

type RiskInput = z.infer<typeof riskInputSchema>;

export function listRisks(db: Db, id: number) {
  return riskRows(db, id).map((r) => ({
    id: r.id, title: r.title, category: r.category, likelihood: r.likelihood, impact: r.impact, level: r.likelihood * r.impact,
    mitigation: r.mitigation, owner: r.owner, status: r.status, reviewOn: r.review_on,
  }));
}

export function saveRisk(vault: OpenVault, id: number, riskId: number | null, r: RiskInput, now: Clock): void {
  changeHandover(vault, id, now, (_h, log) => {
    if (riskId === null) {
      insertRisk(vault.db, id, r);
    } else if (!updateRisk(vault.db, id, riskId, r)) {
      throw new AppError('INVALID_INPUT', 'No such risk', { field: 'riskId' });
    }
    log(riskId === null ? 'handover.risk-add' : 'handover.risk-update', { title: r.title, level: r.likelihood * r.impact, status: r.status });
  }, { stage: 'records', touch: true });
}

export function removeRisk(vault: OpenVault, id: number, riskId: number, now: Clock): void {
  changeHandover(vault, id, now, (_h, log) => {
    if (deleteRisk(vault.db, id, riskId)) log('handover.risk-remove', { risk: riskId });
  }, { stage: 'records' });
}

export function listChecklist(db: Db, id: number) {
  return checklistRows(db, id).map((c) => {
    const file = fileInfo(db, c.file_id);
    return {
      id: c.id, key: c.item_key, title: c.title, owner: c.owner, status: c.status, evidence: c.evidence,
      file: file ? { id: file.id, name: file.name, sha256: file.sha256 } : null, updatedBy: c.updated_by, updatedAt: c.updated_at,
    };
  });
}

/** Add a template's items (those not yet in the list). */
export function applyTemplate(vault: OpenVault, id: number, template: (typeof CHECKLIST_TEMPLATES)[number], now: Clock): number {
  return changeHandover(vault, id, now, (_h, log) => {
    let position = lastChecklistPosition(vault.db, id);
    let added = 0;
    for (const key of CHECKLIST_TEMPLATE_ITEMS[template]) {
      if (hasChecklistItem(vault.db, id, key)) continue;
      insertTemplateItem(vault.db, id, ++position, key);
      added++;
    }
    log('handover.checklist-template', { template, added });
    return added;
  }, { stage: 'records' });
}

type CheckInput = z.infer<typeof checklistItemInputSchema>;

/** Save an item (new when itemId is null: a custom item with its own title); evidence may be a file. */
export function saveChecklistItem(vault: OpenVault, id: number, itemId: number | null, item: CheckInput & { file?: string | null }, now: Clock): void {
  changeHandover(vault, id, now, (_h, log) => {
    const at = now().toISOString();
    if (item.status === 'done' && !item.evidence.trim() && !item.file) {
      const existing = itemId === null ? null : checklistItemFile(vault.db, id, itemId);
      if (!existing) throw new AppError('EVIDENCE_REQUIRED', 'An item is done only with evidence: a note or a file');
    }
    const fileId = item.file ? storeFile(vault, id, item.file, at) : undefined;
    const fields = { title: item.title, owner: item.owner, status: item.status, evidence: item.evidence, fileId: fileId ?? null };
    if (itemId === null) {
      if (!item.title.trim()) throw new AppError('INVALID_INPUT', 'A custom item needs a title', { field: 'title' });
      insertCustomItem(vault.db, id, lastChecklistPosition(vault.db, id) + 1, fields, vault.user.name, at);
    } else {
      if (!updateChecklistItem(vault.db, id, itemId, fields, vault.user.name, at)) throw new AppError('INVALID_INPUT', 'No such checklist item', { field: 'itemId' });
    }
    log('handover.checklist', { item: itemId ?? 'new', status: item.status, owner: item.owner, evidence: item.evidence.slice(0, 200), file: fileId ? fileInfo(vault.db, fileId)!.sha256 : null });
  }, { stage: 'records', touch: true });
}

export function removeChecklistItem(vault: OpenVault, id: number, itemId: number, now: Clock): void {
  changeHandover(vault, id, now, (_h, log) => {
    if (deleteChecklistItem(vault.db, id, itemId)) log('handover.checklist-remove', { item: itemId });
  }, { stage: 'records' });
}

/** Mark open items done with one piece of evidence (the CLI's `checklist --all` / `--done KEY`). */
export function completeChecklist(vault: OpenVault, id: number, keys: string[] | 'all', evidence: string, now: Clock): number {
  const items = listChecklist(vault.db, id).filter((c) => c.status === 'open' && (keys === 'all' || keys.includes(c.key) || keys.includes(String(c.id))));
  if (keys !== 'all') {
    const known = new Set(listChecklist(vault.db, id).flatMap((c) => [c.key, String(c.id)]));
    const unknown = keys.filter((k) => !known.has(k));
    if (unknown.length) throw new AppError('INVALID_INPUT', `No checklist item ${unknown.join(', ')}`, { field: unknown.join(', ') });
  }
  for (const c of items) saveChecklistItem(vault, id, c.id, { title: c.title, owner: c.owner || vault.user.name, status: 'done', evidence }, now);
  return items.length;
}

export function addFollowup(vault: OpenVault, id: number, f: { clientId: number; date: string; outcome: 'contacted' | 'retained' | 'lost'; satisfaction: number | null; note: string }, now: Clock): void {
  changeHandover(vault, id, now, (_h, log) => {
    if (!isIncluded(vault.db, id, f.clientId)) throw new AppError('CLIENT_NOT_FOUND', 'No such client in this handover');
    insertFollowup(vault.db, id, f, vault.user.name);
    log('handover.followup', { client: f.clientId, outcome: f.outcome, satisfaction: f.satisfaction });
  }, { stage: 'records' });
}

/** Latest follow-up per client: contacted / retained / lost, and average satisfaction. */
export function followupStats(db: Db, id: number) {
  const latest = latestFollowups(db, id);
  const sat = latest.map((l) => l.satisfaction).filter((s): s is number => s !== null);
  return {
    contacted: latest.filter((l) => l.outcome === 'contacted').length,
    retained: latest.filter((l) => l.outcome === 'retained').length,
    lost: latest.filter((l) => l.outcome === 'lost').length,
    satisfaction: sat.length ? Math.round((sat.reduce((a, b) => a + b, 0) / sat.length) * 10) / 10 : null,
  };
}
