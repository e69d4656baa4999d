import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

/**
 * How a date input shows a day in each language; the first format displays, every one parses,
 * so a typed ISO day (2026-11-29) is accepted in both. GLOSSARY.md: in Chinese, inputs and tables
 * show 2026-11-29 (2026年11月29日 is for prose and PDFs); the picker follows the app's language,
 * never the OS locale.
 */
export function dayFormats(language: string): string[] {
  return language === 'en' ? ['MMM D, YYYY', 'YYYY-MM-DD', 'YYYY/M/D'] : ['YYYY-MM-DD', 'YYYY/M/D', 'YYYY年M月D日'];
}

/** dayjs names months and weekdays in the calendar panel: it switches with the UI language. */
export function setDayjsLanguage(language: string): void {
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
}
