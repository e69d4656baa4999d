import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchQuery, searchTokens } from '../../electron/core/formats/search-tokens';

/** What the index promises: a query matches a text when, word by word, it is a substring of the text's words. */
function phraseMatches(tokens: string[], query: string): boolean {
  // Evaluate the MATCH expression the way FTS5 would, on one document's token list.
  const phraseFound = (part: string) => {
    const prefix = part.endsWith('*');
    const phrase = part.replace(/^"|"\*?$/g, '').split(' ');
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((p, k) => (prefix && k === phrase.length - 1 ? tokens[i + k]!.startsWith(p) : tokens[i + k] === p))) return true;
    }
    return false;
  };
  // A part is a phrase, or a group of phrases in parentheses joined by OR (two Latin letters).
  return query.split(' AND ').every((part) => (part.startsWith('(') ? part.slice(1, -1).split(' OR ').some(phraseFound) : phraseFound(part)));
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

/** The tokens as the index defines them, written plainly (regular expressions, code point by code point). */
function plainTokens(fields: string[]): string {
  const out: string[] = [];
  // Digits, Latin letters (a-z after folding) and other letters are runs of their own.
  const classOf = (ch: string) => (/\s/u.test(ch) ? 's' : /\p{Nd}/u.test(ch) ? 'd' : /^[a-z]$/.test(ch) ? 'l' : /[\p{L}\p{N}\p{M}]/u.test(ch) ? 'w' : 'x');
  for (const field of fields) {
    const runs: { chars: string[]; n: number }[] = [];
    let kind = 's';
    for (const ch of normalizeForSearch(field)) {
      const c = classOf(ch);
      if (c === 'x') continue;
      if (c === 's') {
        kind = 's';
        continue;
      }
      if (c !== kind) runs.push({ chars: [], n: c === 'w' ? 2 : 3 });
      kind = c;
      runs[runs.length - 1]!.chars.push(ch);
    }
    for (const { chars, n } of runs) {
      for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
      for (let k = Math.min(n - 1, chars.length); k >= 1; k--) out.push(chars.slice(chars.length - k).join(''));
    }
  }
  return out.join(' ');
}

describe('the tokeniser (written for speed: it runs 100,000 times per import)', () => {
  it('makes exactly the tokens of the plain definition', () => {
    const chars = fc.constantFrom(...'张伟华东上海恒信长江重庆ab zZ c1 2 3 -@.Ｃ０é\t'.split(''), '𠀀', '١');
    const field = fc.array(chars, { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.array(field, { maxLength: 6 }), (fields) => {
      expect(searchTokens(fields)).toBe(plainTokens(fields));
    }), { numRuns: 2000 });
  });
});
