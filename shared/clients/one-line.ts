/**
 * Fields a person reads as one line — a client's name, its owner, a tag, a region. A control character there
 * (a newline above all) would forge a line in the CLI's tab-separated output or a sentence in the access log,
 * and the bidi overrides (U+202A–U+202E, U+2066–U+2069) make a name read in another order than it is stored
 * (张伟 shown where 伟张 is saved). Both are refused; a spreadsheet cell's line breaks and tabs (Alt+Enter in
 * Excel) are read as one space before that.
 */
export const NOT_ONE_LINE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** A cell's line breaks and tabs as one space, as a person reading the cell would take them. */
export function asOneLine(value: string): string {
  return value.replace(/[\t\n\v\f\r]+/g, ' ').trim();
}
