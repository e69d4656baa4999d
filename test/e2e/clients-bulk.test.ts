import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { createVaultThroughUi, e2eSkipReason, launch, openApp } from './harness';
import { openClients } from './nav';
import { chooseOption } from './select';

const skip = e2eSkipReason();
const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const NAMES = ['东方精密', '南海贸易', '北辰科技', '华信物流', '长城电子', '江南纺织', '中原机械', '西部能源'];

const client = (i: number) => ({
  code: `B-${String(i + 1).padStart(3, '0')}`, name: NAMES[i]!, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '', owner: '张伟', department: '',
  importance: '', tags: [], cooperationStart: null, annualRevenue: (i + 1) * 1_000_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});

/** The codes of the rows at these positions of the list, as shown. */
const codesAt = async (page: Page, rows: number[]) => Promise.all(rows.map(async (n) => /B-\d{3}/.exec(await page.getByTestId('client-row').nth(n).innerText())![0]));

describe.skipIf(skip !== null)('the client list\'s bulk action bar (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('ticks several clients, adds them to a handover and exports just them to Excel, in Chinese', async () => {
    const app = await openApp(browser, { width: 1366, height: 860 });
    const { page } = app;
    page.setDefaultTimeout(60_000);
    try {
      await createVaultThroughUi(page, ADMIN.name, ADMIN.pass);
      await page.getByTestId('language-switch').getByText('简体中文').click();
      for (let i = 0; i < NAMES.length; i++) expect((await app.core.handle('clients.create', client(i))).ok).toBe(true);
      const created = await app.core.handle('handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
      const handoverId = (created as { value: { id: number } }).value.id;
      await openClients(page);
      await expect.poll(() => page.getByTestId('client-count').innerText()).toBe(`共 ${NAMES.length} 个客户`);

      // Nothing ticked: no bar. Three ticked: the bar says how many.
      expect(await page.getByTestId('bulk-bar').count()).toBe(0);
      for (const n of [0, 2, 4]) await page.getByTestId('pick-row').nth(n).check();
      const picked = await codesAt(page, [0, 2, 4]);
      await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('已选择 3 个客户');
      await app.shot('bulk-01-three-picked-zh-1366');

      // Add them to the handover: the dialog names the count; afterwards the bar is gone and the handover holds them.
      await page.getByTestId('bulk-add').click();
      await page.getByRole('dialog').getByText('将 3 个客户加入交接项目').waitFor();
      await chooseOption(page, page.getByTestId('bulk-handover'), '华东业务转让');
      await app.shot('bulk-02-add-to-handover-zh-1366');
      await page.getByTestId('bulk-add-ok').click();
      await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
      const inHandover = await app.core.handle('handovers.clients', { id: handoverId, filter: 'included', limit: 50 });
      expect(inHandover.ok && (inHandover.value as { rows: { code: string }[] }).rows.map((r) => r.code).sort()).toEqual([...picked].sort());
      // As a user checks it: the handover's scope step counts them.
      await page.locator('[data-menu-id$="-handovers"]').click();
      await page.getByTestId('handover-list').getByText('华东业务转让').click();
      await page.getByTestId('handover-steps').locator('.ant-steps-item').nth(1).click();
      await expect.poll(() => page.getByTestId('scope-included').innerText()).toContain('3');

      // Two other clients, exported alone to a real .xlsx.
      await openClients(page);
      // The list is back, as the user sees it, before rows are ticked: a tick on a row the next render replaces is lost.
      await expect.poll(() => page.getByTestId('client-count').innerText()).toBe(`共 ${NAMES.length} 个客户`);
      for (const n of [1, 3]) await page.getByTestId('pick-row').nth(n).check();
      const exported = await codesAt(page, [1, 3]);
      await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('已选择 2 个客户');
      const out = join(tempDir(), '所选客户.xlsx');
      app.answers.chooseSaveTarget = [out];
      await page.getByTestId('bulk-export').hover();
      await page.locator('.ant-dropdown:visible').getByText('导出为 Excel（.xlsx）').click();
      await expect.poll(() => existsSync(out)).toBe(true);
      const book = new ExcelJS.Workbook();
      await expect.poll(async () => {
        await book.xlsx.readFile(out).catch(() => undefined);
        return book.worksheets[0]?.rowCount ?? 0;
      }).toBe(3);
      const sheet = book.worksheets[0]!;
      const cells = sheet.getSheetValues().flat().map(String);
      for (const code of exported) expect(cells).toContain(code);
      for (const code of picked) expect(cells).not.toContain(code);

      // 清除选择 takes the bar away.
      await page.getByTestId('bulk-clear').click();
      await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    } finally {
      await app.close();
    }
  });
});
