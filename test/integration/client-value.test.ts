import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

const base = {
  type: 'company', industry: '制造业', region: '华东', city: '', address: '', owner: '', department: '', importance: '',
  tags: [], grossProfit: null, currency: 'CNY', notes: '', contacts: [],
};

describe('value assessment', () => {
  it('scores and tiers clients from revenue, loyalty and years, and re-tiers when the weights change (logged)', async () => {
    const h = makeCore(() => new Date('2026-06-01T00:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const big = { ...base, code: 'A1', name: '大客户', annualRevenue: 900_000_00, satisfaction: 9, renewalRate: 0.95, cooperationStart: '2012-01-01' };
    const mid = { ...base, code: 'B1', name: '中客户', region: '华南', annualRevenue: 300_000_00, satisfaction: 6, renewalRate: 0.6, cooperationStart: '2021-01-01' };
    const small = { ...base, code: 'C1', name: '小客户', annualRevenue: 10_000_00, satisfaction: 2, renewalRate: 0.1, cooperationStart: '2025-06-01' };
    const none = { ...base, code: 'N1', name: '无数据', annualRevenue: null, satisfaction: null, renewalRate: null, cooperationStart: null };
    for (const c of [big, mid, small, none]) await h.call('clients.create', c);
    const rows = (await h.call<{ rows: { code: string; tier: string | null; valueScore: number | null }[] }>('clients.search', { sort: 'valueScore', order: 'desc' })).rows;
    expect(rows.map((r) => [r.code, r.tier])).toEqual([['A1', 'A'], ['B1', 'B'], ['C1', 'C'], ['N1', null]]);
    expect(rows[0]!.valueScore).toBeGreaterThan(90);

    const value = await h.call<{ distribution: { byTier: { key: string; clients: number; revenue: number }[]; byRegion: { key: string }[] } }>('clients.value');
    expect(value.distribution.byTier).toEqual([
      { key: '-', clients: 1, revenue: 0 },
      { key: 'A', clients: 1, revenue: 900_000_00 },
      { key: 'B', clients: 1, revenue: 300_000_00 },
      { key: 'C', clients: 1, revenue: 10_000_00 },
    ]);
    expect((await h.call<{ rows: unknown[] }>('clients.search', { tier: 'A' })).rows).toHaveLength(1);

    // Only years count now: the 5-year client falls to C (50 < 70 but ≥ 40 → B), the new one to C.
    await h.call('clients.setValueWeights', { revenue: 0, profit: 0, satisfaction: 0, renewal: 0, years: 100 });
    const after = (await h.call<{ rows: { code: string; tier: string | null }[] }>('clients.search', { sort: 'code' })).rows;
    expect(after.map((r) => [r.code, r.tier])).toEqual([['A1', 'A'], ['B1', 'B'], ['C1', 'C'], ['N1', null]]);
    await expect(h.call('clients.setValueWeights', { revenue: 0, profit: 0, satisfaction: 0, renewal: 0, years: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const log = await h.call<{ recentLog: { action: string }[] }>('vault.security');
    expect(log.recentLog.map((e) => e.action)).toContain('clients.value-weights');
  });
});
