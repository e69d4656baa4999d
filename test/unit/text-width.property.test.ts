import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignColumns, displayWidth, padToWidth } from '../../shared/i18n/text-width';

/**
 * The CLI's tables in Chinese: a terminal shows 张伟 four columns wide, so padding by string length
 * (`'张伟'.padEnd(8)`) pushes the next column two columns right for every Chinese character.
 */
const latin = fc.constantFrom(...'abcXYZ019 -_.@'.split(''));
const han = fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp));
const fullWidth = fc.constantFrom('，', '：', '（', '）', '。', '、', '「', '」', '￥');
const rare = fc.integer({ min: 0x20000, max: 0x2a6df }).map((cp) => String.fromCodePoint(cp)); // CJK extension B: two UTF-16 units
const combining = fc.constantFrom('\u0301', '\u200d', '\ufe0f');
const cell = fc.array(fc.oneof(latin, han, fullWidth, rare), { maxLength: 12 }).map((cs) => cs.join(''));

describe('display width', () => {
  it('examples a user sees', () => {
    expect(displayWidth('NAME')).toBe(4);
    expect(displayWidth('姓名')).toBe(4);
    expect(displayWidth('李娜（华东）')).toBe(12);
    expect(displayWidth('𠀋')).toBe(2); // one character, two UTF-16 units
    expect(displayWidth('e\u0301')).toBe(1); // e + combining acute
    expect(displayWidth('2026年11月22日 17:05')).toBe(20);
    expect(padToWidth('张伟', 6)).toBe('张伟  ');
  });

  it('is additive, and counts a Han character or a full-width sign as two columns, a Latin letter as one, a combining mark as none', () => {
    fc.assert(fc.property(fc.array(latin), fc.array(fc.oneof(han, fullWidth, rare)), fc.array(combining), (l, w, z) => {
      expect(displayWidth(l.join(''))).toBe(l.length);
      expect(displayWidth(w.join(''))).toBe(2 * w.length);
      expect(displayWidth(z.join(''))).toBe(0);
      expect(displayWidth(l.join('') + w.join('') + z.join(''))).toBe(l.length + 2 * w.length);
    }));
  });

  it('pads a text to the width asked, never cuts it, and adds only spaces', () => {
    fc.assert(fc.property(cell, fc.nat(40), (text, width) => {
      const padded = padToWidth(text, width);
      expect(padded.startsWith(text)).toBe(true);
      expect(padded.slice(text.length)).toMatch(/^ *$/);
      expect(displayWidth(padded)).toBe(Math.max(width, displayWidth(text)));
    }));
  });

  it('aligns columns: in every row each cell starts at the same terminal column, mixed Chinese and Latin', () => {
    // Cells without spaces, so a run of two or more spaces is the gap between two cells.
    const word = fc.array(fc.oneof(latin.filter((c) => c !== ' '), han, fullWidth, rare), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
    const table = fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.array(word, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 8 }));
    fc.assert(fc.property(table, (rows) => {
      const lines = alignColumns(rows);
      const startColumns = lines.map((line) => {
        const starts: number[] = [];
        for (const m of line.matchAll(/[^ ]+/g)) starts.push(displayWidth(line.slice(0, m.index)));
        return starts;
      });
      lines.forEach((line, r) => {
        expect(line.split(/ {2,}/)).toEqual(rows[r]);
        expect(line.endsWith(' ')).toBe(false);
        expect(startColumns[r]).toEqual(startColumns[0]);
      });
    }));
  });
});
