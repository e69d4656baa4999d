import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/errors';
import { formatError } from '../../../shared/i18n/errors';
import { PROBLEM_MESSAGES } from '../../../shared/i18n/problems';
import { en } from './en';
import { zhCN } from './zh-CN';
import { ABOUT } from './about';
import { PALETTE } from './palette';
import { WIZARD_LISTS } from './wizard-lists';
import { setDayjsLanguage } from './dates';
import { dayOf } from '../../../shared/dates';

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: { ...en, problems: PROBLEM_MESSAGES.en, about: ABOUT.en, palette: PALETTE.en, wizardList: WIZARD_LISTS.en } },
    'zh-CN': { translation: { ...zhCN, problems: PROBLEM_MESSAGES['zh-CN'], about: ABOUT['zh-CN'], palette: PALETTE['zh-CN'], wizardList: WIZARD_LISTS['zh-CN'] } },
  },
  lng: 'zh-CN',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnObjects: true,
});

setDayjsLanguage('zh-CN');

export function setLanguage(language: Language): void {
  // Before i18next re-renders, so the date pickers re-render with their panel already in the new language.
  setDayjsLanguage(language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function errorText(error: AppErrorData): string {
  return formatError(currentLanguage(), error.code, error.details);
}

export function formatDateTime(iso: string | null | undefined, fallback = ''): string {
  if (!iso) return fallback;
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/**
 * A calendar day (YYYY-MM-DD) in the user's language, without a time zone shift; an instant is first named by
 * the day it fell on here (shared/dates.ts: 2026-11-30T17:30Z is 2026年12月1日 in Beijing).
 */
export function formatDate(day: string | null | undefined, fallback = ''): string {
  if (!day) return fallback;
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${dayOf(day)}T00:00:00Z`));
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

export default i18n;
