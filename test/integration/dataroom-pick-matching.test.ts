import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { regionalHandover, signInEastOnlyStaff } from '../helpers/regional-handover';
import { ADMIN, STAFF } from '../helpers/temp';

type Info = { sessionId: string; clients: number };

/**
 * The data-room start form picks the reviewer's clients from a paged, searchable list; 选择全部 N 个符合条件的客户
 * is sent as the search, and the router lists the matching included clients in the facilitator's scope.
 */
describe('a data-room session over every client matching the picker\'s search', () => {
  async function vaultWith(regions: Record<string, number>) {
    const { h, id } = await regionalHandover(regions);
    const start = (clientIds: unknown, passphrase = ADMIN.passphrase) => h.core.handle('dataroom.start', {
      handoverId: id, reviewer: { name: 'Rita', organisation: '北方收购集团', idNumber: '' }, clientIds, categories: ['basic'], masked: [], documents: false, seconds: 600, passphrase,
    });
    return { h, id, start };
  }
  const codes = async (h: ReturnType<typeof makeCore>) => (await h.call<{ rows: { code: string }[] }>('dataroom.search', { text: '', limit: 200 })).rows.map((r) => r.code);

  it('all 120 matches beyond the first page of 20 are the session\'s clients, and only they', async () => {
    const { h, start } = await vaultWith({ 华东: 120, 华南: 15 });
    const r = await start({ matching: { filter: 'included', text: '华东' } });
    expect(r).toMatchObject({ ok: true, value: { clients: 120 } });
    const seen = await codes(h);
    expect(seen).toHaveLength(120);
    expect(seen.every((c) => c.startsWith('华东'))).toBe(true);
    await h.call('dataroom.end', { passphrase: ADMIN.passphrase });
    await h.call('vault.unlock', ADMIN);
    const log = await h.call<{ rows: { details: { clients: number } }[] }>('audit.query', { filter: { action: 'dataroom.start' } });
    expect(log.rows.map((e) => e.details.clients)).toEqual([120]);
  });

  it('a search that matches nobody starts nothing and says so', async () => {
    const { h, start } = await vaultWith({ 华东: 3 });
    expect(await start({ matching: { filter: 'included', text: '不存在' } })).toMatchObject({ ok: false, error: { code: 'NO_CLIENTS_MATCH' } });
    expect(await h.call('app.info')).toMatchObject({ dataroom: null });
    expect(await start({ matching: { filter: 'everyone', text: '' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a scoped facilitator\'s "all matching" takes only the clients of their scope', async () => {
    const { h, start } = await vaultWith({ 华东: 25, 华南: 5 });
    await signInEastOnlyStaff(h);
    const r = await start({ matching: { filter: 'included', text: '' } }, STAFF.passphrase);
    expect(r).toMatchObject({ ok: true, value: { clients: 25 } });
    expect((r as { value: Info }).value.clients).toBe(25);
    expect((await codes(h)).some((c) => c.startsWith('华南'))).toBe(false);
  });
});
