import type { Db } from '../db/database';

/**
 * Clients as other domains pick them: a handover's scope (a condition over the clients, alias `c`,
 * built by handovers/scope.ts) and a data-room session's list of clients. The SQL on the clients table
 * stays here (issue 18); a domain that writes its own rows from a selection gets the selecting
 * statement as text (`clientIdsWhere`) and runs it inside its own, so 100,000 ids never cross into JS.
 */
export interface SqlCondition { sql: string; params: (string | number)[] }

/** The ids of the clients meeting `where` (over alias `c`), as a sub-select for another store's statement. */
export function clientIdsWhere(where: SqlCondition): SqlCondition {
  return { sql: `SELECT c.id FROM clients c WHERE ${where.sql}`, params: where.params };
}

/** How many clients meet `where`, and their annual revenue summed per currency (largest first). */
export function countAndRevenueWhere(db: Db, where: SqlCondition): { currency: string; n: number; amount: number | null }[] {
  return db.prepare(`SELECT c.currency AS currency, count(*) AS n, sum(c.annual_revenue) AS amount FROM clients c WHERE ${where.sql} GROUP BY c.currency ORDER BY amount DESC`)
    .all(...where.params) as { currency: string; n: number; amount: number | null }[];
}

/** A client that exists and is not archived (one that may join a handover). */
export function isActiveClient(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM clients WHERE id = ? AND archived = 0').get(id) !== undefined;
}

export function clientCodeAndName(db: Db, id: number): { code: string; name: string } | undefined {
  return db.prepare('SELECT code, name FROM clients WHERE id = ?').get(id) as { code: string; name: string } | undefined;
}

/** A page of the given clients (live ones), by code, matching `text` in name, code or city when given. */
export function pageOfClientsAmong(db: Db, ids: readonly number[], text: string, offset: number, limit: number) {
  const like = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const where = `c.id IN (SELECT value FROM json_each(?)) AND c.archived = 0${text ? " AND (c.name LIKE ? ESCAPE '\\' OR c.code LIKE ? ESCAPE '\\' OR c.city LIKE ? ESCAPE '\\')" : ''}`;
  const params = [JSON.stringify(ids), ...(text ? [like, like, like] : [])];
  const total = db.prepare(`SELECT count(*) FROM clients c WHERE ${where}`).pluck().get(...params) as number;
  const rows = db.prepare(`SELECT c.id, c.code, c.name, c.region, c.industry, c.city FROM clients c WHERE ${where} ORDER BY c.code LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as { id: number; code: string; name: string; region: string; industry: string; city: string }[];
  return { total, rows };
}
