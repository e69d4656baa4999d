import { csvLine, money } from '../formats/csv-cell';
import { commitmentCells, commitmentsByClient } from '../compensation/commitments';
import type { Db } from '../db/database';

/**
 * The clients in a handover's scope as its package carries them: the lines
 * of data/clients.json and data/clients.csv, each client's responsibilities
 * and notice for handover.json, and the completeness counts; and the
 * documents to send. Only the data categories the handover sends leave the vault.
 *
 * SQLite builds the JSON itself (json_object; contacts, transactions and
 * communications as ordered json_group_arrays, one grouped range scan per
 * table and page of clients) and hands the CSV cells back flat: no client
 * object is built, parsed and serialised again in JavaScript, which made
 * 100,000 clients cost about nine seconds of an export.
 */
export interface ScopeDocument { clientId: number; clientCode: string; id: number; name: string; size: number; sha256: string }

export interface PackagedScope {
  count: number;
  json: Buffer[];
  csv: Buffer[];
  perClient: { code: string; receivingOwner: string; arrangement: string; negotiation: string; notice: unknown }[];
  /** Fields present, of those the categories sent lead a buyer to expect. */
  present: number;
  /** Whether clients.csv carries the compensation columns (the handover agreed compensation with some client). */
  commitments: boolean;
  expected: number;
}

/** Small pages: an export reads the clients while its documents stream, and each page holds the main thread that long. */
const PAGE = 1000;

/** The columns of a page of clients, read as arrays (building an object per row costs more than the query). */
const COLUMNS = ['id', 'code', 'name', 'type', 'industry', 'region', 'city', 'address', 'owner', 'department', 'importance', 'tags_text', 'cooperation_start',
  'annual_revenue', 'gross_profit', 'currency', 'renewal_rate', 'satisfaction', 'notes', 'receiving_owner', 'arrangement', 'negotiation', 'json'] as const;
const C = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as { [K in (typeof COLUMNS)[number]]: number };
type Row = (string | number | null)[];

/** A client's contacts, aggregated: their JSON, the first one's name and title, every phone and e-mail, and whether any reaches someone. */
type Contacts = [json: string, name: string | null, title: string | null, phones: string | null, emails: string | null, reachable: number];
/** Transactions or communications, aggregated: their JSON and their number. */
type Entries = [json: string, count: number];

/**
 * The client's own fields as one statement per page, and one statement per
 * related table and page: a range scan of its client_id index, grouped by
 * client (a correlated subquery per client would seek each index 100,000 times).
 */
