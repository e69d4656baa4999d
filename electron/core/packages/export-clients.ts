import { csvLine, money } from '../formats/csv-cell';
import { COMMITMENTS_CSV, commitmentCells, commitmentsByClient, commitmentsCsv, packageClientsCsvHeader } from '../compensation/commitments';
import { relatedJsonStatements } from '../clients/related-json-store';
import type { Db } from '../db/database';
import { noticeJsonStatement } from '../handovers/notice-store';
import { SCOPE_COLUMNS, scopeClientsPage, scopeDocumentRows, type ScopeRow } from './read-model';

/**
 * The clients in a handover's scope as its package carries them: the lines
 * of data/clients.json and data/clients.csv, each client's responsibilities
 * and notice for handover.json, and the completeness counts; and the
 * documents to send. Only the data categories the handover sends leave the vault.
 *
 * Each page of clients and each related table is read in one range scan.
 * SQLite builds each client's own JSON object and the transactions' and
 * communications' arrays (json_object, json_group_array); the contacts come
 * as rows, joined here (their five ordered aggregates sorted every client's
 * group: four times the cost), and the CSV cells are the columns as read:
 * no client object is built, parsed and serialised again, which made 100,000
 * clients cost about nine seconds of an export.
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

/** Pages of a thousand clients: each related table is read in one grouped range scan per page, and each page's text is one buffer. */
const PAGE = 1000;

const C = Object.fromEntries(SCOPE_COLUMNS.map((c, i) => [c, i])) as { [K in (typeof SCOPE_COLUMNS)[number]]: number };

/** A page's contacts of one client: their JSON objects (comma-separated), the first one's name and title, every phone and e-mail, and whether any reaches someone. */
interface Contacts { json: string; name: string; title: string; phones: string[]; emails: string[]; reachable: boolean }
/** Transactions or communications, aggregated: their JSON and their number. */
type Entries = [json: string, count: number];

/** One statement for a page of clients, and one per related table and page (range scans, see related-json-store.ts). */
function scopeStatements(db: Db, categories: Set<string>) {
  return { clients: scopeClientsPage(db, categories, PAGE), ...relatedJsonStatements(db), notices: noticeJsonStatement(db) };
}

/** Rows keyed by their first column (a client id), the rest kept. */
function keyed<T extends unknown[]>(rows: unknown[][]): Map<number, T> {
  const m = new Map<number, T>();
  for (const r of rows) m.set(r[0] as number, r.slice(1) as T);
  return m;
}

/** JSON text of a string or a list of strings (JSON.stringify, typed for what is read here). */
const q = JSON.stringify as (v: string | readonly string[]) => string;
/** A stored JSON list of strings (tags, phones, e-mails). */
const list = (text: string): string[] => (text === '[]' ? [] : (JSON.parse(text) as string[]));

/** A page's contact rows (client id, name, title, phones, e-mails; in client then contact order) by client. */
function contactsByClient(rows: unknown[][]): Map<number, Contacts> {
  const m = new Map<number, Contacts>();
  for (const [id, name, title, phonesText, emailsText] of rows as [number, string, string, string, string][]) {
    const phones = list(phonesText);
    const emails = list(emailsText);
    const json = `{"name":${q(name)},"title":${q(title)},"phones":${q(phones)},"emails":${q(emails)}}`;
    const k = m.get(id);
    if (!k) {
      m.set(id, { json, name, title, phones, emails, reachable: phones.length + emails.length > 0 });
      continue;
    }
    k.json += `,${json}`;
    k.phones.push(...phones);
    k.emails.push(...emails);
    k.reachable ||= phones.length + emails.length > 0;
  }
  return m;
}

const BASIC_FIELDS = [C.name, C.industry, C.region, C.city, C.address, C.owner];
const VALUE_FIELDS = [C.annual_revenue, C.gross_profit, C.renewal_rate, C.satisfaction];

