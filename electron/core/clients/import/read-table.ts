import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import Papa from 'papaparse';
import { AppError } from '../../../../shared/errors';

export type Encoding = 'auto' | 'utf8' | 'gbk';

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-16le' | 'gb18030' | 'xlsx';
  delimiter: string;
  headers: string[];
  /** Data rows, each as long as `headers` (short rows padded with ''). */
  rows: string[][];
}

export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/**
 * Text of a CSV export: a BOM decides; otherwise strict UTF-8, and if that
 * fails GB18030 (a superset of GBK, the default of Chinese Excel). Forcing
 * `utf8` on bytes that are not UTF-8 is an error, not mojibake.
 */
export function decodeCsv(bytes: Uint8Array, encoding: Encoding): { text: string; encoding: Table['encoding'] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (encoding === 'gbk') return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    if (encoding === 'utf8') throw new AppError('FILE_NOT_UTF8', 'The file is not valid UTF-8');
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export function parseCsv(text: string): { headers: string[]; rows: string[][]; delimiter: string } {
  const parsed = Papa.parse<string[]>(text, { delimiter: '', skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw new AppError('FILE_UNCLOSED_QUOTE', `Unclosed quote near row ${(fatal.row ?? 0) + 1}`, { row: (fatal.row ?? 0) + 1 });
  }
  const [head, ...rest] = parsed.data;
  if (!head || head.every((h) => !h.trim())) throw new AppError('FILE_NO_HEADER', 'The file has no header row');
  const headers = head.map((h, i) => h.trim() || `#${i + 1}`);
  const rows = rest.map((r) => (r.length >= headers.length ? r.slice(0, headers.length) : [...r, ...Array<string>(headers.length - r.length).fill('')]));
  return { headers, rows, delimiter: parsed.meta.delimiter };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string };
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    // A formula cell: take its cached result, never the formula.
    if ('result' in v) return cellText(v.result);
    return '';
  }
  return String(value);
}

async function readXlsx(file: string): Promise<Omit<Table, 'format' | 'encoding' | 'delimiter'>> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(file);
  } catch {
    throw new AppError('FILE_NOT_XLSX', 'The file is not a readable XLSX workbook');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('FILE_NOT_XLSX', 'The workbook has no sheet');
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    grid.push(values.slice(1).map(cellText));
  });
  const [head, ...rest] = grid;
  if (!head) throw new AppError('FILE_NO_HEADER', 'The file has no header row');
  const headers = head.map((h, i) => h.trim() || `#${i + 1}`);
  return { headers, rows: rest.map((r) => headers.map((_, i) => r[i] ?? '')) };
}

export async function readTable(file: string, encoding: Encoding = 'auto'): Promise<Table> {
  const size = (await stat(file).catch(() => {
    throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  })).size;
  if (size > MAX_IMPORT_BYTES) throw new AppError('FILE_TOO_LARGE', 'The file is larger than 512 MB', { limit: '512 MB' });
  if (extname(file).toLowerCase() === '.xlsx') return { format: 'xlsx', encoding: 'xlsx', delimiter: '', ...(await readXlsx(file)) };
  const bytes = await readFile(file).catch(() => {
    throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  });
  const decoded = decodeCsv(bytes, encoding);
  return { format: 'csv', encoding: decoded.encoding, ...parseCsv(decoded.text) };
}
