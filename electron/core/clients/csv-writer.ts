import { neutralizeCsvCell } from '../../../shared/clients/normalize';

/** RFC 4180 CSV for Excel: UTF-8 with BOM, CRLF, every cell quoted when needed and formula-neutralised. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** One cell: formula-neutralised, quoted when needed. */
export function csvCell(v: string | number | null | undefined): string {
  const s = neutralizeCsvCell(v === null || v === undefined ? '' : String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
