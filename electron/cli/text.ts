import type { Language } from '../../shared/contract';
import { cliHeader, cliText, type CliTextKey, type CliVars } from '../../shared/i18n/cli-text';
import { momentText } from '../../shared/i18n/moments';
import { alignColumns } from '../../shared/i18n/text-width';

/**
 * The CLI's words in the language it speaks (io.language): one catalog (shared/i18n/cli-text.ts),
 * tables aligned by display width (a Chinese character takes two terminal columns), times local.
 */
export const say = (language: Language, key: CliTextKey, vars?: CliVars): string => cliText(language, key, vars);

/** A table: the header entry's column names, then the rows, aligned. */
export function table(language: Language, header: CliTextKey, rows: readonly (readonly string[])[]): string {
  return alignColumns([cliHeader(language, header), ...rows]).join('\n');
}

/** An instant (ISO) in local time as the language writes it; nothing yet is a dash. */
export function when(language: Language, iso: string | null | undefined): string {
  return iso ? momentText(language, iso) : say(language, 'word.none');
}
