/**
 * Value assessment (DESIGN.md §1 step 2): contribution (annual revenue, gross
 * profit), loyalty (satisfaction, renewal rate) and stability (years of
 * cooperation), each on 0-100, combined with weights the handover manager
 * sets. Revenue and profit count by their percentile among active clients
 * (robust to a few very large accounts); satisfaction is 0-10 ×10; renewal rate
 * ×100; ten or more years of cooperation count fully. A missing metric leaves
 * the others' weights to carry the score. Tiers: A ≥ 70, B ≥ 40, C below.
 */
export interface ValueWeights {
  revenue: number;
  profit: number;
  satisfaction: number;
  renewal: number;
  years: number;
}

export const DEFAULT_WEIGHTS: ValueWeights = { revenue: 30, profit: 20, satisfaction: 20, renewal: 15, years: 15 };
export const TIER_THRESHOLDS = { A: 70, B: 40 } as const;
export const TIERS = ['A', 'B', 'C'] as const;
export type Tier = (typeof TIERS)[number];

export function tierOf(score: number | null): Tier | null {
  if (score === null) return null;
  return score >= TIER_THRESHOLDS.A ? 'A' : score >= TIER_THRESHOLDS.B ? 'B' : 'C';
}
