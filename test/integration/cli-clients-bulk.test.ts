import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type ClientPage } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';

function handover(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), HANDOVER_LANG: 'zh-CN', ...env }, encoding: 'utf8' });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever JSON the CLI printed
  const json = () => JSON.parse(r.stdout) as { ok: boolean; value: any; error?: any };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

const client = (i: number, region: string, owner: string) => ({
  code: `C${i}`, name: `客户${i}`, type: 'company', industry: '', region, city: '', address: '', owner, department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});
const EAST = { userName: '华东主管', passphrase: 'east manager passphrase long' };
const READER = { userName: '只读用户', passphrase: 'reader passphrase long enough' };

describe('handover clients reassign / tag / archive (CLI)', () => {
  it('moves all of 张伟\'s clients to 李娜, tags and archives them by filter, in Chinese; refuses what it should with the right exit codes', async () => {
    const seller = makeCore();
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    for (let i = 1; i <= 6; i++) await seller.call('clients.create', client(i, i <= 4 ? '华东' : '华北', i === 4 ? '王芳' : '张伟'));
    await seller.call('roles.save', { name: 'east_manager', label: '华东主管', permissions: ['clients.read', 'clients.edit'], masked: [], scope: EMPTY_SCOPE });
    const east = await seller.call<{ id: number }>('users.add', { name: EAST.userName, role: 'east_manager', passphrase: EAST.passphrase });
    await seller.call('users.setScope', { userId: east.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
    await seller.call('roles.save', { name: 'reader', label: '只读', permissions: ['clients.read'], masked: [], scope: EMPTY_SCOPE });
    await seller.call('users.add', { name: READER.userName, role: 'reader', passphrase: READER.passphrase });
    const ho = await seller.call<{ ref: string }>('handovers.create', { title: '华东业务转让', buyerName: '买方' });
    seller.core.dispose();
    const admin = { HANDOVER_VAULT: seller.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const eastEnv = { ...admin, HANDOVER_USER: EAST.userName, HANDOVER_PASSPHRASE: EAST.passphrase };

    // The 华东 manager's "all of 张伟's clients" are the 华东 ones only.
    const mine = handover(['clients', 'reassign', '--from', '张伟', '--to', '李娜'], eastEnv);
    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stdout.trim()).toBe('已将负责人从 张伟 改为 李娜（共 3 个客户，3 个有变化）');
    // A 华北 client named by code answers like an unknown one.
    const outside = handover(['clients', 'reassign', '--code', 'C5', '--to', '李娜'], eastEnv);
    const unknown = handover(['clients', 'reassign', '--code', 'C99', '--to', '李娜'], eastEnv);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toBe(unknown.stderr.replace('C99', 'C5'));
    expect(outside.stderr).toContain('[CLIENT_NOT_FOUND]');

    const rest = handover(['clients', 'reassign', '--from', '张伟', '--to', '李娜', '--json'], admin);
    expect(rest.code, rest.stderr).toBe(0);
    expect(rest.json()).toEqual({ ok: true, value: { count: 2, changed: 2 } });
    // Found by the new owner's pinyin at once.
    const found = handover(['clients', 'search', 'lina', '--json'], admin);
    expect(found.json().value.total).toBe(5);

    const tagged = handover(['clients', 'tag', '--owner', '李娜', '--region', '华东', '--add', '重点', '--add', '续约', '--json'], admin);
    expect(tagged.json()).toEqual({ ok: true, value: { count: 3, changed: 3 } });
    expect(handover(['clients', 'archive', '--code', 'C5', '--code', 'C6'], admin).code).toBe(0);
    const restored = handover(['clients', 'archive', '--restore', '--region', '华北', '--json'], admin);
    expect(restored.json()).toEqual({ ok: true, value: { count: 2, changed: 2 } });

    // Usage: no clients named, no tag, both codes and filters — exit 2, nothing changed.
    expect(handover(['clients', 'reassign', '--to', '李娜'], admin).code).toBe(2);
    expect(handover(['clients', 'tag', '--all'], admin).code).toBe(2);
    expect(handover(['clients', 'archive', '--code', 'C1', '--region', '华东'], admin).code).toBe(2);
    // Nothing matches: exit 1 with the translated reason.
    const none = handover(['clients', 'tag', '--search', '不存在的客户', '--add', 'x'], admin);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('已没有符合筛选条件的客户');
    // Without the edit right: exit 4.
    const denied = handover(['clients', 'archive', '--all'], { ...admin, HANDOVER_USER: READER.userName, HANDOVER_PASSPHRASE: READER.passphrase });
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain('[FORBIDDEN]');
    const help = handover(['clients', 'reassign', '--help'], admin);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--from VALUE');
    expect(help.stdout).toContain('新负责人');

    const all = handover(['clients', 'search', '客户', '--limit', '20', '--json'], admin).json().value as ClientPage;
    expect(all.rows.filter((r) => r.owner === '李娜').map((r) => r.code).sort()).toEqual(['C1', 'C2', 'C3', 'C5', 'C6']);
    // One log entry per call, each naming its count and how the clients were chosen.
    const log = handover(['audit', 'list', '--action', 'clients.reassign-owner', '--json'], admin);
    expect(log.code, log.stderr).toBe(0);
    const entries = (log.json().value.rows as { actor: string; details: Record<string, unknown> }[]).map((e) => [e.actor, e.details.count, e.details.filter]);
    expect(entries.sort()).toEqual([[ADMIN.userName, 2, { owner: '张伟' }], [EAST.userName, 3, { owner: '张伟' }]].sort());

    // 加入交接项目 by filter: every match across the list, one call; a handover the CLI cannot find is exit 1.
    const added = handover(['clients', 'add-to-handover', ho.ref, '--owner', '李娜'], admin);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.trim()).toBe(`已加入交接项目 ${ho.ref}（共 5 个客户，5 个有变化）`);
    expect(handover(['handover', 'show', ho.ref, '--json'], admin).json().value.included).toBe(5);
    expect(handover(['clients', 'add-to-handover', 'HO-1999-999', '--all'], admin).code).toBe(1);
    expect(handover(['clients', 'add-to-handover', ho.ref], admin).code).toBe(2);
  });
});
