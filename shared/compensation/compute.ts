/**
 * How a compensation proposal is computed (issue 19), pure so the core, the
 * renderer and the tests compute it the same way. Every amount is an integer
 * in fen; factors are integers in per mille and the rate in basis points, so
 * the whole product is exact (BigInt) and rounded half up once, at the end —
 * then held between the standard's floor and cap. A proposal stores the
 * `ProposalInputs` it was computed from: anyone allowed to see them can
 * recompute the amount with `amountFromInputs` and get the same fen.
 */
export const COMPENSATION_BASES = ['revenue', 'profit', 'fixed'] as const;
export type CompensationBasis = (typeof COMPENSATION_BASES)[number];
export type Tier = 'A' | 'B' | 'C';

export interface CompensationStandard {
  /** Share of annual revenue or of gross profit, or a fixed amount per tier. */
  basis: CompensationBasis;
  /** Share of the basis, in basis points (100 = 1 %). Ignored for `fixed`. */
  rateBp: number;
  fixedFen: Record<Tier, number>;
  /** Per mille (1000 = ×1.0). Not applied with `fixed`, whose amount is already per tier. */
  tierFactors: Record<Tier, number>;
  loyalty: { minRenewalPercent: number; factorPermille: number };
  stability: { minYears: number; factorPermille: number };
  floorFen: number;
  capFen: number;
  methods: string[];
  defaultMethod: string;
  budgetFen: number;
}

/** A client's value data, as the value assessment holds it. */
export interface ValueData {
  annualRevenue: number | null;
  grossProfit: number | null;
  tier: Tier | null;
  /** 0..1 */
  renewalRate: number | null;
  cooperationStart: string | null;
}

export interface ProposalInputs {
  v: 1;
  basis: CompensationBasis;
  /** What the share is taken of, in fen (for `fixed`: the tier's amount, or a portfolio's sum). */
  basisFen: number;
  rateBp: number;
  tier: Tier | null;
  tierFactor: number;
  renewalPercent: number | null;
  loyaltyFactor: number;
  years: number | null;
  stabilityFactor: number;
  floorFen: number;
  capFen: number;
  /** Staff exit compensation: how many clients the person's portfolio holds. */
  clients?: number;
}

const UNIT = 1000n;
const BP = 10_000n;

/** The exact amount before floor and cap, rounded half up (ties go up): ⌊x + ½⌋ for x ≥ 0. */
export function roundedProduct(i: Pick<ProposalInputs, 'basisFen' | 'rateBp' | 'tierFactor' | 'loyaltyFactor' | 'stabilityFactor'>): bigint {
  const base = BigInt(Math.max(0, Math.trunc(i.basisFen)));
  const num = base * BigInt(i.rateBp) * BigInt(i.tierFactor) * BigInt(i.loyaltyFactor) * BigInt(i.stabilityFactor);
  const den = BP * UNIT * UNIT * UNIT;
  return (2n * num + den) / (2n * den);
}

export function amountFromInputs(i: ProposalInputs): number {
  const raw = roundedProduct(i);
  const capped = raw > BigInt(i.capFen) ? BigInt(i.capFen) : raw;
  const held = capped < BigInt(i.floorFen) ? BigInt(i.floorFen) : capped;
  return Number(held);
}

/** Whole years from `start` (YYYY-MM-DD) to `today`; null when unknown or in the future. */
export function fullYears(start: string | null, today: string): number | null {
  if (!start || !/^\d{4}-\d{2}-\d{2}/.test(start) || start > today) return null;
  const [y1, m1, d1] = start.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = today.slice(0, 10).split('-').map(Number) as [number, number, number];
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}

/** What one client's proposal is computed from, under a standard, on a day. */
export function clientInputs(s: CompensationStandard, c: ValueData, today: string): ProposalInputs {
  const fixed = s.basis === 'fixed';
  const basisFen = fixed ? s.fixedFen[c.tier ?? 'C'] : (s.basis === 'revenue' ? c.annualRevenue : c.grossProfit) ?? 0;
  const renewalPercent = c.renewalRate === null ? null : Math.round(c.renewalRate * 100);
  const years = fullYears(c.cooperationStart, today);
  return {
    v: 1,
    basis: s.basis,
    basisFen: Math.max(0, basisFen),
    rateBp: fixed ? 10_000 : s.rateBp,
    tier: c.tier,
    tierFactor: fixed || c.tier === null ? 1000 : s.tierFactors[c.tier],
    renewalPercent,
    loyaltyFactor: renewalPercent !== null && renewalPercent >= s.loyalty.minRenewalPercent ? s.loyalty.factorPermille : 1000,
    years,
    stabilityFactor: years !== null && years >= s.stability.minYears ? s.stability.factorPermille : 1000,
    floorFen: s.floorFen,
    capFen: s.capFen,
  };
}

/**
 * A person's portfolio (staff exit compensation): the basis is the sum over the
 * clients they own; tier, loyalty and stability are the clients', not the
 * person's, so no factor applies.
 */
export function portfolioInputs(s: CompensationStandard, clients: ValueData[]): ProposalInputs {
  const fixed = s.basis === 'fixed';
  let basisFen = 0;
  for (const c of clients) {
    basisFen += Math.max(0, fixed ? s.fixedFen[c.tier ?? 'C'] : (s.basis === 'revenue' ? c.annualRevenue : c.grossProfit) ?? 0);
  }
  return {
    v: 1, basis: s.basis, basisFen, rateBp: fixed ? 10_000 : s.rateBp, tier: null, tierFactor: 1000,
    renewalPercent: null, loyaltyFactor: 1000, years: null, stabilityFactor: 1000, floorFen: s.floorFen, capFen: s.capFen, clients: clients.length,
  };
}

/** Tukey's fences on a sorted list: values outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR] are outliers. */
export function fences(sorted: readonly number[]): { low: number; high: number } | null {
  if (sorted.length < 4) return null;
  const q = (p: number) => {
    const pos = (sorted.length - 1) * p;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  const q1 = q(0.25);
  const q3 = q(0.75);
  const iqr = q3 - q1;
  return { low: q1 - 1.5 * iqr, high: q3 + 1.5 * iqr };
}
