import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameSortKey, pinyinForms } from '../../electron/core/formats/pinyin';
import { searchQuery } from '../../electron/core/formats/search-tokens';

describe('pinyin forms and sort keys', () => {
  it('numbers inside names sort naturally, whatever the numbers', () => {
    fc.assert(fc.property(fc.nat({ max: 10 ** 11 }), fc.nat({ max: 10 ** 11 }), fc.constantFrom('东方客户', '客户', 'Acme ', '北辰'), (a, b, stem) => {
      fc.pre(a !== b);
      const [lo, hi] = a < b ? [a, b] : [b, a];
      expect(nameSortKey(`${stem}${lo}`, false) < nameSortKey(`${stem}${hi}`, false)).toBe(true);
    }));
  });

  it('orders by pinyin syllable by syllable, a name before its longer forms', () => {
    const names = ['中国银行', '东方客户', '北辰', '东方', '安达', '东方客户2', '陈伟'];
    const sorted = [...names].sort((x, y) => (nameSortKey(x, false) < nameSortKey(y, false) ? -1 : 1));
    expect(sorted).toEqual(['安达', '北辰', '陈伟', '东方', '东方客户', '东方客户2', '中国银行']);
  });

  it('names without Chinese add nothing to the index; mixed names keep their Latin and digits', () => {
    expect(pinyinForms('Acme Ltd', false)).toBeNull();
    expect(pinyinForms('ABC公司2号', false)).toEqual({ full: 'ABCgongsi2hao', initials: 'ABCgs2h' });
    expect(pinyinForms('吕布', true)).toEqual({ full: 'lvbu', initials: 'lb' });
  });

  it('a query mixing pinyin and Chinese looks for each part on its own', () => {
    expect(searchQuery('zg银行')).toBe(`${searchQuery('zg')} AND "银行"`);
    expect(searchQuery('银行zg')).toBe(`"银行" AND ${searchQuery('zg')}`);
    // Two Latin letters are the tokens that begin with them (formats/search-tokens.ts): the pair or one of its trigrams.
    expect(searchQuery('zg')).toMatch(/^\("zg" OR "zga" OR .* OR "zgz"\)$/);
  });
});
