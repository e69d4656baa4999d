import type { ClientPage, ClientRow } from '../../../shared/contract/clients';
import { clientQuerySchema, type ClientQuery } from '../../../shared/contract/clients';
import type { ClientFilter } from '../../../shared/contract/clients-bulk';
import { cached, type Db } from '../db/database';
import type { IndexColumn } from '../formats/client-index-text';
import { searchQuery } from '../formats/search-tokens';
import type { ScopeColumns } from '../roles/authz';
import { rankedPage, requestRanks, scopeCheck, type RankedColumn } from './rank-store';

/**
 * A text search looks at most this many matches before filters and sorting; beyond it the list says
 * "more than 1,000, refine". Sorting 5,000 matches by name cost about 10 ms a keystroke, 1,000 about 3.
 */
export const SEARCH_CAP = 1000;

const SORT_SQL: Record<string, string> = {
  // Chinese names by pinyin with numbers in natural order (formats/pinyin.ts), not by character code.
  name: 'c.name_sort', code: 'c.code', region: 'c.region', industry: 'c.industry', owner: 'c.owner', annualRevenue: 'c.annual_revenue',
  valueScore: 'c.value_score',
};
const RANKED: Record<string, RankedColumn> = {
  name: 'name_sort', code: 'code', region: 'region', industry: 'industry', owner: 'owner', annualRevenue: 'annual_revenue', valueScore: 'value_score',
};

/**
 * List or search. With text, the FTS index is asked once for at most
 * SEARCH_CAP + 1 ids (`capped` tells the UI to narrow the query); filters,
 * counting and sorting then touch only ids and the sort column, and the
 * visible page alone is read in full (with its first contact).
 */
export interface SqlFilter {
  sql: string;
  params: (string | number)[];
  /** Groups of values that must also appear in the indexed text (OR within a group, AND across). */
  textGroups?: string[][];
  /** The same filter as columns and values when it can be put so (roles/authz.ts ScopeColumns). */
  columns?: ScopeColumns | null;
}

/** Narrow a text match to rows whose indexed text holds one value of each group (a superset of the scope). */
function narrowMatch(match: string, text: string, groups: string[][] | undefined): string {
  let out = match;
  for (const group of groups ?? []) {
    // A search for the scope's own value (华东 by a 华东 user) gains nothing from asking twice.
    if (group.some((v) => text.includes(v) || v.includes(text.trim()))) continue;
    const alts = group.map((v) => searchQuery(v));
    if (alts.some((a) => a === null)) continue;
    out = `(${out}) AND (${alts.map((a) => `(${a})`).join(' OR ')})`;
  }
  return out;
}

/** The match held to the index's other columns when some are hidden from the caller (clients/masked-search.ts). */
function withoutColumns(match: string, hidden: readonly IndexColumn[]): string {
  return hidden.length ? `- {${hidden.join(' ')}} : (${match})` : match;
}

/**
 * The first SEARCH_CAP + 1 index matches in the scope, in the index's order. The scope is checked
 * from the ranks in memory while the index is read when they are fresh (rank-store.ts: about 0.1 µs
 * a match instead of a seek into the clients table), by SQL otherwise.
 */
function scopedMatches(db: Db, match: string, scope: SqlFilter): number[] {
  const inScope = scope.columns ? scopeCheck(db, scope.columns) : null;
  if (!inScope) {
    return cached(db, `SELECT s.rowid FROM client_search s CROSS JOIN clients c INDEXED BY clients_lookup ON c.id = s.rowid WHERE client_search MATCH ? AND ${scope.sql} LIMIT ?`)
      .pluck().all(match, ...scope.params, SEARCH_CAP + 1) as number[];
  }
  const ids: number[] = [];
  for (const id of cached(db, 'SELECT rowid FROM client_search WHERE client_search MATCH ?').pluck().iterate(match) as IterableIterator<number>) {
    if (!inScope(id)) continue;
    ids.push(id);
    if (ids.length > SEARCH_CAP) break;
  }
  return ids;
}

