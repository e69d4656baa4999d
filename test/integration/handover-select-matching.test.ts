import { describe, expect, it } from 'vitest';
import type { HandoverDetail } from '../../shared/contract';
import { ALL_FILTER, regionalHandover, signInEastOnlyStaff } from '../helpers/regional-handover';
import { ADMIN } from '../helpers/temp';

type Page = { total: number; rows: { code: string; receivingOwner: string }[] };

/**
 * 选择全部 N 个符合条件的客户: a wizard's bulk action over every client matching the list's filter and
 * search, sent as one call with the filter; the router lists the clients in the caller's scope.
 */
describe('a bulk action over every client matching a handover list', () => {
  async function vaultWith(regions: Record<string, number>) {
    const { h, id } = await regionalHandover(regions);
    const owners = async () => (await h.call<Page>('handovers.clients', { id, filter: 'all', offset: 0, limit: 500 })).rows.filter((r) => r.receivingOwner).map((r) => r.code);
    return { h, id, owners };
  }

  it('applies to all matches beyond the first page, in one call and one log entry', async () => {
    const { h, id, owners } = await vaultWith({ 华东: 45, 华南: 15 });
    const r = await h.call<{ updated: number }>('handovers.setArrangement', {
      id, clientIds: { matching: { filter: 'included', text: '华东' } }, receivingOwner: '买方 王经理', arrangement: 'business-transfer', negotiation: '',
    });
    expect(r.updated).toBe(45);
    const changed = await owners();
    expect(changed).toHaveLength(45);
    expect(changed.every((c) => c.startsWith('华东'))).toBe(true);
    const log = await h.call<{ rows: { details: { clients: number } }[] }>('audit.query', { filter: { action: 'handover.arrangement' } });
    expect(log.rows.map((e) => e.details.clients)).toEqual([45]);
  });

  it('a filter that matches nobody says so and changes nothing', async () => {
    const { h, id, owners } = await vaultWith({ 华东: 3 });
    const r = await h.core.handle('handovers.setArrangement', {
      id, clientIds: { matching: { filter: 'included', text: '不存在' } }, receivingOwner: 'x', arrangement: 'business-transfer', negotiation: '',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_CLIENTS_MATCH' } });
    expect(await owners()).toEqual([]);
    // A selection is ids or a filter, nothing else.
    const bad = await h.core.handle('handovers.decide', { id, clientIds: { matching: { filter: 'everyone', text: '' } }, decision: 'keep' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a scoped user\'s "all matching" takes only the clients of their scope; a handover they cannot see stays unseen', async () => {
    const { h, id, owners } = await vaultWith({ 华东: 4, 华南: 2 });
    const south = await h.call<HandoverDetail>('handovers.create', { title: '华南交接', buyerName: '北方收购集团' });
    const southIds = (await h.call<{ rows: { id: number }[] }>('clients.search', { text: '华南', limit: 10 })).rows.map((c) => c.id);
    await h.call('handovers.setScope', { id: south.id, scope: { mode: 'picked', filter: ALL_FILTER, picked: southIds } });
    await signInEastOnlyStaff(h);

    const all = { matching: { filter: 'all', text: '' } };
    const r = await h.call<{ updated: number }>('handovers.setArrangement', { id, clientIds: all, receivingOwner: '王经理', arrangement: 'business-transfer', negotiation: '' });
    expect(r.updated).toBe(4);
    expect(await h.core.handle('handovers.setArrangement', { id: south.id, clientIds: all, receivingOwner: '王经理', arrangement: 'business-transfer', negotiation: '' }))
      .toEqual({ ok: false, error: { code: 'HANDOVER_NOT_FOUND', message: 'No such handover' } });
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    expect(await owners()).toEqual(['华东-001', '华东-002', '华东-003', '华东-004']);
  });
});
