import { describe, expect, it } from 'vitest';
import type { ClientPage, ClientQuery } from '../../shared/contract/clients';
import { rankedPage, readRanks, type RankedColumn } from '../../electron/core/clients/rank-store';
import { searchClients } from '../../electron/core/clients/search-store';
import type { Db } from '../../electron/core/db/database';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

const client = (code: string, name: string, o: { region?: string; owner?: string; revenue?: number | null; type?: 'company' | 'individual' } = {}) => ({
  code, name, type: o.type ?? 'company', industry: '制造', region: o.region ?? '华东', city: '', address: '', owner: o.owner ?? '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: o.revenue ?? null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});

const NAMES = ['东方客户10', '东方客户2', '北辰客户', 'Acme 客户', 'acme 客户', '张伟客户', '东方客户2', '长江客户', '客户', '华东客户'];
const SORTS: [NonNullable<ClientQuery['sort']>, RankedColumn][] = [['name', 'name_sort'], ['code', 'code'], ['region', 'region'], ['owner', 'owner'], ['annualRevenue', 'annual_revenue'], ['valueScore', 'value_score']];

async function vaultWithClients() {
  const h = makeCore();
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  // Equal names, equal regions and owners, empty revenues: the order then rests on the id, as the SQL's.
  for (const [i, name] of NAMES.entries()) {
    await h.call('clients.create', client(`K${String(i).padStart(2, '0')}`, name, {
      region: i % 3 ? '华东' : '华北', owner: i % 2 ? '张伟' : '李娜', revenue: i % 4 === 0 ? null : (i % 3) * 1000, type: i === 5 ? 'individual' : 'company',
    }));
  }
  const ids = (await h.call<ClientPage>('clients.search', { text: '客户', limit: 100 })).rows.map((r) => r.id);
  for (const id of ids.slice(0, 2)) await h.call('clients.archive', { id, archived: true });
  return { h, db: h.core.openVaultForTests!.db as Db };
}

/** The page as the SQL path makes it: a write that changes nothing still makes the ranks stale, so SQL answers. */
function bySql(db: Db, q: ClientQuery): ClientPage {
  db.prepare('UPDATE clients SET archived = archived WHERE id = (SELECT min(id) FROM clients)').run();
  return searchClients(db, q);
}

describe('a search ordered from the ranks in memory', () => {
  it('gives the page, total and order the SQL gives, for every sort, both directions, archived or not, any offset', async () => {
    const { db } = await vaultWithClients();
    let compared = 0;
    for (const [sort, column] of SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        for (const includeArchived of [false, true]) {
          for (const [offset, limit] of [[0, 50], [0, 3], [3, 4], [9, 5]] as const) {
            for (const text of ['客户', '东方', 'acme']) {
              const q = { text, sort, order, includeArchived, offset, limit } as ClientQuery;
              const expected = bySql(db, q);
              readRanks(db, column);
              expect(rankedPage(db, [1], column, false, false, 0, 1), 'ranks are fresh').not.toBeNull();
              expect(searchClients(db, q), JSON.stringify(q)).toEqual(expected);
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBe(SORTS.length * 2 * 2 * 4 * 3);
  });

  it('holds matches to a scope from the ranks as the scope SQL does, counting only clients in the scope', async () => {
    const { h, db } = await vaultWithClients();
    for (let i = 0; i < 12; i++) await h.call('clients.create', client(`S${i}`, `南方客户${i}`, { region: '华南', owner: '张伟' }));
    const scopes = [
      { sql: 'c.region IN (?)', params: ['华东'], textGroups: [['华东']], columns: [{ column: 'region' as const, values: ['华东'] }] },
      { sql: 'c.region IN (?, ?) AND c.owner IN (?)', params: ['华东', '华南', '张伟'], textGroups: [], columns: [{ column: 'region' as const, values: ['华东', '华南'] }, { column: 'owner' as const, values: ['张伟'] }] },
      { sql: 'c.industry IN (?)', params: ['没有'], textGroups: [], columns: [{ column: 'industry' as const, values: ['没有'] }] },
    ];
    for (const scope of scopes) {
      for (const text of ['客户', '南方', '华东']) {
        const q = { text, limit: 50, offset: 0, sort: 'name', order: 'asc', includeArchived: false } as ClientQuery;
        const expected = searchClients(db, q, { ...scope, columns: null });
        for (const column of ['name_sort', 'region', 'owner', 'industry'] as const) readRanks(db, column);
        expect(searchClients(db, q, scope), `${text} in ${scope.sql}`).toEqual(expected);
      }
    }
    expect(searchClients(db, { text: '南方', limit: 50 } as ClientQuery, scopes[1]).total).toBe(12);
    expect(searchClients(db, { text: '客户', limit: 50 } as ClientQuery, scopes[2]).total).toBe(0);
  });

  it('shows a rename, an archive and a new client in the very next search', async () => {
    const { h, db } = await vaultWithClients();
    const names = async () => (await h.call<ClientPage>('clients.search', { text: '客户', limit: 100 })).rows.map((r) => r.name);
    readRanks(db, 'name_sort');
    const before = await names();
    expect(before[0]).toBe('北辰客户');
    const bei = (await h.call<ClientPage>('clients.search', { text: '北辰' })).rows[0]!;
    const detail = await h.call<Record<string, unknown>>('clients.get', { id: bei.id });
    await h.call('clients.update', { id: bei.id, draft: { ...client(String(detail.code), '赵客户') } });
    const renamed = await names();
    expect(renamed).not.toContain('北辰客户');
    expect(renamed[renamed.length - 1]).toBe('赵客户');
    await h.call('clients.archive', { id: bei.id, archived: true });
    expect(await names()).not.toContain('赵客户');
    await h.call('clients.create', client('K99', '阿里客户'));
    expect((await names())[0]).toBe('阿里客户');
  });
});
