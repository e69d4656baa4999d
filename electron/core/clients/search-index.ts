/**
 * The client search index: character bigrams as FTS5 tokens. A word
 * "张伟明" is indexed as "张伟 伟明 明" (bigrams, then its last character),
 * and a query becomes a phrase of its bigrams, so a match is exactly a
 * substring of a word — for any length from two characters up, in Chinese,
 * Latin text or digits (partial phone numbers). A one-character query is a
 * prefix query on the tokens. Punctuation is dropped inside a word (so
 * "zhang@163.com" and "163com" meet) and white space separates words.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, '');
}

function words(text: string): string[][] {
  return normalizeForSearch(text)
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => Array.from(w));
}

export function searchTokens(fields: readonly string[]): string {
  const out: string[] = [];
  for (const field of fields) {
    for (const cs of words(field)) {
      for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i]! + cs[i + 1]!);
      // The last character alone: one-character prefix queries find it, and no phrase can span two words.
      out.push(cs[cs.length - 1]!);
    }
  }
  return out.join(' ');
}

/** An FTS5 MATCH expression for what the user typed, or null when nothing searchable is left. */
export function searchQuery(typed: string): string | null {
  const parts = words(typed).map((cs) =>
    cs.length === 1 ? `"${cs[0]}"*` : `"${cs.slice(0, -1).map((c, i) => c + cs[i + 1]).join(' ')}"`,
  );
  return parts.length > 0 ? parts.join(' AND ') : null;
}