export function searchClients(db: Db, raw: ClientQuery, scope: SqlFilter | null = null, hidden: readonly IndexColumn[] = []): ClientPage {
  const q = clientQuerySchema.parse(raw);
  const where: string[] = [];
  const params: (string | number)[] = [];
  let capped = false;
  let matched: number[] = [];
  const match = searchQuery(q.text);
  const none = { total: 0, capped: false, rows: [], masked: [] };
  if (q.text.trim() && !match) return none;
  if (match) {
    // A scoped user's cap counts only clients in their scope, so "more than N matches" never hints at
    // clients they cannot see: the scope is applied while the index is read (index first, then each row,
    // through the narrow covering index that holds region, industry and owner). Masked fields are not
    // searched at all, so neither the list nor the cap hints at them.
    let ids = scope ? scopedMatches(db, withoutColumns(narrowMatch(match, q.text, scope.textGroups), hidden), scope)
      : cached(db, 'SELECT rowid FROM client_search WHERE client_search MATCH ? LIMIT ?').pluck().all(withoutColumns(match, hidden), SEARCH_CAP + 1) as number[];
    if (ids.length === 0) return none;
    capped = ids.length > SEARCH_CAP;
    if (capped) ids = ids.slice(0, SEARCH_CAP);
    matched = ids;
    where.push('c.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(ids));
  }
  const filters = [['region', q.region], ['industry', q.industry], ['owner', q.owner], ['type', q.type], ['tier', q.tier]] as const;
  // A text search with no filter of its own (its ids already held to the scope) is ordered and counted
  // from the ranks in memory (rank-store.ts); the same page as the SQL below, without a second pass.
  if (match && !q.tag && filters.every(([, v]) => !v)) {
    const page = rankedPage(db, matched, RANKED[q.sort]!, q.order === 'desc', q.includeArchived, q.offset, q.limit);
    if (page) return pageOf(db, capped ? SEARCH_CAP : page.total, capped, page.pageIds);
    requestRanks(db, [RANKED[q.sort]!, ...(scope?.columns ?? []).map((c) => c.column)]);
  }
  listConditions(q, scope, where, params);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // With a text match, the ids drive the query: the unary + keeps the planner from walking the
  // whole sort-column index in order and testing each of 100,000 rows against a short id list.
  const sortExpr = `${match ? '+' : ''}${SORT_SQL[q.sort]}`;
  const orderSql = `ORDER BY ${sortExpr} ${q.order === 'desc' ? 'DESC' : 'ASC'}, c.id LIMIT ? OFFSET ?`;
  let total: number;
  let pageIds: number[];
  if (capped) {
    // Past the cap the UI says "more than N, refine the search": no exact count is shown, so none is made.
    total = SEARCH_CAP;
    pageIds = cached(db, `SELECT c.id FROM clients c ${whereSql} ${orderSql}`).pluck().all(...params, q.limit, q.offset) as number[];
  } else if (match) {
    // A short id list: counted and paged in one pass over it (a window count) instead of two.
    const rows = cached(db, `SELECT c.id, count(*) OVER () AS total FROM clients c ${whereSql} ${orderSql}`).all(...params, q.limit, q.offset) as { id: number; total: number }[];
    pageIds = rows.map((r) => r.id);
    total = rows[0]?.total ?? (q.offset > 0 ? (cached(db, `SELECT count(*) FROM clients c ${whereSql}`).pluck().get(...params) as number) : 0);
  } else {
    total = cached(db, `SELECT count(*) FROM clients c ${whereSql}`).pluck().get(...params) as number;
    pageIds = cached(db, `SELECT c.id FROM clients c ${whereSql} ${orderSql}`).pluck().all(...params, q.limit, q.offset) as number[];
  }
  return pageOf(db, total, capped, pageIds);
}

/** The visible page read in full, in the order of pageIds, each row with its first contact. */
function pageOf(db: Db, total: number, capped: boolean, pageIds: number[]): ClientPage {
  if (pageIds.length === 0) return { total, capped, rows: [], masked: [] };
  const ids = JSON.stringify(pageIds);
  const found = cached(
    db,
    `SELECT c.id, c.code, c.name, c.type, c.industry, c.region, c.city, c.owner, c.importance, c.annual_revenue, c.currency, c.archived,
       c.tier, c.value_score FROM clients c WHERE c.id IN (SELECT value FROM json_each(?))`,
  ).all(ids) as (Omit<ClientRow, 'annualRevenue' | 'archived' | 'contact' | 'phone'> & { annual_revenue: number | null; archived: number; value_score: number | null })[];
  // Each row's first contact, for the whole page in one read.
  const firstContact = new Map<number, { name: string; phones: string }>();
  for (const k of cached(db, 'SELECT client_id, name, phones FROM client_contacts WHERE client_id IN (SELECT value FROM json_each(?)) ORDER BY client_id, id').all(ids) as { client_id: number; name: string; phones: string }[]) {
    if (!firstContact.has(k.client_id)) firstContact.set(k.client_id, k);
  }
  const byId = new Map(found.map((r) => [r.id, { ...r, contact: firstContact.get(r.id)?.name ?? null, phones: firstContact.get(r.id)?.phones ?? null }]));
  return {
    total,
    capped,
    masked: [],
    rows: pageIds.map((id) => byId.get(id)!).map((r) => ({
      id: r.id, code: r.code, name: r.name, type: r.type, industry: r.industry, region: r.region, city: r.city, owner: r.owner,
      importance: r.importance, contact: r.contact ?? '', phone: r.phones ? ((JSON.parse(r.phones) as string[])[0] ?? '') : '',
      annualRevenue: r.annual_revenue, currency: r.currency, archived: r.archived === 1, tier: r.tier, valueScore: r.value_score,
    })),
  };
}

/**
 * One slice of the search index's pages (FTS5 segment blocks, about 33 MB for 100,000 clients), read
 * into the page cache after unlock a slice at a time: a first search for a common bigram otherwise
 * decrypts its pages then, 10-25 ms instead of 2-4. Returns where to go on from, or null when done.
 */
export function warmSearchSlice(db: Db, after: number, rows = 256): number | null {
  const ids = cached(db, 'SELECT id, block FROM client_search_data WHERE id > ? ORDER BY id LIMIT ?').raw().all(after, rows) as [number, Buffer][];
  return ids.length < rows ? null : ids[ids.length - 1]![0];
}

/** Read the list's index once after unlock so the first searches do not wait on disk and decryption. */
export function warmClientCache(db: Db): void {
  db.prepare('SELECT count(*), max(name), max(annual_revenue) FROM clients INDEXED BY clients_lookup').get();
  db.prepare('SELECT count(*) FROM clients WHERE archived = 0').get();
}

export function clientFacets(db: Db, scope: SqlFilter | null = null) {
  const and = scope ? ` AND ${scope.sql}` : '';
  const p = scope?.params ?? [];
  const distinct = (col: string) =>
    (db.prepare(`SELECT DISTINCT c.${col} AS v FROM clients c WHERE c.${col} != '' AND c.archived = 0${and} ORDER BY 1 LIMIT 500`).all(...p) as { v: string }[]).map((r) => r.v);
  const tags = (db.prepare(`SELECT DISTINCT j.value AS v FROM clients c, json_each(c.tags) j WHERE c.archived = 0${and} ORDER BY 1 LIMIT 500`).all(...p) as { v: string }[]).map((r) => r.v);
  const total = (db.prepare(`SELECT count(*) AS n FROM clients c WHERE c.archived = 0${and}`).get(...p) as { n: number }).n;
  return { regions: distinct('region'), industries: distinct('industry'), owners: distinct('owner'), tags, total };
}

/**
 * The list's conditions besides its text — filters, tag, archived, the caller's scope — written once, for the
 * list's pages and for 选择全部 N 个符合条件的客户 (matching-store.ts), so both always find the same clients.
 */
export function listConditions(q: Omit<ClientFilter, 'text'>, scope: SqlFilter | null, where: string[], params: (string | number)[]): void {
  for (const [col, value] of [['region', q.region], ['industry', q.industry], ['owner', q.owner], ['type', q.type], ['tier', q.tier]] as const) {
    if (value) {
      where.push(`c.${col} = ?`);
      params.push(value);
    }
  }
  if (q.tag) {
    where.push('EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = ?)');
    params.push(q.tag);
  }
  if (!q.includeArchived) where.push('c.archived = 0');
  if (scope) {
    where.push(scope.sql);
    params.push(...scope.params);
  }
}
