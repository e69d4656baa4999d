import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ClientDetail, ClientDraft, ClientQuery, SavedFilter } from '../../../shared/contract/clients';
import { suggestMapping, type ClientField } from '../../../shared/clients/fields';
import { normalizeEmail, normalizePhone } from '../../../shared/clients/normalize';
import { AppError } from '../../../shared/errors';
import { FIELD_LABELS, problemText } from '../../../shared/i18n/problems';
import { appendLog } from '../audit/access-log';
import { toCsv } from '../clients/csv-writer';
import { planImport, type DuplicatePolicy, type ImportPlan } from '../clients/import/plan';
import { readTable, type Encoding, type Table } from '../clients/import/read-table';
import { applyImport } from '../clients/import/run-import';
import type { Mapping } from '../clients/import/validate';
import { clientIdByCode, clientStatements, getClient, insertClient, searchClients, setArchived, updateClient } from '../clients/repository';
import { writeFileAtomic } from '../fs-atomic';
import { recomputeValue, valueDistribution, readWeights, writeWeights } from '../clients/value';
import type { ValueWeights } from '../../../shared/clients/value';
import type { JobContext } from '../jobs/jobs';
import type { Clock, OpenVault } from '../vault/vault';

let cached: { key: string; table: Table } | null = null;

/** Parse once per file version: preview, check and run all read the same table. */
async function tableOf(file: string, encoding: Encoding): Promise<Table> {
  const st = await stat(file).catch(() => null);
  if (!st) throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  const key = `${file}|${encoding}|${st.size}|${st.mtimeMs}`;
  if (cached?.key !== key) cached = { key, table: await readTable(file, encoding) };
  return cached.table;
}

export function forgetImportCache(): void {
  cached = null;
}

function checkMapping(mapping: Mapping, headers: string[]): void {
  if (mapping.length !== headers.length) throw new AppError('MAPPING_MISMATCH', 'The mapping does not fit the file\'s columns');
  if (!mapping.includes('name')) throw new AppError('MAPPING_NO_NAME', 'Map a column to the client name');
  const used = mapping.filter(Boolean);
  if (new Set(used).size !== used.length) throw new AppError('MAPPING_DUPLICATE', 'A field is mapped twice');
}

export async function previewImport(vault: OpenVault, file: string, encoding: Encoding) {
  const table = await tableOf(file, encoding);
  const saved = (vault.db.prepare('SELECT name, mapping FROM import_mappings ORDER BY name').all() as { name: string; mapping: string }[])
    .map((m) => ({ name: m.name, headers: (JSON.parse(m.mapping) as { headers: string[]; fields: (ClientField | null)[] }) }));
  return {
    fileName: basename(file),
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headers: table.headers,
    sample: table.rows.slice(0, 10).map((r) => r.map((c) => c.slice(0, 200))),
    rowCount: table.rows.length,
    suggested: suggestMapping(table.headers),
    saved: saved.map((s) => ({
      name: s.name,
      // A saved mapping applies by header name, so it survives reordered columns.
      mapping: table.headers.map((h) => s.headers.fields[s.headers.headers.indexOf(h)] ?? null),
    })),
  };
}

function report(plan: ImportPlan, table: Table) {
  return {
    summary: plan.summary,
    encoding: table.encoding,
    problemCount: plan.problems.length,
    problems: plan.problems.slice(0, 2000),
    duplicates: plan.duplicates.slice(0, 2000),
  };
}

export async function checkImport(vault: OpenVault, file: string, encoding: Encoding, mapping: Mapping, policy: DuplicatePolicy) {
  const table = await tableOf(file, encoding);
  checkMapping(mapping, table.headers);
  return report(planImport(vault.db, table, mapping, policy), table);
}

export async function runImport(
  vault: OpenVault,
  args: { file: string; encoding: Encoding; mapping: Mapping; policy: DuplicatePolicy; saveMappingAs?: string | undefined },
  job: JobContext,
  now: Clock,
) {
  const table = await tableOf(args.file, args.encoding);
  checkMapping(args.mapping, table.headers);
  const plan = planImport(vault.db, table, args.mapping, args.policy);
  await applyImport(vault.db, plan, {
    actor: vault.user.name,
    file: basename(args.file),
    details: { encoding: table.encoding, policy: args.policy },
  }, job, now);
  if (args.saveMappingAs) saveMapping(vault, args.saveMappingAs, table.headers, args.mapping, now);
  forgetImportCache();
  return report(plan, table);
}

