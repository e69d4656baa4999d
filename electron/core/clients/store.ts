import type { ClientDetail, ClientDraft } from '../../../shared/contract/clients';
import { cached, type Db, type Statement } from '../db/database';
import { clientSortKey, INDEX_COLUMNS, indexColumns, indexText } from '../formats/client-index-text';

/**
 * The clients domain's tables — clients, client_contacts, client_transactions, client_communications,
 * import_mappings and the client_search index — are read and written here and in search-store.ts and
 * value-store.ts, and nowhere else (issue 18).
 */
export interface ClientRecord {
  id: number;
  code: string;
  name: string;
  type: 'company' | 'individual';
  industry: string;
  region: string;
  city: string;
  address: string;
  owner: string;
  department: string;
  importance: string;
  tags: string;
  cooperation_start: string | null;
  annual_revenue: number | null;
  gross_profit: number | null;
  currency: string;
  renewal_rate: number | null;
  satisfaction: number | null;
  notes: string;
  archived: number;
  created_at: string;
  updated_at: string;
  tier: 'A' | 'B' | 'C' | null;
  value_score: number | null;
}

export function clientParams(d: ClientDraft) {
  return [
    d.code, d.name, d.type, d.industry, d.region, d.city, d.address, d.owner, d.department, d.importance,
    JSON.stringify(d.tags), d.cooperationStart, d.annualRevenue, d.grossProfit, d.currency, d.renewalRate, d.satisfaction, d.notes,
  ];
}

export interface ClientStatements {
  insert: Statement;
  update: Statement;
  insertContact: Statement;
  deleteContacts: Statement;
  insertIndex: Statement;
  deleteIndex: Statement;
}

