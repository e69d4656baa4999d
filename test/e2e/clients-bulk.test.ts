import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { coreOk, createVaultThroughUi, describeInChromium, e2eSkipReason, launch, openApp } from './harness';
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

/** 230 clients of 张伟 (more than the list's first page of 200) and 20 of 王芳, all in 华东. */
const many = (i: number, owner: string) => ({
  ...client(0), code: `M-${String(i).padStart(3, '0')}`, name: `${owner === '张伟' ? '华东' : '华南'}客户${String(i).padStart(3, '0')}`, owner, annualRevenue: i * 1_000_00,
});
const count = (page: Page) => page.getByTestId('client-count').innerText();
const ownerInput = (page: Page) => page.locator('[data-testid="bulk-owner-input"] input, input[data-testid="bulk-owner-input"]').first();

describeInChromium('the client list\'s bulk actions on every match, in Chinese', (chromium) => {
  it('在职继承: picks all 230 of 张伟\'s clients across pages, gives them to 李娜, tags them and archives 王芳\'s, each confirmed with how many and what changes', async () => {
    const app = await chromium.openWithVault({ name: ADMIN.name, pass: ADMIN.pass }, { width: 1366, height: 860 });
    const { page } = app;
    page.setDefaultTimeout(60_000);
    await page.getByTestId('language-switch').getByText('简体中文').click();
    for (let i = 1; i <= 250; i++) await coreOk(app, 'clients.create', many(i, i <= 230 ? '张伟' : '王芳'));
    await openClients(page);
    await expect.poll(() => count(page)).toBe('共 250 个客户');

    // 负责人 = 张伟: 230 clients; the page's box ticks the 200 loaded, the bar offers all 230.
    await chooseOption(page, page.getByTestId('filter-owner'), '张伟');
    await expect.poll(() => count(page)).toBe('共 230 个客户');
    await page.getByTestId('pick-page').check();
    await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('已选择 200 个客户');
    await page.getByTestId('select-all-matching').click();
    await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('已选择全部 230 个符合条件的客户');
    await app.shot('bulk-11-all-matching-zh-1366');

    // 更换负责人: the confirm says how many and from whom to whom.
    await page.getByTestId('bulk-owner').click();
    await ownerInput(page).fill('李娜');
    await expect.poll(() => page.getByTestId('bulk-edit-summary').innerText()).toBe('将 230 个客户的负责人从 张伟 改为 李娜');
    await app.shot('bulk-12-owner-confirm-zh-1366');
    await page.getByTestId('bulk-edit-ok').click();
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    // The list is refreshed: no client of 张伟 is left; 李娜's are found by her pinyin.
    await page.getByTestId('clients-none').waitFor();
    await page.getByTestId('clear-search').click();
    await page.getByTestId('client-search').fill('lina');
    await expect.poll(() => count(page)).toBe('共 230 个客户');
    const logged = await coreOk<{ rows: { details: { count: number; filter: unknown } }[] }>(app, 'audit.query', { filter: { action: 'clients.reassign-owner' } });
    expect(logged.rows.map((e) => [e.details.count, e.details.filter])).toEqual([[230, { owner: '张伟' }]]);

    // 添加标签 on every match of the search, again beyond the first page.
    await page.getByTestId('pick-page').check();
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-tags').click();
    const tagBox = page.getByTestId('bulk-tags-add');
    await tagBox.click();
    await page.keyboard.type('重点客户');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('bulk-edit-summary').innerText()).toBe('为 230 个客户添加标签 重点客户');
    await page.getByTestId('bulk-edit-ok').click();
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    await page.getByTestId('client-search').fill('');
    await chooseOption(page, page.getByTestId('filter-tag'), '重点客户');
    await expect.poll(() => count(page)).toBe('共 230 个客户');

    // 归档 王芳's 20, with the keyboard: the bar's button and the confirm's 归档 answer to Enter.
    await page.getByTestId('filter-tag').hover();
    await page.getByTestId('filter-tag').locator('.ant-select-clear').click();
    await chooseOption(page, page.getByTestId('filter-owner'), '王芳');
    await expect.poll(() => count(page)).toBe('共 20 个客户');
    await page.getByTestId('pick-page').check();
    await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('已选择 20 个客户');
    expect(await page.getByTestId('select-all-matching').count()).toBe(0);
    await page.getByTestId('bulk-archive').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('bulk-edit-summary').innerText()).toContain('将归档 20 个客户');
    await app.shot('bulk-13-archive-confirm-zh-1366');
    await page.getByTestId('bulk-edit-ok').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('clients-none').waitFor();
    const archived = await coreOk<{ total: number; rows: { archived: boolean }[] }>(app, 'clients.search', { owner: '王芳', includeArchived: true, limit: 50 });
    expect(archived.rows.every((r) => r.archived)).toBe(true);
    expect(archived.total).toBe(20);
  });

  it('the bar and its confirm fit a 600 px window; 加入交接项目 takes all 30 matching clients', async () => {
    const app = await chromium.openWithVault({ name: ADMIN.name, pass: ADMIN.pass }, { width: 600, height: 860 });
    const { page } = app;
    page.setDefaultTimeout(60_000);
    await page.getByTestId('language-switch').getByText('简体中文').click();
    for (let i = 1; i <= 30; i++) await coreOk(app, 'clients.create', many(i, '张伟'));
    const handover = await coreOk<{ id: number }>(app, 'handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
    await openClients(page);
    await expect.poll(() => count(page)).toBe('共 30 个客户');
    for (const n of [0, 1]) await page.getByTestId('pick-row').nth(n).check();
    await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('已选择 2 个客户');
    await page.getByTestId('select-all-matching').click();
    await expect.poll(() => page.getByTestId('bulk-count').innerText()).toBe('已选择全部 30 个符合条件的客户');
    // Every action of the bar is inside the window (it wraps rather than runs off the edge).
    for (const id of ['bulk-owner', 'bulk-tags', 'bulk-archive', 'bulk-add', 'bulk-clear']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(600);
    }
    await app.shot('bulk-14-all-matching-zh-600');
    await page.getByTestId('bulk-owner').click();
    await ownerInput(page).fill('李娜');
    await expect.poll(() => page.getByTestId('bulk-edit-summary').innerText()).toBe('将 30 个客户的负责人改为 李娜');
    await app.shot('bulk-15-owner-confirm-zh-600');
    await page.keyboard.press('Escape');
    await page.getByTestId('bulk-edit-dialog').waitFor({ state: 'detached' }).catch(() => undefined);
    // 加入交接项目 over every match (not only the rows on the page): the handover holds all 30, logged once.
    await page.getByTestId('bulk-add').click();
    await page.getByRole('dialog').getByText('将 30 个客户加入交接项目').waitFor();
    await chooseOption(page, page.getByTestId('bulk-handover'), '华东业务转让');
    await page.getByTestId('bulk-add-ok').click();
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    expect((await coreOk<{ included: number }>(app, 'handovers.get', { id: handover.id })).included).toBe(30);
    const logged = await coreOk<{ rows: { details: { count: number } }[] }>(app, 'audit.query', { filter: { action: 'handover.clients-add' } });
    expect(logged.rows.map((e) => e.details.count)).toEqual([30]);
  });
});
