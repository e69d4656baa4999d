import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import type { ClientPage } from '../../shared/contract/clients';
import { rebuildSearchSlice, requireSearchRebuild } from '../../electron/core/clients/store';
import type { Db } from '../../electron/core/db/database';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';
import { seedBefore014 } from '../helpers/vault-before-014';

const N = 2500;
/** A vault of N clients as the app before migration 014 left it: version 13, the search index one column of everything. */
async function vaultBefore014() {
  const h = makeCore();
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  seedBefore014(h.core.openVaultForTests!.db as Db, N, 1234);
  await h.call('vault.lock');
  return h;
}

const rebuildEvents = (events: AppEvent[]) => events.filter((e) => e.type === 'vault.unlock-progress') as Extract<AppEvent, { type: 'vault.unlock-progress' }>[];

describe('the search index rebuilt at the first unlock after an upgrade', () => {
  it('reports its progress to the unlock screen, client by thousand, and finds by phone, e-mail and address afterwards', async () => {
    const h = await vaultBefore014();
    // Before the upgrade the index has no phone: the rebuild is what makes it findable.
    await h.call('vault.unlock', ADMIN);
    const progress = rebuildEvents(h.events);
    expect(progress.map((e) => e.done)).toEqual([0, 1000, 2000, 2500]);
    expect(progress.every((e) => e.total === N && e.step === 'search-index')).toBe(true);
    for (const text of ['东方', 'dfdz', '0013800', 'dongfang.cn', '世纪大道']) {
      expect((await h.call<ClientPage>('clients.search', { text })).rows.map((r) => r.code), text).toEqual(['R01234']);
    }
    expect((await h.call<ClientPage>('clients.search', { text: '客户', limit: 5 })).total).toBe(1000);
    // The next unlock has nothing to rebuild.
    await h.call('vault.lock');
    h.events.length = 0;
    await h.call('vault.unlock', ADMIN);
    expect(rebuildEvents(h.events)).toEqual([]);
  });

  it('starts again from the first client at the next unlock when a rebuild was cut short', async () => {
    const h = await vaultBefore014();
    await h.call('vault.unlock', ADMIN);
    const db = h.core.openVaultForTests!.db as Db;
    // As if the app stopped after one slice of a rebuild: the index emptied, a thousand clients indexed, the mark still set.
    db.transaction(() => {
      requireSearchRebuild(db);
      rebuildSearchSlice(db, 0);
    })();
    expect((await h.call<ClientPage>('clients.search', { text: '东方' })).total).toBe(0);
    await h.call('vault.lock');
    h.events.length = 0;
    await h.call('vault.unlock', ADMIN);
    expect(rebuildEvents(h.events).map((e) => e.done)).toEqual([0, 1000, 2000, 2500]);
    expect((await h.call<ClientPage>('clients.search', { text: '0013800' })).rows.map((r) => r.code)).toEqual(['R01234']);
    expect((await h.call<ClientPage>('clients.search', { text: '客户2499' })).rows.map((r) => r.code)).toEqual(['R02499']);
  });
});
