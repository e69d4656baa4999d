import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import Papa from 'papaparse';
import { AppError } from '../../../../shared/errors';
import { guardedXlsx } from './xlsx-guard';

/**
 * Reading an import file (CSV or XLSX) into a table, in the import-table worker: the file is untrusted,
 * so besides the worker's memory cap every size is capped here, and going past a cap is a clear
 * error, never a crash or a gigabyte in the main process.
 */
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
export const TABLE_LIMITS = {
  /** A client list has a few dozen columns; a row of millions is an attack or a broken export. */
  columns: 1000,
  /** Characters of all cells together (a shared string repeated in a million cells counts a million times). */
  chars: 128 * 1024 * 1024,
} as const;

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

function tooManyColumns(columns: number): never {
  throw new AppError('FILE_TOO_MANY_COLUMNS', `The file has ${columns} columns`, { columns, limit: TABLE_LIMITS.columns });
}

/** The header row, trimmed and named where empty; refused when it is missing or too wide. */
function headersOf(head: string[] | undefined): string[] {
  if (!head || head.every((h) => !h.trim())) throw new AppError('FILE_NO_HEADER', 'The file has no header row');
  if (head.length > TABLE_LIMITS.columns) tooManyColumns(head.length);
  return head.map((h, i) => h.trim() || `#${i + 1}`);
}

/** Rows cut or padded to the header's width, counting characters against the cap. */
function fitted(rows: string[][], width: number): string[][] {
  let chars = 0;
  return rows.map((r) => {
    if (r.length > TABLE_LIMITS.columns) tooManyColumns(r.length);
    const row = r.length >= width ? r.slice(0, width) : [...r, ...Array<string>(width - r.length).fill('')];
    for (const cell of row) chars += cell.length;
    if (chars > TABLE_LIMITS.chars) throw new AppError('FILE_TOO_COMPLEX', 'The file holds more text than an import can take', { limit: `${TABLE_LIMITS.chars / 1024 / 1024} MB` });
    return row;
  });
}

export function parseCsv(text: string): { headers: string[]; rows: string[][]; delimiter: string } {
  const parsed = Papa.parse<string[]>(text, { delimiter: '', skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw new AppError('FILE_UNCLOSED_QUOTE', `Unclosed quote near row ${(fatal.row ?? 0) + 1}`, { row: (fatal.row ?? 0) + 1 });
  }
  const [head, ...rest] = parsed.data;
  const headers = headersOf(head);
  return { headers, rows: fitted(rest, headers.length), delimiter: parsed.meta.delimiter };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // ExcelJS reads a date cell as that calendar day at 00:00 UTC, so its UTC day is the day the sheet shows.
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

async function readXlsx(bytes: Uint8Array): Promise<Omit<Table, 'format' | 'encoding' | 'delimiter'>> {
  const stored = guardedXlsx(bytes);
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer);
  } catch {
    throw new AppError('FILE_NOT_XLSX', 'The file is not a readable XLSX workbook');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('FILE_NOT_XLSX', 'The workbook has no sheet');
  if (sheet.columnCount > TABLE_LIMITS.columns) tooManyColumns(sheet.columnCount);
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    // row.values is sparse where a cell is blank: Array.from fills the holes (map would keep them).
    grid.push(Array.from(values.slice(1), cellText));
  });
  const [head, ...rest] = grid;
  const headers = headersOf(head);
  return { headers, rows: fitted(rest, headers.length) };
}

/** The table of a CSV or XLSX file, read in this thread (the import-table worker's job). */
export async function readTableFile(file: string, encoding: Encoding): Promise<Table> {
  const size = (await stat(file).catch(() => {
    throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  })).size;
  if (size > MAX_IMPORT_BYTES) throw new AppError('FILE_TOO_LARGE', 'The file is larger than 512 MB', { limit: '512 MB' });
  const bytes = await readFile(file).catch(() => {
    throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  });
  if (extname(file).toLowerCase() === '.xlsx') return { format: 'xlsx', encoding: 'xlsx', delimiter: '', ...(await readXlsx(bytes)) };
  const decoded = decodeCsv(bytes, encoding);
  return { format: 'csv', encoding: decoded.encoding, ...parseCsv(decoded.text) };
}
