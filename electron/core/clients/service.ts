import { basename } from 'node:path';
import type { ClientDetail, ClientDraft, ClientPage, ClientQuery, SavedFilter } from '../../../shared/contract/clients';
import { normalizeEmail, normalizePhone } from '../../../shared/clients/normalize';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { CLIENT_TABLE_HEAD, clientTableCells, clientsCsvHeader, clientsCsvRows } from '../formats/csv-cell';
import { xlsxWorkbook } from '../formats/xlsx';
import { clientIdByCode, clientStatements, deleteClient, getClient, insertClient, setArchived, settingText, updateClient, writeSetting } from './store';
import { clientFacets, searchClients } from './search-store';
import { writeSparingRanks } from './rank-store';
import { removeExportLeftovers, writeExportFileSync } from '../packages/export-temp';
import { documentCountOf } from '../documents/store';
import { recomputeValue, valueDistribution, readWeights, writeWeights } from './value-store';
import type { ValueWeights } from '../../../shared/clients/value';
import type { Clock, OpenVault } from '../vault/vault';
import { accessOf, scopeSql, type UserAccess } from '../roles/authz';
import { inScope } from '../roles/scope-read-model';
import { maskDetail, maskRow } from './mask';
import { hiddenSearchColumns } from './masked-search';
import type { MaskableField } from '../../../shared/contract/permissions';

/** Normalise what a form sends: phones to E.164, e-mails checked; says which field is wrong. */
function cleanDraft(draft: ClientDraft): ClientDraft {
  const contacts = draft.contacts.map((c, i) => ({
    ...c,
    phones: c.phones.filter(Boolean).map((p) => {
      const r = normalizePhone(p);
      if (!r.ok) throw new AppError('INVALID_INPUT', `Contact ${i + 1}: not a phone number`, { field: `contacts.${i}.phones` });
      return r.value;
    }),
    emails: c.emails.filter(Boolean).map((e) => {
      const r = normalizeEmail(e);
      if (!r.ok) throw new AppError('INVALID_INPUT', `Contact ${i + 1}: not an e-mail address`, { field: `contacts.${i}.emails` });
      return r.value;
    }),
  }));
  return { ...draft, contacts };
}

/** A client as this user may see it (the router has checked the id against their scope), sensitive fields masked. */
function visibleClient(vault: OpenVault, access: UserAccess, id: number): ClientDetail {
  return maskDetail(storedClient(vault, id), access.masked);
}

/** Sorting by a value the user sees masked would rank clients by it: amounts, and the value score derived from them. */
const SORTS_NEEDING: Partial<Record<NonNullable<ClientQuery['sort']>, MaskableField>> = { annualRevenue: 'amounts', valueScore: 'amounts' };

/** A search as this user may make it: their scope, no ranking by masked values, no matches found only in masked fields. */
function searchAs(vault: OpenVault, access: UserAccess, query: ClientQuery): ClientPage {
  const needs = query.sort ? SORTS_NEEDING[query.sort] : undefined;
  if (needs && access.masked.has(needs)) throw new AppError('SORT_MASKED', 'That column is masked for your role', { field: query.sort ?? '' });
  return searchClients(vault.db, query, scopeSql(access), hiddenSearchColumns(access.masked));
}

/** The list or a search, limited to the user's scope and masked; a search with text is logged. */
export function searchForUser(vault: OpenVault, query: ClientQuery, now: Clock): ClientPage {
  const access = accessOf(vault);
  const page = searchAs(vault, access, query);
  const text = query.text?.trim() ?? '';
  if (text && !query.offset) {
    // The log entry is the only write: the list's ranks in memory stay valid across it (rank-store.ts).
    writeSparingRanks(vault.db, () => vault.db.transaction(() => {
      appendLog(vault.db, { actor: vault.user.name, action: 'clients.search', target: '', details: { text, found: page.total } }, now());
    }).immediate());
  }
  return { ...page, rows: page.rows.map((r) => maskRow(r, access.masked)), masked: [...access.masked] };
}

export function facetsForUser(vault: OpenVault) {
  return clientFacets(vault.db, scopeSql(accessOf(vault)));
}

export function viewClient(vault: OpenVault, id: number, now: Clock): ClientDetail {
  const detail = visibleClient(vault, accessOf(vault), id);
  writeSparingRanks(vault.db, () => vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'client.view', target: detail.code, details: { name: detail.name } }, now());
  }).immediate());
  return detail;
}

/**
 * One sensitive value of one client, unmasked, for a user with the reveal
 * right; the reason is required and the reveal is logged (never the value).
 */
