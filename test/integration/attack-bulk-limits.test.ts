import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type ClientDraft, type ClientPage, type HandoverDetail } from '../../shared/contract';
import { clientStatements, insertClient } from '../../electron/core/clients/store';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

/**
 * The attack on the bulk actions (clients.reassignOwner / tag / archiveMany, handovers.addClients,
 * handovers.decide, dataroom.start) with huge selections: one id more than the contract allows, 100,000
 * made-up ids, a scoped manager's picked ids reaching outside the scope, and their 选择全部 over the
 * whole list. The contract's size limits hold before anything is read; an unknown or out-of-scope id
 * turns the whole call away like an unknown one, nothing changed and nothing logged; a scoped select-all
 * touches exactly the scope's clients, and its log entry counts those.
 */
const EAST = { userName: '华东主管', passphrase: 'east manager passphrase long' };
const N = 600;
const draft = (i: number): ClientDraft => ({
  code: `L${String(i).padStart(4, '0')}`, name: `批量客户${i}`, type: 'company', industry: '制造业', region: i % 2 ? '华东' : '华北', city: '', address: '', owner: '张伟',
  department: '', importance: '', tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});

describe('attack: bulk actions with huge or out-of-scope selections', () => {
  it('holds the size limits, turns away made-up and out-of-scope ids whole, and a scoped select-all takes only the scope', async () => {
    const h = makeCore(() => new Date('2026-11-30T09:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const db = h.core.openVaultForTests!.db;
    db.transaction(() => {
      const s = clientStatements(db);
      for (let i = 1; i <= N; i++) insertClient(s, draft(i), '2026-11-01T00:00:00Z');
    })();
    const all = db.prepare('SELECT id FROM clients ORDER BY id').pluck().all() as number[];
    const ho = await h.call<HandoverDetail>('handovers.create', { title: '华东交接', buyerName: '北方收购集团' });
    await h.call('handovers.setScope', { id: ho.id, scope: { mode: 'filter', filter: { tiers: [], regions: ['华东'], industries: [], owners: [], tags: [] }, picked: [] } });
    await h.call('roles.save', { name: 'east_manager', label: '华东主管', permissions: ['clients.read', 'clients.edit', 'handover.plan', 'dataroom.run'], masked: [], scope: EMPTY_SCOPE });
    const east = await h.call<{ id: number }>('users.add', { name: EAST.userName, role: 'east_manager', passphrase: EAST.passphrase });
    await h.call('users.setScope', { userId: east.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });

    const tooMany = Array.from({ length: 200_001 }, (_, i) => i + 1);
    const madeUp = Array.from({ length: 100_000 }, (_, i) => i + 1);
    const calls = (ids: unknown): [string, Record<string, unknown>][] => [
      ['clients.reassignOwner', { jobId: 'bulk-1', clientIds: ids, owner: '李娜' }],
      ['clients.tag', { jobId: 'bulk-2', clientIds: ids, add: ['红队'], remove: [] }],
      ['clients.archiveMany', { jobId: 'bulk-3', clientIds: ids, archived: true }],
      ['handovers.addClients', { jobId: 'bulk-4', handover: ho.id, clientIds: ids }],
      ['handovers.decide', { id: ho.id, clientIds: ids, decision: 'exclude' }],
      ['dataroom.start', { handoverId: ho.id, reviewer: { name: '审阅人', organisation: '北方收购集团', idNumber: '' }, clientIds: ids, categories: ['basic'], masked: [], documents: false, seconds: 600, passphrase: 'x' }],
    ];
    const nothingChanged = async () => {
      expect((await h.call<ClientPage>('clients.search', { owner: '李娜' })).total).toBe(0);
      expect((await h.call<ClientPage>('clients.search', { tag: '红队' })).total).toBe(0);
      expect((await h.call<ClientPage>('clients.search', { limit: 1 })).total).toBe(N);
      expect((await h.call<HandoverDetail>('handovers.get', { id: ho.id })).included).toBe(N / 2);
      for (const action of ['clients.reassign-owner', 'clients.tag', 'clients.archive', 'handover.clients-add', 'dataroom.start']) {
        expect((await h.call<{ total: number }>('audit.query', { filter: { action } })).total, action).toBe(0);
      }
    };

    for (const who of [ADMIN, EAST]) {
      await h.call('vault.lock');
      await h.call('vault.unlock', who);
      // One id more than the contract's limit: refused by the schema, before any id is looked at (whoever asks).
      if (who === ADMIN) for (const [channel, input] of calls(tooMany)) expect(await h.core.handle(channel, input), `${who.userName} ${channel}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      // 100,000 ids, all but 600 made up: the call is turned away whole, as for one unknown id.
      for (const [channel, input] of calls(madeUp)) expect(await h.core.handle(channel, input), `${who.userName} ${channel}`).toMatchObject({ ok: false, error: { code: 'CLIENT_NOT_FOUND' } });
    }
    // The scoped manager's picked ids: every client, so half of them outside 华东 — answered as unknown ids.
    for (const [channel, input] of calls(all)) expect(await h.core.handle(channel, input), channel).toMatchObject({ ok: false, error: { code: 'CLIENT_NOT_FOUND' } });
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    await nothingChanged();
    await h.call('vault.lock');
    await h.call('vault.unlock', EAST);

    // 选择全部 over the whole list: exactly the 300 华东 clients, and the log entry says 300.
    expect(await h.call('clients.tag', { jobId: 'bulk-5', clientIds: { matching: {} }, add: ['红队'], remove: [] })).toEqual({ count: N / 2, changed: N / 2 });
    expect(await h.call('handovers.addClients', { jobId: 'bulk-6', handover: ho.id, clientIds: { matching: {} } })).toEqual({ count: N / 2, changed: 0 });
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    const entry = (await h.call<{ rows: { details: Record<string, unknown> }[] }>('audit.query', { filter: { action: 'clients.tag' } })).rows;
    expect(entry).toHaveLength(1);
    expect(entry[0]!.details).toMatchObject({ count: N / 2, changed: N / 2, selection: 'filter' });
    const tagged = await h.call<ClientPage>('clients.search', { tag: '红队', limit: 500 });
    expect(tagged.total).toBe(N / 2);
    expect(tagged.rows.every((r) => r.region === '华东')).toBe(true);
    expect((await h.call<HandoverDetail>('handovers.get', { id: ho.id })).included).toBe(N / 2);
  }, 60_000);
});
