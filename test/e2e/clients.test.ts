import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { csvText, messyRows, writeGbk } from '../helpers/crm-files';
import { makePdf } from '../helpers/pdf';
import { tempDir } from '../helpers/temp';
import { createVaultThroughUi, describeInChromium } from './harness';
import { openClients } from './nav';
import { chooseOption } from './select';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };

const pickOption = (page: Page, selectTestId: string, option: string) => chooseOption(page, page.getByTestId(selectTestId), option);

describeInChromium('client records, as a user clicks', (chromium) => {
  it('imports a messy GBK file, fixes the mapping, reviews rejected rows, searches 张伟 and opens the client', async () => {
    const app = await chromium.open();
    const { page } = app;
    // A vault with an admin, created through the UI.
    await createVaultThroughUi(page, ADMIN.name, ADMIN.pass);
    await openClients(page);
    await expect.poll(() => page.getByTestId('clients-page').innerText()).toContain('no clients yet');

    // The name column has a header the app does not know: the user must map it.
    const rows = messyRows();
    rows[0]![1] = '公司全称';
    const file = writeGbk(tempDir(), 'CRM导出.csv', csvText(rows));
    app.answers.chooseImportFile = [file];
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-choose').click();
    await expect.poll(() => page.getByTestId('import-file-info').innerText()).toContain('7 rows, 11 columns, gb18030');
    await app.shot('10-import-preview-en');
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-check').click();
    await expect.poll(() => page.getByTestId('error').innerText()).toContain('Map one column to "Client name"');
    await pickOption(page, 'map-1', 'Client name');
    await app.shot('11-import-mapping-en');
    await page.getByTestId('import-check').click();
    await expect.poll(() => page.getByTestId('import-summary').innerText()).toContain('4 to import, 0 to update, 1 duplicates skipped, 2 rejected, of 7 rows');
    const problems = await page.getByTestId('problem-table').innerText();
    expect(problems).toContain('手机');
    expect(problems).toContain('not a phone number');
    expect(problems).toContain('ambiguous date');
    await app.shot('12-import-check-en');

    // The rejected rows go to a CSV the user can fix in Excel.
    const report = join(tempDir(), 'rejected.csv');
    app.answers.chooseSaveTarget = [report];
    await page.getByTestId('save-rejected').click();
    await expect.poll(() => existsSync(report)).toBe(true);
    expect(readFileSync(report, 'utf8')).toContain('5,手机,Phone,"not a phone number');

    // Update duplicates instead of skipping them, then import.
    await page.getByTestId('import-policy').getByText('Update the existing client').click();
    await expect.poll(() => page.getByTestId('import-summary').innerText()).toContain('4 to import, 0 to update, 0 duplicates skipped, 2 rejected');
    await page.getByTestId('import-run').click();
    await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('4 imported');
    await page.getByTestId('import-close').click();
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('4 clients');

    // Search as you type, two Chinese characters; open the client.
    await page.getByTestId('client-search').fill('张伟');
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('1 client');
    // The row itself, not the count: for a moment after the count the list may still show its loading row (…),
    // which opens nothing.
    await page.getByTestId('client-row').filter({ hasText: '上海华东电子有限公司' }).click();
    await page.getByTestId('client-drawer').waitFor();
    expect(await page.getByTestId('client-title').innerText()).toBe('上海华东电子有限公司');
    const drawer = await page.getByTestId('client-drawer').innerText();
    expect(drawer).toContain('+8613800138000');
    expect(drawer).toContain('更新后的地址');
    expect(drawer).toMatch(/CN¥20,000\.00|¥20,000\.00/);
    // A day reads in the user's language, never as the stored 2019-07-03.
    expect(drawer).toContain('Jul 3, 2019');
    expect(drawer).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await app.shot('13-client-drawer-en');

    // Attach a contract (PDF) and preview it inside the app.
    const pdf = join(tempDir(), 'Contract-2024.pdf');
    writeFileSync(pdf, makePdf(['Service contract page one', 'Page two: signatures']));
    app.answers.chooseDocumentFile = [pdf];
    await page.getByTestId('attach-document').click();
    await expect.poll(() => page.getByTestId('documents').innerText()).toContain('Contract-2024.pdf');
    await page.getByTestId('preview-Contract-2024.pdf').click();
    await expect.poll(() => page.getByTestId('pdf-page').innerText(), { timeout: 15_000 }).toBe('Page 1 of 2');
    // the canvas has been drawn on (not blank)
    await expect.poll(() => page.getByTestId('pdf-canvas').evaluate((c) => {
      const el = c as unknown as { width: number; height: number; getContext(k: string): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      const d = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 128 && d[i + 3]! > 0) dark++;
      return dark;
    }), { timeout: 15_000 }).toBeGreaterThan(50);
    await app.shot('13b-pdf-preview-en');
    await page.keyboard.press('Escape');

    // Record a contract and a phone call on the client.
    await page.getByTestId('add-transaction').click();
    await page.getByTestId('entry-ref').fill('HT-2024-001');
    await page.getByTestId('save-transaction').click();
    await expect.poll(() => page.getByTestId('transactions').innerText()).toContain('HT-2024-001');
    await page.getByTestId('add-communication').click();
    await page.getByTestId('entry-summary').fill('通知客户交接安排 / told the client about the handover');
    await page.getByTestId('save-communication').click();
    await expect.poll(() => page.getByTestId('communications').innerText()).toContain('told the client about the handover');
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    // A typo in the contract reference is corrected; a call entered on the wrong client is removed.
    await page.locator('[data-testid^="edit-transaction-"]').first().click();
    await page.getByTestId('entry-ref').fill('HT-2024-001A');
    await page.getByTestId('save-transaction').click();
    await expect.poll(() => page.getByTestId('transactions').innerText()).toContain('HT-2024-001A');
    await page.locator('[data-testid^="remove-communication-"]').first().click();
    await page.locator('.ant-popconfirm:visible').getByText('Yes').click();
    await expect.poll(() => page.getByTestId('communications').count()).toBe(0);
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.keyboard.press('Escape');

    // Partial phone number, then a filter, in Chinese, narrow window.
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.getByTestId('client-search').fill('8555');
    await expect.poll(() => page.getByTestId('client-list').innerText()).toContain('成都宏达物流有限公司');
    await page.getByTestId('client-search').fill('');
    await pickOption(page, 'filter-region', '华东');
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('共 2 个客户');
    // Save this filter, clear it, and bring it back by name.
    await page.getByTestId('save-filter').click();
    await page.getByTestId('save-filter-name').fill('华东客户');
    await page.getByTestId('save-filter-ok').click();
    await page.getByTestId('filter-region').hover();
    await page.locator('.ant-select-clear:visible').first().click();
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('共 4 个客户');
    await pickOption(page, 'saved-filters', '华东客户');
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('共 2 个客户');
    await page.setViewportSize({ width: 600, height: 900 });
    await app.shot('14-clients-zh-narrow');
    await page.setViewportSize({ width: 1280, height: 860 });

    // Value and tiers: every imported client is scored; the chart counts them by tier.
    await page.getByTestId('open-value').click();
    const bars = page.getByTestId('bars-clients');
    await expect.poll(async () => (await bars.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ')).toBe('- 1 | A 1 | B 1 | C 1');
    await app.shot('15-value-zh');
    await page.keyboard.press('Escape');

    // The view is in the access log.
    await page.getByTestId('nav').getByText('安全').click();
    await expect.poll(() => page.getByTestId('log-table').innerText()).toContain('查看客户');
    await expect.poll(() => page.getByTestId('log-table').innerText()).toContain('打开文档');
  });
});
