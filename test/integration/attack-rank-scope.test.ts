import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type ClientPage } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

/**
 * The attack on the search ordered and scope-checked from ranks held in memory (clients/rank-store.ts):
 * a user scoped to 华东 (or to the tag 重点) pages, sorts and counts a search to learn anything about
 * clients outside their scope — totals, the order of their own clients around the others', offsets past
 * the end — and searches again right after an administrator, in another session on the same vault (the
 * CLI, while the app stays unlocked), moved a client into and another out of the scope, before the
 * ranks are read again. Each answer must be what the scope's SQL gives: only their clients, counted alone.
 */
const EAST = { userName: '华东主管', passphrase: 'east manager passphrase long' };
const TAGGED = { userName: '重点客户经理', passphrase: 'tag manager passphrase long' };

const client = (i: number, region: string, tags: string[] = []) => ({
  code: `R-${String(i).padStart(3, '0')}`, name: `精密客户${i}`, type: 'company', industry: '制造业', region, city: '', address: '', owner: i % 2 ? '张伟' : '李娜',
  department: '', importance: '', tags, cooperationStart: null, annualRevenue: (i % 7) * 100_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null,
  notes: '', contacts: [],
});

type Row = ClientPage['rows'][number];

/** Every row of a search, page by page of `limit`, and the totals each page reported. */
async function allPages(h: ReturnType<typeof makeCore>, q: Record<string, unknown>, limit: number): Promise<{ rows: Row[]; totals: number[] }> {
  const rows: Row[] = [];
  const totals: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await h.call<ClientPage>('clients.search', { ...q, limit, offset });
    totals.push(page.total);
    rows.push(...page.rows);
    if (page.rows.length < limit) return { rows, totals };
  }
}

describe('attack: learning about out-of-scope clients through the search\'s ranks', () => {
  it('totals, orders and offsets count only the scope\'s clients, also right after another session moved clients into and out of it', async () => {
    const admin = makeCore();
    await admin.call('vault.create', { dir: admin.vaultDir, ...ADMIN });
    // 20 华东 clients and 20 华北 ones interleaved by name, revenue and owner; five 华北 ones tagged 重点.
    for (let i = 1; i <= 40; i++) await admin.call('clients.create', client(i, i % 2 ? '华东' : '华北', i % 2 === 0 && i <= 10 ? ['重点'] : []));
    await admin.call('roles.save', { name: 'scoped_reader', label: '范围内只读', permissions: ['clients.read'], masked: [], scope: EMPTY_SCOPE });
    const east = await admin.call<{ id: number }>('users.add', { name: EAST.userName, role: 'scoped_reader', passphrase: EAST.passphrase });
    await admin.call('users.setScope', { userId: east.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
    const tagged = await admin.call<{ id: number }>('users.add', { name: TAGGED.userName, role: 'scoped_reader', passphrase: TAGGED.passphrase });
    await admin.call('users.setScope', { userId: tagged.id, scope: { ...EMPTY_SCOPE, tags: ['重点'] } });
    await admin.call('vault.lock');

    const code = (i: number) => `R-${String(i).padStart(3, '0')}`;
    const eastCodes = new Set(Array.from({ length: 20 }, (_, k) => code(2 * k + 1)));
    const taggedCodes = new Set([2, 4, 6, 8, 10].map(code));
    for (const who of [EAST, TAGGED]) {
      const codes = new Set(who === EAST ? eastCodes : taggedCodes);
      const inScope = (r: Row) => codes.has(r.code) && (who !== EAST || r.region === '华东');
      const app = makeCore();
      app.answers.chooseVaultFolder = [admin.vaultDir];
      await app.call('dialog.chooseVaultFolder');
      await app.call('vault.open', { dir: admin.vaultDir });
      await app.call('vault.unlock', who);
      const expected = who === EAST ? 20 : 5;
      for (const sort of ['name', 'code', 'owner', 'annualRevenue', 'region']) {
        for (const order of ['asc', 'desc']) {
          const { rows, totals } = await allPages(app, { text: '精密', sort, order }, 3);
          expect(new Set(totals), `${who.userName} ${sort} ${order}`).toEqual(new Set([expected]));
          expect(rows).toHaveLength(expected);
          expect(rows.every(inScope)).toBe(true);
        }
      }
      // Far past the end: an empty page, and the same total.
      expect(await app.call<ClientPage>('clients.search', { text: '精密', offset: 1000, limit: 10 })).toMatchObject({ total: expected, rows: [] });

      // Another session (an administrator's CLI on the same vault) moves R-002 into the scope and out of it.
      const cli = makeCore();
      cli.answers.chooseVaultFolder = [admin.vaultDir];
      await cli.call('dialog.chooseVaultFolder');
      await cli.call('vault.open', { dir: admin.vaultDir });
      await cli.call('vault.unlock', ADMIN);
      const edit = async (code: string, patch: Record<string, unknown>) => {
        const id = await idOf2(cli, code);
        const full = await cli.call<Record<string, unknown>>('clients.get', { id });
        const { id: _i, tier: _t, valueScore: _v, archived: _a, createdAt: _c, updatedAt: _u, transactions: _tr, communications: _co, masked: _m, ...draft } = full;
        await cli.call('clients.update', { id, draft: { ...draft, ...patch } });
      };
      const moveIn = who === EAST ? { region: '华东' } : { tags: ['重点'] };
      const moveOut = who === EAST ? { region: '华北' } : { tags: [] };
      await edit('R-012', moveIn);
      await edit(who === EAST ? 'R-001' : 'R-004', moveOut);
      codes.add('R-012');
      codes.delete(who === EAST ? 'R-001' : 'R-004');
      // The very next search of the app's session: the moved-in client is there, the moved-out one is not, the count as before.
      const after = await allPages(app, { text: '精密', sort: 'name' }, 50);
      expect(after.totals).toEqual([expected]);
      expect(after.rows.map((r) => r.code)).toContain('R-012');
      expect(after.rows.map((r) => r.code)).not.toContain(who === EAST ? 'R-001' : 'R-004');
      expect(after.rows.every(inScope)).toBe(true);
      expect((await app.call<ClientPage>('clients.search', { text: who === EAST ? '精密客户1' : '精密客户4', limit: 50 })).rows.map((r) => r.code))
        .not.toContain(who === EAST ? 'R-001' : 'R-004');
      const gone = await app.core.handle('clients.get', { id: await idOf2(cli, who === EAST ? 'R-001' : 'R-004') });
      expect(gone).toMatchObject({ ok: false, error: { code: 'CLIENT_NOT_FOUND' } });
      // Put back for the next user.
      await edit('R-012', who === EAST ? { region: '华北' } : { tags: [] });
      await edit(who === EAST ? 'R-001' : 'R-004', who === EAST ? { region: '华东' } : { tags: ['重点'] });
      cli.core.dispose();
      app.core.dispose();
    }
  });
});

async function idOf2(h: ReturnType<typeof makeCore>, code: string): Promise<number> {
  return (await h.call<{ id: number }>('clients.byCode', { code })).id;
}
