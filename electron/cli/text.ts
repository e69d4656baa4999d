import type { Language } from '../../shared/contract';
import { cliHeader, cliText, type CliTextKey, type CliVars } from '../../shared/i18n/cli-text';
import { momentText } from '../../shared/i18n/moments';
import { alignColumns } from '../../shared/i18n/text-width';

/**
 * The CLI's words in the language it speaks (io.language): one catalog (shared/i18n/cli-text.ts),
 * tables aligned by display width (a Chinese character takes two terminal columns), times local.
 */
export const say = (language: Language, key: CliTextKey, vars?: CliVars): string => cliText(language, key, vars);

/**
 * What a terminal must not be sent from a value: control characters (ESC starts the sequences that clear
 * the screen, write the clipboard, recolour or hide lines; C1's CSI does the same in one byte) and the bidi
 * embeddings, overrides and isolates that show a name reversed. Values reach the CLI from other people's
 * input — a search typed in a compromised window (logged), a handover's title, a document's file name —
 * and printed raw they did all of that to an administrator's terminal (test/integration/attack-cli-terminal.test.ts).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a terminal must not be sent
const C0_OR_DEL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const C1_OR_BIDI = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A C0 control as its Unicode control picture (ESC as ␛, DEL as ␡): seen, not obeyed. */
const picture = (c: string) => String.fromCodePoint(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0));

/** Text for a terminal: its own line breaks and tabs kept, every other control shown as a picture, C1 and bidi controls as U+FFFD. */
export function terminalSafe(text: string): string {
  return text.replace(C0_OR_DEL, picture).replace(C1_OR_BIDI, '\ufffd');
}

/** One table cell on one line: a line break or tab inside a value would forge rows or columns. */
const cell = (value: string) => terminalSafe(value.replace(/\r\n|[\r\n\t]/g, ' '));

/** A table: the header entry's column names, then the rows, aligned. */
export function table(language: Language, header: CliTextKey, rows: readonly (readonly string[])[]): string {
  return alignColumns([cliHeader(language, header), ...rows.map((r) => r.map(cell))]).join('\n');
}

/** An instant (ISO) in local time as the language writes it; nothing yet is a dash. */
export function when(language: Language, iso: string | null | undefined): string {
  return iso ? momentText(language, iso) : say(language, 'word.none');
}
