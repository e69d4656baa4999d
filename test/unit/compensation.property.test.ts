import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compensationStandardSchema, proposalInputsSchema } from '../../shared/contract/compensation';
import { amountFromInputs, clientInputs, fences, fullYears, portfolioInputs, roundedProduct, type CompensationStandard, type ValueData } from '../../shared/compensation/compute';

const tierArb = fc.constantFrom('A' as const, 'B' as const, 'C' as const);
const fen = fc.integer({ min: 0, max: 10_000_000_000_00 });
const permille = fc.integer({ min: 0, max: 3000 });
const standardArb: fc.Arbitrary<CompensationStandard> = fc.record({
  basis: fc.constantFrom('revenue' as const, 'profit' as const, 'fixed' as const),
  rateBp: fc.integer({ min: 0, max: 10_000 }),
  fixedFen: fc.record({ A: fen, B: fen, C: fen }),
  tierFactors: fc.record({ A: permille, B: permille, C: permille }),
  loyalty: fc.record({ minRenewalPercent: fc.integer({ min: 0, max: 100 }), factorPermille: permille }),
  stability: fc.record({ minYears: fc.integer({ min: 0, max: 30 }), factorPermille: permille }),
  floorFen: fc.integer({ min: 0, max: 1_000_000_00 }),
  capFen: fc.integer({ min: 1_000_000_00, max: 1e13 }),
  methods: fc.constant(['cash']),
  defaultMethod: fc.constant('cash'),
  budgetFen: fen,
});
const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const valueArb: fc.Arbitrary<ValueData> = fc.record({
  annualRevenue: fc.option(fc.integer({ min: -1_000_000_00, max: 1e13 }), { nil: null }),
  grossProfit: fc.option(fc.integer({ min: -1_000_000_00, max: 1e13 }), { nil: null }),
  tier: fc.option(tierArb, { nil: null }),
  renewalRate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  cooperationStart: fc.option(day, { nil: null }),
});

describe('compensation proposals (property)', () => {
  it('recompute to the same fen from their recorded inputs, after the inputs went through JSON and the contract', () => {
    fc.assert(fc.property(standardArb, valueArb, day, (s, c, today) => {
      expect(compensationStandardSchema.safeParse(s).success).toBe(true);
      const inputs = clientInputs(s, c, today);
      const stored = proposalInputsSchema.parse(JSON.parse(JSON.stringify(inputs)));
      expect(amountFromInputs(stored)).toBe(amountFromInputs(inputs));
      // The same client, the same standard, the same day: the same inputs.
      expect(clientInputs(s, c, today)).toEqual(inputs);
    }), { numRuns: 500 });
  });

  it('round half up once, at the end, and stay between floor and cap', () => {
    fc.assert(fc.property(standardArb, valueArb, day, (s, c, today) => {
      const i = clientInputs(s, c, today);
      const amount = amountFromInputs(i);
      expect(Number.isSafeInteger(amount)).toBe(true);
      expect(amount).toBeGreaterThanOrEqual(Math.min(i.floorFen, i.capFen));
      expect(amount).toBeLessThanOrEqual(Math.max(i.floorFen, i.capFen));
      // Exact reference: the rational product, rounded half up (ties up) — twice the remainder against the divisor.
      const num = BigInt(i.basisFen) * BigInt(i.rateBp) * BigInt(i.tierFactor) * BigInt(i.loyaltyFactor) * BigInt(i.stabilityFactor);
      const den = 10_000n * 1000n ** 3n;
      const q = num / den;
      const expected = 2n * (num % den) >= den ? q + 1n : q;
      expect(roundedProduct(i)).toBe(expected);
    }), { numRuns: 500 });
  });

  it('round ties up: 0.5 fen becomes 1 fen, 0.4999 becomes 0', () => {
    const base = { v: 1 as const, basis: 'revenue' as const, rateBp: 5000, tier: null, tierFactor: 1000, renewalPercent: null, loyaltyFactor: 1000, years: null, stabilityFactor: 1000, floorFen: 0, capFen: 1e12 };
    expect(amountFromInputs({ ...base, basisFen: 1 })).toBe(1);
    expect(amountFromInputs({ ...base, basisFen: 3 })).toBe(2);
    expect(amountFromInputs({ ...base, basisFen: 1, rateBp: 4999 })).toBe(0);
  });

  it('a portfolio is worth the sum of its clients\' bases', () => {
    fc.assert(fc.property(standardArb, fc.array(valueArb, { maxLength: 20 }), (s, list) => {
      const i = portfolioInputs(s, list);
      expect(i.clients).toBe(list.length);
      const each = list.map((c) => clientInputs(s, c, '2026-01-01').basisFen);
      expect(i.basisFen).toBe(each.reduce((a, b) => a + b, 0));
    }));
  });

  it('count whole years and find outliers by Tukey fences', () => {
    expect(fullYears('2020-03-01', '2026-02-28')).toBe(5);
    expect(fullYears('2020-03-01', '2026-03-01')).toBe(6);
    expect(fullYears('2030-01-01', '2026-03-01')).toBeNull();
    expect(fences([1, 2, 3])).toBeNull();
    const f = fences([10, 11, 12, 13, 14, 100])!;
    expect(100).toBeGreaterThan(f.high);
    expect(10).toBeGreaterThan(f.low);
  });
});
