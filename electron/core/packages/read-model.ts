import type { Db, Statement } from '../db/database';

/**
 * A read model (issue 18): what a handover package and a closed handover's archive carry of other
 * domains' rows — the handover's clients (handovers: its scope and each client's arrangement; clients:
 * the client's own fields), their documents, and their notices. Only reads; each query says why it joins.
 */

/** The columns of a page of the package's clients, read as arrays (building an object per row costs more than the query). */
export const SCOPE_COLUMNS = ['id', 'code', 'name', 'type', 'industry', 'region', 'city', 'address', 'owner', 'department', 'importance', 'tags',
  'cooperation_start', 'annual_revenue', 'gross_profit', 'currency', 'renewal_rate', 'satisfaction', 'tier', 'notes', 'receiving_owner', 'arrangement', 'negotiation', 'json'] as const;
export type ScopeRow = (string | number | null)[];

/**
 * Joins handover_clients and clients: a page of the handover's included clients, after a client id, with
 * their arrangement in this handover — only the fields of the data categories sent, NULL (notes: blank)
 * otherwise, so what is not sent is never read: the CSV's cells as stored (tags: their JSON list), and
 * the client's own object for clients.json.
 */
export function scopeClientsPage(db: Db, categories: Set<string>, page: number): Statement {
  const value = categories.has('value');
  const v = (column: string) => (value ? `c.${column}` : 'NULL');
  // The client's own object for clients.json, built by SQLite (json_object: cheaper here than a JSON.stringify per field).
  const own = ["'code', c.code", "'name', c.name", "'type', c.type", "'industry', c.industry", "'region', c.region", "'city', c.city", "'address', c.address",
    "'owner', c.owner", "'department', c.department", "'importance', c.importance", "'tags', json(c.tags)", categories.has('notes') ? "'notes', c.notes" : "'notes', ''",
    "'cooperationStart', " + v('cooperation_start'), "'annualRevenue', " + v('annual_revenue'), "'grossProfit', " + v('gross_profit'), "'currency', c.currency",
    "'renewalRate', " + v('renewal_rate'), "'satisfaction', " + v('satisfaction'), ...(value ? ["'tier', c.tier"] : [])];
  return db.prepare(`SELECT c.id, c.code, c.name, c.type, c.industry, c.region, c.city, c.address, c.owner, c.department, c.importance, c.tags,
        ${v('cooperation_start')}, ${v('annual_revenue')}, ${v('gross_profit')}, c.currency, ${v('renewal_rate')}, ${v('satisfaction')}, ${v('tier')},
        ${categories.has('notes') ? 'c.notes' : "''"}, hc.receiving_owner, hc.arrangement, hc.negotiation, json_object(${own.join(', ')})
      FROM handover_clients hc JOIN clients c ON c.id = hc.client_id
      WHERE hc.handover_id = ? AND hc.included = 1 AND hc.client_id > ?
      ORDER BY hc.client_id LIMIT ${page}`).raw();
}

/**
 * Joins documents, handover_clients and clients: the complete documents of the handover's included clients, in client order, with the
 * client's code (their folder). Driven from the documents (CROSS JOIN fixes the order): left to itself SQLite walked the handover's
 * 100,000 clients and looked each one's documents up, about 0.3 s of the window at the start of an export of 8 documents.
 */
export function scopeDocumentRows(db: Db, handoverId: number) {
  return db.prepare(`SELECT d.client_id, c.code, d.id, d.name, d.size, d.sha256 FROM documents d
      CROSS JOIN handover_clients hc ON hc.handover_id = ? AND hc.client_id = d.client_id AND hc.included = 1 JOIN clients c ON c.id = d.client_id
    WHERE d.state = 'complete' ORDER BY d.client_id, d.id`).all(handoverId) as { client_id: number; code: string; id: number; name: string; size: number; sha256: string }[];
}

/** Joins handover_notices and clients: the archive lists each client notice under the client's code. */
export function archivedNotices(db: Db, handoverId: number) {
  return db.prepare(`SELECT c.code, n.status, n.channel, n.sent_on AS sentOn, n.answered_on AS answeredOn, n.sha256, n.decision FROM handover_notices n
    JOIN clients c ON c.id = n.client_id WHERE n.handover_id = ? ORDER BY c.code`).all(handoverId);
}
