import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexText, indexTextUtf8 } from '../../electron/core/formats/client-index-text';
import { searchTokens } from '../../electron/core/formats/search-tokens';
import { searchTokensUtf8, Utf8Sink } from '../../electron/core/formats/search-tokens-utf8';

/**
 * The import's worker writes the search text straight as UTF-8 (issue 16); the index must hold exactly
 * what the one-client-at-a-time path puts there, whatever the text: Chinese, Latin, digits, punctuation,
 * full-width forms, characters outside the BMP and lone surrogates (a broken file can hold those).
 */
const utf8 = (s: string) => new TextEncoder().encode(s);
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'张伟单雄信中国银行 -.@1234567890abcXYZ，。Ｃ００１𠀀𠀁\ud800\udc00é\u0301\t\n'.split('')), maxLength: 30 }),
  fc.constantFrom('', '东方客户10', 'zhang@163.com', '+8613800138000', '上海市长安街853号12楼', 'Anna Müller', '𠀀𠀁a', '\ud800', 'a\ud800', '\udc00b'),
);
const anyDraft = fc.record({
  code: anyText, name: anyText, type: fc.constantFrom('company' as const, 'individual' as const), region: anyText, city: anyText,
  address: anyText, owner: anyText, industry: anyText, tags: fc.array(anyText, { maxLength: 3 }),
  contacts: fc.array(fc.record({ name: anyText, phones: fc.array(anyText, { maxLength: 2 }), emails: fc.array(anyText, { maxLength: 2 }) }), { maxLength: 3 }),
});

describe('search text written as UTF-8 for the import', () => {
  it('is byte for byte the UTF-8 of the search text, for any fields', () => {
    fc.assert(fc.property(fc.array(anyText, { maxLength: 6 }), (fields) => {
      const sink = new Utf8Sink();
      const wrote = searchTokensUtf8(fields, sink);
      const expected = searchTokens(fields);
      expect(Buffer.from(sink.copy()).equals(Buffer.from(utf8(expected)))).toBe(true);
      expect(wrote).toBe(expected !== '');
    }), { numRuns: 2000 });
  });

  it("is byte for byte the UTF-8 of a client's whole index text (code, columns, pinyin)", () => {
    fc.assert(fc.property(anyDraft, (draft) => {
      expect(Buffer.from(indexTextUtf8(draft)).toString('hex')).toBe(Buffer.from(utf8(indexText(draft))).toString('hex'));
    }), { numRuns: 1000 });
  });
});
