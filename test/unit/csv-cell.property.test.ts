import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../electron/core/formats/csv-cell';
import { isFormulaLike, neutralizeCsvCell } from '../../shared/clients/normalize';

/** The rule as written before the fast path: neutralise, then quote when a quote, comma or line break is in it. */
const byTheRule = (s: string) => {
  const n = neutralizeCsvCell(s);
  return /[",\r\n]/.test(n) ? `"${n.replace(/"/g, '""')}"` : n;
};

/** Text made of the characters that matter to a CSV cell, and any others. */
const cellText = fc.array(fc.oneof(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' ', '张'), fc.string({ maxLength: 3 })), { maxLength: 8 }).map((a) => a.join(''));

describe('a CSV cell', () => {
  it('is the text itself only when it is neither formula-like nor in need of quotes; otherwise neutralised and quoted by the rule', () => {
    fc.assert(fc.property(cellText, (s) => {
      expect(csvCell(s)).toBe(byTheRule(s));
      if (isFormulaLike(s)) expect(csvCell(s)).toMatch(/^"?'/);
    }), { numRuns: 2000 });
    expect([csvCell(null), csvCell(undefined), csvCell(-12.5), csvCell('=SUM(A1)'), csvCell('a,"b"')]).toEqual(['', '', "'-12.5", "'=SUM(A1)", '"a,""b"""']);
  });
});