/** Prepared once per database connection: the import calls these 100,000 times. */
export function clientStatements(db: Db): ClientStatements {
  const p = (sql: string) => db.prepare(sql) as Statement;
  return {
    insert: p(`INSERT INTO clients (code, name, type, industry, region, city, address, owner, department, importance,
      tags, cooperation_start, annual_revenue, gross_profit, currency, renewal_rate, satisfaction, notes, created_at, updated_at, name_sort)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    update: p(`UPDATE clients SET code = ?, name = ?, type = ?, industry = ?, region = ?, city = ?, address = ?, owner = ?,
      department = ?, importance = ?, tags = ?, cooperation_start = ?, annual_revenue = ?, gross_profit = ?, currency = ?,
      renewal_rate = ?, satisfaction = ?, notes = ?, updated_at = ?, name_sort = ? WHERE id = ?`),
    insertContact: p('INSERT INTO client_contacts (client_id, name, title, phones, emails) VALUES (?, ?, ?, ?, ?)'),
    deleteContacts: p('DELETE FROM client_contacts WHERE client_id = ?'),
    insertIndex: p(`INSERT INTO client_search (rowid, ${INDEX_COLUMNS.join(', ')}) VALUES (?, ${INDEX_COLUMNS.map(() => '?').join(', ')})`),
    deleteIndex: p('DELETE FROM client_search WHERE rowid = ?'),
  };
}

function writeContacts(s: ClientStatements, id: number, draft: ClientDraft): void {
  for (const c of draft.contacts) s.insertContact.run(id, c.name, c.title, JSON.stringify(c.phones), JSON.stringify(c.emails));
}

/**
 * Inserts one client with its contacts and search entry. Caller holds the transaction. `derived` is
 * the search text and sort key when they were already made from this draft (the import's worker);
 * the text may come as UTF-8 bytes, which the search index reads as the same text, or be null when
 * the search entry is written elsewhere (a large first import builds the index on its own thread).
 */
export function insertClient(s: ClientStatements, draft: ClientDraft, at: string, derived?: { index: string | Uint8Array | null; sortKey: string }): number {
  const id = Number(s.insert.run(...clientParams(draft), at, at, derived?.sortKey ?? clientSortKey(draft)).lastInsertRowid);
  writeContacts(s, id, draft);
  if (derived?.index !== null) writeIndex(s, id, derived?.index ?? indexText(draft));
  return id;
}

/** One client's entry in the search index: its index text's columns, each in its own. */
const writeIndex = (s: ClientStatements, id: number, text: string | Uint8Array) => s.insertIndex.run(id, ...indexColumns(text));

/** Rewrites one client; `indexed: false` when its search entry is rewritten elsewhere (see insertClient). */
export function updateClient(s: ClientStatements, id: number, draft: ClientDraft, at: string, indexed = true): void {
  s.update.run(...clientParams(draft), at, clientSortKey(draft), id);
  s.deleteContacts.run(id);
  writeContacts(s, id, draft);
  if (!indexed) return;
  s.deleteIndex.run(id);
  writeIndex(s, id, indexText(draft));
}

function toDraft(r: ClientRecord, contacts: ClientDraft['contacts']): ClientDraft {
  return {
    code: r.code, name: r.name, type: r.type, industry: r.industry, region: r.region, city: r.city, address: r.address,
    owner: r.owner, department: r.department, importance: r.importance, tags: JSON.parse(r.tags) as string[],
    cooperationStart: r.cooperation_start, annualRevenue: r.annual_revenue, grossProfit: r.gross_profit, currency: r.currency,
    renewalRate: r.renewal_rate, satisfaction: r.satisfaction, notes: r.notes, contacts,
  };
}

const DETAIL_SQL = {
  client: 'SELECT * FROM clients WHERE id = ?',
  contacts: 'SELECT name, title, phones, emails FROM client_contacts WHERE client_id = ? ORDER BY id',
  transactions: 'SELECT id, kind, ref, date, amount, currency, status FROM client_transactions WHERE client_id = ? ORDER BY date DESC, id',
  communications: 'SELECT id, date, channel, summary, by_user AS byUser FROM client_communications WHERE client_id = ? ORDER BY date DESC, id',
};

type ContactRow = { name: string; title: string; phones: string; emails: string };
const contactOf = (c: ContactRow) => ({ name: c.name, title: c.title, phones: JSON.parse(c.phones) as string[], emails: JSON.parse(c.emails) as string[] });

function contactsOf(db: Db, id: number): ClientDraft['contacts'] {
  return (cached(db, DETAIL_SQL.contacts).all(id) as ContactRow[]).map(contactOf);
}

function assemble(r: ClientRecord, contacts: ClientDraft['contacts'], transactions: ClientDetail['transactions'], communications: ClientDetail['communications']): ClientDetail {
  return {
    ...toDraft(r, contacts),
    id: r.id, archived: r.archived === 1, createdAt: r.created_at, updatedAt: r.updated_at, transactions, communications,
    tier: r.tier, valueScore: r.value_score, masked: [],
  };
}

/**
 * The search index (formats/search-tokens.ts): contentless, full detail for phrases, a prefix index for
 * queries shorter than one n-gram, one column per maskable field (formats/client-index-text.ts).
 */
const CLIENT_SEARCH = `CREATE VIRTUAL TABLE client_search USING fts5(
  ${INDEX_COLUMNS.join(', ')}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='1', detail=full)`;

/** Set while the search index is being rebuilt: a rebuild cut short is started again at the next unlock. */
const REBUILD_PENDING = 'client_search_rebuild';

/**
 * Recompute what is derived from each client at write time — the sort key and the search index, the
 * index's table included (its columns are the current code's, INDEX_COLUMNS) — a thousand clients at a
 * time (migrations 013 and 014 ask for it). The index is contentless: it cannot be read back, so every
 * row is indexed anew. All at once here; the unlock runs it a slice per turn with progress (rebuildPendingSearch).
 */
export function rebuildClientSearch(db: Db): number {
  requireSearchRebuild(db);
  return finishPendingSearch(db);
}

/** Empty the search index (made anew when its columns are not the current ones) and note that it must be filled. */
export function requireSearchRebuild(db: Db): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('client_search')").pluck().all() as string[];
  // Emptied when its columns are the current ones (its settings kept), made anew otherwise.
  if (columns.join() === INDEX_COLUMNS.join()) db.prepare("INSERT INTO client_search (client_search) VALUES ('delete-all')").run();
  else db.exec(`DROP TABLE IF EXISTS client_search; ${CLIENT_SEARCH}`);
  writeSetting(db, REBUILD_PENDING, '1');
}

export const searchRebuildPending = (db: Db): boolean => settingText(db, REBUILD_PENDING) === '1';

/** How many clients a pending rebuild has to index. */
export const clientCount = (db: Db): number => db.prepare('SELECT count(*) FROM clients').pluck().get() as number;

/**
 * Index the thousand clients after id `after` (sort key and search index), in the caller's transaction.
 * Returns the last id done, or null when none was left (the rebuild is then marked done).
 */
export function rebuildSearchSlice(db: Db, after: number): { last: number; count: number } | null {
  const batch = db.prepare('SELECT * FROM clients WHERE id > ? ORDER BY id LIMIT 1000').all(after) as ClientRecord[];
  if (batch.length === 0) {
    db.prepare('DELETE FROM settings WHERE key = ?').run(REBUILD_PENDING);
    return null;
  }
  const s = clientStatements(db);
  const setSort = db.prepare('UPDATE clients SET name_sort = ? WHERE id = ?');
  const contacts = new Map<number, ClientDraft['contacts']>();
  const rows = db.prepare('SELECT client_id, name, title, phones, emails FROM client_contacts WHERE client_id BETWEEN ? AND ? ORDER BY client_id, id')
    .all(batch[0]!.id, batch[batch.length - 1]!.id) as (ContactRow & { client_id: number })[];
  for (const c of rows) contacts.set(c.client_id, [...(contacts.get(c.client_id) ?? []), contactOf(c)]);
  for (const r of batch) {
    const draft = toDraft(r, contacts.get(r.id) ?? []);
    setSort.run(clientSortKey(draft), r.id);
    writeIndex(s, r.id, indexText(draft));
  }
  return { last: batch[batch.length - 1]!.id, count: batch.length };
}

/** A pending rebuild done at once (tests, the CLI's migrate); returns how many clients were indexed. */
export function finishPendingSearch(db: Db): number {
  let count = 0;
  if (!searchRebuildPending(db)) return count;
  for (let after = 0; ;) {
    const slice = rebuildSearchSlice(db, after);
    if (!slice) return count;
    count += slice.count;
    after = slice.last;
  }
}

export function getClient(db: Db, id: number): ClientDetail | null {
  const r = cached(db, DETAIL_SQL.client).get(id) as ClientRecord | undefined;
  if (!r) return null;
  return assemble(r, contactsOf(db, id), cached(db, DETAIL_SQL.transactions).all(id) as ClientDetail['transactions'],
    cached(db, DETAIL_SQL.communications).all(id) as ClientDetail['communications']);
}

export function clientIdByCode(db: Db, code: string): number | null {
  const r = db.prepare('SELECT id FROM clients WHERE code = ?').get(code) as { id: number } | undefined;
  return r?.id ?? null;
}

export function clientCodeById(db: Db, id: number): string | undefined {
  return cached(db, 'SELECT code FROM clients WHERE id = ?').pluck().get(id) as string | undefined;
}

export function setArchived(db: Db, id: number, archived: boolean, at: string): boolean {
  return db.prepare('UPDATE clients SET archived = ?, updated_at = ? WHERE id = ?').run(archived ? 1 : 0, at, id).changes === 1;
}

export function isArchived(db: Db, id: number): boolean {
  return cached(db, 'SELECT archived FROM clients WHERE id = ?').pluck().get(id) === 1;
}

/** The hard delete of one client: its search entry (contentless, so removed by rowid) and the row; the rest cascades. */
export function deleteClient(db: Db, id: number): void {
  db.prepare('DELETE FROM client_search WHERE rowid = ?').run(id);
  db.prepare('DELETE FROM clients WHERE id = ?').run(id);
}

/** Every stored client's code, for the import's duplicate check. */
export function eachClientCode(db: Db): IterableIterator<{ id: number; code: string }> {
  return db.prepare('SELECT id, code FROM clients').iterate() as IterableIterator<{ id: number; code: string }>;
}

/** Every stored contact with its client's name, for the import's name + phone/e-mail duplicate check. */
export function eachClientContact(db: Db): IterableIterator<{ id: number; name: string; phones: string; emails: string }> {
  return db.prepare('SELECT c.id, c.name, k.phones, k.emails FROM clients c JOIN client_contacts k ON k.client_id = c.id')
    .iterate() as IterableIterator<{ id: number; name: string; phones: string; emails: string }>;
}

export function savedMappings(db: Db): { name: string; mapping: string }[] {
  return db.prepare('SELECT name, mapping FROM import_mappings ORDER BY name').all() as { name: string; mapping: string }[];
}

export function upsertMapping(db: Db, name: string, mapping: string, at: string): void {
  db.prepare('INSERT INTO import_mappings (name, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at')
    .run(name, mapping, at);
}

export type TransactionFields = { kind: 'transaction' | 'contract'; ref: string; date: string | null; amount: number | null; currency: string; status: string };
export type CommunicationFields = { date: string; channel: string; summary: string };

export function insertTransaction(db: Db, clientId: number, t: TransactionFields): void {
  db.prepare('INSERT INTO client_transactions (client_id, kind, ref, date, amount, currency, status) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(clientId, t.kind, t.ref, t.date, t.amount, t.currency, t.status);
}

export function insertCommunication(db: Db, clientId: number, m: CommunicationFields, byUser: string): void {
  db.prepare('INSERT INTO client_communications (client_id, date, channel, summary, by_user) VALUES (?, ?, ?, ?, ?)')
    .run(clientId, m.date, m.channel, m.summary, byUser);
}

export function updateTransactionRow(db: Db, clientId: number, id: number, t: TransactionFields): void {
  db.prepare('UPDATE client_transactions SET kind = ?, ref = ?, date = ?, amount = ?, currency = ?, status = ? WHERE id = ? AND client_id = ?')
    .run(t.kind, t.ref, t.date, t.amount, t.currency, t.status, id, clientId);
}

export function updateCommunicationRow(db: Db, clientId: number, id: number, m: CommunicationFields): void {
  db.prepare('UPDATE client_communications SET date = ?, channel = ?, summary = ? WHERE id = ? AND client_id = ?').run(m.date, m.channel, m.summary, id, clientId);
}

export function deleteEntryRow(db: Db, entry: 'transaction' | 'communication', clientId: number, id: number): void {
  db.prepare(`DELETE FROM ${entry === 'transaction' ? 'client_transactions' : 'client_communications'} WHERE id = ? AND client_id = ?`).run(id, clientId);
}

/** One of the vault's settings (a user's saved filters, the value weights), as stored text. */
export function settingText(db: Db, key: string): string | undefined {
  return db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

export function writeSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
