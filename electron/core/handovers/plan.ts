import {
  CROSS_BORDER_LIMITS, PHASES, type HandoverDetail, type HandoverPatch, type HandoverScope,
} from '../../../shared/contract/handovers';
import { AppError } from '../../../shared/errors';
import { accessOf, requireDifferentUser, scopeSql } from '../roles/authz';
import { rejectionsOf } from './rejections';
import type { Db } from '../db/database';
import { visibleHandoverIds } from '../roles/scope-read-model';
import type { Clock, OpenVault } from '../vault/vault';
import { APPROVALS_NEEDED, approvals, gatesFor } from './gates';
import { noticeStats, applyNoticeWindow } from './notices';
import { listChecklist, listNdas, listRisks, followupStats } from './records';
import { changeHandover } from './change';
import { materializeScope, measureScope } from './scope';
import {
  hasStandingApprovalBy, insertApproval, insertHandover, markApproved, markClosed, markSubmitted, refsLike, setArrangements,
  setHandoverColumn, setIncludedRow, standingApprovals, type StepColumn,
} from './plan-store';
import { includedAndExcluded, includedDocuments, includedRevenue, ownClientsFilter, personalCounts, type ClientFilter } from './read-models';
import { isActiveClient } from '../clients/selection-store';
import {
  allHandovers, includedCount, scopeChanged, daysBetween, DEFAULT_NOTICE, DEFAULT_TIMELINE, EMPTY_BUYER, EMPTY_SCOPE, localDay, loadHandover, logHandover,
  type HandoverRow,
} from './store';
import { ageKeysByIds } from '../keys/counterparty-store';

/**
 * The plan of a handover (issue 5): create it, change it step by step, set
 * its scope, submit it, approve it four-eyes, and work out the gates that
 * stand between it and an exported package, in plain words.
 */
export function createHandover(vault: OpenVault, input: { title: string; buyerName: string }, now: Clock): HandoverDetail {
  const at = now().toISOString();
  const year = at.slice(0, 4);
  const id = vault.db.transaction(() => {
    const n = refsLike(vault.db, `HO-${year}-%`) + 1;
    const ref = `HO-${year}-${String(n).padStart(3, '0')}`;
    const newId = insertHandover(vault.db, {
      ref, title: input.title, buyer: JSON.stringify({ ...EMPTY_BUYER, name: input.buyerName }), scope: JSON.stringify(EMPTY_SCOPE),
      categories: JSON.stringify(['basic', 'contacts', 'transactions', 'documents', 'notes', 'value']), timeline: JSON.stringify(DEFAULT_TIMELINE),
      team: JSON.stringify({ owner: vault.user.name, departments: {} }), notice: JSON.stringify(DEFAULT_NOTICE),
    }, vault.user.name, at);
    logHandover(vault, { ref }, 'handover.create', { title: input.title, buyer: input.buyerName }, now());
    return newId;
  }).immediate();
  return handoverDetail(vault, id, now);
}

const COLUMNS: Record<keyof HandoverPatch, StepColumn> = {
  title: 'title', buyer: 'buyer', recipientKeys: 'recipient_keys', categories: 'categories', timeline: 'timeline', team: 'team', notice: 'notice',
};

/** Save one wizard step (a draft: nothing is required until the gates ask for it). */
export function updateHandover(vault: OpenVault, id: number, patch: HandoverPatch, now: Clock): HandoverDetail {
  // The timeline's actual dates may still be completed after export.
  const lateFields = new Set(['timeline']);
  const fields = Object.keys(patch) as (keyof HandoverPatch)[];
  const stage = fields.some((f) => !lateFields.has(f)) ? 'plan' : 'records';
  changeHandover(vault, id, now, (h, log) => {
    if (patch.recipientKeys) {
      const ages = ageKeysByIds(vault.db, patch.recipientKeys);
      if (ages.length !== new Set(patch.recipientKeys).size) throw new AppError('KEY_UNREADABLE', 'A recipient must be an age key from the counterparty keys');
    }
    for (const f of fields) {
      const value = f === 'title' ? patch.title! : JSON.stringify(patch[f]);
      setHandoverColumn(vault.db, id, COLUMNS[f], value);
    }
    const changed = fields.filter((f) => JSON.stringify(patch[f]) !== JSON.stringify(f === 'title' ? h.title : (h as unknown as Record<string, unknown>)[f]));
    if (patch.categories && changed.includes('categories')) scopeChanged(vault, h, 'categories', now);
    if (changed.length) log('handover.update', { steps: changed });
  }, { stage, touch: true });
  return handoverDetail(vault, id, now);
}

