import { neutralizeCsvCell } from '../../../shared/clients/normalize';

/** RFC 4180 CSV for Excel: UTF-8 with BOM, CRLF, every cell quoted when needed and formula-neutralised. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cell = (v: string | number | null | undefined) => {
    const s = neutralizeCsvCell(v === null || v === undefined ? '' : String(v));
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
