import { neutralizeCsvCell } from '../../../shared/clients/normalize';

/** RFC 4180 CSV for Excel: UTF-8 with BOM, CRLF, every cell quoted when needed and formula-neutralised. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** What makes a cell other than its text: a formula's first character (neutralizeCsvCell's), or a character that needs quotes. */
const NOT_PLAIN = /^[=+\-@\t\r]|[",\r\n]/;

/** One cell: formula-neutralised, quoted when needed. Most cells are neither (one test: a package's clients.csv has millions). */
export function csvCell(v: string | number | null | undefined): string {
  const text = v === null || v === undefined ? '' : String(v);
  if (!NOT_PLAIN.test(text)) return text;
  const s = neutralizeCsvCell(text);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The fields of a client that its CSV row carries (a client detail, or a packaged one). */
export interface CsvClient {
  code: string; name: string; type: string; industry: string; region: string; city: string; address: string; owner: string; department: string; importance: string;
  tags: string[]; cooperationStart: string | null; annualRevenue: number | null; grossProfit: number | null; currency: string; renewalRate: number | null; satisfaction: number | null;
  contacts: { name: string; title: string; phones: string[]; emails: string[] }[]; notes: string;
}

export const money = (v: number | null) => (v === null ? '' : (v / 100).toFixed(2));

/** The columns of a client table (CSV and .xlsx exports; the import maps these names back). */
export const CLIENT_TABLE_HEAD = ['code', 'name', 'type', 'industry', 'region', 'city', 'address', 'owner', 'department', 'importance', 'tags',
  'cooperation_start', 'annual_revenue', 'gross_profit', 'currency', 'renewal_rate', 'satisfaction', 'contact', 'title', 'phones', 'emails', 'notes'];

/** The BOM and the header line of a clients CSV (rows follow from clientsCsvRows, page by page). */
export const clientsCsvHeader = () => `\uFEFF${CLIENT_TABLE_HEAD.map(csvCell).join(',')}\r\n`;

/** One CSV line (CRLF at the end) of cells, each formula-neutralised and quoted when needed. */
export const csvLine = (cells: readonly (string | number | null | undefined)[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * A client's row: the first contact's name and title, all phones and e-mails. Amounts in 元 as numbers
 * (a spreadsheet sums them); the CSV writes them with two decimals, like `money`.
 */
export function clientTableCells(d: CsvClient): (string | number | null | undefined)[] {
  const yuan = (v: number | null) => (v === null ? null : v / 100);
  return [
    d.code, d.name, d.type, d.industry, d.region, d.city, d.address, d.owner, d.department, d.importance, d.tags.join(';'),
    d.cooperationStart, yuan(d.annualRevenue), yuan(d.grossProfit), d.currency, d.renewalRate, d.satisfaction,
    d.contacts[0]?.name, d.contacts[0]?.title, d.contacts.flatMap((c) => c.phones).join(';'), d.contacts.flatMap((c) => c.emails).join(';'), d.notes,
  ];
}

const MONEY_COLUMNS = new Set([CLIENT_TABLE_HEAD.indexOf('annual_revenue'), CLIENT_TABLE_HEAD.indexOf('gross_profit')]);

/** Clients as CSV rows (CRLF after each). */
export function clientsCsvRows(list: readonly CsvClient[]): string {
  return list.map((d) => csvLine(clientTableCells(d).map((v, i) => (MONEY_COLUMNS.has(i) && typeof v === 'number' ? v.toFixed(2) : v)))).join('');
}

/** Clients as an Excel-safe CSV (UTF-8 with BOM, CRLF, formulas neutralised). */
export const clientsCsv = (list: readonly CsvClient[]): string => clientsCsvHeader() + clientsCsvRows(list);
