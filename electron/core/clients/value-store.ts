import { DEFAULT_WEIGHTS, TIER_THRESHOLDS, type ValueWeights } from '../../../shared/clients/value';
import type { Db } from '../db/database';
import { localDay } from '../../../shared/dates';

const KEY = 'client_value_weights';

export function readWeights(db: Db): ValueWeights {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  return raw ? { ...DEFAULT_WEIGHTS, ...(JSON.parse(raw) as Partial<ValueWeights>) } : DEFAULT_WEIGHTS;
}

export function writeWeights(db: Db, weights: ValueWeights): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(weights));
}

/**
 * Recompute every active client's score and tier in one pass (window functions for the
 * percentiles). Caller holds the transaction. See shared/clients/value.ts for the rules.
 * The scores go through a temporary table keyed by id (in memory: temp_store=MEMORY) and from it
 * into the rows: updating straight from the window query joined the rows to an unindexed
 * materialised result, which took 100,000 clients about twice as long.
 */
export function recomputeValue(db: Db, today: Date): number {
  const w = readWeights(db);
  const metric = (col: string, weight: number) => ({ col, weight });
  const parts = [metric('rev', w.revenue), metric('gp', w.profit), metric('sat', w.satisfaction), metric('ren', w.renewal), metric('yrs', w.years)];
  const num = parts.map((p) => `${p.weight} * coalesce(${p.col}, 0)`).join(' + ');
  const den = parts.map((p) => `${p.weight} * (${p.col} IS NOT NULL)`).join(' + ');
  db.exec('CREATE TEMP TABLE IF NOT EXISTS client_value_new (id INTEGER PRIMARY KEY, score REAL)');
  try {
    db.prepare(`
      WITH m AS (
        SELECT id,
          CASE WHEN annual_revenue IS NULL THEN NULL ELSE 100.0 * percent_rank() OVER (PARTITION BY annual_revenue IS NULL ORDER BY annual_revenue) END AS rev,
          CASE WHEN gross_profit IS NULL THEN NULL ELSE 100.0 * percent_rank() OVER (PARTITION BY gross_profit IS NULL ORDER BY gross_profit) END AS gp,
          satisfaction * 10.0 AS sat,
          renewal_rate * 100.0 AS ren,
          CASE WHEN cooperation_start IS NULL THEN NULL
               ELSE 100.0 * min(max((julianday(?) - julianday(cooperation_start)) / 3652.5, 0), 1) END AS yrs
        FROM clients WHERE archived = 0
      )
      INSERT INTO temp.client_value_new (id, score)
      SELECT id, CASE WHEN (${den}) > 0 THEN round((${num}) / (${den}), 1) END FROM m
    `).run(localDay(today));
    return db.prepare(`
      UPDATE clients SET value_score = s.score,
        tier = CASE WHEN s.score IS NULL THEN NULL WHEN s.score >= ${TIER_THRESHOLDS.A} THEN 'A' WHEN s.score >= ${TIER_THRESHOLDS.B} THEN 'B' ELSE 'C' END
      FROM temp.client_value_new s WHERE clients.id = s.id
    `).run().changes;
  } finally {
    db.exec('DELETE FROM temp.client_value_new');
  }
}

export interface Distribution {
  key: string;
  clients: number;
  revenue: number;
}

/** Clients and revenue by tier, region and industry, for the chart. */
export function valueDistribution(
  db: Db,
  scope: { sql: string; params: (string | number)[] } | null = null,
): { byTier: Distribution[]; byRegion: Distribution[]; byIndustry: Distribution[] } {
  const by = (col: string, limit: number) =>
    db.prepare(`SELECT coalesce(nullif(c.${col}, ''), '-') AS key, count(*) AS clients, coalesce(sum(c.annual_revenue), 0) AS revenue
                FROM clients c WHERE c.archived = 0${scope ? ` AND ${scope.sql}` : ''} GROUP BY 1
                ORDER BY ${col === 'tier' ? 'key' : 'revenue DESC'} LIMIT ${limit}`).all(...(scope?.params ?? [])) as Distribution[];
  return { byTier: by('tier', 4), byRegion: by('region', 12), byIndustry: by('industry', 12) };
}