export function saveMapping(vault: OpenVault, name: string, headers: string[], mapping: Mapping, now: Clock): void {
  vault.db.transaction(() => {
    vault.db.prepare('INSERT INTO import_mappings (name, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at')
      .run(name, JSON.stringify({ headers, fields: mapping }), now().toISOString());
    appendLog(vault.db, { actor: vault.user.name, action: 'clients.mapping-save', target: name }, now());
  }).immediate();
}

/** The rejected rows as a CSV the user can fix in Excel: row, column, problem, value. */
export async function writeRejectedReport(
  vault: OpenVault,
  out: string,
  args: { file: string; encoding: Encoding; mapping: Mapping; policy: DuplicatePolicy; language: 'en' | 'zh-CN' },
): Promise<number> {
  const table = await tableOf(args.file, args.encoding);
  checkMapping(args.mapping, table.headers);
  const plan = planImport(vault.db, table, args.mapping, args.policy);
  const head = args.language === 'en' ? ['Row', 'Column', 'Field', 'Problem', 'Value'] : ['行', '列', '字段', '问题', '内容'];
  const rows = plan.problems.map((p) => [p.row, p.column, p.field === 'row' ? '' : FIELD_LABELS[args.language][p.field], problemText(args.language, p.reason), p.value]);
  writeFileAtomic(out, toCsv([head, ...rows]));
  return plan.problems.length;
}

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

export function viewClient(vault: OpenVault, id: number, now: Clock): ClientDetail {
  const detail = getClient(vault.db, id);
  if (!detail) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'client.view', target: detail.code, details: { name: detail.name } }, now());
  }).immediate();
  return detail;
}

export function createClient(vault: OpenVault, draft: ClientDraft, now: Clock): ClientDetail {
  const clean = cleanDraft(draft);
  if (clientIdByCode(vault.db, clean.code) !== null) throw new AppError('CLIENT_CODE_TAKEN', `The client code ${clean.code} is taken`, { code: clean.code });
  const id = vault.db.transaction(() => {
    const newId = insertClient(clientStatements(vault.db), clean, now().toISOString());
    recomputeValue(vault.db, now());
    appendLog(vault.db, { actor: vault.user.name, action: 'client.create', target: clean.code, details: { name: clean.name } }, now());
    return newId;
  }).immediate();
  return getClient(vault.db, id)!;
}

export function editClient(vault: OpenVault, id: number, draft: ClientDraft, now: Clock): ClientDetail {
  const before = getClient(vault.db, id);
  if (!before) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  const clean = cleanDraft(draft);
  const other = clientIdByCode(vault.db, clean.code);
  if (other !== null && other !== id) throw new AppError('CLIENT_CODE_TAKEN', `The client code ${clean.code} is taken`, { code: clean.code });
  const changed = (Object.keys(clean) as (keyof ClientDraft)[]).filter((k) => JSON.stringify(clean[k]) !== JSON.stringify(before[k]));
  vault.db.transaction(() => {
    updateClient(clientStatements(vault.db), id, clean, now().toISOString());
    recomputeValue(vault.db, now());
    appendLog(vault.db, { actor: vault.user.name, action: 'client.update', target: clean.code, details: { fields: changed.join(',') } }, now());
  }).immediate();
  return getClient(vault.db, id)!;
}

export function archiveClient(vault: OpenVault, id: number, archived: boolean, now: Clock): void {
  const c = getClient(vault.db, id);
  if (!c) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  vault.db.transaction(() => {
    setArchived(vault.db, id, archived, now().toISOString());
    recomputeValue(vault.db, now());
    appendLog(vault.db, { actor: vault.user.name, action: archived ? 'client.archive' : 'client.unarchive', target: c.code }, now());
  }).immediate();
}

const EXPORT_BATCH = 500;

