import { currentLanguage } from '../i18n';
import { amountText } from '../../../shared/i18n/amounts';

/**
 * Amounts arrive in minor units (fen, cents). The one formatter of amounts on screen (shared with the
 * PDFs, shared/i18n/amounts.ts): tables and per-client figures show ¥39,900,000.00 …
 */
export function formatMoney(minor: number | null, currency: string): string {
  if (minor === null) return '';
  return amountText(minor, currency, currentLanguage(), 'table');
}

/** … dashboards, workbench and summaries show 3,990.00 万元 (¥39.90 million in English), small sums in 元. */
export function formatMoneySummary(minor: number | null, currency: string): string {
  if (minor === null) return '';
  return amountText(minor, currency, currentLanguage(), 'summary');
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat(currentLanguage()).format(n);
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '' : new Intl.NumberFormat(currentLanguage(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** "label: value" with the colon of the user's language (GLOSSARY.md: full-width ： beside Chinese). */
export function labelled(label: string, value: string | number): string {
  return currentLanguage() === 'zh-CN' ? `${label}：${value}` : `${label}: ${value}`;
}

/** A list as the user's language writes it: 华东、华南 / East, South. */
export function listText(items: readonly string[]): string {
  return items.join(currentLanguage() === 'zh-CN' ? '、' : ', ');
}