export function setScope(vault: OpenVault, id: number, scope: HandoverScope, now: Clock): HandoverDetail {
  changeHandover(vault, id, now, (h, log) => {
    setHandoverColumn(vault.db, id, 'scope', JSON.stringify(scope));
    const changes = materializeScope(vault.db, id, scope, accessOf(vault));
    const included = includedCount(vault.db, id);
    if (changes > 0) scopeChanged(vault, h, 'scope', now);
    log('handover.scope', { mode: scope.mode, filter: scope.filter as never, picked: scope.picked.length, included, changed: changes });
  }, { touch: true });
  return handoverDetail(vault, id, now);
}

export function previewScope(vault: OpenVault, scope: HandoverScope) {
  return measureScope(vault.db, scope, accessOf(vault));
}

/** Put one client back in or take it out by hand, with a reason; a scope change. */
export function setClientIncluded(vault: OpenVault, id: number, clientIds: number[], included: boolean, reason: string, now: Clock): HandoverDetail {
  changeHandover(vault, id, now, (h, log) => {
    let changed = 0;
    for (const clientId of clientIds) {
      if (!isActiveClient(vault.db, clientId)) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
      changed += setIncludedRow(vault.db, id, clientId, included, reason);
    }
    if (changed > 0) {
      scopeChanged(vault, h, included ? 'client-added' : 'client-removed', now);
      log(included ? 'handover.client-include' : 'handover.client-exclude', { clients: changed, reason });
    }
  }, { touch: true });
  return handoverDetail(vault, id, now);
}

/** Per client: who receives it on the buyer's side, the arrangement agreed and notes of the negotiation. */
export function setArrangement(vault: OpenVault, id: number, clientIds: number[], a: { receivingOwner: string; arrangement: string; negotiation: string }, now: Clock): { updated: number } {
  return changeHandover(vault, id, now, (_h, log) => {
    const updated = setArrangements(vault.db, id, clientIds, a);
    log('handover.arrangement', { clients: updated, arrangement: a.arrangement, receivingOwner: a.receivingOwner });
    return { updated };
  });
}

/** The PIPL cross-border counter: individuals and sensitive records to overseas recipients this calendar year. */
function crossBorder(db: Db, h: HandoverRow, today: string) {
  const year = Number(today.slice(0, 4));
  const own = personalCounts(db, h.id);
  let yearIndividuals = 0;
  let yearSensitive = 0;
  for (const other of allHandovers(db)) {
    if (!other.buyer.overseas) continue;
    const counted = other.id === h.id ? other.status !== 'closed' || other.package !== null : other.package !== null && other.package.at.startsWith(String(year));
    if (!counted) continue;
    const c = other.id === h.id ? own : personalCounts(db, other.id);
    yearIndividuals += c.individuals;
    yearSensitive += c.sensitive;
  }
  return {
    year, individuals: own.individuals, sensitive: own.sensitive, yearIndividuals, yearSensitive,
    warn: h.buyer.overseas && (yearIndividuals >= CROSS_BORDER_LIMITS.individuals || yearSensitive >= CROSS_BORDER_LIMITS.sensitive),
  };
}

function packageContents(db: Db, h: HandoverRow, own: ClientFilter): { documents: number; bytes: number } {
  if (!h.categories.includes('documents')) return { documents: 0, bytes: 0 };
  return includedDocuments(db, h.id, own);
}

export function handoverDetail(vault: OpenVault, id: number, now: Clock): HandoverDetail {
  const db = vault.db;
  const today = localDay(now());
  let h = loadHandover(db, id);
  if (applyNoticeWindow(vault, h, now)) h = loadHandover(db, id);
  // A scoped user sees a handover that holds at least one of their clients; its totals count only those.
  const own = ownClientsFilter(scopeSql(accessOf(vault), 'c'));
  const counts = includedAndExcluded(db, id, own);
  const notices = noticeStats(db, h, today);
  const revenue = includedRevenue(db, id, own);
  return {
    id: h.id, ref: h.ref, title: h.title, status: h.status, readOnly: h.status === 'closed',
    buyer: h.buyer, recipientKeys: h.recipientKeys, scope: h.scope, categories: h.categories as HandoverDetail['categories'], scopeVersion: h.scopeVersion,
    timeline: h.timeline, team: h.team, notice: h.notice, backup: h.backup, submittedBy: h.submittedBy, submittedAt: h.submittedAt,
    package: h.package, receipt: h.receipt, createdBy: h.createdBy, createdAt: h.createdAt, closedAt: h.closedAt,
    included: counts.inc, excluded: counts.exc, contents: packageContents(db, h, own),
    revenue: accessOf(vault).masked.has('amounts') ? null : revenue,
    ndas: listNdas(db, id), risks: listRisks(db, id), checklist: listChecklist(db, id), approvals: approvals(db, id), rejections: rejectionsOf(db, h.ref),
    gates: gatesFor(db, h, today, notices), notices, crossBorder: crossBorder(db, h, today), followups: followupStats(db, id),
  };
}

