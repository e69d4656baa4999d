import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type HandoverDetail, type ProposalDetail, type ProposalRow } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

const SOUTH_STAFF = { userName: '华南销售', passphrase: 'south sales passphrase long' };
const STANDARD = {
  basis: 'revenue', rateBp: 500, fixedFen: { A: 0, B: 0, C: 0 }, tierFactors: { A: 1200, B: 1000, C: 800 },
  loyalty: { minRenewalPercent: 80, factorPermille: 1100 }, stability: { minYears: 3, factorPermille: 1050 },
  floorFen: 1_000_00, capFen: 200_000_00, methods: ['cash', 'discount'], defaultMethod: 'cash', budgetFen: 2_000_000_00,
} as const;
const client = (i: number) => ({
  code: `K-${String(i).padStart(3, '0')}`, name: `客户${i}`, type: 'company', industry: '制造业', region: i % 2 ? '华东' : '华南', city: '', address: '',
  owner: '张伟', department: '', importance: '', tags: [], cooperationStart: '2015-03-01',
  annualRevenue: i * 123_457_01, grossProfit: null, currency: 'CNY', renewalRate: 0.9, satisfaction: 7, notes: '', contacts: [],
});
const OFFER = { date: '2026-11-25', ourSide: '李娜', theirSide: '各客户采购负责人', note: '补偿方案函已寄出' };
type Page = { total: number; rows: ProposalRow[] };

/** 60 clients (30 华东, 30 华南) in a handover with computed proposals; a 华南-only user who may record negotiations. */
async function setup() {
  const h = makeCore(() => new Date('2026-11-26T09:00:00Z'));
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  for (let i = 1; i <= 60; i++) await h.call('clients.create', client(i));
  await h.call('roles.save', { name: 'south_sales', label: '华南销售', permissions: ['clients.read', 'clients.edit'], masked: [], scope: EMPTY_SCOPE });
  const south = await h.call<{ id: number }>('users.add', { name: SOUTH_STAFF.userName, role: 'south_sales', passphrase: SOUTH_STAFF.passphrase });
  await h.call('users.setScope', { userId: south.id, scope: { ...EMPTY_SCOPE, regions: ['华南'] } });
  const ho = await h.call<HandoverDetail>('handovers.create', { title: '华东华南业务出售', buyerName: '北方收购集团' });
  await h.call('handovers.setScope', { id: ho.id, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } });
  await h.call('compensation.setStandard', { handoverId: ho.id, kind: 'client', standard: STANDARD });
  const list = async (filter = 'all') => (await h.call<Page>('compensation.list', { handoverId: ho.id, kind: 'client', filter, limit: 500 })).rows;
  const as = async (who: { userName: string; passphrase: string }) => {
    await h.call('vault.lock');
    await h.call('vault.unlock', who);
  };
  return { h, id: ho.id, list, as };
}
const offersLogged = async (h: ReturnType<typeof makeCore>) =>
  (await h.call<{ rows: { details: { proposals?: number; negotiation: string } }[] }>('audit.query', { filter: { action: 'compensation.negotiation' } })).rows.map((e) => e.details);

describe('发出补偿方案 to every proposal matching the list, not one page', () => {
  it('records an offer at each proposal\'s own amount and method for all 60 matches beyond the page of 50, in one call and one log entry', async () => {
    const { h, id, list } = await setup();
    const r = await h.call<{ recorded: number; skipped: number }>('compensation.recordOffers', { handoverId: id, proposalIds: { matching: { kind: 'client', filter: 'all', text: '' } }, ...OFFER });
    expect(r).toEqual({ recorded: 60, skipped: 0 });
    const rows = await list();
    expect(rows.every((p) => p.status === 'negotiating')).toBe(true);
    const one = rows.find((p) => p.code === 'K-042')!;
    const d = await h.call<ProposalDetail>('compensation.proposal', { handoverId: id, proposalId: one.id });
    expect(d.negotiations).toMatchObject([{ kind: 'offer', date: '2026-11-25', amountFen: one.proposedFen, method: 'cash', ourSide: '李娜', theirSide: '各客户采购负责人' }]);
    expect(await offersLogged(h)).toEqual([expect.objectContaining({ negotiation: 'offer', proposals: 60, skipped: 0 })]);
  });

  it('takes the list\'s search, leaves agreed proposals as they are, and refuses a search that matches nobody', async () => {
    const { h, id, list } = await setup();
    const k1 = (await list()).find((p) => p.code === 'K-001')!;
    await h.call('compensation.recordAgreement', { handoverId: id, proposalId: k1.id, amountFen: 5_000_00, method: 'cash', agreedOn: '2026-11-24', dueOn: '2026-12-31', promise: '现金补偿', documentId: null });
    // 客户1 and 客户10–19 hold 客户1; 客户1 is agreed already.
    const r = await h.call('compensation.recordOffers', { handoverId: id, proposalIds: { matching: { kind: 'client', filter: 'all', text: '客户1' } }, ...OFFER });
    expect(r).toEqual({ recorded: 10, skipped: 1 });
    const negotiating = (await list()).filter((p) => p.status === 'negotiating').map((p) => p.code);
    expect(negotiating).toEqual(Array.from({ length: 10 }, (_, i) => `K-0${10 + i}`));
    const none = await h.core.handle('compensation.recordOffers', { handoverId: id, proposalIds: { matching: { kind: 'client', filter: 'all', text: '不存在' } }, ...OFFER });
    expect(none).toMatchObject({ ok: false, error: { code: 'NO_CLIENTS_MATCH' } });
    expect(await offersLogged(h)).toHaveLength(1);
  });

  it('a scoped user\'s "all matching" takes only the proposals of their clients; a picked one outside their scope refuses the call and records nothing', async () => {
    const { h, id, list, as } = await setup();
    const east = (await list()).find((p) => p.region === '华东')!;
    await as(SOUTH_STAFF);
    const mine = await list();
    expect(mine).toHaveLength(30);
    const refused = await h.core.handle('compensation.recordOffers', { handoverId: id, proposalIds: [mine[0]!.id, east.id], ...OFFER });
    expect(refused).toMatchObject({ ok: false, error: { code: 'COMPENSATION_NOT_FOUND' } });
    const r = await h.call('compensation.recordOffers', { handoverId: id, proposalIds: { matching: { kind: 'client', filter: 'all', text: '' } }, ...OFFER });
    expect(r).toEqual({ recorded: 30, skipped: 0 });
    await as(ADMIN);
    const all = await list();
    expect(all.filter((p) => p.status === 'negotiating').every((p) => p.region === '华南')).toBe(true);
    expect(all.filter((p) => p.region === '华东').every((p) => p.status === 'proposed')).toBe(true);
    // Staff compensation needs its own permission, by filter as by id.
    await as(SOUTH_STAFF);
    const staff = await h.core.handle('compensation.recordOffers', { handoverId: id, proposalIds: { matching: { kind: 'staff', filter: 'all', text: '' } }, ...OFFER });
    expect(staff).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
