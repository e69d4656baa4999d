import { z } from 'zod';
import {
  buyerSchema, handoverScopeSchema, noticeSettingsSchema, teamSchema, timelineSchema, PHASES,
  type Buyer, type HandoverScope, type HANDOVER_STATUSES,
} from '../../../shared/contract/handovers';
import type { AuditAction } from '../../../shared/audit/actions';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import type { Json } from '../formats/canonical-json';
import { cached, type Db } from '../db/database';
import type { OpenVault } from '../vault/vault';

/** One handover row, parsed; shared by the plan, notices, records, report and export modules. */
/**
 * The exported package as the seller's vault records it. `checksum` is the
 * hash of payload.tar.age the buyer's receipt names: BLAKE2b-512 (the minisign
 * prehash, computed once) since issue 16; packages exported before name SHA-256.
 */
export interface PackageRecord {
  packageId: string; checksum: string; checksumAlg: 'blake2b512' | 'sha256'; senderFingerprint: string; file: string; at: string; by: string;
  clients: number; documents: number; completeness: number;
}

/** Records written before issue 16 carry `sha256` instead of a checksum with its algorithm. */
function packageRecord(stored: (Omit<PackageRecord, 'checksum' | 'checksumAlg'> & { checksum?: string; checksumAlg?: PackageRecord['checksumAlg']; sha256?: string }) | null): PackageRecord | null {
  if (!stored) return null;
  const { sha256, checksum, checksumAlg, ...rest } = stored;
  return checksum !== undefined ? { ...rest, checksum, checksumAlg: checksumAlg ?? 'blake2b512' } : { ...rest, checksum: sha256 ?? '', checksumAlg: 'sha256' };
}

export interface HandoverRow {
  id: number;
  ref: string;
  title: string;
  status: (typeof HANDOVER_STATUSES)[number];
  buyer: Buyer;
  recipientKeys: number[];
  scope: HandoverScope;
  categories: string[];
  scopeVersion: number;
  timeline: z.infer<typeof timelineSchema>;
  team: z.infer<typeof teamSchema>;
  notice: z.infer<typeof noticeSettingsSchema>;
  backup: { file: string; sha256: string; at: string; by: string } | null;
  overrides: Record<string, { by: string; at: string; reason: string }>;
  submittedBy: string | null;
  submittedAt: string | null;
  package: PackageRecord | null;
  receipt: { receivedBy: string; receivedAt: string; receiverKey: string; importedAt: string } | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export const EMPTY_BUYER: Buyer = { name: '', contact: '', phone: '', email: '', address: '', overseas: false };
export const DEFAULT_NOTICE = { startDate: null, effectiveDate: null, objectionWeeks: 6, sellerContact: '' };
export const EMPTY_SCOPE: HandoverScope = { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] };
export const DEFAULT_TIMELINE = Object.fromEntries(PHASES.map((p) => [p, { planned: null, actual: null }])) as HandoverRow['timeline'];

interface RawRow {
  id: number; ref: string; title: string; status: HandoverRow['status']; buyer: string; recipient_keys: string; scope: string; categories: string;
  scope_version: number; timeline: string; team: string; notice: string; backup: string | null; overrides: string; submitted_by: string | null;
  submitted_at: string | null; package: string | null; receipt: string | null; created_by: string; created_at: string; updated_at: string; closed_at: string | null;
}

