import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { CLIENT_FIELDS, suggestMapping, type ClientField } from '../../../shared/clients/fields';
import { amountText } from '../../../shared/i18n/amounts';
import { FIELD_LABELS, problemText } from '../../../shared/i18n/problems';
import { meaning, type Command } from '../command';
import type { CliDoor } from '../door';
import { UsageError } from '../io';
import { requireString, withVault } from '../session';
import { say, table } from '../text';

/** A client code as typed: its id, if that client exists for this user (the router and core decide). */
export async function clientByCode(door: CliDoor, code: string): Promise<number> {
  return (await door.call('clients.byCode', { code })).id;
}

/** --mapping FILE: JSON of header -> field, e.g. {"客户名称": "name", "手机": "phone"}. */
function readMapping(file: string, headers: string[]): (ClientField | null)[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(meaning(`--mapping ${file} is not a JSON file`, `--mapping ${file} 不是 JSON 文件`));
  }
  const map = json as Record<string, string>;
  for (const [header, field] of Object.entries(map)) {
    if (field !== null && !(CLIENT_FIELDS as readonly string[]).includes(field)) throw new UsageError(meaning(`--mapping: "${header}" maps to unknown field "${field}" (fields: ${CLIENT_FIELDS.join(', ')})`, `--mapping：“${header}”对应的字段“${field}”不存在（可用字段：${CLIENT_FIELDS.join('、')}）`));
  }
  return headers.map((h) => (map[h] as ClientField | undefined) ?? null);
}


