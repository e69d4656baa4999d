import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchClients } from '../../electron/core/clients/search-store';
import { searchTokens } from '../../electron/core/formats/search-tokens';
import { openEncryptedDb } from '../../electron/core/db/database';
import { migrate, schemaVersion, SCHEMA_VERSION } from '../../electron/core/vault/migrations';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';


function cli(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, value: () => (JSON.parse(r.stdout) as { value: { total: number; rows: { code: string; name: string }[] } }).value };
}

const client = (code: string, name: string, opts: { type?: 'company' | 'individual'; owner?: string; contact?: string } = {}) => ({
  code, name, type: opts.type ?? 'company', industry: '', region: '', city: '', address: '', owner: opts.owner ?? '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: opts.contact ? [{ name: opts.contact, title: '', phones: [], emails: [] }] : [],
});

/** Surnames whose everyday reading differs from the character's common one, as a Chinese office reads them. */
const SURNAMES: [name: string, full: string, initials: string][] = [
  ['单雄信', 'shanxiongxin', 'sxx'], ['曾国藩', 'zengguofan', 'zgf'], ['解缙', 'xiejin', 'xj'], ['区志强', 'ouzhiqiang', 'ozq'],
  ['仇英', 'qiuying', 'qy'], ['朴智敏', 'piaozhimin', 'pzm'], ['查良镛', 'zhaliangyong', 'zly'], ['盖聂', 'genie', 'gn'],
  ['乐毅', 'yueyi', 'yy'], ['尉迟恭', 'yuchigong', 'ycg'],
];

type Page = { total: number; rows: { code: string; name: string }[] };

describe('finding and sorting clients by pinyin', () => {
  it('finds people by the pinyin of ten polyphonic surnames, full and by initials', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    for (const [i, [name]] of SURNAMES.entries()) await h.call('clients.create', client(`P${i}`, name, { type: 'individual' }));
    // The same names as contacts of a company and as owners are read the same way.
    await h.call('clients.create', client('K1', '远航科技', { owner: '曾志伟', contact: '单田芳' }));
    for (const [name, full, initials] of SURNAMES) {
      for (const typed of [full, initials]) {
        const page = await h.call<Page>('clients.search', { text: typed });
        expect(page.rows.map((r) => r.name), `${typed} should find ${name}`).toContain(name);
      }
    }
    expect((await h.call<Page>('clients.search', { text: 'zengzhiwei' })).rows.map((r) => r.code)).toEqual(['K1']);
    expect((await h.call<Page>('clients.search', { text: 'shantianfang' })).rows.map((r) => r.code)).toEqual(['K1']);
    // The common reading of the surname is not how the name is said: 单 as dan does not find 单雄信.
    expect((await h.call<Page>('clients.search', { text: 'danxiongxin' })).total).toBe(0);
    h.core.dispose();
  });

  it('sorts Chinese names by pinyin with numbers in natural order, and the CLI finds clients by initials, full pinyin and mixed queries', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    for (const [code, name] of [['D10', '东方客户10'], ['D2', '东方客户2'], ['D100', '东方客户100'], ['B1', '北辰科技'], ['Z1', '中国银行上海分行'], ['A1', 'Acme Trading'], ['D1', '东方客户1']] as const) {
      await h.call('clients.create', client(code, name, code === 'D1' ? { contact: '张伟' } : {}));
    }
    const sorted = await h.call<Page>('clients.search', { sort: 'name' });
    expect(sorted.rows.map((r) => r.name)).toEqual(['Acme Trading', '北辰科技', '东方客户1', '东方客户2', '东方客户10', '东方客户100', '中国银行上海分行']);
    const desc = await h.call<Page>('clients.search', { sort: 'name', order: 'desc' });
    expect(desc.rows[0]!.name).toBe('中国银行上海分行');
    h.core.dispose();

    const env = { HANDOVER_VAULT: h.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const byInitials = cli(['clients', 'search', 'dfkh', '--json'], env);
    expect(byInitials.code, byInitials.stderr).toBe(0);
    expect(byInitials.value().rows.map((r) => r.code)).toEqual(['D1', 'D2', 'D10', 'D100']);
    expect(cli(['clients', 'search', 'zhangwei', '--json'], env).value().rows.map((r) => r.code)).toEqual(['D1']);
    expect(cli(['clients', 'search', 'zg银行', '--json'], env).value().rows.map((r) => r.code)).toEqual(['Z1']);
  });

  it('migration 13 gives a version-10 vault pinyin search and pinyin order without losing its index', () => {
    const db = openEncryptedDb(join(tempDir(), 'vault.db'), new Uint8Array(randomBytes(32)), { create: true });
    migrate(db, 10);
    const at = '2026-11-01T00:00:00Z';
    const add = (code: string, name: string, contact: string, phone: string) => {
      const id = Number(db.prepare('INSERT INTO clients (code, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(code, name, at, at).lastInsertRowid);
      db.prepare('INSERT INTO client_contacts (client_id, name, phones) VALUES (?, ?, ?)').run(id, contact, JSON.stringify([phone]));
      // What the app before 13 wrote: the text itself, no pinyin.
      db.prepare('INSERT INTO client_search (rowid, t) VALUES (?, ?)').run(id, searchTokens([code, name, contact, phone]));
    };
    add('D10', '东方客户10', '李娜', '13800138000');
    add('D2', '东方客户2', '曾志伟', '13900139000');
    add('B1', '北辰科技', '王芳', '13700137000');
    expect(searchClients(db, { text: 'dfkh' }).total).toBe(0);
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(searchClients(db, { text: 'dfkh' }).rows.map((r) => r.code)).toEqual(['D2', 'D10']);
    expect(searchClients(db, { text: 'zengzhiwei' }).rows.map((r) => r.code)).toEqual(['D2']);
    // What was found before is still found: the rebuilt index keeps names, contacts and phones.
    expect(searchClients(db, { text: '北辰' }).rows.map((r) => r.code)).toEqual(['B1']);
    expect(searchClients(db, { text: '0013800' }).rows.map((r) => r.code)).toEqual(['D10']);
    expect(searchClients(db, { text: '王芳' }).rows.map((r) => r.code)).toEqual(['B1']);
    expect(searchClients(db, {}).rows.map((r) => r.name)).toEqual(['北辰科技', '东方客户2', '东方客户10']);
    db.close();
  });
});
