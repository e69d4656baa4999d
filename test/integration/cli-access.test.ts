import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../shared/i18n/text-width';
import { makeCore } from '../helpers/core';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';


function handover(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env }, encoding: 'utf8' });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever JSON the CLI printed
  const json = () => JSON.parse(r.stdout) as { ok: boolean; value: any };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

const client = (code: string, name: string, region: string, phone: string) => ({
  code, name, type: 'company', industry: '', region, city: '', address: '', owner: '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: 1_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: [{ name: '联系人', title: '', phones: [phone], emails: [] }],
});

describe('roles, scopes, the access log and keys from the CLI', () => {
  it('creates a masked role, scopes a user, and that user sees only their segment, masked; the log exports and verifies', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('clients.create', client('E1', '东方精密', '华东', '13800138000'));
    await h.call('clients.create', client('S1', '南海贸易', '华南', '13700137000'));
    h.core.dispose();
    const admin = { HANDOVER_VAULT: h.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const staff = { HANDOVER_VAULT: h.vaultDir, HANDOVER_USER: STAFF.userName, HANDOVER_PASSPHRASE: STAFF.passphrase };

    expect(handover(['role', 'create', 'east_sales', '--from', 'staff', '--label', '华东销售', '--mask', 'phones'], admin).code).toBe(0);
    expect(handover(['role', 'revoke', 'east_sales', 'clients.import'], admin).code).toBe(0);
    const shown = handover(['role', 'show', 'east_sales', '--json'], admin).json().value;
    expect(shown).toMatchObject({ name: 'east_sales', masked: ['phones'] });
    expect(shown.permissions).not.toContain('clients.import');
    expect(handover(['role', 'grant', 'east_sales', 'no.such'], admin).code).toBe(2);
    expect(handover(['user', 'add', STAFF.userName, '--role', 'east_sales'], { ...admin, HANDOVER_NEW_PASSPHRASE: STAFF.passphrase }).code).toBe(0);
    const scoped = handover(['user', 'scope', STAFF.userName, '--region', '华东', '--json'], admin);
    expect(scoped.json().value.scope).toMatchObject({ regions: ['华东'] });

    const all = handover(['clients', 'search', '--json'], staff).json().value;
    expect(all.total).toBe(1);
    expect(all.rows[0]).toMatchObject({ code: 'E1', phone: '138****8000' });
    const south = handover(['clients', 'search', '南海'], staff);
    expect(south.stdout).toContain('0 found');
    expect(south.stdout + south.stderr).not.toContain('S1');
    expect(handover(['clients', 'show', 'S1'], staff).code).toBe(1);
    expect(handover(['audit', 'list'], staff).code).toBe(4);

    const who = handover(['audit', 'list', '--client', 'E1', '--json'], admin).json().value;
    expect(who.rows.map((r: { actor: string }) => r.actor)).toContain(ADMIN.userName);
    const keys = handover(['keys', 'show', '--json'], admin).json().value;
    const pub = join(tempDir(), 'vault.pub');
    expect(handover(['keys', 'export-pub', '--out', pub], admin).code).toBe(0);
    expect(readFileSync(pub, 'utf8')).toBe(keys.minisignPublicKey);

    const out = tempDir();
    const exported = handover(['audit', 'export', '--out', out, '--json'], admin);
    expect(exported.code).toBe(0);
    const dir = exported.json().value.dir as string;
    expect(readdirSync(out)).toHaveLength(1);
    // The summary for people is in the CLI's export too, made by the core's PDF writer as in the app.
    const summary = readFileSync(join(dir, 'summary.pdf'));
    expect(summary.subarray(0, 5).toString()).toBe('%PDF-');
    const text = spawnSync('pdftotext', [join(dir, 'summary.pdf'), '-'], { encoding: 'utf8' });
    if (!text.error) expect(text.stdout).toMatch(new RegExp(`访问日志导出[\\s\\S]*Entries per user / 各用户记录数[\\s\\S]*${ADMIN.userName}`));
    // Actions as words in both languages and times in local time with their zone (issue 17), not ids and ISO instants.
    if (!text.error) {
      expect(text.stdout).toContain('解锁 / Unlocked');
      expect(text.stdout).not.toMatch(/\bvault\.unlock\b|\d{4}-\d\d-\d\dT\d\d:/);
      expect(text.stdout).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d[\s\S]*\(UTC[+-]\d\d:\d\d\)/);
    }
    const verified = handover(['audit', 'verify', dir, '--pubkey', pub]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('VERIFIED');
    expect(spawnSync('minisign', ['-Vm', join(dir, 'audit.jsonl'), '-p', pub]).status).toBe(0);

    // Delete one line: named, exit 5.
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n');
    lines.splice(2, 1);
    writeFileSync(join(dir, 'audit.jsonl'), lines.join('\n'));
    const broken = handover(['audit', 'verify', dir, '--pubkey', pub, '--json']);
    expect(broken.code).toBe(5);
    expect(broken.json().value.problem).toMatchObject({ kind: 'deleted', line: 3 });
    expect(handover(['vault', 'check'], admin).code).toBe(0);

    // In Chinese (issue 17): the users list's headers and values, times in local time, columns aligned on screen.
    const shanghai = { ...admin, HANDOVER_LANG: 'zh-CN', TZ: 'Asia/Shanghai' };
    const users = handover(['user', 'list'], shanghai).stdout.trimEnd().split('\n');
    expect(users[0]).toMatch(/^姓名 +角色 +状态 +范围 +最近解锁$/);
    const staffRow = users.find((l) => l.startsWith(`${STAFF.userName} `))!;
    expect(staffRow).toMatch(/ east_sales +已启用 +限定范围 +/);
    expect(users.find((l) => l.startsWith(`${ADMIN.userName} `))).toMatch(/ admin（管理员） +已启用 +全部客户 +/);
    // The staff user's last unlock (which this listing does not change), as 2026年11月22日 17:05 in Shanghai time, never as ISO.
    const staffView = handover(['user', 'list', '--json'], admin).json().value.find((u: { name: string }) => u.name === STAFF.userName);
    const local = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(staffView.lastUnlockAt));
    expect(local).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(staffRow.endsWith(local)).toBe(true);
    expect(users.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    // Each column starts at the same terminal column on every line (a Chinese character is two columns wide).
    const columnOf = (line: string, cell: string) => displayWidth(line.slice(0, line.indexOf(cell)));
    expect(columnOf(staffRow, '已启用')).toBe(columnOf(users[0]!, '状态'));
    expect(columnOf(staffRow, local)).toBe(columnOf(users[0]!, '最近解锁'));

    // The access log reads the app's sentences (详情), in both languages: no JSON, no action id.
    const zhLog = handover(['audit', 'list', '--action', 'clients.search', '--actor', STAFF.userName], shanghai).stdout;
    expect(zhLog).toMatch(/^序号 +时间 +用户 +操作 +对象 +详情$/m);
    expect(zhLog).toContain('搜索「南海」，找到 0 个客户');
    expect(zhLog).not.toMatch(/clients\.search|\{"|\d{4}-\d{2}-\d{2}T/);
    const enLog = handover(['audit', 'list', '--action', 'clients.search', '--actor', STAFF.userName], { ...admin, TZ: 'Asia/Shanghai' }).stdout;
    expect(enLog).toMatch(/^SEQ +TIME +ACTOR +ACTION +TARGET +DETAILS$/m);
    expect(enLog).toContain('Searched for “南海”, 0 found');
    expect(enLog).not.toMatch(/\{"|\d{4}-\d{2}-\d{2}T/);
  });
});