export function revealField(vault: OpenVault, id: number, path: string, reason: string, now: Clock): { value: string } {
  const c = storedClient(vault, id);
  const parts = path.split('.');
  let value: string | number | null | undefined;
  if (path === 'address') value = c.address;
  else if (path === 'annualRevenue') value = c.annualRevenue;
  else if (path === 'grossProfit') value = c.grossProfit;
  else if (parts[0] === 'contacts') {
    const contact = c.contacts[Number(parts[1])];
    value = contact ? (parts[2] === 'phones' ? contact.phones : contact.emails)[Number(parts[3])] : undefined;
  } else if (parts[0] === 'transactions') value = c.transactions.find((t) => t.id === Number(parts[1]))?.amount;
  if (value === undefined) throw new AppError('FIELD_NOT_FOUND', 'That field is empty or does not exist', { field: path });
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'client.reveal', target: c.code, details: { field: path, reason } }, now());
  }).immediate();
  return { value: value === null ? '' : String(value) };
}

export function createClient(vault: OpenVault, draft: ClientDraft, now: Clock): ClientDetail {
  const clean = cleanDraft(draft);
  if (clientIdByCode(vault.db, clean.code) !== null) throw new AppError('CLIENT_CODE_TAKEN', `The client code ${clean.code} is taken`, { code: clean.code });
  const access = accessOf(vault);
  const id = vault.db.transaction(() => {
    const newId = insertClient(clientStatements(vault.db), clean, now().toISOString());
    recomputeValue(vault.db, now());
    requireOwnSegment(vault, access, newId);
    appendLog(vault.db, { actor: vault.user.name, action: 'client.create', target: clean.code, details: { name: clean.name } }, now());
    return newId;
  }).immediate();
  return maskDetail(getClient(vault.db, id)!, access.masked);
}

/** A scoped user cannot create or move a client out of the segment they can see. */
function requireOwnSegment(vault: OpenVault, access: UserAccess, id: number): void {
  if (!inScope(vault.db, access, id)) throw new AppError('OUT_OF_SCOPE', 'The client would fall outside the clients you can see');
}

/** Masked values come back from the form as they were shown; keep the stored ones for those fields. */
function unmaskDraft(draft: ClientDraft, before: ClientDetail, access: UserAccess): ClientDraft {
  if (access.masked.size === 0) return draft;
  const m = access.masked;
  const shown = maskDetail(before, m);
  const keep = <T>(next: T, was: T, masked: T) => (JSON.stringify(next) === JSON.stringify(masked) ? was : next);
  return {
    ...draft,
    address: m.has('address') ? keep(draft.address, before.address, shown.address) : draft.address,
    annualRevenue: m.has('amounts') && draft.annualRevenue === null ? before.annualRevenue : draft.annualRevenue,
    grossProfit: m.has('amounts') && draft.grossProfit === null ? before.grossProfit : draft.grossProfit,
    contacts: draft.contacts.map((c, i) => ({
      ...c,
      phones: c.phones.map((p, j) => (m.has('phones') && p === shown.contacts[i]?.phones[j] ? before.contacts[i]!.phones[j]! : p)),
      emails: c.emails.map((e, j) => (m.has('emails') && e === shown.contacts[i]?.emails[j] ? before.contacts[i]!.emails[j]! : e)),
    })),
  };
}

export function editClient(vault: OpenVault, id: number, draft: ClientDraft, now: Clock): ClientDetail {
  const access = accessOf(vault);
  const before = storedClient(vault, id);
  const clean = cleanDraft(unmaskDraft(draft, before, access));
  const other = clientIdByCode(vault.db, clean.code);
  if (other !== null && other !== id) throw new AppError('CLIENT_CODE_TAKEN', `The client code ${clean.code} is taken`, { code: clean.code });
  const changed = (Object.keys(clean) as (keyof ClientDraft)[]).filter((k) => JSON.stringify(clean[k]) !== JSON.stringify(before[k]));
  vault.db.transaction(() => {
    updateClient(clientStatements(vault.db), id, clean, now().toISOString());
    recomputeValue(vault.db, now());
    requireOwnSegment(vault, access, id);
    appendLog(vault.db, { actor: vault.user.name, action: 'client.update', target: clean.code, details: { fields: changed.join(',') } }, now());
  }).immediate();
  return maskDetail(getClient(vault.db, id)!, access.masked);
}

/** The stored client; the router has already refused ids outside the caller's scope. */
export function storedClient(vault: OpenVault, id: number): ClientDetail {
  const c = getClient(vault.db, id);
  if (!c) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  return c;
}

export function archiveClient(vault: OpenVault, id: number, archived: boolean, now: Clock): void {
  const c = storedClient(vault, id);
  vault.db.transaction(() => {
    setArchived(vault.db, id, archived, now().toISOString());
    recomputeValue(vault.db, now());
    appendLog(vault.db, { actor: vault.user.name, action: archived ? 'client.archive' : 'client.unarchive', target: c.code }, now());
  }).immediate();
}

