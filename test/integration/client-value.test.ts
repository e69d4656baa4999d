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

describe('purge and saved filters', () => {
  it('purges only an archived client confirmed by its code, with its documents, and logs it', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../helpers/temp');
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const c = await h.call<{ id: number }>('clients.create', { ...base, code: 'P1', name: '待删除客户', annualRevenue: null, satisfaction: null, renewalRate: null, cooperationStart: null });
    const file = join(tempDir(), 'a.txt');
    writeFileSync(file, 'contract');
    h.answers.chooseDocumentFile = [file];
    await h.call('dialog.chooseDocumentFile');
    await h.call('documents.attach', { jobId: 'attach-p1', clientId: c.id, file });
    await expect(h.call('clients.purge', { id: c.id, confirmCode: 'P1' })).rejects.toMatchObject({ code: 'PURGE_NOT_ARCHIVED' });
    await h.call('clients.archive', { id: c.id, archived: true });
    await expect(h.call('clients.purge', { id: c.id, confirmCode: 'p1' })).rejects.toMatchObject({ code: 'PURGE_NOT_CONFIRMED' });
    await h.call('clients.purge', { id: c.id, confirmCode: 'P1' });
    const db = h.core.openVaultForTests!.db;
    for (const table of ['clients', 'documents', 'document_chunks', 'client_contacts']) expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    expect((await h.call<{ total: number }>('clients.search', { text: '待删除', includeArchived: true })).total).toBe(0);
    const log = await h.call<{ recentLog: { action: string; target: string }[] }>('vault.security');
    expect(log.recentLog.find((e) => e.action !== 'clients.search')).toMatchObject({ action: 'client.purge', target: 'P1' });
  });

  it('corrects and removes transactions and communication entries, logging each change', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const c = await h.call<{ id: number }>('clients.create', { ...base, code: 'T1', name: '交易客户', region: '华东', annualRevenue: null, satisfaction: null, renewalRate: null, cooperationStart: null });
    const withTx = await h.call<{ transactions: { id: number; ref: string; amount: number | null }[] }>('clients.addTransaction', {
      clientId: c.id, kind: 'contract', ref: 'HT-1', date: '2026-01-02', amount: 5_000_00, currency: 'CNY', status: 'signed',
    });
    const tx = withTx.transactions[0]!;
    const fixed = await h.call<{ transactions: { ref: string; amount: number | null }[] }>('clients.updateTransaction', {
      clientId: c.id, id: tx.id, kind: 'contract', ref: 'HT-1A', date: '2026-01-02', amount: 6_000_00, currency: 'CNY', status: 'signed',
    });
    expect(fixed.transactions).toEqual([expect.objectContaining({ ref: 'HT-1A', amount: 6_000_00 })]);
    const withCall = await h.call<{ communications: { id: number }[] }>('clients.addCommunication', { clientId: c.id, date: '2026-01-03', channel: 'phone', summary: '错录' });
    const callId = withCall.communications[0]!.id;
    await h.call('clients.updateCommunication', { clientId: c.id, id: callId, date: '2026-01-04', channel: 'visit', summary: '上门拜访' });
    const after = await h.call<{ communications: unknown[]; transactions: unknown[] }>('clients.removeEntry', { clientId: c.id, entry: 'communication', id: callId });
    expect(after.communications).toEqual([]);
    // An entry of another client cannot be reached through this one.
    const other = await h.call<{ id: number }>('clients.create', { ...base, code: 'T2', name: '别的客户', region: '华东', annualRevenue: null, satisfaction: null, renewalRate: null, cooperationStart: null });
    await expect(h.call('clients.removeEntry', { clientId: other.id, entry: 'transaction', id: tx.id })).rejects.toMatchObject({ code: 'FIELD_NOT_FOUND' });
    const actions = (await h.call<{ rows: { action: string }[] }>('audit.query', { filter: { target: 'T1' } })).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['client.transaction-update', 'client.communication-update', 'client.communication-remove']));
  });

  it('keeps each user\'s saved filters', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('clients.saveFilter', { name: '华东 A 类', filter: { region: '华东', tier: 'A' } });
    expect(await h.call('clients.saveFilter', { name: 'Big', filter: { sort: 'annualRevenue', order: 'desc' } })).toHaveLength(2);
    expect(await h.call('clients.deleteFilter', { name: 'Big' })).toEqual([{ name: '华东 A 类', filter: { region: '华东', tier: 'A' } }]);
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    expect(await h.call('clients.savedFilters')).toHaveLength(1);
  });
});
