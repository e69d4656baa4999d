import type { CheckedIdKind } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { scopeSql, type UserAccess } from './authz';
import type { Db } from '../db/database';

/**
 * Which ids exist for a user: the lookups behind the router's scope check.
 *
 * A handover is visible to a scoped user when at least one client it holds
 * lies in their scope (or it holds none yet): regional staff work on their
 * clients of a national handover. Its client lists, notices, data-room
 * sessions and compensation show them only their clients; its totals
 * (counts, revenue) are the handover's.
 * Data-room sessions and questions are visible with their handover, except
 * questions about a client (or its document) outside the scope.
 */
export function idsInScope(db: Db, access: UserAccess, kind: CheckedIdKind, ids: readonly (number | string)[]): boolean {
  const list = JSON.stringify([...new Set(ids)]);
  const wanted = new Set(ids).size;
  const scope = scopeSql(access);
  const and = scope ? ` AND ${scope.sql}` : '';
  const params = scope?.params ?? [];
  const count = (sql: string, ...extra: (string | number)[]) => db.prepare(sql).pluck().get(list, ...extra) as number;
  switch (kind) {
    case 'client':
      return count(`SELECT count(*) FROM clients c WHERE c.id IN (SELECT value FROM json_each(?))${and}`, ...params) === wanted;
    case 'document':
      return count(`SELECT count(*) FROM documents d JOIN clients c ON c.id = d.client_id
        WHERE d.id IN (SELECT value FROM json_each(?)) AND d.state = 'complete'${and}`, ...params) === wanted;
    case 'handover':
      return handoversVisible(db, access, `SELECT value FROM json_each(?)`, [list], wanted);
    case 'session':
      return count('SELECT count(*) FROM dataroom_sessions WHERE id IN (SELECT value FROM json_each(?))') === wanted
        && handoversVisible(db, access, 'SELECT handover_id FROM dataroom_sessions WHERE id IN (SELECT value FROM json_each(?))', [list]);
    case 'question': {
      // A question about a client (or a client's document) outside the scope does not exist for the user either.
      const about = questionClientsVisibleSql(access);
      return count(`SELECT count(*) FROM dataroom_questions q WHERE q.id IN (SELECT value FROM json_each(?))${about ? ` AND ${about.sql}` : ''}`, ...(about?.params ?? [])) === wanted
        && handoversVisible(db, access, 'SELECT handover_id FROM dataroom_questions WHERE id IN (SELECT value FROM json_each(?))', [list]);
    }
  }
}

/**
 * Whether data-room question `alias` is about a client the user may see: its client, or the
 * client of its document (a question about nothing in particular goes with its handover).
 * Null when the user sees every client.
 */
export function questionClientsVisibleSql(access: UserAccess, alias = 'q'): { sql: string; params: (string | number)[] } | null {
  const scope = scopeSql(access, 'qc');
  if (!scope) return null;
  return {
    sql: `NOT EXISTS (SELECT 1 FROM clients qc WHERE (qc.id = ${alias}.client_id OR qc.id = (SELECT qd.client_id FROM documents qd WHERE qd.id = ${alias}.document_id))
      AND NOT coalesce((${scope.sql}), 0))`,
    params: scope.params,
  };
}

/**
 * Which of these ids exist but lie outside the user's scope: the rows the router
 * drops from a channel's declared output lists (refs.ts `Rows`). A client may be
 * named by code (a string). Ids that do not exist are not reported: a row about
 * a purged client names nothing anyone can see. Unscoped users need no query.
 */