export const clientCommands: Command[] = [
  {
    path: ['clients', 'import'],
    summary: meaning('import clients from a CRM export (CSV in UTF-8 or GBK, or XLSX)', '从 CRM 导出文件导入客户（UTF-8 或 GBK 编码的 CSV，或 XLSX）'),
    usage: 'handover clients import FILE [--mapping FILE.json] [--encoding auto|utf8|gbk] [--on-duplicate skip|update|keep] [--dry-run]',
    options: {
      mapping: { type: 'string', description: meaning('a JSON file mapping column headers to fields, e.g. {"客户名称": "name"} (default: matched by header)', '列标题到字段的映射 JSON 文件，如 {"客户名称": "name"}（默认按标题自动匹配）') },
      encoding: { type: 'string', default: 'auto', description: meaning('the CSV text encoding: auto, utf8 or gbk', 'CSV 的文字编码：auto、utf8 或 gbk') },
      'on-duplicate': { type: 'string', default: 'skip', description: meaning('a client code already in the vault: skip the row, update the client, or keep both', '客户编号已存在时：skip 跳过、update 更新或 keep 两者都保留') },
      'dry-run': { type: 'boolean', default: false, description: meaning('check and report the rows without importing anything', '只检查并报告各行，不导入任何数据') },
    },
    notes: [
      meaning('Without --mapping, columns are matched by their headers (客户名称 / Company, 手机 / Mobile, 邮箱 / Email, …).', '不给 --mapping 时按列标题自动匹配（客户名称 / Company、手机 / Mobile、邮箱 / Email……）。'),
      meaning('Exit code 0 when the import ran, even with rejected rows (listed with --json); non-zero when nothing was imported.', '导入已执行时退出码为 0，即使有被拒绝的行（用 --json 列出）；什么都没导入时不为 0。'),
    ],
    async run(io, values, positionals) {
      if (positionals.length !== 1) throw new UsageError(meaning('give exactly one FILE', '请给出一个文件'));
      const file = resolve(positionals[0]!);
      const encoding = values.encoding as string;
      const policy = values['on-duplicate'] as string;
      if (!['auto', 'utf8', 'gbk'].includes(encoding)) throw new UsageError(meaning('--encoding must be auto, utf8 or gbk', '--encoding 须为 auto、utf8 或 gbk'));
      if (!['skip', 'update', 'keep'].includes(policy)) throw new UsageError(meaning('--on-duplicate must be skip, update or keep', '--on-duplicate 须为 skip、update 或 keep'));
      const encodingChoice = encoding as 'auto';
      return withVault(io, values, async ({ door }) => {
        await door.call('dialog.chooseImportFile', {}, { chooseImportFile: file });
        const preview = await door.call('clients.importPreview', { file, encoding: encodingChoice });
        const mapping = values.mapping ? readMapping(values.mapping as string, preview.headers) : suggestMapping(preview.headers);
        const options = { file, encoding: encodingChoice, mapping, onDuplicate: policy as 'skip' };
        const result = values['dry-run']
          ? await door.call('clients.importCheck', options)
          : await door.call('clients.importRun', { ...options, jobId: door.job('import') });
        const s = result.summary;
        const l = io.language;
        const lines = [
          say(l, values['dry-run'] ? 'clients.importDry' : 'clients.importDone', { imported: String(s.imported), updated: String(s.updated), skipped: String(s.skipped), rejected: String(s.rejected), rows: String(s.rows), encoding: preview.encoding.toUpperCase() === 'GBK' ? 'GBK' : preview.encoding }),
          ...result.problems.slice(0, 20).map((p) => `${say(l, 'clients.problem', { row: p.row, column: p.column, reason: problemText(l, p.reason) })}${p.value ? (l === 'zh-CN' ? `（${p.value}）` : ` (${p.value})`) : ''}`),
          ...(result.problemCount > 20 ? [say(l, 'clients.moreProblems', { count: result.problemCount - 20 })] : []),
        ];
        return { human: lines.join('\n'), json: { ...result, mapping: preview.headers.map((h, i) => ({ header: h, field: mapping[i] })) } };
      });
    },
  },
  {
    path: ['clients', 'search'],
    summary: meaning('search clients by name, code, contact, phone, e-mail or address', '按名称、编号、联系人、电话、邮箱或地址搜索客户'),
    usage: 'handover clients search QUERY [--limit N]',
    options: { limit: { type: 'string', default: '20', description: meaning('show at most N clients', '最多显示 N 个客户') } },
    async run(io, values, positionals) {
      const text = positionals.join(' ');
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(meaning('--limit must be 1 to 500', '--limit 须为 1 到 500'));
      return withVault(io, values, async ({ door }) => {
        const page = await door.call('clients.search', { text, limit });
        const found = say(io.language, 'clients.found', { count: `${page.total.toLocaleString(io.language)}${page.capped ? '+' : ''}` });
        const rows = page.rows.map((r) => [r.code, r.name, r.region, r.contact, r.phone]);
        return { human: rows.length ? `${found}\n${table(io.language, 'clients.header', rows)}` : found, json: page };
      });
    },
  },
  {
    path: ['clients', 'show'],
    summary: meaning('show one client (logged as a view)', '查看一个客户（作为一次查看记入访问日志）'),
    usage: 'handover clients show CODE',
    options: {},
    async run(io, values, positionals) {
      if (positionals.length !== 1) throw new UsageError(meaning('give exactly one client CODE', '请给出一个客户编号'));
      return withVault(io, values, async ({ door }) => {
        const c = await door.call('clients.get', { id: await clientByCode(door, positionals[0]!) });
        const l = io.language;
        const label = FIELD_LABELS[l];
        const colon = l === 'zh-CN' ? '：' : ': ';
        const comma = l === 'zh-CN' ? '、' : ', ';
        const lines = [
          `${c.code}  ${c.name}${c.archived ? say(l, 'clients.archived') : ''}`,
          `${label.region}${colon}${c.region}  ${label.city}${colon}${c.city}  ${label.industry}${colon}${c.industry}`,
          `${label.address}${colon}${c.address}`,
          `${label.owner}${colon}${c.owner}  ${label.annualRevenue}${colon}${c.annualRevenue === null ? '' : amountText(c.annualRevenue, c.currency, l)}`,
          ...c.contacts.map((k) => `${label.contactName}${colon}${[k.name, k.title, k.phones.join(comma), k.emails.join(comma)].filter(Boolean).join(' ')}`),
        ];
        return { human: lines.join('\n'), json: c };
      });
    },
  },
  {
    path: ['clients', 'export'],
    summary: meaning('export clients to CSV (Excel-safe, UTF-8 with BOM), .xlsx or JSON (full fidelity)', '将客户导出为 CSV（可安全用 Excel 打开，带 BOM 的 UTF-8）、.xlsx 或 JSON（完整数据）'),
    usage: 'handover clients export --out FILE.csv|FILE.xlsx|FILE.json [--query Q]',
    options: {
      out: { type: 'string', description: meaning('the file to write: .csv, .xlsx or .json', '要写入的文件：.csv、.xlsx 或 .json') },
      query: { type: 'string', default: '', description: meaning('export only the clients this search finds (default: all you may see)', '只导出这个搜索找到的客户（默认：你有权查看的全部客户）') },
    },
    async run(io, values) {
      const out = resolve(requireString(values, 'out'));
      const ext = extname(out).toLowerCase();
      const format = ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
      if (!format) throw new UsageError(meaning('--out must end in .csv, .xlsx or .json', '--out 的文件名须以 .csv、.xlsx 或 .json 结尾'));
      return withVault(io, values, async ({ door }) => {
        const { count } = await door.call('clients.export', { query: { text: values.query as string }, format }, { chooseSaveTarget: out });
        return { human: say(io.language, 'clients.exported', { count, path: out }), json: { path: out, count } };
      });
    },
  },
];
