import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountText } from '../../shared/i18n/amounts';

/**
 * Amounts as the glossary writes them: ¥39,900,000.00 in tables, 3,990.00 万元 (¥39.90 million) in
 * summaries, from whole fen, rounded once, half away from zero (四舍五入).
 */
const fen = fc.bigInt({ min: -BigInt(Number.MAX_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) }).map(Number);
const digitsOf = (text: string) => text.replace(/[^\d.-]/g, '');
/** "12,345.67" -> 1234567n hundredths (exact: no float). */
const hundredths = (text: string) => {
  const [whole, frac] = digitsOf(text).replace('-', '').split('.') as [string, string];
  return (BigInt(whole) * 100n + BigInt(frac)) * (text.startsWith('-') ? -1n : 1n);
};

describe('amounts as a Chinese office writes them', () => {
  it('examples a user reads on the dashboard, the workbench and in tables', () => {
    expect(amountText(3_990_000_000, 'CNY', 'zh-CN')).toBe('¥39,900,000.00');
    expect(amountText(3_990_000_000, 'CNY', 'zh-CN', 'summary')).toBe('3,990.00 万元');
    expect(amountText(3_990_000_000, 'CNY', 'en', 'summary')).toBe('¥39.90 million');
    expect(amountText(3_990_000_000, 'CNY', 'en')).toBe('¥39,900,000.00');
    expect(amountText(123_456, 'CNY', 'zh-CN', 'summary')).toBe('¥1,234.56'); // 0.12 万元 would hide the figure
    expect(amountText(123_456, 'CNY', 'en', 'summary')).toBe('¥1,234.56');
    expect(amountText(12_345_000, 'CNY', 'zh-CN', 'summary')).toBe('12.35 万元'); // the half rounds up, once
    expect(amountText(-12_345_000, 'CNY', 'zh-CN', 'summary')).toBe('-12.35 万元'); // … and away from zero below it
    expect(amountText(12_344_999, 'CNY', 'zh-CN', 'summary')).toBe('12.34 万元');
    expect(amountText(0, 'CNY', 'zh-CN')).toBe('¥0.00');
    expect(amountText(0, 'CNY', 'zh-CN', 'summary')).toBe('¥0.00'); // never a bare 0.00 元 beside ¥ figures
    expect(amountText(-5, 'CNY', 'en')).toBe('-¥0.05');
    expect(amountText(Number.MAX_SAFE_INTEGER, 'CNY', 'zh-CN')).toBe('¥90,071,992,547,409.91');
    expect(amountText(Number.MAX_SAFE_INTEGER, 'CNY', 'zh-CN', 'summary')).toBe('9,007,199,254.74 万元');
    expect(amountText(1234.5, 'CNY', 'zh-CN')).toBe('¥12.35'); // a computed fraction of a fen is rounded once
    expect(amountText(150_000, 'USD', 'en')).toBe('$1,500.00'); // other currencies keep their own sign
  });

  it('a table cell keeps every fen: the digits read back are the amount', () => {
    fc.assert(fc.property(fen, (f) => {
      const text = amountText(f, 'CNY', 'zh-CN');
      expect(text).toMatch(/^-?¥\d{1,3}(,\d{3})*\.\d{2}$/);
      expect(hundredths(text)).toBe(BigInt(f));
      expect(amountText(f, 'CNY', 'en')).toBe(text);
    }));
  });

  it('a summary in 万元 is the amount rounded once, half away from zero, to 0.01 万元', () => {
    fc.assert(fc.property(fen, (f) => {
      const text = amountText(f, 'CNY', 'zh-CN', 'summary');
      const magnitude = BigInt(Math.abs(f));
      if (magnitude < 1_000_000n) {
        expect(text).toMatch(/^-?¥\d{1,3}(,\d{3})*\.\d{2}$/);
        expect(hundredths(text)).toBe(BigInt(f));
        return;
      }
      expect(text).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2} 万元$/);
      const shown = hundredths(text) * 10_000n; // back to fen
      const error = BigInt(f) - shown;
      // Within half a unit; exactly half rounds away from zero (the shown value is the larger magnitude).
      expect(error <= 5_000n && error >= -5_000n).toBe(true);
      if (error === 5_000n || error === -5_000n) expect(f > 0 ? error : -error).toBe(-5_000n);
    }));
  });

  it('a negative amount reads as its positive with a minus sign, in every form and language', () => {
    fc.assert(fc.property(fen.filter((f) => f > 0), fc.constantFrom('zh-CN', 'en') as fc.Arbitrary<'zh-CN' | 'en'>, fc.constantFrom('table', 'summary') as fc.Arbitrary<'table' | 'summary'>,
      (f, lang, style) => {
        expect(amountText(-f, 'CNY', lang, style)).toBe(`-${amountText(f, 'CNY', lang, style)}`);
      }));
  });

  it('an English summary of a million yuan and more is in millions, to 0.01 million', () => {
    fc.assert(fc.property(fen.filter((f) => Math.abs(f) >= 100_000_000), (f) => {
      const text = amountText(f, 'CNY', 'en', 'summary');
      expect(text).toMatch(/^-?¥\d{1,3}(,\d{3})*\.\d{2} million$/);
      const error = BigInt(f) - hundredths(text.replace(' million', '')) * 1_000_000n;
      expect(error <= 500_000n && error >= -500_000n).toBe(true);
    }));
  });
});