export function idsOutsideScope(db: Db, access: UserAccess, kind: CheckedIdKind, ids: readonly (number | string)[]): Set<number | string> {
  if (access.scopes.length === 0 || ids.length === 0) return new Set();
  const list = JSON.stringify([...new Set(ids)]);
  const pick = (sql: string, params: (string | number)[]) => new Set(db.prepare(sql).pluck().all(list, ...params) as (number | string)[]);
  if (kind === 'client' || kind === 'document') {
    const scope = scopeSql(access)!;
    if (kind === 'document') {
      return pick(`SELECT d.id FROM documents d JOIN clients c ON c.id = d.client_id WHERE d.id IN (SELECT value FROM json_each(?)) AND NOT (${scope.sql})`, scope.params);
    }
    const byCode = ids.some((id) => typeof id === 'string');
    return pick(`SELECT c.${byCode ? 'code' : 'id'} FROM clients c WHERE c.${byCode ? 'code' : 'id'} IN (SELECT value FROM json_each(?)) AND NOT (${scope.sql})`, scope.params);
  }
  const visible = handoverVisibleSql(access)!;
  if (kind === 'handover') return pick(`SELECT h.id FROM handovers h WHERE h.id IN (SELECT value FROM json_each(?)) AND NOT ${visible.sql}`, visible.params);
  if (kind === 'session') {
    return pick(`SELECT x.id FROM dataroom_sessions x JOIN handovers h ON h.id = x.handover_id WHERE x.id IN (SELECT value FROM json_each(?)) AND NOT ${visible.sql}`, visible.params);
  }
  // A question goes with its handover, and with the client (or the client's document) it is about.
  const about = questionClientsVisibleSql(access, 'x')!;
  return pick(`SELECT x.id FROM dataroom_questions x JOIN handovers h ON h.id = x.handover_id WHERE x.id IN (SELECT value FROM json_each(?))
    AND NOT (${visible.sql} AND ${about.sql})`, [...visible.params, ...about.params]);
}

/** The SQL condition "handover `h` is visible to this user", or null when every handover is. */
export function handoverVisibleSql(access: UserAccess, alias = 'h'): { sql: string; params: (string | number)[] } | null {
  const scope = scopeSql(access, 'hc_c');
  if (!scope) return null;
  return {
    sql: `(NOT EXISTS (SELECT 1 FROM handover_clients hc WHERE hc.handover_id = ${alias}.id) OR EXISTS (SELECT 1 FROM handover_clients hc
      JOIN clients hc_c ON hc_c.id = hc.client_id WHERE hc.handover_id = ${alias}.id AND ${scope.sql}))`,
    params: scope.params,
  };
}

/** Whether the handovers chosen by `idsSql` all exist and are visible (at least `wanted` distinct ones when given). */
function handoversVisible(db: Db, access: UserAccess, idsSql: string, idsParams: (string | number)[], wanted?: number): boolean {
  const visible = handoverVisibleSql(access);
  const rows = db.prepare(`SELECT count(*) AS n, coalesce(sum(${visible ? visible.sql : '1'}), 0) AS ok FROM handovers h WHERE h.id IN (${idsSql})`)
    .get(...(visible?.params ?? []), ...idsParams) as { n: number; ok: number };
  return rows.n === rows.ok && (wanted === undefined || rows.n === wanted);
}

/**
 * Whether every client a handover carries (included ones: what a package or an archive would hold)
 * lies in the user's scope. A scoped user works on their part of a wider handover, but what
 * leaves the vault whole, unmasked, is for an account that sees all of it.
 */
export function handoverWhollyInScope(db: Db, access: UserAccess, handoverId: number): boolean {
  const scope = scopeSql(access);
  if (!scope) return true;
  const outside = db.prepare(`SELECT count(*) FROM handover_clients hc JOIN clients c ON c.id = hc.client_id
    WHERE hc.handover_id = ? AND hc.included = 1 AND NOT coalesce((${scope.sql}), 0)`).pluck().get(handoverId, ...scope.params) as number;
  return outside === 0;
}

/** Ids of the handovers this user can see, or null when they see every one. */
export function visibleHandoverIds(db: Db, access: UserAccess): Set<number> | null {
  const visible = handoverVisibleSql(access);
  if (!visible) return null;
  return new Set(db.prepare(`SELECT h.id FROM handovers h WHERE ${visible.sql}`).pluck().all(...visible.params) as number[]);
}

export function inScope(db: Db, access: UserAccess, clientId: number): boolean {
  const scope = scopeSql(access);
  const row = db.prepare(`SELECT 1 FROM clients c WHERE c.id = ?${scope ? ` AND ${scope.sql}` : ''}`).get(clientId, ...(scope?.params ?? []));
  return row !== undefined;
}

/** Out-of-scope clients answer exactly like missing ones (for services that look ids up themselves; the router checks declared ids). */
export function requireInScope(db: Db, access: UserAccess, clientId: number): void {
  if (!inScope(db, access, clientId)) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
}