/** Export what a query finds (all pages) as Excel-safe CSV or full-fidelity JSON; the export is logged. */
export function exportClients(vault: OpenVault, out: string, query: ClientQuery, format: 'csv' | 'json', now: Clock): number {
  const ids: number[] = [];
  for (let offset = 0; ; offset += EXPORT_BATCH) {
    const page = searchClients(vault.db, { ...query, offset, limit: EXPORT_BATCH });
    ids.push(...page.rows.map((r) => r.id));
    if (page.rows.length < EXPORT_BATCH) break;
  }
  const details = ids.map((id) => getClient(vault.db, id)!);
  if (format === 'json') {
    writeFileAtomic(out, `${JSON.stringify(details, null, 2)}\n`);
  } else {
    const head = ['code', 'name', 'type', 'industry', 'region', 'city', 'address', 'owner', 'department', 'importance', 'tags',
      'cooperation_start', 'annual_revenue', 'gross_profit', 'currency', 'renewal_rate', 'satisfaction', 'contact', 'title', 'phones', 'emails', 'notes'];
    const money = (v: number | null) => (v === null ? '' : (v / 100).toFixed(2));
    writeFileAtomic(out, toCsv([head, ...details.map((d) => [
      d.code, d.name, d.type, d.industry, d.region, d.city, d.address, d.owner, d.department, d.importance, d.tags.join(';'),
      d.cooperationStart, money(d.annualRevenue), money(d.grossProfit), d.currency, d.renewalRate, d.satisfaction,
      d.contacts[0]?.name, d.contacts[0]?.title, d.contacts.flatMap((c) => c.phones).join(';'), d.contacts.flatMap((c) => c.emails).join(';'), d.notes,
    ])]));
  }
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'clients.export', target: basename(out), details: { count: details.length, format, query: query.text ?? '' } }, now());
  }).immediate();
  return details.length;
}

export function clientValue(vault: OpenVault) {
  return { weights: readWeights(vault.db), distribution: valueDistribution(vault.db) };
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

/** A transaction or contract on a client's record (amount in minor units). */
export function addTransaction(
  vault: OpenVault,
  clientId: number,
  t: { kind: 'transaction' | 'contract'; ref: string; date: string | null; amount: number | null; currency: string; status: string },
  now: Clock,
): ClientDetail {
  const c = getClient(vault.db, clientId);
  if (!c) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  vault.db.transaction(() => {
    vault.db.prepare('INSERT INTO client_transactions (client_id, kind, ref, date, amount, currency, status) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(clientId, t.kind, t.ref, t.date, t.amount, t.currency, t.status);
    appendLog(vault.db, { actor: vault.user.name, action: 'client.transaction-add', target: c.code, details: { kind: t.kind, ref: t.ref } }, now());
  }).immediate();
  return getClient(vault.db, clientId)!;
}

/** An entry in the communication log; "by whom" is the signed-in user. */
export function addCommunication(vault: OpenVault, clientId: number, m: { date: string; channel: string; summary: string }, now: Clock): ClientDetail {
  const c = getClient(vault.db, clientId);
  if (!c) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  vault.db.transaction(() => {
    vault.db.prepare('INSERT INTO client_communications (client_id, date, channel, summary, by_user) VALUES (?, ?, ?, ?, ?)')
      .run(clientId, m.date, m.channel, m.summary, vault.user.name);
    appendLog(vault.db, { actor: vault.user.name, action: 'client.communication-add', target: c.code, details: { channel: m.channel } }, now());
  }).immediate();
  return getClient(vault.db, clientId)!;
}

/**
 * The only hard delete: an archived client, confirmed by typing its code. Contacts, transactions,
 * communications and documents go with it (foreign keys cascade; secure_delete zeroes the freed pages).
 * The log keeps who purged which client and when.
 */
export function purgeClient(vault: OpenVault, id: number, confirmCode: string, now: Clock): void {
  const c = getClient(vault.db, id);
  if (!c) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
  if (!c.archived) throw new AppError('PURGE_NOT_ARCHIVED', 'Only archived clients can be purged');
  if (confirmCode !== c.code) throw new AppError('PURGE_NOT_CONFIRMED', 'The confirmation does not match the client code');
  vault.db.transaction(() => {
    const documents = vault.db.prepare('SELECT count(*) FROM documents WHERE client_id = ?').pluck().get(id) as number;
    vault.db.prepare('DELETE FROM client_search WHERE rowid = ?').run(id);
    vault.db.prepare('DELETE FROM clients WHERE id = ?').run(id);
    recomputeValue(vault.db, now());
    appendLog(vault.db, { actor: vault.user.name, action: 'client.purge', target: c.code, details: { name: c.name, documents } }, now());
  }).immediate();
}

const filtersKey = (vault: OpenVault) => `saved_filters:${vault.user.id}`;

/** Each user's own saved filters, by name. */
export function savedFilters(vault: OpenVault): SavedFilter[] {
  const raw = vault.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(filtersKey(vault)) as string | undefined;
  return raw ? (JSON.parse(raw) as SavedFilter[]) : [];
}

export function saveFilter(vault: OpenVault, filter: SavedFilter | { name: string; filter?: undefined }): SavedFilter[] {
  const others = savedFilters(vault).filter((f) => f.name !== filter.name);
  const next = filter.filter ? [...others, filter as SavedFilter].sort((a, b) => a.name.localeCompare(b.name)) : others;
  vault.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(filtersKey(vault), JSON.stringify(next));
  return next;
}
