import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchQuery, searchTokens } from '../../electron/core/formats/search-tokens';

/** What the index promises: a query matches a text when, word by word, it is a substring of the text's words. */
function phraseMatches(tokens: string[], query: string): boolean {
  // Evaluate the MATCH expression the way FTS5 would, on one document's token list.
  return query.split(' AND ').every((part) => {
    const prefix = part.endsWith('*');
    const phrase = part.replace(/^"|"\*?$/g, '').split(' ');
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((p, k) => (prefix && k === phrase.length - 1 ? tokens[i + k]!.startsWith(p) : tokens[i + k] === p))) return true;
    }
    return false;
  });
}

const alphabet = fc.constantFrom(...'张伟华东上海恒信ab c1 2 3 -@.Ｃ０'.split(''));

describe('client search tokens', () => {
  it('index and query agree: every substring of a word is found', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 1, maxLength: 30 }).map((a) => a.join('')), fc.nat(), fc.nat(), (text, a, b) => {
        const norm = normalizeForSearch(text).replace(/[^\p{L}\p{N}\s]/gu, '');
        const words = norm.split(/\s+/).filter(Boolean);
        fc.pre(words.length > 0);
        const word = words[a % words.length]!;
        const chars = Array.from(word);
        const start = b % chars.length;
        const sub = chars.slice(start, start + 1 + (b % 4)).join('');
        const q = searchQuery(sub);
        fc.pre(q !== null);
        expect(phraseMatches(searchTokens([text]).split(' '), q!)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('does not match what is not there', () => {
    const tokens = searchTokens(['上海华东电子有限公司', '张伟', '+8613800138000', 'zhangwei@163.com']).split(' ');
    for (const absent of ['张芳', '华南', '13900', 'wangfang', '电子科技']) expect(phraseMatches(tokens, searchQuery(absent)!), absent).toBe(false);
    for (const present of ['张伟', '华东', '0013800', '163.com', '有限公司', '张', '86138']) expect(phraseMatches(tokens, searchQuery(present)!), present).toBe(true);
  });

  it('never throws and folds full-width forms', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      searchTokens([s]);
      searchQuery(s);
    }));
    expect(searchQuery('Ｃ００１')).toBe(searchQuery('c001'));
  });
});
