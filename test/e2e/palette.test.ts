import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium } from './harness';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };

const client = (code: string, name: string) => ({
  code, name, type: 'company', industry: '', region: '华东', city: '', address: '', owner: '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});

/**
 * Ctrl+K, then typing once the palette's box has the focus, as a user types once they see the cursor there:
 * keys pressed while the dialog is still opening would go to the page behind it.
 */
async function openPalette(page: Page): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect.poll(() => page.getByTestId('palette-input').evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
}

describeInChromium('Ctrl/⌘+K finds pages, handovers and clients, keyboard only', (chromium) => {
  it('Ctrl+K, type pinyin initials, Enter opens the client; Ctrl+K, a page name, Enter goes there', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 860 });
    const { page } = app;
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.getByTestId('workbench-page').waitFor();
    for (const [code, name] of [['D1', '东方客户1'], ['B1', '北辰科技']]) expect((await app.core.handle('clients.create', client(code!, name!))).ok).toBe(true);

    await openPalette(page);
    await page.keyboard.type('dfkh');
    await expect.poll(() => page.getByTestId('palette-list').innerText()).toContain('D1 东方客户1');
    expect(await page.getByTestId('palette-list').innerText()).not.toContain('北辰科技');
    await app.shot('75-palette-pinyin-zh');
    await page.keyboard.press('Enter');
    await page.getByTestId('clients-page').waitFor();
    await expect.poll(() => page.locator('.ant-drawer').innerText()).toContain('东方客户1');
    await page.keyboard.press('Escape');

    await openPalette(page);
    await page.keyboard.type('访问');
    await expect.poll(() => page.getByTestId('palette-option').first().innerText()).toContain('访问日志');
    await page.keyboard.press('Enter');
    await page.getByTestId('palette-input').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.ant-menu-item-selected').innerText()).toBe('访问日志');

    // Every shortcut in one panel: Ctrl+/ (or ? outside a text field) from anywhere, and from the palette's footer.
    await page.keyboard.press('Control+/');
    const help = page.getByTestId('shortcuts-list');
    await expect.poll(() => help.innerText()).toContain('锁定保险库');
    for (const keys of ['Ctrl/⌘+K', 'Ctrl/⌘+L', 'PgUp / PgDn']) expect(await help.innerText()).toContain(keys);
    await app.shot('76-shortcuts-help-zh');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    // `?` works outside a text field: the closing panel may hand the focus back to a field (under load, later), so
    // take it off any field first, as a user would click on the page.
    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur?(): void } | null } }).document.activeElement?.blur?.());
    await page.keyboard.press('?');
    await help.waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await openPalette(page);
    await page.getByTestId('palette-all-shortcuts').click();
    await expect.poll(() => page.getByTestId('shortcuts-list').innerText()).toContain('在任意页面搜索客户、交接项目和页面');
  });
});