function scopeStatements(db: Db, categories: Set<string>) {
  const has = (c: string) => categories.has(c);
  const own = [
    "'code', c.code", "'name', c.name", "'type', c.type", "'industry', c.industry", "'region', c.region", "'city', c.city", "'address', c.address",
    "'owner', c.owner", "'department', c.department", "'importance', c.importance", "'tags', json(c.tags)", has('notes') ? "'notes', c.notes" : "'notes', ''",
    ...(has('value')
      ? ["'cooperationStart', c.cooperation_start", "'annualRevenue', c.annual_revenue", "'grossProfit', c.gross_profit", "'currency', c.currency",
        "'renewalRate', c.renewal_rate", "'satisfaction', c.satisfaction", "'tier', c.tier"]
      : ["'cooperationStart', NULL", "'annualRevenue', NULL", "'grossProfit', NULL", "'currency', c.currency", "'renewalRate', NULL", "'satisfaction', NULL"]),
  ];
  const range = 'client_id > ? AND client_id <= ?';
  const joined = (field: string) => `group_concat((SELECT group_concat(value, ';' ORDER BY key) FROM json_each(${field})), ';' ORDER BY id)`;
  return {
    clients: db.prepare(`SELECT c.id, c.code, c.name, c.type, c.industry, c.region, c.city, c.address, c.owner, c.department, c.importance,
        (SELECT group_concat(g.value, ';' ORDER BY g.key) FROM json_each(c.tags) g), c.cooperation_start, c.annual_revenue, c.gross_profit, c.currency,
        c.renewal_rate, c.satisfaction, c.notes, hc.receiving_owner, hc.arrangement, hc.negotiation, json_object(${own.join(', ')})
      FROM handover_clients hc JOIN clients c ON c.id = hc.client_id
      WHERE hc.handover_id = ? AND hc.included = 1 AND hc.client_id > ?
      ORDER BY hc.client_id LIMIT ${PAGE}`).raw(),
    contacts: db.prepare(`SELECT client_id,
        json_group_array(json_object('name', name, 'title', title, 'phones', json(phones), 'emails', json(emails)) ORDER BY id),
        json_group_array(name ORDER BY id) ->> 0, json_group_array(title ORDER BY id) ->> 0, ${joined('phones')}, ${joined('emails')},
        max(json_array_length(phones) + json_array_length(emails) > 0)
      FROM client_contacts WHERE ${range} GROUP BY client_id`).raw(),
    transactions: db.prepare(`SELECT client_id, json_group_array(json_object('kind', kind, 'ref', ref, 'date', date, 'amount', amount, 'currency', currency, 'status', status)
        ORDER BY date DESC, id), count(*) FROM client_transactions WHERE ${range} GROUP BY client_id`).raw(),
    communications: db.prepare(`SELECT client_id, json_group_array(json_object('date', date, 'channel', channel, 'summary', summary, 'byUser', by_user)
        ORDER BY date DESC, id), count(*) FROM client_communications WHERE ${range} GROUP BY client_id`).raw(),
    notices: db.prepare(`SELECT client_id, json_object('status', status, 'channel', channel, 'sent_on', sent_on, 'answered_on', answered_on, 'sha256', sha256)
      FROM handover_notices WHERE handover_id = ? AND ${range}`).raw(),
  };
}

/** Rows keyed by their first column (a client id), the rest kept. */
function keyed<T extends unknown[]>(rows: unknown[][]): Map<number, T> {
  const m = new Map<number, T>();
  for (const r of rows) m.set(r[0] as number, r.slice(1) as T);
  return m;
}

/** The completeness checks of one client for the categories sent: [present, expected]. */
function completeness(r: Row, reachable: boolean, transactions: number, communications: number, categories: Set<string>, documents: number): [number, number] {
  const checks: boolean[] = [];
  if (categories.has('basic')) checks.push(...[C.name, C.industry, C.region, C.city, C.address, C.owner].map((c) => (r[c] as string).trim() !== ''));
  if (categories.has('contacts')) checks.push(reachable);
  if (categories.has('transactions')) checks.push(transactions > 0);
  if (categories.has('notes')) checks.push((r[C.notes] as string).trim() !== '' || communications > 0);
  if (categories.has('value')) checks.push(...[C.annual_revenue, C.gross_profit, C.renewal_rate, C.satisfaction].map((c) => r[c] !== null));
  if (categories.has('documents')) checks.push(documents > 0);
  return [checks.filter(Boolean).length, checks.length];
}

/**
 * Read the scope a page at a time (`between` runs after each page: progress,
 * cancel, a turn of the event loop). The CSV carries what the JSON carries:
 * blank value fields, contacts and notes when those categories are not sent.
 */
