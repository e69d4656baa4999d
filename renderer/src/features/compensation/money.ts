import { formatMoney, formatMoneySummary } from '../../lib/format';

/** Per-client figures and table cells: ¥39,900,000.00. Null: masked. */
export const yuan = (fen: number | null): string => (fen === null ? '***' : formatMoney(fen, 'CNY'));

/** Totals and summaries: 3,990.00 万元 (GLOSSARY.md copy rules). Null: masked. */
export const wan = (fen: number | null): string => (fen === null ? '***' : formatMoneySummary(fen, 'CNY'));

/** 元 typed by the user -> fen, exactly (no binary float drift on .01). */
export const toFen = (yuanValue: number | null | undefined): number => Math.round((yuanValue ?? 0) * 100);
