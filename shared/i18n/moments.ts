import type { Language } from '../contract/schemas';

/**
 * A moment (2026-11-22T09:05:00.000Z) as a person reads it, in the computer's own time zone:
 * 2026年11月22日 17:05 in Chinese, Nov 22, 2026, 5:05 PM in English. The access log's sentences, its
 * table and the CLI's lists all write times with this, so one moment reads the same everywhere.
 * Anything that is not an instant is returned as it is.
 */
export function momentText(lang: Language, iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
