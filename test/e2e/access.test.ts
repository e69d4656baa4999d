import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { RoleView } from '../../shared/contract';
import { tempDir } from '../helpers/temp';
import { type AppUnderTest, describeInChromium } from './harness';
import { openClients } from './nav';
import { chooseOption } from './select';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const WANG = { name: '王磊', pass: '华东 销售 长江 黄河 wang' };

const client = (code: string, name: string, region: string, phone: string) => ({
  code, name, type: 'company', industry: '制造业', region, city: '', address: '', owner: '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: 1_200_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: [{ name: '王芳', title: '采购经理', phones: [phone], emails: ['wangfang@example.cn'] }],
});

async function unlock(page: Page, name: string, pass: string) {
  await page.getByTestId('username-input').fill(name);
  await page.getByTestId('passphrase-input').fill(pass);
  await page.getByTestId('unlock-button').click();
}

async function seed(app: AppUnderTest) {
  for (const c of [client('E-001', '东方精密', '华东', '+86 138-0013-8000'), client('S-001', '南海贸易', '华南', '+86 137-0013-7000')]) {
    const r = await app.core.handle('clients.create', c);
    expect(r.ok).toBe(true);
  }
}

describeInChromium('permissions and the access log, as users click', (chromium) => {
  it('an admin makes a scoped, masked user; the user sees only their segment and reveals a phone with a reason; the admin finds it in the log, exports and verifies', async () => {
    const app = await chromium.openWithVault(ADMIN);
    const { page } = app;
    try {
      await openClients(page);
      await seed(app);

      // A role copied from Staff, with phones masked, ticked in the permission matrix.
      await page.getByTestId('nav').getByText('Users').click();
      await page.getByTestId('new-role').click();
      await page.getByTestId('new-role-label').fill('East sales');
      await page.getByTestId('new-role-name').fill('east_sales');
      await page.getByTestId('new-role-ok').click();
      await page.getByTestId('role-col-east_sales').first().waitFor();
      // The matrix is read-only (ticks, no greyed boxes) until Edit; a change is listed and applied only after a confirm.
      const phones = page.getByTestId('matrix-east_sales-phones');
      expect(await phones.getAttribute('data-on')).toBe('false');
      expect(await page.getByTestId('roles-card').getByRole('checkbox').count()).toBe(0);
      await page.getByTestId('roles-edit').click();
      await phones.click();
      await page.getByTestId('roles-save').click();
      await expect.poll(() => page.getByTestId('roles-changes').innerText()).toContain('Show East sales masked: Phones');
      await app.shot('40a-roles-confirm-en');
      await page.getByTestId('roles-apply').click();
      await expect.poll(() => phones.getAttribute('data-on')).toBe('true');
      expect(await page.getByTestId('roles-card').getByRole('checkbox').count()).toBe(0);
      await page.getByTestId('roles-card').scrollIntoViewIfNeeded();
      await app.shot('40-roles-matrix-en');

      // The user, with that role, limited to 华东.
      await page.getByTestId('add-user').click();
      await page.getByTestId('new-user-name').fill(WANG.name);
      await chooseOption(page, page.getByTestId('new-user-role'), 'East sales');
      await page.getByTestId('passphrase-input').fill(WANG.pass);
      await page.getByTestId('passphrase-confirm').fill(WANG.pass);
      await page.getByTestId('add-user-ok').click();
      await page.getByTestId(`user-scope-${WANG.name}`).click();
      await page.getByTestId('scope-regions').click();
      await page.keyboard.type('华东');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.getByTestId('scope-save').click();
      await expect.poll(() => page.getByTestId(`user-scope-${WANG.name}`).innerText()).toContain('华东');
      await app.shot('41-users-scoped-en');

      // Wang signs in: one client of two, phone masked; reveal it with a reason.
      await page.getByTestId('lock-button').click();
      await unlock(page, WANG.name, WANG.pass);
      await openClients(page);
      await expect.poll(() => page.getByTestId('client-count').innerText()).toContain('1 client');
      expect(await page.getByTestId('clients-page').innerText()).not.toContain('南海贸易');
      await page.getByTestId('client-search').fill('南海');
      await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('0 clients');
      await page.getByTestId('client-search').fill('');
      // The list is back (as the user sees it) before the row is clicked: a click while the cleared search is
      // still on its way lands on a row the next render replaces.
      await expect.poll(() => page.getByTestId('client-count').innerText()).toContain('1 client');
      await page.getByTestId('client-row').filter({ hasText: '东方精密' }).click();
      await page.getByTestId('client-drawer').waitFor();
      await expect.poll(() => page.getByTestId('masked-contacts.0.phones.0').innerText()).toBe('138****8000');
      expect(await page.getByTestId('client-drawer').innerText()).not.toContain('13800138000');
      await page.getByTestId('reveal-contacts.0.phones.0').click();
      // Without a reason nothing is revealed and the dialog stays.
      await page.getByTestId('reveal-reason').waitFor();
      await page.getByTestId('reveal-ok').click();
      // The form says a reason is needed (what the user sees), and the dialog stays.
      await page.locator('.ant-modal:visible .ant-form-item-explain-error').waitFor();
      expect(await page.getByTestId('reveal-reason').isVisible()).toBe(true);
      expect(await page.getByTestId('revealed-contacts.0.phones.0').count()).toBe(0);
      await page.getByTestId('reveal-reason').fill('客户来电，核实号码');
      await page.getByTestId('reveal-ok').click();
      await expect.poll(() => page.getByTestId('revealed-contacts.0.phones.0').innerText()).toBe('+8613800138000');
      await app.shot('42-reveal-en');
      // No access log for this role.
      expect(await page.getByTestId('nav').innerText()).not.toContain('Access log');

      // The admin finds the reveal in the access log (Ctrl+L locks from anywhere, even over the drawer).
      await page.keyboard.press('Control+l');
      await unlock(page, ADMIN.name, ADMIN.pass);
      await page.getByTestId('nav').getByText('Access log').click();
      await page.getByTestId('audit-filter-client').fill('E-001');
      await expect.poll(() => page.getByTestId('audit-table').innerText()).toContain('Field revealed');
      const table = await page.getByTestId('audit-table').innerText();
      expect(table).toContain(WANG.name);
      expect(table).toContain('客户来电，核实号码');
      expect(await page.getByTestId('audit-by-user').innerText()).toContain(WANG.name);
      await app.shot('43-audit-log-en');

      // Export for the auditor, then verify the export.
      const parent = tempDir();
      app.answers.chooseFolder = [parent];
      await page.getByTestId('audit-export').click();
      await page.getByTestId('audit-export-ok').click();
      // The result stays on screen (folder, entries, fingerprint to read out) until closed.
      await page.getByTestId('audit-exported').waitFor();
      const exported = join(parent, readdirSync(parent)[0]!);
      expect(await page.getByTestId('audit-exported-dir').innerText()).toBe(exported);
      expect(await page.getByTestId('audit-exported').innerText()).toContain('by phone or in person');
      const fp = await page.getByTestId('audit-exported-fp').innerText();
      expect(fp.length).toBeGreaterThan(8);
      await app.shot('43b-audit-exported-en');
      // The summary for people is a real PDF.
      expect(readFileSync(join(exported, 'summary.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      // "Verify this export" opens the verifier on that folder, with no folder to pick again.
      await page.getByTestId('audit-exported-verify').click();
      await expect.poll(() => page.getByTestId('verify-folder-path').innerText()).toBe(exported);
      await page.getByTestId('verify-run').click();
      await expect.poll(() => page.getByTestId('verify-result').innerText()).toContain('Verified');
      // The verifier found the export signed by the very key whose fingerprint the result showed.
      expect(await page.getByTestId('verify-result').innerText()).toContain(fp);
      await app.shot('44-audit-verified-en');
      await page.keyboard.press('Escape');

      // The same page in Chinese, and narrow.
      await page.getByTestId('language-switch').getByText('简体中文').click();
      await expect.poll(() => page.getByTestId('audit-table').innerText()).toContain('查看敏感字段');
      await app.shot('45-audit-log-zh');
      await page.setViewportSize({ width: 760, height: 900 });
      await app.shot('46-audit-log-zh-narrow');
      await page.setViewportSize({ width: 1280, height: 860 });
      await page.getByTestId('nav').getByText('用户').click();
      await page.getByTestId('roles-card').waitFor();
      // In Chinese: the change is listed in words, and 取消 discards it — nothing applied.
      await page.getByTestId('roles-edit').click();
      await page.getByTestId('matrix-east_sales-clients.export').click();
      await page.getByTestId('roles-save').click();
      await expect.poll(() => page.getByTestId('roles-changes').innerText()).toContain('将给 East sales 增加 导出客户数据');
      await app.shot('47a-roles-confirm-zh');
      await page.getByRole('button', { name: '返回编辑' }).click();
      await page.getByTestId('roles-cancel').click();
      await expect.poll(() => page.getByTestId('matrix-east_sales-clients.export').getAttribute('data-on')).toBe('false');
      const roles = await app.core.handle('roles.list', {});
      expect(roles.ok && (roles.value as RoleView[]).find((r) => r.name === 'east_sales')!.permissions).not.toContain('clients.export');
      await page.setViewportSize({ width: 760, height: 900 });
      await app.shot('47-roles-matrix-zh-narrow');
    } catch (err) {
      await app.shot('49-access-failure');
      throw err;
    }
  }, 300_000); // a guard against hangs only: on a loaded 2-core CI machine this walk takes minutes
});
