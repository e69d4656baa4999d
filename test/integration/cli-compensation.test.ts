import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';


function handover(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), HANDOVER_LANG: 'en', ...env }, encoding: 'utf8' });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever JSON the CLI printed
  const json = () => JSON.parse(r.stdout) as { ok: boolean; value: any; error?: any };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

describe('handover compensation (CLI)', () => {
  it('sets the standard, lists proposals with totals, records an offer, an agreement and a payment; a masked role sees no amount', async () => {
    const seller = makeCore();
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    await seller.call('roles.save', { name: 'finance_watch', label: '财务观察', permissions: ['clients.read'], masked: ['amounts'], scope: EMPTY_SCOPE });
    await seller.call('users.add', { name: 'Watcher', role: 'finance_watch', passphrase: 'masked watcher passphrase' });
    for (let i = 1; i <= 6; i++) {
      await seller.call('clients.create', {
        code: `C${i}`, name: `客户${i}`, type: 'company', industry: '', region: '华东', city: '', address: '', owner: '张伟', department: '', importance: '', tags: [],
        cooperationStart: '2015-01-01', annualRevenue: i * 1_000_000_00, grossProfit: null, currency: 'CNY', renewalRate: 0.9, satisfaction: null, notes: '', contacts: [],
      });
    }
    const h = await seller.call<{ id: number; ref: string }>('handovers.create', { title: '华东', buyerName: '北方' });
    await seller.call('handovers.setScope', { id: h.id, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } });
    seller.core.dispose();

    const env = { HANDOVER_VAULT: seller.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const file = join(tempDir(), 'standard.json');
    writeFileSync(file, JSON.stringify({
      basis: 'revenue', rateBp: 100, fixedFen: { A: 0, B: 0, C: 0 }, tierFactors: { A: 1000, B: 1000, C: 1000 }, loyalty: { minRenewalPercent: 80, factorPermille: 1000 },
      stability: { minYears: 3, factorPermille: 1000 }, floorFen: 0, capFen: 1e12, methods: ['cash', 'discount'], defaultMethod: 'cash', budgetFen: 50_000_000,
    }));
    const set = handover(['compensation', 'standard', h.ref, '--file', file, '--json'], env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.json().value).toMatchObject({ proposals: 6, changed: 6 });
    const list = handover(['compensation', 'list', h.ref], env);
    expect(list.code, list.stderr).toBe(0);
    // 1 % of 1..6 million yuan: 10,000..60,000 yuan, 210,000 in all.
    expect(list.stdout).toContain('6 proposals: proposed 210000.00, budget 500000.00');
    expect(handover(['compensation', 'offer', h.ref, '--client', 'C3', '--date', '2026-11-20', '--our', '张伟', '--their', '客户3 总经理', '--amount', '28000'], env).code).toBe(0);
    expect(handover(['compensation', 'agree', h.ref, '--client', 'C3', '--amount', '29000.50', '--method', 'equity', '--agreed-on', '2026-11-21', '--due', '2026-12-31', '--promise', '现金'], env))
      .toMatchObject({ code: 1 });
    const agreed = handover(['compensation', 'agree', h.ref, '--client', 'C3', '--amount', '29000.50', '--method', 'cash', '--agreed-on', '2026-11-21', '--due', '2026-12-31', '--promise', '现金补偿', '--json'], env);
    expect(agreed.code, agreed.stderr).toBe(0);
    expect(agreed.json().value.row).toMatchObject({ agreedFen: 2_900_050, status: 'agreed' });
    const paid = handover(['compensation', 'pay', h.ref, '--client', 'C3', '--amount', '9000.50', '--date', '2026-11-25', '--evidence', '回单 001', '--json'], env);
    expect(paid.code, paid.stderr).toBe(0);
    expect(paid.json().value.row).toMatchObject({ paidFen: 900_050, owedFen: 2_000_000 });
    expect(handover(['compensation', 'pay', h.ref, '--client', 'C3', '--amount', '20000.01', '--date', '2026-11-26', '--evidence', '回单 002'], env).code).not.toBe(0);
    const owed = handover(['compensation', 'list', h.ref, '--filter', 'owed', '--json'], env).json().value;
    expect(owed.rows.map((r: { code: string }) => r.code)).toEqual(['C3']);

    const masked = handover(['compensation', 'list', h.ref, '--json'], { ...env, HANDOVER_USER: 'Watcher', HANDOVER_PASSPHRASE: 'masked watcher passphrase' });
    expect(masked.code, masked.stderr).toBe(0);
    const v = masked.json().value;
    expect(v.rows).toHaveLength(6);
    expect(v.rows.every((r: { proposedFen: unknown; agreedFen: unknown }) => r.proposedFen === null && r.agreedFen === null)).toBe(true);
    expect(masked.stdout).not.toContain('2900050');
    expect(handover(['compensation', 'agree', h.ref, '--client', 'C4', '--amount', 'lots', '--method', 'cash', '--agreed-on', '2026-11-21', '--due', '2026-12-31', '--promise', 'x'], env).code).toBe(2);
  }, 300_000);
});
