import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { CIPHER_ENV } from '../../electron/core/db/cipher';
import { type AppUnderTest, describeInChromium } from './harness';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const APPROVER = { name: '周审批', pass: 'approver passphrase 合规 2026' };

const client = (code: string, name: string) => ({
  code, name, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '', owner: '张伟', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});

async function call(app: AppUnderTest, channel: string, input: unknown = {}) {
  const r = await app.core.handle(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
  return r.value as { id: number; ref: string };
}

async function unlock(page: Page, name: string, pass: string) {
  await page.getByTestId('username-input').fill(name);
  await page.getByTestId('passphrase-input').fill(pass);
  await page.getByTestId('unlock-button').click();
}

describeInChromium('the workbench (工作台) says what to do next', (chromium) => {
  it('a new vault opens on a first-run checklist; an approver lands on the approval waiting for them and one click opens that step, and 驳回 with a reason sends it back', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 860 });
    const { page } = app;
    await page.getByTestId('language-switch').getByText('简体中文').click();
    // Home is the workbench: a checklist, nothing done yet, its first action a button.
    await page.getByTestId('workbench-page').waitFor();
    await expect.poll(() => page.getByTestId('first-run').innerText()).toContain('已完成 0 / 5');
    expect(await page.getByTestId('first-run-start').innerText()).toBe('添加同事');
    expect(await page.getByTestId('wb-backup').innerText()).toContain('此保险库还没有备份过');
    await app.shot('70-workbench-new-vault-zh');

    // The admin plans and submits a handover (through the core, as the app would).
    await call(app, 'users.add', { name: APPROVER.name, role: 'compliance', passphrase: APPROVER.pass });
    for (let i = 1; i <= 3; i++) await call(app, 'clients.create', client(`E-${i}`, `东方客户${i}`));
    const h = await call(app, 'handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
    await call(app, 'handovers.setScope', { id: h.id, scope: { mode: 'filter', filter: { tiers: [], regions: ['华东'], industries: [], owners: [], tags: [] }, picked: [] } });
    await call(app, 'handovers.submit', { id: h.id });
    // Back on the workbench, the checklist has moved on and the plan's open work is listed.
    await page.getByTestId('nav').getByText('安全').click();
    await page.getByTestId('nav').getByText('工作台').click();
    await expect.poll(() => page.getByTestId('first-run').innerText()).toContain('已完成 3 / 5');
    expect(await page.getByTestId('first-run-users').innerText()).toContain('已完成');
    expect(await page.getByTestId('wb-notices').innerText()).toContain(`${h.ref} 华东业务转让——待生成 3 份`);
    expect(await page.getByTestId('wb-approvals').count()).toBe(0); // four eyes: not one's own

    // The approver signs in: the nav badge counts one approval, the workbench names it, one click opens the approval step.
    await page.getByTestId('lock-button').click();
    await unlock(page, APPROVER.name, APPROVER.pass);
    await page.getByTestId('workbench-page').waitFor();
    await expect.poll(() => page.getByTestId('nav-approvals-badge').innerText()).toBe('1');
    expect(await page.getByTestId('wb-approvals').innerText()).toContain(`${h.ref} 华东业务转让——Alice 提交`);
    await app.shot('71-workbench-approver-zh');
    await page.getByTestId('wb-approvals-go').click();
    await page.getByTestId('step-approvals').waitFor();
    expect(await page.getByTestId('handover-ref').innerText()).toBe(h.ref);

    // On the dashboard an unmet condition is a link to the step that settles it.
    await page.getByRole('tab', { name: '概览' }).click();
    await page.getByTestId('gate-problem-nda.none').click();
    await page.getByTestId('step-nda').waitFor();

    // 驳回: the approver sends the plan back with a reason; the timeline shows it and the badge is gone.
    await page.getByTestId('handover-steps').getByText('备份与审批', { exact: true }).click();
    await page.getByTestId('handover-reject').click();
    await page.getByTestId('reject-reason').fill('不行');
    expect(await page.getByTestId('reject-ok').isDisabled()).toBe(true); // a reason of a few words is required
    await page.getByTestId('reject-reason').fill('保密协议尚未登记，请补充后重新提交');
    await page.getByTestId('reject-ok').click();
    await page.getByTestId('handover-status').getByText('草稿').waitFor();
    expect(await page.getByTestId('approval-rejection').innerText()).toContain('周审批 驳回\n理由：保密协议尚未登记，请补充后重新提交');
    // The nav badge follows at once, without leaving the page.
    await expect.poll(() => page.getByTestId('nav-approvals-badge').count()).toBe(0);
    await app.shot('73-approval-rejected-zh');
    await page.getByTestId('nav').getByText('工作台').click();
    await page.getByTestId('workbench-page').waitFor();
    await expect.poll(() => page.getByTestId('nav-approvals-badge').count()).toBe(0);
    expect(await page.getByTestId('wb-approvals').count()).toBe(0);
  });

  it('a new handover shows its first steps, not empty charts; the wizard saves and continues and asks before edits are lost', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1024, height: 800 });
    const { page } = app;
    await page.getByTestId('workbench-page').waitFor();
    await page.getByTestId('nav').getByText('Handovers').click();
    await page.getByTestId('handover-new').click();
    await page.getByTestId('handover-title').fill('East region transfer');
    await page.getByTestId('handover-buyer').press('Enter');
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByTestId('handover-first-steps').waitFor();
    expect(await page.getByTestId('notice-chart').count()).toBe(0);
    await app.shot('72-handover-first-steps-en');
    await page.getByTestId('first-step-counterparty').click();
    await page.getByTestId('step-counterparty').waitFor();

    // An edit not saved: the footer says so and offers Save and continue; leaving asks first.
    await page.getByTestId('buyer-name').fill('North Buyer Ltd');
    await page.getByTestId('buyer-contact').fill('王经理');
    await page.getByTestId('step-unsaved').waitFor();
    expect(await page.getByTestId('step-next').innerText()).toBe('Save and continue');
    await page.getByTestId('handover-steps').getByText('Scope', { exact: true }).click();
    await page.getByRole('button', { name: 'Stay here' }).click();
    expect(await page.getByTestId('buyer-contact').inputValue()).toBe('王经理');
    await page.getByTestId('nav').getByText('Clients').click();
    await page.getByRole('button', { name: 'Stay here' }).click();
    await page.getByTestId('step-counterparty').waitFor();
    // Save and continue saves, then moves on.
    await page.getByTestId('step-next').click();
    await page.getByTestId('step-scope').waitFor();
    expect(await page.getByTestId('step-next').innerText()).toBe('Next');
    const list = await app.core.handle('handovers.list', {});
    const id = (list as { ok: true; value: { id: number }[] }).value[0]!.id;
    const saved = await app.core.handle('handovers.get', { id });
    expect((saved as { ok: true; value: { buyer: { contact: string } } }).value.buyer.contact).toBe('王经理');
    await app.shot('74-wizard-saved-and-continued-en');
  });

  it('a vault on the slower page cipher is offered the faster one right after unlock, and one click migrates it', async () => {
    const previous = process.env[CIPHER_ENV];
    process.env[CIPHER_ENV] = 'chacha20'; // as if made on a computer without AES instructions
    try {
      const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 860 });
      const { page } = app;
      process.env[CIPHER_ENV] = 'aegis'; // now opened on one where AEGIS-256 is faster
      await call(app, 'vault.lock');
      await unlock(page, ADMIN.name, ADMIN.pass);
      await page.getByTestId('workbench-page').waitFor();
      await page.getByTestId('cipher-upgrade').waitFor();
      await page.getByTestId('cipher-upgrade-button').click();
      await page.getByTestId('upgrade-done').waitFor();
      expect(await app.core.handle('vault.security', {})).toMatchObject({ ok: true, value: { cipher: 'aegis', cipherUpgrade: null } });
      await app.shot('77-workbench-cipher-upgraded-en');
    } finally {
      if (previous === undefined) delete process.env[CIPHER_ENV];
      else process.env[CIPHER_ENV] = previous;
    }
  });
});
