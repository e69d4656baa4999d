import type { HandoverScope } from '../../../shared/contract/handovers';
import { AppError } from '../../../shared/errors';
import { scopeSql, type UserAccess } from '../roles/authz';
import type { Db } from '../db/database';
import { clientIdsWhere, countAndRevenueWhere } from '../clients/selection-store';
import { handoverClientRows, syncHandoverClients } from './plan-store';

/**
 * A handover's scope as SQL over live clients (alias `c`): a filter (AND across
 * kinds, OR within one) or a hand-picked id list, always limited to what the
 * planning user may see, so nobody plans a handover of clients they cannot see.
 */
export function scopeWhere(scope: HandoverScope, access: UserAccess): { sql: string; params: (string | number)[] } {
  const parts = ['c.archived = 0'];
  const params: (string | number)[] = [];
  if (scope.mode === 'picked') {
    parts.push('c.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope.picked));
  } else {
    const f = scope.filter;
    for (const [col, values] of [['tier', f.tiers], ['region', f.regions], ['industry', f.industries], ['owner', f.owners]] as const) {
      if (values.length === 0) continue;
      parts.push(`c.${col} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    }
    if (f.tags.length) {
      parts.push(`EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value IN (${f.tags.map(() => '?').join(',')}))`);
      params.push(...f.tags);
    }
  }
  const own = scopeSql(access);
  if (own) {
    parts.push(own.sql);
    params.push(...own.params);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * Count and revenue by currency of a scope, as the user edits the filter: one
 * pass over the narrow scope index (the individuals for the cross-border count
 * are counted when the scope is saved, see personalCounts in read-models.ts).
 */
export function measureScope(db: Db, scope: HandoverScope, access: UserAccess) {
  const w = scopeWhere(scope, access);
  const rows = countAndRevenueWhere(db, w);
  const revenue = rows.filter((r) => r.amount !== null).map((r) => ({ currency: r.currency, amount: r.amount! }));
  return { count: rows.reduce((a, r) => a + r.n, 0), revenue: access.masked.has('amounts') ? null : revenue };
}

/**
 * Bring the handover's client list to the scope: clients that left it go,
 * new ones come in; clients excluded with a reason (an objection, a decision)
 * stay excluded. Returns how many rows changed.
 */
export function materializeScope(db: Db, handoverId: number, scope: HandoverScope, access: UserAccess): number {
  const changed = syncHandoverClients(db, handoverId, clientIdsWhere(scopeWhere(scope, access)));
  if (scope.mode === 'picked' && scope.picked.length > 0) {
    if (handoverClientRows(db, handoverId) === 0) throw new AppError('CLIENT_NOT_FOUND', 'None of the picked clients exists');
  }
  return changed;
}
