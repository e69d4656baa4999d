import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { suggestMapping, type ClientField } from '../../../../shared/clients/fields';
import { AppError } from '../../../../shared/errors';
import { FIELD_LABELS, problemText } from '../../../../shared/i18n/problems';
import { appendLog } from '../../audit/store';
import { writeFileAtomic } from '../../fs-atomic';
import type { JobContext } from '../../jobs/jobs';
import { accessOf } from '../../roles/authz';
import type { Clock, OpenVault } from '../../vault/vault';
import { toCsv } from '../../formats/csv-cell';
import { savedMappings, upsertMapping } from '../store';
import { ImportPlanner, planImportOffThread, type DuplicatePolicy, type ImportPlan } from './plan';
import { HeldTable } from './held-table';
import type { Encoding } from './table-file';
import { preparedBatches } from './row-pipeline';
import { applyImport } from './run-import';
import type { Mapping } from './validate';

/**
 * The import wizard's steps: preview a file, check a mapping (dry run), run it, save the rejected rows.
 * The file is parsed once per version, at the preview, and its table stays on its own thread until the
 * import is done, the vault locks or another file is previewed (clients/import/held-table.ts).
 */
let cached: { key: string; table: Promise<HeldTable> } | null = null;

async function tableOf(file: string, encoding: Encoding): Promise<HeldTable> {
  const st = await stat(file).catch(() => null);
  if (!st) throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  const key = `${file}|${encoding}|${st.size}|${st.mtimeMs}`;
  if (cached?.key === key) {
    const held = await cached.table.catch(() => null);
    if (held?.alive) return held;
  }
  forgetImportCache();
  const table = HeldTable.open(file, encoding);
  cached = { key, table };
  // A file that cannot be read is read again (and its error given again) next time.
  table.catch(() => {
    if (cached?.table === table) cached = null;
  });
  return table;
}

/** Close the held table (after an import, at lock). */
export function forgetImportCache(): void {
  const was = cached;
  cached = null;
  void was?.table.then((t) => t.close(), () => {});
}

function checkMapping(mapping: Mapping, headers: string[]): void {
  if (mapping.length !== headers.length) throw new AppError('MAPPING_MISMATCH', 'The mapping does not fit the file\'s columns');
  if (!mapping.includes('name')) throw new AppError('MAPPING_NO_NAME', 'Map a column to the client name');
  const used = mapping.filter(Boolean);
  if (new Set(used).size !== used.length) throw new AppError('MAPPING_DUPLICATE', 'A field is mapped twice');
}

/** Import matches codes against the whole vault; a user limited to a segment could learn of (or overwrite) clients outside it. */
export function requireUnscoped(vault: OpenVault): void {
  if (accessOf(vault).scopes.length > 0) throw new AppError('SCOPED_IMPORT', 'Importing needs an account that is not limited to a segment of clients');
}

export async function previewImport(vault: OpenVault, file: string, encoding: Encoding) {
  requireUnscoped(vault);
  const { outline: table } = await tableOf(file, encoding);
  const saved = savedMappings(vault.db)
    .map((m) => ({ name: m.name, headers: (JSON.parse(m.mapping) as { headers: string[]; fields: (ClientField | null)[] }) }));
  return {
    fileName: basename(file),
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headers: table.headers,
    sample: table.sample,
    rowCount: table.rowCount,
    suggested: suggestMapping(table.headers),
    saved: saved.map((s) => ({
      name: s.name,
      // A saved mapping applies by header name, so it survives reordered columns.
      mapping: table.headers.map((h) => s.headers.fields[s.headers.headers.indexOf(h)] ?? null),
    })),
  };
}

function report(plan: ImportPlan, table: HeldTable) {
  return {
    summary: plan.summary,
    encoding: table.outline.encoding,
    problemCount: plan.problems.length,
    problems: plan.problems.slice(0, 2000),
    duplicates: plan.duplicates.slice(0, 2000),
  };
}

export async function checkImport(vault: OpenVault, file: string, encoding: Encoding, mapping: Mapping, policy: DuplicatePolicy) {
  requireUnscoped(vault);
  const table = await tableOf(file, encoding);
  checkMapping(mapping, table.outline.headers);
  return report(await planImportOffThread(vault.db, table, mapping, policy), table);
}

export async function runImport(
  vault: OpenVault,
  args: { file: string; encoding: Encoding; mapping: Mapping; policy: DuplicatePolicy; saveMappingAs?: string | undefined },
  job: JobContext,
  now: Clock,
) {
  requireUnscoped(vault);
  const table = await tableOf(args.file, args.encoding);
  const { headers, encoding, rowCount } = table.outline;
  checkMapping(args.mapping, headers);
  const planner = new ImportPlanner(vault.db, headers, args.mapping, args.policy, rowCount);
  await applyImport(vault.db, planner, preparedBatches(table, args.mapping), {
    actor: vault.user.name,
    file: basename(args.file),
    details: { encoding, policy: args.policy },
  }, job, now);
  if (args.saveMappingAs) saveMapping(vault, args.saveMappingAs, headers, args.mapping, now);
  forgetImportCache();
  return report(planner.plan, table);
}

export function saveMapping(vault: OpenVault, name: string, headers: string[], mapping: Mapping, now: Clock): void {
  vault.db.transaction(() => {
    upsertMapping(vault.db, name, JSON.stringify({ headers, fields: mapping }), now().toISOString());
    appendLog(vault.db, { actor: vault.user.name, action: 'clients.mapping-save', target: name }, now());
  }).immediate();
}

/** The rejected rows as a CSV the user can fix in Excel: row, column, problem, value. */
export async function writeRejectedReport(
  vault: OpenVault,
  out: string,
  args: { file: string; encoding: Encoding; mapping: Mapping; policy: DuplicatePolicy; language: 'en' | 'zh-CN' },
): Promise<number> {
  // The report names rows that duplicate stored clients: the same whole-vault match as the import.
  requireUnscoped(vault);
  const table = await tableOf(args.file, args.encoding);
  checkMapping(args.mapping, table.outline.headers);
  const plan = await planImportOffThread(vault.db, table, args.mapping, args.policy);
  const head = args.language === 'en' ? ['Row', 'Column', 'Field', 'Problem', 'Value'] : ['行', '列', '字段', '问题', '内容'];
  const rows = plan.problems.map((p) => [p.row, p.column, p.field === 'row' ? '' : FIELD_LABELS[args.language][p.field], problemText(args.language, p.reason), p.value]);
  writeFileAtomic(out, toCsv([head, ...rows]));
  return plan.problems.length;
}
