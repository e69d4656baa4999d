import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTableFile } from '../../electron/core/clients/import/table-file';
import { makeCore } from '../helpers/core';
import { scopedVault } from '../helpers/scoped-vault';
import { ADMIN, tempDir } from '../helpers/temp';

const client = (code: string, name: string, over: Record<string, unknown> = {}) => ({
  code, name, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '浦东新区世纪大道 100 号', owner: '张伟', department: '', importance: '',
  tags: ['VIP'], cooperationStart: null, annualRevenue: 1_234_567_89, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '第一行\n第二行',
  contacts: [{ name: '王芳', title: '采购经理', phones: ['+8613800138000'], emails: ['wang@example.cn'] }], ...over,
});

type Log = { rows: { action: string; target: string; details: Record<string, unknown> }[] };

describe('exporting the clients picked in the list (bulk action)', () => {
  it('writes exactly the picked clients as .xlsx or CSV, readable by the import, formula-safe, amounts as numbers; logged as a selection', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const ids: number[] = [];
    for (const [code, name] of [['C-1', '东方精密'], ['C-2', '=HYPERLINK("http://evil")'], ['C-3', '北辰物流']] as const) ids.push((await h.call<{ id: number }>('clients.create', client(code, name))).id);
    const dir = tempDir();
    h.answers.chooseSaveTarget = [join(dir, 'picked.xlsx')];
    expect(await h.call('clients.export', { query: {}, format: 'xlsx', ids: [ids[1], ids[0]] })).toEqual({ path: join(dir, 'picked.xlsx'), count: 2 });
    const table = await readTableFile(join(dir, 'picked.xlsx'), 'auto');
    expect(table.headers.slice(0, 3)).toEqual(['code', 'name', 'type']);
    expect(table.rows.map((r) => [r[0], r[1]])).toEqual([['C-2', '\'=HYPERLINK("http://evil")'], ['C-1', '东方精密']]);
    expect(table.rows[1]![table.headers.indexOf('annual_revenue')]).toBe('1234567.89');
    expect(table.rows[1]![table.headers.indexOf('notes')]).toBe('第一行\n第二行');
    // Temp file renamed into place: nothing else left in the folder.
    expect(readdirSync(dir)).toEqual(['picked.xlsx']);

    h.answers.chooseSaveTarget = [join(dir, 'picked.csv')];
    await h.call('clients.export', { query: {}, format: 'csv', ids: [ids[2]] });
    const csv = readFileSync(join(dir, 'picked.csv'), 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv).toContain('北辰物流');
    expect(csv).toContain('1234567.89');

    // Without ids: every match of the query, as before.
    h.answers.chooseSaveTarget = [join(dir, 'all.xlsx')];
    expect(await h.call('clients.export', { query: { text: '' }, format: 'xlsx' })).toMatchObject({ count: 3 });

    const log = await h.call<Log>('audit.query', { filter: { action: 'clients.export' }, offset: 0, limit: 10 });
    expect(log.rows.map((r) => [r.target, r.details.count, r.details.format, r.details.selection ?? false])).toEqual(
      expect.arrayContaining([['picked.xlsx', 2, 'xlsx', true], ['picked.csv', 1, 'csv', true], ['all.xlsx', 3, 'xlsx', false]]),
    );
    h.core.dispose();
  });

  it('a scoped, masked user exports their picked clients masked; a picked client outside their scope refuses the whole export and writes nothing', async () => {
    const { h, inScope, outOfScope } = await scopedVault();
    const dir = tempDir();
    h.answers.chooseSaveTarget = [join(dir, 'mine.xlsx')];
    await h.call('clients.export', { query: {}, format: 'xlsx', ids: [inScope.client, inScope.client2] });
    const table = await readTableFile(join(dir, 'mine.xlsx'), 'auto');
    const text = JSON.stringify(table.rows);
    expect(table.rows.map((r) => r[0])).toEqual(['E-001', 'E-002']);
    for (const secret of ['13800138000', 'wang@dongfang.cn', '世纪大道', '5000000']) expect(text).not.toContain(secret);

    h.answers.chooseSaveTarget = [join(dir, 'stolen.xlsx')];
    expect(await h.core.handle('clients.export', { query: {}, format: 'xlsx', ids: [inScope.client, outOfScope.client] })).toMatchObject({ ok: false, error: { code: 'CLIENT_NOT_FOUND' } });
    expect(existsSync(join(dir, 'stolen.xlsx'))).toBe(false);
    h.core.dispose();
  });
});
