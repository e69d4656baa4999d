import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';

function handover(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env }, encoding: 'utf8' });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever JSON the CLI printed
  const json = () => JSON.parse(r.stdout) as { ok: boolean; value: any; error?: any };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

describe('驳回 from the CLI: an approver sends a submitted handover back with a reason', () => {
  it('refuses the planner and a short reason, then sends it back to draft with the reason shown', async () => {
    const seller = makeCore();
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    await seller.call('users.add', { name: 'Chen', role: 'compliance', passphrase: 'compliance passphrase one' });
    await seller.call('users.add', { name: '李娜', role: 'handover_manager', passphrase: 'manager passphrase 经理 2026' });
    await seller.call('clients.create', {
      code: 'E1', name: '东方客户', type: 'company', industry: '', region: '华东', city: '', address: '', owner: '', department: '', importance: '', tags: [],
      cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
    });
    seller.core.dispose();
    const vault = { HANDOVER_VAULT: seller.vaultDir };
    const manager = { ...vault, HANDOVER_USER: '李娜', HANDOVER_PASSPHRASE: 'manager passphrase 经理 2026' };
    const chen = { ...vault, HANDOVER_USER: 'Chen', HANDOVER_PASSPHRASE: 'compliance passphrase one' };

    const created = handover(['handover', 'create', '--title', '华东业务转让', '--buyer', '北方收购', '--scope-query', 'region=华东', '--json'], manager);
    expect(created.code, created.stderr).toBe(0);
    const ref = String(created.json().value.ref);
    const submitted = handover(['handover', 'submit', ref], manager);
    expect(submitted.code, submitted.stderr).toBe(0);

    // The planner may not send it back; a reason that says nothing is refused; neither changes anything.
    expect(handover(['handover', 'reject', ref, '--reason', '范围不完整，请补充', '--json'], manager).json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect(handover(['handover', 'reject', ref, '--reason', '不行'], chen).code).not.toBe(0);
    // A usage mistake is said in the CLI's language too.
    const noReason = handover(['handover', 'reject', ref], { ...chen, HANDOVER_LANG: 'zh-CN' });
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('缺少 --reason');
    expect(handover(['handover', 'show', ref, '--json'], manager).json().value.status).toBe('submitted');

    const sent = handover(['handover', 'reject', ref, '--reason', '范围不完整，请补充华南客户', '--json'], chen);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.json().value.status).toBe('draft');
    // In Chinese: the status in words, who sent it back and when (local time), each export condition with what is missing.
    const human = handover(['handover', 'show', ref], { ...manager, HANDOVER_LANG: 'zh-CN' });
    expect(human.stdout).toContain(`${ref}  华东业务转让  【草稿】`);
    expect(human.stdout).toMatch(/^Chen 于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 驳回：范围不完整，请补充华南客户$/m);
    expect(human.stdout).toContain('导出前置条件：');
    expect(human.stdout).toContain('  [ ] 买方加密公钥：请至少选择一把买方加密公钥。');
    expect(human.stdout).toContain('  [ ] 审批：请提交交接项目审批。');
    expect(human.stdout).not.toMatch(/recipients\.none|\{"|draft|gates:/);
    // The help says what the command is for, in both languages.
    expect(handover(['handover', 'reject', '--help'], {}).stdout).toContain('--reason');
    expect(handover(['handover', 'reject', '--help'], { HANDOVER_LANG: 'zh-CN' }).stdout).toContain('驳回理由');
  });
});
