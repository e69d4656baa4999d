import { describe, expect, it } from 'vitest';
import type { DataroomInfo, HandoverDetail } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

const client = (code: string, name: string) => ({
  code, name, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '', owner: '', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: [],
});

async function runningSession(seconds: number) {
  let clock = new Date('2026-11-22T09:00:00Z');
  const seller = makeCore(() => clock);
  await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
  const id = (await seller.call<{ id: number }>('clients.create', client('C1', '东方精密'))).id;
  const h = await seller.call<HandoverDetail>('handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
  await seller.call('handovers.setScope', { id: h.id, scope: { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [id] } });
  const info = await seller.call<DataroomInfo>('dataroom.start', {
    handoverId: h.id, reviewer: { name: 'Rita Reviewer', organisation: '北方收购集团', idNumber: '' }, clientIds: [],
    categories: ['basic'], masked: [], documents: false, seconds, passphrase: ADMIN.passphrase,
  });
  return { seller, h, info, advance: (s: number) => { clock = new Date(clock.getTime() + s * 1000); } };
}

describe('extending a data-room session (延长)', () => {
  it('the facilitator adds minutes with their passphrase; the session then runs past its first end, and the log says who granted the time', async () => {
    const { seller, h, info, advance } = await runningSession(30 * 60);
    advance(28 * 60);
    await expect(seller.call('dataroom.extend', { minutes: 15, passphrase: 'the reviewer guesses' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    const extended = await seller.call<DataroomInfo>('dataroom.extend', { minutes: 15, passphrase: ADMIN.passphrase });
    expect(Date.parse(extended.expiresAt) - Date.parse(info.expiresAt)).toBe(15 * 60_000);
    // Past the first end, still open; past the new end, over.
    advance(5 * 60);
    expect((await seller.call<DataroomInfo>('dataroom.info')).sessionId).toBe(info.sessionId);
    advance(13 * 60);
    expect(await seller.core.handle('dataroom.info', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(seller.events).toContainEqual({ type: 'vault.locked', reason: 'dataroom-expired' });

    await seller.call('vault.unlock', ADMIN);
    const [session] = await seller.call<{ expiresAt: string; endReason: string }[]>('dataroom.list', { handoverId: h.id });
    expect(session).toMatchObject({ expiresAt: extended.expiresAt, endReason: 'expired' });
    const log = await seller.call<{ rows: { actor: string; action: string; target: string; details: Record<string, unknown> }[] }>('audit.query', { filter: {}, offset: 0, limit: 100 });
    const entry = log.rows.find((r) => r.action === 'dataroom.extend');
    expect(entry).toMatchObject({ actor: ADMIN.userName, target: h.ref });
    expect(JSON.stringify(entry)).toContain('15');
    // The wrong guess is on record too, as a refused attempt of the session.
    expect(log.rows.some((r) => r.action === 'dataroom.refused' && JSON.stringify(r).includes('extend-wrong-passphrase'))).toBe(true);
  });

  it('is capped: three extensions at most and never past twelve hours in all; a refused extension changes nothing', async () => {
    const { seller, info } = await runningSession(11 * 3600);
    await expect(seller.call('dataroom.extend', { minutes: 61, passphrase: ADMIN.passphrase })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await seller.call('dataroom.extend', { minutes: 60, passphrase: ADMIN.passphrase });
    await expect(seller.call('dataroom.extend', { minutes: 1, passphrase: ADMIN.passphrase })).rejects.toMatchObject({ code: 'DATAROOM_EXTEND_LIMIT', details: { hours: 12 } });
    expect(Date.parse((await seller.call<DataroomInfo>('dataroom.info')).expiresAt) - Date.parse(info.expiresAt)).toBe(60 * 60_000);

    const short = await runningSession(30 * 60);
    for (let i = 0; i < 3; i++) await short.seller.call('dataroom.extend', { minutes: 5, passphrase: ADMIN.passphrase });
    await expect(short.seller.call('dataroom.extend', { minutes: 5, passphrase: ADMIN.passphrase })).rejects.toMatchObject({ code: 'DATAROOM_EXTEND_LIMIT', details: { extensions: 3 } });
    expect(Date.parse((await short.seller.call<DataroomInfo>('dataroom.info')).expiresAt) - Date.parse(short.info.expiresAt)).toBe(15 * 60_000);
    seller.core.dispose();
    short.seller.core.dispose();
  });
});