const EXPORT_BATCH = 500;

/**
 * Export what a query finds (all pages), or the clients picked in the list (`ids`, which the router has
 * checked against the caller's scope), as Excel-safe CSV, .xlsx or full-fidelity JSON: masked like the
 * list, written to a temp file and renamed, logged.
 */
export function exportClients(vault: OpenVault, out: string, query: ClientQuery, format: 'csv' | 'json' | 'xlsx', now: Clock, picked?: readonly number[]): number {
  const access = accessOf(vault);
  const ids: number[] = picked ? [...new Set(picked)] : [];
  for (let offset = 0; !picked; offset += EXPORT_BATCH) {
    const page = searchAs(vault, access, { ...query, offset, limit: EXPORT_BATCH });
    ids.push(...page.rows.map((r) => r.id));
    if (page.rows.length < EXPORT_BATCH) break;
  }
  const details = ids.map((id) => maskDetail(storedClient(vault, id), access.masked));
  // Plaintext in a folder the user picked: its temp file is remembered, so a killed export's is removed at the next unlock or export.
  removeExportLeftovers(vault);
  writeExportFileSync(vault.dir, out, clientsExportPieces(details, format));
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'clients.export', target: basename(out), details: { count: details.length, format, ...(picked ? { selection: true } : { query: query.text ?? '' }) } }, now());
  }).immediate();
  return details.length;
}

/** The export's file, in the pieces it is written in (a CSV a page of clients at a time). */
export function* clientsExportPieces(details: readonly ClientDetail[], format: 'csv' | 'json' | 'xlsx'): Generator<string | Uint8Array> {
  if (format === 'json') yield `${JSON.stringify(details, null, 2)}\n`;
  else if (format === 'xlsx') yield xlsxWorkbook('clients', [CLIENT_TABLE_HEAD, ...details.map(clientTableCells)]);
  else {
    yield clientsCsvHeader();
    for (let i = 0; i < details.length; i += EXPORT_BATCH) yield clientsCsvRows(details.slice(i, i + EXPORT_BATCH));
  }
}

export function clientValue(vault: OpenVault) {
  const access = accessOf(vault);
  const distribution = valueDistribution(vault.db, scopeSql(access));
  if (access.masked.has('amounts')) {
    for (const list of Object.values(distribution)) for (const d of list) d.revenue = 0;
  }
  return { weights: readWeights(vault.db), distribution, masked: [...access.masked] };
}

/** New weights apply to every client at once; the change is logged with before and after. */
export function setValueWeights(vault: OpenVault, weights: ValueWeights, now: Clock): { updated: number } {
  const before = readWeights(vault.db);
  const updated = vault.db.transaction(() => {
    writeWeights(vault.db, weights);
    const n = recomputeValue(vault.db, now());
    appendLog(vault.db, { actor: vault.user.name, action: 'clients.value-weights', target: '', details: { before: JSON.stringify(before), after: JSON.stringify(weights) } }, now());
    return n;
  }).immediate();
  return { updated };
}

/**
 * The only hard delete: an archived client, confirmed by typing its code. Contacts, transactions,
 * communications and documents go with it (foreign keys cascade; secure_delete zeroes the freed pages).
 * The log keeps who purged which client and when.
 */
export function purgeClient(vault: OpenVault, id: number, confirmCode: string, now: Clock): void {
  const c = storedClient(vault, id);
  if (!c.archived) throw new AppError('PURGE_NOT_ARCHIVED', 'Only archived clients can be purged');
  if (confirmCode !== c.code) throw new AppError('PURGE_NOT_CONFIRMED', 'The confirmation does not match the client code');
  vault.db.transaction(() => {
    const documents = documentCountOf(vault.db, id);
    deleteClient(vault.db, id);
    recomputeValue(vault.db, now());
    appendLog(vault.db, { actor: vault.user.name, action: 'client.purge', target: c.code, details: { name: c.name, documents } }, now());
  }).immediate();
}

const filtersKey = (vault: OpenVault) => `saved_filters:${vault.user.id}`;

/** Each user's own saved filters, by name. */
export function savedFilters(vault: OpenVault): SavedFilter[] {
  const raw = settingText(vault.db, filtersKey(vault));
  return raw ? (JSON.parse(raw) as SavedFilter[]) : [];
}

export function saveFilter(vault: OpenVault, filter: SavedFilter | { name: string; filter?: undefined }): SavedFilter[] {
  const others = savedFilters(vault).filter((f) => f.name !== filter.name);
  const next = filter.filter ? [...others, filter as SavedFilter].sort((a, b) => a.name.localeCompare(b.name)) : others;
  writeSetting(vault.db, filtersKey(vault), JSON.stringify(next));
  return next;
}