function nextDate(h: HandoverRow, today: string) {
  for (const phase of PHASES) {
    const t = h.timeline[phase];
    if (t?.planned && !t.actual && t.planned >= today) return { phase, date: t.planned, days: daysBetween(today, t.planned) };
  }
  return null;
}

/** The handovers this user can see (see scope-refs.ts: every client of theirs in scope). */
export function listHandovers(vault: OpenVault, now: Clock) {
  const today = localDay(now());
  const visible = visibleHandoverIds(vault.db, accessOf(vault));
  return allHandovers(vault.db).filter((h) => visible === null || visible.has(h.id)).map((h) => {
    if (applyNoticeWindow(vault, h, now)) h = loadHandover(vault.db, h.id);
    const clients = includedCount(vault.db, h.id);
    return {
      id: h.id, ref: h.ref, title: h.title, status: h.status, buyer: h.buyer.name, clients,
      gatesOpen: gatesFor(vault.db, h, today).filter((g) => !g.ok).length, nextDate: nextDate(h, today), updatedAt: h.updatedAt,
    };
  });
}

export function submitHandover(vault: OpenVault, id: number, now: Clock): HandoverDetail {
  changeHandover(vault, id, now, (h, log) => {
    if (h.status !== 'draft') throw new AppError('HANDOVER_STATE', 'This handover has already been submitted', { status: h.status });
    const included = includedCount(vault.db, id);
    if (included === 0) throw new AppError('HANDOVER_EMPTY', 'The scope holds no clients');
    markSubmitted(vault.db, id, vault.user.name, now().toISOString());
    log('handover.submit', { clients: included, scopeVersion: h.scopeVersion });
  });
  return handoverDetail(vault, id, now);
}

/** Four eyes: the submitter cannot approve, nobody approves twice, and two standing approvals make it approved. */
export function approveHandover(vault: OpenVault, id: number, comment: string, now: Clock): HandoverDetail {
  changeHandover(vault, id, now, (h, log) => {
    if (h.status !== 'submitted' || !h.submittedBy) throw new AppError('HANDOVER_STATE', 'Only a submitted handover can be approved', { status: h.status });
    requireDifferentUser(h.submittedBy, vault.user.name);
    if (hasStandingApprovalBy(vault.db, id, vault.user.name)) throw new AppError('ALREADY_APPROVED', 'You have already approved this handover');
    insertApproval(vault.db, id, vault.user.name, now().toISOString(), h.scopeVersion, comment);
    const standing = standingApprovals(vault.db, id);
    if (standing >= APPROVALS_NEEDED) markApproved(vault.db, id);
    log('handover.approve', { standing, scopeVersion: h.scopeVersion, comment });
  });
  return handoverDetail(vault, id, now);
}

/** An administrator lets a gate pass that has not (the notice window), with a written reason; logged. */
export function overrideGate(vault: OpenVault, id: number, gate: 'notices', reason: string, now: Clock): HandoverDetail {
  if (vault.user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an administrator can override a gate', { permission: 'admin' });
  changeHandover(vault, id, now, (h, log) => {
    const overrides = { ...h.overrides, [gate]: { by: vault.user.name, at: now().toISOString(), reason } };
    setHandoverColumn(vault.db, id, 'overrides', JSON.stringify(overrides));
    log('handover.override', { gate, reason });
  });
  return handoverDetail(vault, id, now);
}

/** Close: the handover becomes a read-only archive. */
export function closeHandover(vault: OpenVault, id: number, now: Clock): HandoverDetail {
  changeHandover(vault, id, now, (h, log) => {
    markClosed(vault.db, id, now().toISOString());
    log('handover.close', { previous: h.status });
  }, { stage: 'records' });
  return handoverDetail(vault, id, now);
}