export async function packageScope(db: Db, handoverId: number, categories: Set<string>, documents: ScopeDocument[], between: () => Promise<void>): Promise<PackagedScope> {
  const st = scopeStatements(db, categories);
  const documentsOf = new Map<number, number>();
  for (const d of documents) documentsOf.set(d.clientId, (documentsOf.get(d.clientId) ?? 0) + 1);
  const has = (c: string) => categories.has(c);
  const value = has('value');
  const none = new Map<number, Entries>();
  const promised = commitmentsByClient(db, handoverId);
  const out: PackagedScope = { count: 0, json: [], csv: [], perClient: [], present: 0, expected: 0, commitments: promised.size > 0 };
  for (let after = 0; ;) {
    const rows = st.clients.all(handoverId, after) as Row[];
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]![C.id] as number;
    // Contacts are read for completeness even when they are not sent (whether the client can be reached).
    const contacts = keyed<Contacts>(st.contacts.all(after, last) as unknown[][]);
    const transactions = has('transactions') ? keyed<Entries>(st.transactions.all(after, last) as unknown[][]) : none;
    const communications = has('notes') ? keyed<Entries>(st.communications.all(after, last) as unknown[][]) : none;
    const notices = keyed<[string]>(st.notices.all(handoverId, after, last) as unknown[][]);
    let json = '';
    let csv = '';
    for (const r of rows) {
      const id = r[C.id] as number;
      const code = r[C.code] as string;
      const k = has('contacts') ? contacts.get(id) : undefined;
      const t = transactions.get(id);
      const m = communications.get(id);
      // The client's own object, closed after the arrays the categories add.
      const owed = promised.get(id);
      const arrays = `,"contacts":${k?.[0] ?? '[]'}${has('transactions') ? `,"transactions":${t?.[0] ?? '[]'}` : ''}${has('notes') ? `,"communications":${m?.[0] ?? '[]'}` : ''}${
        owed ? `,"commitments":${JSON.stringify(owed)}` : ''}}`;
      json += `${out.count === 0 ? '[\n' : ',\n'}${(r[C.json] as string).slice(0, -1)}${arrays}`;
      out.count++;
      csv += csvLine([
        ...r.slice(C.code, C.tags_text), r[C.tags_text] ?? '', value ? r[C.cooperation_start] : null, value ? money(r[C.annual_revenue] as number | null) : '',
        value ? money(r[C.gross_profit] as number | null) : '', r[C.currency], value ? r[C.renewal_rate] : null, value ? r[C.satisfaction] : null,
        k?.[1], k?.[2], k?.[3] ?? '', k?.[4] ?? '', has('notes') ? r[C.notes] : '', ...(out.commitments ? commitmentCells(owed) : []),
      ]);
      const notice = notices.get(id)?.[0];
      out.perClient.push({ code, receivingOwner: r[C.receiving_owner] as string, arrangement: r[C.arrangement] as string, negotiation: r[C.negotiation] as string, notice: notice ? JSON.parse(notice) : null });
      const [p, e] = completeness(r, contacts.get(id)?.[5] === 1, t?.[1] ?? 0, m?.[1] ?? 0, categories, documentsOf.get(id) ?? 0);
      out.present += p;
      out.expected += e;
    }
    out.json.push(Buffer.from(json));
    out.csv.push(Buffer.from(csv));
    after = last;
    await between();
  }
  out.json.push(Buffer.from(out.count ? '\n]\n' : '[]\n'));
  return out;
}

/**
 * The documents a package sends (none unless the documents category is),
 * in client order, each named uniquely within its client's folder.
 */
export function scopeDocuments(db: Db, handoverId: number, categories: Set<string>): ScopeDocument[] {
  if (!categories.has('documents')) return [];
  const rows = db.prepare(`SELECT d.client_id, c.code, d.id, d.name, d.size, d.sha256 FROM documents d
      JOIN handover_clients hc ON hc.client_id = d.client_id AND hc.handover_id = ? AND hc.included = 1 JOIN clients c ON c.id = d.client_id
    WHERE d.state = 'complete' ORDER BY d.client_id, d.id`).all(handoverId) as { client_id: number; code: string; id: number; name: string; size: number; sha256: string }[];
  const out: ScopeDocument[] = [];
  let used = new Set<string>();
  for (const [i, d] of rows.entries()) {
    if (i === 0 || rows[i - 1]!.client_id !== d.client_id) used = new Set();
    let name = d.name;
    for (let n = 2; used.has(name); n++) name = `${n}-${d.name}`;
    used.add(name);
    out.push({ clientId: d.client_id, clientCode: d.code, id: d.id, name, size: d.size, sha256: d.sha256 });
  }
  return out;
}
