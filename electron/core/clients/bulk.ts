import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { BulkResult, ClientFilter } from '../../../shared/contract/clients-bulk';
import { AppError } from '../../../shared/errors';
import type { AuditAction } from '../../../shared/audit/actions';
import { appendLog } from '../audit/store';
import type { JobContext } from '../jobs/jobs';
import { accessOf, scopeSql } from '../roles/authz';
import { idsOutsideScope } from '../roles/scope-read-model';
import type { Clock, OpenVault } from '../vault/vault';
import { archivedAmong, BULK_EDIT_BATCH, rewriteOwnerAndTags, setArchivedBatch, type OwnerAndTags } from './bulk-edit-store';
import { hiddenSearchColumns } from './masked-search';
import { allMatchingIds } from './matching-store';
import { recomputeValue } from './value-store';

/** The most tags one client keeps (the client form's limit). */
const MAX_TAGS = 30;

/**
 * The ids of every client matching the clients list's search and filters, as this user's list finds them:
 * their scope, and no match found only in a field masked for them. The router calls it for a bulk
 * action on 选择全部 N 个符合条件的客户 (router.ts expandMatching).
 */
export function clientsMatching(vault: OpenVault, matching: ClientFilter): number[] {
  const access = accessOf(vault);
  return allMatchingIds(vault.db, matching, scopeSql(access), hiddenSearchColumns(access.masked));
}

/** How the selection was made, for the log entry: the list's filter as given (only what was set), or picked rows. */
export function selectionDetails(filter: unknown): Record<string, unknown> {
  if (filter === null || typeof filter !== 'object') return { selection: 'picked' };
  const set = Object.entries(filter).filter(([k, v]) => v !== undefined && v !== '' && v !== false && !(k === 'text' && String(v).trim() === ''));
  return { selection: 'filter', filter: Object.fromEntries(set) };
}

interface BulkLog {
  action: AuditAction;
  details: Record<string, unknown>;
}

/**
 * One bulk action in ONE transaction: `step` writes a batch and says how many clients it changed; progress
 * and cancel get through between batches (the core runs it as an exclusive job, so nothing else writes
 * meanwhile). After the last batch a scoped user's clients must all still be theirs (a new owner or a
 * removed tag could take them out of the segment), then the one log entry. Any failure, a cancel or a
 * lock at any point rolls everything back: all or nothing.
 */
async function inOneTransaction(
  vault: OpenVault, ids: readonly number[], job: JobContext, now: Clock,
  step: (batch: readonly number[], at: string) => number, finish: (changed: number) => BulkLog,
): Promise<BulkResult> {
  const { db } = vault;
  const access = accessOf(vault);
  const unique = [...new Set(ids)];
  const at = now().toISOString();
  let changed = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (let from = 0; from < unique.length; from += BULK_EDIT_BATCH) {
      job.throwIfCancelled();
      changed += step(unique.slice(from, from + BULK_EDIT_BATCH), at);
      job.progress(Math.min(from + BULK_EDIT_BATCH, unique.length), unique.length);
      if (from + BULK_EDIT_BATCH < unique.length) await yieldToLoop();
    }
    job.throwIfCancelled();
    const outside = idsOutsideScope(db, access, 'client', unique).size;
    if (outside > 0) throw new AppError('OUT_OF_SCOPE', `${outside} clients would fall outside the clients you can see`, { count: outside });
    const log = finish(changed);
    appendLog(db, { actor: vault.user.name, action: log.action, target: '', details: { count: unique.length, changed, ...log.details } }, now());
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return { count: unique.length, changed };
}

/** Owner and tags belong to live clients: an archived one is restored first (it is read-only until then). */
function refuseArchived(vault: OpenVault, ids: readonly number[]): void {
  let archived = 0;
  for (let from = 0; from < ids.length; from += BULK_EDIT_BATCH) archived += archivedAmong(vault.db, ids.slice(from, from + BULK_EDIT_BATCH));
  if (archived > 0) throw new AppError('CLIENTS_ARCHIVED', `${archived} of the chosen clients are archived`, { count: archived });
}

/**
 * 更换负责人 (WeCom's 在职继承: one salesperson's clients to another): every client of the selection gets
 * `owner`, a colleague's user name or any name as on the records. Logged once, with the count, the
 * previous owners and how the clients were chosen.
 */
export async function reassignOwner(vault: OpenVault, ids: readonly number[], owner: string, filter: unknown, job: JobContext, now: Clock): Promise<BulkResult> {
  refuseArchived(vault, ids);
  const previous = new Map<string, number>();
  return inOneTransaction(vault, ids, job, now, (batch, at) => {
    const was = rewriteOwnerAndTags(vault.db, batch, (c) => (c.owner === owner ? null : { ...c, owner }), at);
    for (const o of was) previous.set(o, (previous.get(o) ?? 0) + 1);
    return was.length;
  }, () => {
    // The previous owners, most clients first: 张伟 for the 在职继承 case, a few names when the list mixed them.
    const from = [...previous].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([o]) => o);
    return { action: 'clients.reassign-owner', details: { owner, from: from.slice(0, 5), owners: from.length, ...selectionDetails(filter) } };
  });
}

/** 添加标签 / 移除标签 on every client of the selection; a client that would hold more than 30 tags stops the whole action. */
export async function tagClients(vault: OpenVault, ids: readonly number[], add: string[], remove: string[], filter: unknown, job: JobContext, now: Clock): Promise<BulkResult> {
  const adding = [...new Set(add.map((t) => t.trim()))].filter((t) => t && !remove.includes(t));
  const removing = new Set(remove.map((t) => t.trim()));
  if (adding.length === 0 && removing.size === 0) throw new AppError('INVALID_INPUT', 'Name a tag to add or remove', { field: 'add' });
  refuseArchived(vault, ids);
  return inOneTransaction(vault, ids, job, now, (batch, at) => rewriteOwnerAndTags(vault.db, batch, (c: OwnerAndTags) => {
    const tags = [...c.tags.filter((t) => !removing.has(t)), ...adding.filter((t) => !c.tags.includes(t))];
    if (tags.length > MAX_TAGS) throw new AppError('CLIENT_TAGS_FULL', 'A client would hold more than 30 tags', { limit: MAX_TAGS });
    return { ...c, tags };
  }, at).length, () => ({ action: 'clients.tag', details: { tagsAdded: adding, tagsRemoved: [...removing], ...selectionDetails(filter) } }));
}

/** 归档 / 取消归档 the selection; clients already so are left as they are. Tiers are computed again once, at the end. */
export async function archiveMany(vault: OpenVault, ids: readonly number[], archived: boolean, filter: unknown, job: JobContext, now: Clock): Promise<BulkResult> {
  return inOneTransaction(vault, ids, job, now, (batch, at) => setArchivedBatch(vault.db, batch, archived, at), () => {
    recomputeValue(vault.db, now());
    return { action: archived ? 'clients.archive' : 'clients.unarchive', details: selectionDetails(filter) };
  });
}
