import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../lib/format';

/** Tables show ¥39,900,000.00; summaries in Chinese show 3,990.00 万元 (GLOSSARY.md copy rules). Null: masked. */
export const yuan = (fen: number | null): string => (fen === null ? '***' : formatMoney(fen, 'CNY'));

export function wan(fen: number | null): string {
  if (fen === null) return '***';
  if (currentLanguage() !== 'zh-CN') return formatMoney(fen, 'CNY');
  return `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 1_000_000)} 万元`;
}

/** 元 typed by the user -> fen, exactly (no binary float drift on .01). */
export const toFen = (yuanValue: number | null | undefined): number => Math.round((yuanValue ?? 0) * 100);