/** The completeness checks of one client for the categories sent: [present, expected]. */
function completeness(r: ScopeRow, reachable: boolean, transactions: number, communications: number, categories: Set<string>, documents: number): [number, number] {
  let present = 0;
  let expected = 0;
  if (categories.has('basic')) {
    for (const c of BASIC_FIELDS) if ((r[c] as string).trim() !== '') present++;
    expected += BASIC_FIELDS.length;
  }
  if (categories.has('value')) {
    for (const c of VALUE_FIELDS) if (r[c] !== null) present++;
    expected += VALUE_FIELDS.length;
  }
  for (const [category, ok] of [['contacts', reachable], ['transactions', transactions > 0], ['notes', (r[C.notes] as string).trim() !== '' || communications > 0], ['documents', documents > 0]] as const) {
    if (!categories.has(category)) continue;
    expected++;
    if (ok) present++;
  }
  return [present, expected];
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
  const none = new Map<number, Entries>();
  const promised = commitmentsByClient(db, handoverId);
  const out: PackagedScope = { count: 0, json: [], csv: [], perClient: [], present: 0, expected: 0, commitments: promised.size > 0 };
  for (let after = 0; ;) {
    const rows = st.clients.all(handoverId, after) as ScopeRow[];
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]![C.id] as number;
    // Contacts are read for completeness even when they are not sent (whether the client can be reached).
    const contacts = contactsByClient(st.contactRows.all(after, last) as unknown[][]);
    const transactions = has('transactions') ? keyed<Entries>(st.transactions.all(after, last) as unknown[][]) : none;
    const communications = has('notes') ? keyed<Entries>(st.communications.all(after, last) as unknown[][]) : none;
    const notices = keyed<[string]>(st.notices.all(handoverId, after, last) as unknown[][]);
    let json = '';
    let csv = '';
    for (const r of rows) {
      const id = r[C.id] as number;
      const code = r[C.code] as string;
      const tags = list(r[C.tags] as string);
      const reach = contacts.get(id);
      const k = has('contacts') ? reach : undefined;
      const t = transactions.get(id);
      const m = communications.get(id);
      // The client's own object, closed after the arrays the categories add.
      const owed = promised.get(id);
      const arrays = `,"contacts":[${k?.json ?? ''}]${has('transactions') ? `,"transactions":${t?.[0] ?? '[]'}` : ''}${has('notes') ? `,"communications":${m?.[0] ?? '[]'}` : ''}${
        owed ? `,"commitments":${JSON.stringify(owed)}` : ''}}`;
      json += `${out.count === 0 ? '[\n' : ',\n'}${(r[C.json] as string).slice(0, -1)}${arrays}`;
      out.count++;
      csv += csvLine([
        ...r.slice(C.code, C.tags), tags.join(';'), r[C.cooperation_start], money(r[C.annual_revenue] as number | null), money(r[C.gross_profit] as number | null),
        r[C.currency], r[C.renewal_rate], r[C.satisfaction], k?.name, k?.title, k?.phones.join(';') ?? '', k?.emails.join(';') ?? '', r[C.notes],
        ...(out.commitments ? commitmentCells(owed) : []),
      ]);
      const notice = notices.get(id)?.[0];
      out.perClient.push({ code, receivingOwner: r[C.receiving_owner] as string, arrangement: r[C.arrangement] as string, negotiation: r[C.negotiation] as string, notice: notice ? JSON.parse(notice) : null });
      const [p, e] = completeness(r, reach?.reachable === true, t?.[1] ?? 0, m?.[1] ?? 0, categories, documentsOf.get(id) ?? 0);
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

/** What the package's clients' text is made from, besides the vault: all of it plain data, so a worker thread can be given it. */
export interface ClientsTextInput {
  handoverId: number;
  categories: string[];
  documents: ScopeDocument[];
  /** handover.json but its clients and completeness: the plan, notice figures, approvals and NDAs, read on the main thread. */
  handover: Record<string, unknown>;
}

/** The payload files of the clients' text, each as the pieces it was made in. */
export interface ClientsText {
  files: { path: string; parts: Buffer[] }[];
  count: number;
  /** Fields present of those expected, rounded to 0.001 (1 with nothing expected). */
  completeness: number;
}

/**
 * Every payload file the package's clients make: clients.json, clients.csv, commitments.csv and
 * handover.json (with each client's responsibilities and notice). Run on the package-clients worker
 * thread (workers/package-clients.ts), so 100,000 clients' text never holds the main thread.
 */
export async function packageClientsText(db: Db, input: ClientsTextInput): Promise<ClientsText> {
  const scope = await packageScope(db, input.handoverId, new Set(input.categories), input.documents, async () => undefined);
  const completeness = scope.expected ? Math.round((scope.present / scope.expected) * 1000) / 1000 : 1;
  const handoverJson = { ...input.handover, clients: scope.perClient, completeness };
  return {
    count: scope.count,
    completeness,
    files: [
      { path: 'data/clients.json', parts: scope.json },
      { path: 'data/clients.csv', parts: [Buffer.from(packageClientsCsvHeader(scope.commitments)), ...scope.csv] },
      { path: COMMITMENTS_CSV, parts: [commitmentsCsv(db, input.handoverId)] },
      { path: 'data/handover.json', parts: [Buffer.from(JSON.stringify(handoverJson, null, 1))] },
    ],
  };
}

/**
 * The documents a package sends (none unless the documents category is),
 * in client order, each named uniquely within its client's folder.
 */
export function scopeDocuments(db: Db, handoverId: number, categories: Set<string>): ScopeDocument[] {
  if (!categories.has('documents')) return [];
  const rows = scopeDocumentRows(db, handoverId);
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
