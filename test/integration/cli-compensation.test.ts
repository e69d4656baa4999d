import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';


const SOUTH = { name: '华南销售', passphrase: 'south sales passphrase long' };
const READER = { name: '只读同事', passphrase: 'reader passphrase long enough' };
const STANDARD = {
  basis: 'revenue', rateBp: 100, fixedFen: { A: 0, B: 0, C: 0 }, tierFactors: { A: 1000, B: 1000, C: 1000 }, loyalty: { minRenewalPercent: 80, factorPermille: 1000 },
  stability: { minYears: 3, factorPermille: 1000 }, floorFen: 0, capFen: 1e12, methods: ['cash', 'discount'], defaultMethod: 'cash', budgetFen: 50_000_000,
};

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
    writeFileSync(file, JSON.stringify(STANDARD));
    const set = handover(['compensation', 'standard', h.ref, '--file', file, '--json'], env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.json().value).toMatchObject({ proposals: 6, changed: 6 });
    const list = handover(['compensation', 'list', h.ref], env);
    expect(list.code, list.stderr).toBe(0);
    // 1 % of 1..6 million yuan: 10,000..60,000 yuan, 210,000 in all — written as the app writes amounts.
    expect(list.stdout).toContain('6 proposals: proposed ¥210,000.00, budget ¥500,000.00');
    expect(list.stdout).toMatch(/^C3 +客户3 +Proposed +proposed ¥30,000\.00$/m);
    const zh = handover(['compensation', 'list', h.ref], { ...env, HANDOVER_LANG: 'zh-CN' });
    expect(zh.stdout).toContain('共 6 条建议补偿：建议补偿 21.00 万元，预算 50.00 万元，约定补偿 ¥0.00');
    expect(zh.stdout).toMatch(/^C3 +客户3 +建议 +建议补偿 ¥30,000\.00$/m);
    expect(zh.stdout).not.toContain('yuan');
    expect(handover(['compensation', 'offer', h.ref, '--client', 'C3', '--date', '2026-11-20', '--our', '张伟', '--their', '客户3 总经理', '--amount', '28000'], env).code).toBe(0);
    expect(handover(['compensation', 'agree', h.ref, '--client', 'C3', '--amount', '29000.50', '--method', 'equity', '--agreed-on', '2026-11-21', '--due', '2026-12-31', '--promise', '现金'], env))
      .toMatchObject({ code: 1 });
    const agreed = handover(['compensation', 'agree', h.ref, '--client', 'C3', '--amount', '29000.50', '--method', 'cash', '--agreed-on', '2026-11-21', '--due', '2026-12-31', '--promise', '现金补偿', '--json'], env);
    expect(agreed.code, agreed.stderr).toBe(0);
    expect(agreed.json().value.row).toMatchObject({ agreedFen: 2_900_050, status: 'agreed' });
    // An amount typed as the CLI prints it (¥9,000.50) is read exactly.
    const paid = handover(['compensation', 'pay', h.ref, '--client', 'C3', '--amount', '¥9,000.50', '--date', '2026-11-25', '--evidence', '回单 001', '--json'], env);
    expect(paid.code, paid.stderr).toBe(0);
    expect(paid.json().value.row).toMatchObject({ paidFen: 900_050, owedFen: 2_000_000 });
    const over = handover(['compensation', 'pay', h.ref, '--client', 'C3', '--amount', '20000.01', '--date', '2026-11-26', '--evidence', '回单 002'], { ...env, HANDOVER_LANG: 'zh-CN' });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('这笔付款将超过约定补偿（尚欠 ¥20,000.00），请检查金额。');
    const owedLine = handover(['compensation', 'list', h.ref, '--filter', 'owed'], env).stdout;
    expect(owedLine).toMatch(/^C3 +客户3 +Agreed +proposed ¥30,000\.00 {2}agreed ¥29,000\.50 paid ¥9,000\.50 owed ¥20,000\.00 due 2026-12-31$/m);
    expect(handover(['compensation', 'pay', h.ref, '--client', 'C3', '--amount', '1,23', '--date', '2026-11-26', '--evidence', '回单 003'], env).code).toBe(2);
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

  it('offers: 发出补偿方案 to every proposal matching a search, or to the clients named, each at its own amount; usage, rights and scope give their exit codes', async () => {
    const seller = makeCore();
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    await seller.call('roles.save', { name: 'south_sales', label: '华南销售', permissions: ['clients.read', 'clients.edit'], masked: [], scope: EMPTY_SCOPE });
    const south = await seller.call<{ id: number }>('users.add', { name: SOUTH.name, role: 'south_sales', passphrase: SOUTH.passphrase });
    await seller.call('users.setScope', { userId: south.id, scope: { ...EMPTY_SCOPE, regions: ['华南'] } });
    await seller.call('roles.save', { name: 'reader', label: '只读', permissions: ['clients.read'], masked: [], scope: EMPTY_SCOPE });
    await seller.call('users.add', { name: READER.name, role: 'reader', passphrase: READER.passphrase });
    // 12 clients: K-01..K-12, odd ones in 华东, even ones in 华南.
    for (let i = 1; i <= 12; i++) {
      await seller.call('clients.create', {
        code: `K-${String(i).padStart(2, '0')}`, name: `客户${i}`, type: 'company', industry: '', region: i % 2 ? '华东' : '华南', city: '', address: '', owner: '张伟', department: '', importance: '', tags: [],
        cooperationStart: '2015-01-01', annualRevenue: i * 1_000_000_00, grossProfit: null, currency: 'CNY', renewalRate: 0.9, satisfaction: null, notes: '', contacts: [],
      });
    }
    const h = await seller.call<{ id: number; ref: string }>('handovers.create', { title: '华东华南', buyerName: '北方' });
    await seller.call('handovers.setScope', { id: h.id, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } });
    await seller.call('compensation.setStandard', { handoverId: h.id, kind: 'client', standard: STANDARD });
    seller.core.dispose();

    const env = { HANDOVER_VAULT: seller.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const as = (who: { name: string; passphrase: string }) => ({ ...env, HANDOVER_USER: who.name, HANDOVER_PASSPHRASE: who.passphrase });
    const OFFER = ['--date', '2026-11-25', '--our', '李娜', '--their', '各客户采购负责人', '--note', '补偿方案函已寄出'];
    type Row = { code: string; status: string; proposedFen: number };
    const rows = () => handover(['compensation', 'list', h.ref, '--json'], env).json().value.rows as Row[];
    const statuses = (list = rows()) => Object.fromEntries(list.map((r) => [r.code, r.status]));

    // --help in both languages, every option described.
    const help = handover(['compensation', 'offers', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--all-matching +every proposal matching --search and --filter/);
    expect(help.stdout).toMatch(/--client VALUE… +a client \(code\)/);
    expect(help.stdout).toContain('Exit codes: 0 recorded, 1 nothing matched or refused, 2 usage');
    expect(handover(['compensation', 'offers', '--help'], { ...env, HANDOVER_LANG: 'zh-CN' }).stdout).toMatch(/--all-matching +所有符合 --search 和 --filter 的建议补偿/);

    // Usage: neither or both ways of choosing, a bad date, --search without --all-matching — exit 2, nothing recorded.
    for (const args of [[...OFFER], ['--all-matching', '--client', 'K-01', ...OFFER], ['--all-matching', ...OFFER.slice(2), '--date', '25.11.2026'], ['--client', 'K-01', '--search', '客户', ...OFFER]]) {
      const r = handover(['compensation', 'offers', h.ref, ...args, '--json'], env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.json()).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    }
    expect(Object.values(statuses()).every((s) => s === 'proposed')).toBe(true);

    // One agreed already: the search 客户1 matches 客户1, 客户10, 客户11, 客户12; the agreed one is skipped.
    expect(handover(['compensation', 'agree', h.ref, '--client', 'K-01', '--amount', '5000', '--method', 'cash', '--agreed-on', '2026-11-24', '--due', '2026-12-31', '--promise', '现金补偿'], env).code).toBe(0);
    const bulk = handover(['compensation', 'offers', h.ref, '--all-matching', '--search', '客户1', ...OFFER, '--json'], env);
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.json().value).toEqual({ recorded: 3, skipped: 1 });
    const after = rows();
    let now = statuses(after);
    expect(['K-10', 'K-11', 'K-12'].map((c) => now[c])).toEqual(['negotiating', 'negotiating', 'negotiating']);
    expect(now['K-01']).toBe('agreed');
    expect(now['K-02']).toBe('proposed');
    // 1 % of 11 million yuan: the proposal the offer was made at.
    expect(after.find((r) => r.code === 'K-11')).toMatchObject({ proposedFen: 11_000_000, status: 'negotiating' });

    // Named clients, in Chinese.
    const named = handover(['compensation', 'offers', h.ref, '--client', 'K-02', '--client', 'K-03', ...OFFER], { ...env, HANDOVER_LANG: 'zh-CN' });
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout.trim()).toBe('已为 2 个对象登记发出补偿方案。');
    now = statuses();
    expect([now['K-02'], now['K-03'], now['K-04']]).toEqual(['negotiating', 'negotiating', 'proposed']);
    // In English, with the skipped one said.
    expect(handover(['compensation', 'offers', h.ref, '--client', 'K-01', '--client', 'K-04', ...OFFER], env).stdout.trim())
      .toBe('Recorded 1 offer; 1 already agreed, left as is.');

    // A search matching nobody: exit 1 with the translated reason; an unknown client likewise.
    const none = handover(['compensation', 'offers', h.ref, '--all-matching', '--search', '不存在', ...OFFER], { ...env, HANDOVER_LANG: 'zh-CN' });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('[NO_CLIENTS_MATCH]');
    expect(none.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(handover(['compensation', 'offers', h.ref, '--client', 'K-99', ...OFFER], env)).toMatchObject({ code: 1 });

    // A 华南-only user: "all matching" takes their six clients only; a 华东 client named is not theirs to find.
    const scoped = handover(['compensation', 'offers', h.ref, '--all-matching', ...OFFER, '--json'], as(SOUTH));
    expect(scoped.code, scoped.stderr).toBe(0);
    // 华南: K-02, 04, 06, 08, 10, 12 — K-02, K-04, K-10, K-12 already have an offer, and get one more; none is agreed.
    expect(scoped.json().value).toEqual({ recorded: 6, skipped: 0 });
    now = statuses();
    expect(Object.entries(now).filter(([, s]) => s === 'proposed').map(([c]) => c).sort()).toEqual(['K-05', 'K-07', 'K-09']);
    expect(handover(['compensation', 'offers', h.ref, '--client', 'K-05', ...OFFER], as(SOUTH))).toMatchObject({ code: 1 });

    // A role that may read but not record: exit 4, nothing recorded.
    const reader = handover(['compensation', 'offers', h.ref, '--all-matching', ...OFFER, '--json'], as(READER));
    expect(reader.code).toBe(4);
    expect(reader.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    now = statuses();
    expect([now['K-05'], now['K-07']]).toEqual(['proposed', 'proposed']);
  }, 300_000);
});
