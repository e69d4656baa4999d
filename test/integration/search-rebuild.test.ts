import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import type { ClientPage } from '../../shared/contract/clients';
import { clientStatements, insertClient, rebuildSearchSlice, requireSearchRebuild } from '../../electron/core/clients/store';
import type { Db } from '../../electron/core/db/database';
import { searchTokens } from '../../electron/core/formats/search-tokens';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

const N = 2500;
const draft = (i: number) => ({
  code: `R${String(i).padStart(5, '0')}`, name: i === 1234 ? '东方电子' : `客户${i}`, type: 'company' as const, industry: '', region: '华东', city: '', address: i === 1234 ? '浦东新区世纪大道 8 号' : '',
  owner: '', department: '', importance: '', tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: i === 1234 ? [{ name: '王芳', title: '', phones: ['+8613800138000'], emails: ['wang@dongfang.cn'] }] : [],
});

/** A vault of N clients as the app before migration 014 left it: version 13, the search index one column of everything. */
async function vaultBefore014() {
  const h = makeCore();
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  const db = h.core.openVaultForTests!.db as Db;
  db.transaction(() => {
    const s = clientStatements(db);
    for (let i = 1; i <= N; i++) insertClient(s, draft(i), '2026-11-01T00:00:00Z');
    db.exec("DROP TABLE client_search; CREATE VIRTUAL TABLE client_search USING fts5(t, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='1', detail=full)");
    const ins = db.prepare('INSERT INTO client_search (rowid, t) VALUES (?, ?)');
    for (const [id, code, name] of db.prepare('SELECT id, code, name FROM clients').raw().all() as [number, string, string][]) ins.run(id, searchTokens([code, name]));
    db.pragma('user_version = 13');
  })();
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
