import type { HandoverScope } from '../../../shared/contract/handovers';
import { AppError } from '../../../shared/errors';
import { scopeSql, type UserAccess } from '../roles/authz';
import type { Db } from '../db/database';

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
 * are counted when the scope is saved, see personalCounts).
 */
export function measureScope(db: Db, scope: HandoverScope, access: UserAccess) {
  const w = scopeWhere(scope, access);
  const rows = db.prepare(`SELECT c.currency AS currency, count(*) AS n, sum(c.annual_revenue) AS amount FROM clients c WHERE ${w.sql} GROUP BY c.currency ORDER BY amount DESC`)
    .all(...w.params) as { currency: string; n: number; amount: number | null }[];
  const revenue = rows.filter((r) => r.amount !== null).map((r) => ({ currency: r.currency, amount: r.amount! }));
  return { count: rows.reduce((a, r) => a + r.n, 0), revenue: access.masked.has('amounts') ? null : revenue };
}

/**
 * Bring the handover's client list to the scope: clients that left it go,
 * new ones come in; clients excluded with a reason (an objection, a decision)
 * stay excluded. Returns how many rows changed.
 */
export function materializeScope(db: Db, handoverId: number, scope: HandoverScope, access: UserAccess): number {
  const w = scopeWhere(scope, access);
  const removed = db.prepare(`DELETE FROM handover_clients WHERE handover_id = ? AND included = 1 AND client_id NOT IN (SELECT c.id FROM clients c WHERE ${w.sql})`)
    .run(handoverId, ...w.params).changes;
  const added = db.prepare(`INSERT OR IGNORE INTO handover_clients (handover_id, client_id) SELECT ?, c.id FROM clients c WHERE ${w.sql}`)
    .run(handoverId, ...w.params).changes;
  if (scope.mode === 'picked' && scope.picked.length > 0) {
    const found = db.prepare('SELECT count(*) FROM handover_clients WHERE handover_id = ?').pluck().get(handoverId) as number;
    if (found === 0) throw new AppError('CLIENT_NOT_FOUND', 'None of the picked clients exists');
  }
  return removed + added;
}

/** Individuals and sensitive records (transactions of individual clients) in a handover's included clients. */
export function personalCounts(db: Db, handoverId: number): { individuals: number; sensitive: number } {
  const inc = 'SELECT client_id FROM handover_clients WHERE handover_id = ? AND included = 1';
  const people = db.prepare(`SELECT count(*) FROM clients WHERE type = 'individual' AND id IN (${inc})`).pluck().get(handoverId) as number;
  const contacts = db.prepare(`SELECT count(*) FROM client_contacts WHERE client_id IN (${inc})`).pluck().get(handoverId) as number;
  const sensitive = db.prepare(`SELECT count(*) FROM client_transactions t JOIN clients c ON c.id = t.client_id WHERE c.type = 'individual' AND t.client_id IN (${inc})`)
    .pluck().get(handoverId) as number;
  return { individuals: people + contacts, sensitive };
}
