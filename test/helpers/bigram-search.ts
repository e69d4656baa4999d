import { normalizeForSearch } from '../../electron/core/formats/search-tokens';

/**
 * The search index's tokens and queries as they were before migration 015 (Latin words as bigrams),
 * written plainly and frozen here: the migration test seeds an old index with them, and the property
 * test checks that the trigrams find everything these found.
 */
type Kind = 's' | 'd' | 'w' | 'x';
const classOf = (ch: string): Kind => (/\s/u.test(ch) ? 's' : /\p{Nd}/u.test(ch) ? 'd' : /[\p{L}\p{N}\p{M}]/u.test(ch) ? 'w' : 'x');

/** Runs of digits and of other word characters; with splitScripts (the query) also at a change between Latin and other letters. */
function runs(text: string, splitScripts: boolean): { chars: string[]; digits: boolean }[] {
  const out: { chars: string[]; digits: boolean }[] = [];
  let kind: Kind = 's';
  let latin = false;
  for (const ch of normalizeForSearch(text)) {
    const c = classOf(ch);
    if (c === 'x') continue;
    if (c === 's') {
      kind = 's';
      continue;
    }
    const isLatin = ch.charCodeAt(0) < 128;
    if (c !== kind || (splitScripts && c === 'w' && latin !== isLatin)) out.push({ chars: [], digits: c === 'd' });
    kind = c;
    latin = isLatin;
    out[out.length - 1]!.chars.push(ch);
  }
  return out;
}

/** The old index text of some fields: bigrams and the last character, trigrams and the last two and one for digits. */
export function bigramTokens(fields: readonly string[]): string {
  const out: string[] = [];
  for (const field of fields) {
    for (const { chars, digits } of runs(field, false)) {
      const n = digits ? 3 : 2;
      for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
      for (let k = Math.min(n - 1, chars.length); k >= 1; k--) out.push(chars.slice(chars.length - k).join(''));
    }
  }
  return out.join(' ');
}

/** The old MATCH expression for a typed query, or null. */
export function bigramQuery(typed: string): string | null {
  const parts = runs(typed, true).map(({ chars, digits }) => {
    const n = digits ? 3 : 2;
    if (chars.length < n) return `"${chars.join('')}"*`;
    const grams: string[] = [];
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
    return `"${grams.join(' ')}"`;
  });
  return parts.length ? parts.join(' AND ') : null;
}
