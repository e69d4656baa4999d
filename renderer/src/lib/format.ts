import { currentLanguage } from '../i18n';

/** Amounts arrive in minor units (fen, cents). */
export function formatMoney(minor: number | null, currency: string): string {
  if (minor === null) return '';
  return new Intl.NumberFormat(currentLanguage(), { style: 'currency', currency, maximumFractionDigits: 2 }).format(minor / 100);
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
