import { EMPTY_SCOPE, PERMISSIONS, type HandoverDetail } from '../../shared/contract';
import { makeCore } from './core';
import { ADMIN, STAFF } from './temp';

export const ALL_FILTER = { tiers: [], regions: [], industries: [], owners: [], tags: [] };

/** A bare client of a region, named after it so a search by the region's name finds it. */
export const regionalClient = (code: string, name: string, region: string) => ({
  code, name, type: 'company', industry: '制造业', region, city: '', address: '', owner: '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});

/**
 * A vault with `n` clients per region (codes 华东-001…, names 华东客户1…) and one handover, 全国交接, that holds
 * them all: what the "select all N matching clients" tests (handover wizard lists, data-room picker) act on.
 */
export async function regionalHandover(regions: Record<string, number>) {
  const h = makeCore();
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  const ids: number[] = [];
  for (const [region, n] of Object.entries(regions)) {
    for (let i = 1; i <= n; i++) {
      ids.push((await h.call<{ id: number }>('clients.create', regionalClient(`${region}-${String(i).padStart(3, '0')}`, `${region}客户${i}`, region))).id);
    }
  }
  const d = await h.call<HandoverDetail>('handovers.create', { title: '全国交接', buyerName: '北方收购集团' });
  await h.call('handovers.setScope', { id: d.id, scope: { mode: 'picked', filter: ALL_FILTER, picked: ids } });
  return { h, id: d.id };
}

/**
 * Makes `STAFF` a user with every right but a scope of 华东 only, and signs them in (the administrator is
 * signed out): a scoped user's "all matching" must take only their clients.
 */
export async function signInEastOnlyStaff(h: ReturnType<typeof makeCore>): Promise<void> {
  await h.call('roles.save', { name: 'east_all', label: '华东全权', permissions: [...PERMISSIONS], masked: [], scope: EMPTY_SCOPE });
  const user = await h.call<{ id: number }>('users.add', { name: STAFF.userName, role: 'east_all', passphrase: STAFF.passphrase });
  await h.call('users.setScope', { userId: user.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
  await h.call('vault.lock');
  await h.call('vault.unlock', STAFF);
}