const json = <T>(text: string | null, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

function parse(r: RawRow): HandoverRow {
  return {
    id: r.id, ref: r.ref, title: r.title, status: r.status,
    buyer: { ...EMPTY_BUYER, ...buyerSchema.partial().parse(json(r.buyer, {})) },
    recipientKeys: json(r.recipient_keys, []),
    scope: handoverScopeSchema.catch(EMPTY_SCOPE).parse(json(r.scope, EMPTY_SCOPE)),
    categories: json(r.categories, []),
    scopeVersion: r.scope_version,
    timeline: { ...DEFAULT_TIMELINE, ...json(r.timeline, {}) },
    team: { owner: '', departments: {}, ...json(r.team, {}) },
    notice: { ...DEFAULT_NOTICE, ...json(r.notice, {}) },
    backup: json(r.backup, null), overrides: json(r.overrides, {}), submittedBy: r.submitted_by, submittedAt: r.submitted_at,
    package: packageRecord(json(r.package, null)), receipt: json(r.receipt, null), createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at, closedAt: r.closed_at,
  };
}

export function loadHandover(db: Db, id: number): HandoverRow {
  const raw = db.prepare('SELECT * FROM handovers WHERE id = ?').get(id) as RawRow | undefined;
  if (!raw) throw new AppError('HANDOVER_NOT_FOUND', 'No such handover', { id });
  return parse(raw);
}

/** Just the reference (HO-2026-001) of a handover, or undefined when there is none. */
export function handoverRef(db: Db, id: number): string | undefined {
  return db.prepare('SELECT ref FROM handovers WHERE id = ?').pluck().get(id) as string | undefined;
}

export function allHandovers(db: Db): HandoverRow[] {
  return (db.prepare('SELECT * FROM handovers ORDER BY id DESC').all() as RawRow[]).map(parse);
}

/** A closed handover is an archive: nothing in it changes any more. */
export function requireOpen(h: HandoverRow): void {
  if (h.status === 'closed') throw new AppError('HANDOVER_CLOSED', 'This handover is closed and read-only', { ref: h.ref });
}

/** After the package went out, what was handed over is fixed; follow-ups and the report remain. */
export function requirePlanOpen(h: HandoverRow): void {
  requireOpen(h);
  if (h.status === 'exported' || h.status === 'acknowledged') {
    throw new AppError('HANDOVER_EXPORTED', 'The package has been exported; the plan can no longer change', { ref: h.ref });
  }
}

/** How many clients the handover's scope holds (objectors and excluded ones left out). */
export function includedCount(db: Db, id: number): number {
  return cached(db, 'SELECT count(*) FROM handover_clients WHERE handover_id = ? AND included = 1').pluck().get(id) as number;
}

export function touch(db: Db, id: number, at: string): void {
  db.prepare('UPDATE handovers SET updated_at = ? WHERE id = ?').run(at, id);
}

/** One log entry per step or decision, targeted at the handover's reference. */
export function logHandover(vault: OpenVault, h: Pick<HandoverRow, 'ref'>, action: AuditAction, details: Record<string, Json>, now: Date): void {
  appendLog(vault.db, { actor: vault.user.name, action, target: h.ref, details }, now);
}

/** Files attached to a handover (signed NDAs, evidence), kept inside the encrypted database. */
export function fileInfo(db: Db, id: number | null): { id: number; name: string; size: number; sha256: string } | null {
  if (id === null) return null;
  return (db.prepare('SELECT id, name, size, sha256 FROM handover_files WHERE id = ?').get(id) as { id: number; name: string; size: number; sha256: string } | undefined) ?? null;
}

// Days are the shared calendar rules (shared/dates.ts): today is the local day, never the UTC one.
export { addDays, daysBetween, localDay } from '../../../shared/dates';

/**
 * Called by every change of which clients (or data categories) go: bumps the scope version, and voids the
 * approvals, which stand for one scope (kept, marked void, logged).
 */
export function scopeChanged(vault: OpenVault, h: HandoverRow, reason: string, now: () => Date): void {
  const voided = vault.db.prepare('UPDATE handover_approvals SET voided_at = ?, void_reason = ? WHERE handover_id = ? AND voided_at IS NULL')
    .run(now().toISOString(), reason, h.id).changes;
  vault.db.prepare('UPDATE handovers SET scope_version = scope_version + 1 WHERE id = ?').run(h.id);
  if (voided > 0) {
    vault.db.prepare("UPDATE handovers SET status = 'submitted' WHERE id = ? AND status = 'approved'").run(h.id);
    logHandover(vault, h, 'handover.approvals-void', { voided, reason }, now());
  }
}

/** Voids every standing approval (kept, marked with when and why); how many there were. */
export function voidApprovals(db: Db, id: number, at: string, reason: string): number {
  return db.prepare('UPDATE handover_approvals SET voided_at = ?, void_reason = ? WHERE handover_id = ? AND voided_at IS NULL').run(at, reason, id).changes;
}

/** 驳回: the handover is a draft again, to be submitted anew. */
export function returnToDraft(db: Db, id: number, at: string): void {
  db.prepare("UPDATE handovers SET status = 'draft', submitted_by = NULL, submitted_at = NULL, updated_at = ? WHERE id = ?").run(at, id);
}

/** How many approvals stand (not voided): what a change of the plan would void. */
export function standingApprovalCount(db: Db, id: number): number {
  return db.prepare('SELECT count(*) FROM handover_approvals WHERE handover_id = ? AND voided_at IS NULL').pluck().get(id) as number;
}

/** Every approval given, standing or voided, in the order given. */
export function approvalRows(db: Db, id: number) {
  return db.prepare('SELECT user_name, approved_at, comment, voided_at, void_reason FROM handover_approvals WHERE handover_id = ? ORDER BY id').all(id) as {
    user_name: string; approved_at: string; comment: string; voided_at: string | null; void_reason: string | null;
  }[];
}

/** What the NDA gate needs of each NDA: whether a signed copy is attached, and until when it holds. */
export function ndaValidity(db: Db, id: number) {
  return db.prepare('SELECT file_id, expires_on FROM handover_ndas WHERE handover_id = ?').all(id) as { file_id: number | null; expires_on: string | null }[];
}

export function checklistStatuses(db: Db, id: number): string[] {
  return db.prepare('SELECT status FROM handover_checklist WHERE handover_id = ?').pluck().all(id) as string[];
}
