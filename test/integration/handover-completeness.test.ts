import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type HandoverCompleteness } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

const client = (code: string, name: string, region: string, o: Partial<Record<'industry' | 'city' | 'owner' | 'phone', string>> = {}) => ({
  code, name, type: 'company', industry: o.industry ?? '制造业', region, city: o.city ?? '上海', address: '浦东新区 1 号', owner: o.owner ?? '张伟', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: 1_000_000_00, grossProfit: 200_000_00, currency: 'CNY', renewalRate: 0.8, satisfaction: 9, notes: '',
  contacts: o.phone === '' ? [{ name: '联系人', title: '', phones: [], emails: [] }] : [{ name: '联系人', title: '', phones: [o.phone ?? '+8613800000001'], emails: [] }],
});

const EAST = { userName: '华东主管', passphrase: 'east manager passphrase long' };
const MASKED = { userName: '脱敏主管', passphrase: 'masked manager passphrase long' };

describe('资料完整度 names what is missing (issue 17)', () => {
  it('counts each item the categories expect, names the first clients lacking it, and follows the caller\'s scope and masks', async () => {
    const h = makeCore(() => new Date('2026-11-30T09:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('clients.create', client('A-1', '东方精密', '华东'));
    await h.call('clients.create', client('A-2', '南海贸易', '华东', { owner: '', industry: '' }));
    await h.call('clients.create', client('A-3', '北辰科技', '华东', { phone: '' }));
    await h.call('clients.create', client('B-1', '华信物流', '华北', { owner: '', phone: '' }));
    await h.call('clients.create', client('B-2', '长城电子', '华北', { owner: '' }));
    const ho = await h.call<{ id: number }>('handovers.create', { title: '业务转让', buyerName: '买方' });
    await h.call('handovers.update', { id: ho.id, patch: { categories: ['basic', 'contacts', 'documents'] } });
    await h.call('handovers.addClients', { jobId: 'complete-add-1', handover: ho.id, clientIds: { matching: {} } });

    const all = await h.call<HandoverCompleteness>('handovers.completeness', { id: ho.id });
    // 5 clients × 8 items (6 basic fields, a reachable contact, documents): 3 owners, 1 industry, 2 contacts and 5 documents missing.
    expect(all.clients).toBe(5);
    expect(all.scoped).toBe(false);
    expect(all.expected).toBe(40);
    expect(all.present).toBe(40 - 3 - 1 - 2 - 5);
    const byItem = Object.fromEntries(all.missing.map((m) => [m.item, { ...m, clients: all.examples.filter((e) => e.item === m.item) }]));
    expect(Object.keys(byItem).sort()).toEqual(['contact', 'documents', 'industry', 'owner']);
    expect(byItem.owner!.count).toBe(3);
    expect(byItem.owner!.clients.map((c) => c.name)).toEqual(['南海贸易', '华信物流', '长城电子']);
    expect(byItem.contact!.clients.map((c) => c.code)).toEqual(['A-3', 'B-1']);
    expect(byItem.documents!.count).toBe(5);
    expect(byItem.documents!.clients).toHaveLength(3);
    expect(all.masked).toEqual([]);
    // 查看全部: the handover's client list filtered to those lacking the item, all of them, paged.
    const owners = await h.call<{ total: number; rows: { code: string }[] }>('handovers.clients', { id: ho.id, filter: 'included', missing: 'owner', limit: 2 });
    expect(owners.total).toBe(3);
    expect(owners.rows.map((r) => r.code)).toEqual(['A-2', 'B-1']);

    // A phone added fixes it: the count goes down at once.
    const b1 = await h.call<{ id: number }>('clients.byCode', { code: 'B-1' });
    await h.call('clients.update', { id: b1.id, draft: client('B-1', '华信物流', '华北', { owner: '' }) });
    const after = await h.call<HandoverCompleteness>('handovers.completeness', { id: ho.id });
    expect(after.examples.filter((e) => e.item === 'contact').map((c) => c.code)).toEqual(['A-3']);
    expect(after.present).toBe(all.present + 1);

    // A 华东-scoped user counts their 3 clients only: nothing of 华北 (not its count, not its names).
    await h.call('roles.save', { name: 'east', label: '华东主管', permissions: ['clients.read'], masked: [], scope: EMPTY_SCOPE });
    const east = await h.call<{ id: number }>('users.add', { name: EAST.userName, role: 'east', passphrase: EAST.passphrase });
    await h.call('users.setScope', { userId: east.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
    await h.call('roles.save', { name: 'masked', label: '脱敏主管', permissions: ['clients.read'], masked: ['phones', 'emails'], scope: EMPTY_SCOPE });
    await h.call('users.add', { name: MASKED.userName, role: 'masked', passphrase: MASKED.passphrase });
    await h.call('vault.lock');
    await h.call('vault.unlock', EAST);
    const mine = await h.call<HandoverCompleteness>('handovers.completeness', { id: ho.id });
    expect(mine.clients).toBe(3);
    expect(mine.scoped).toBe(true);
    expect(mine.expected).toBe(24);
    expect(mine.missing.find((m) => m.item === 'owner')).toEqual({ item: 'owner', count: 1 });
    expect(mine.examples.filter((e) => e.item === 'owner')).toEqual([{ item: 'owner', clientId: expect.any(Number), code: 'A-2', name: '南海贸易' }]);
    expect(JSON.stringify(mine)).not.toMatch(/华信物流|长城电子|B-1|B-2/);

    // Phones and e-mails masked: whether a contact can be reached is not counted for them, and they are told so.
    await h.call('vault.lock');
    await h.call('vault.unlock', MASKED);
    const masked = await h.call<HandoverCompleteness>('handovers.completeness', { id: ho.id });
    expect(masked.masked).toEqual(['contact']);
    expect(masked.expected).toBe(35);
    expect(masked.missing.map((m) => m.item)).not.toContain('contact');
    expect(await h.core.handle('handovers.clients', { id: ho.id, missing: 'contact' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await h.call<{ total: number }>('handovers.clients', { id: ho.id, missing: 'owner' })).total).toBe(3);

    // An unknown handover answers as the router answers every one.
    expect(await h.core.handle('handovers.completeness', { id: 9999 })).toMatchObject({ ok: false, error: { code: 'HANDOVER_NOT_FOUND' } });
  });
});
