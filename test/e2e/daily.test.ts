import { expect, it } from 'vitest';
import { describeInChromium } from './harness';
import { openClients } from './nav';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };

const client = (code: string, name: string, contact = '') => ({
  code, name, type: 'company', industry: '', region: '华东', city: '', address: '', owner: '曾志伟', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: contact ? [{ name: contact, title: '', phones: [], emails: [] }] : [],
});

describeInChromium('daily use in Chinese', (chromium) => {
  it('finds clients by pinyin in one call and one log entry, in pinyin order, and offers a way out of an empty result', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 860 });
    const { page } = app;
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await openClients(page);
    // An empty vault says what to do next, with the actions that do it.
    await expect.poll(() => page.getByTestId('clients-empty').innerText()).toContain('导入');
    for (const [code, name, contact] of [['D10', '东方客户10', ''], ['D2', '东方客户2', ''], ['D1', '东方客户1', '张伟'], ['B1', '北辰科技', ''], ['Z1', '中国银行上海分行', '']]) {
      const r = await app.core.handle('clients.create', client(code!, name!, contact));
      expect(r.ok).toBe(true);
    }
    // Back to the list: it reads the new clients.
    await page.getByTestId('nav').getByText('安全').click();
    await page.getByTestId('nav').getByText('客户').click();
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('共 5 个客户');
    const names = async () => (await page.getByTestId('client-row').allInnerTexts()).map((t) => t.split('\n').find((cell) => /[东北中]/.test(cell)));
    // Polled: the count may come a moment before the rows (the list shows loading rows, …, in between).
    await expect.poll(names).toEqual(['北辰科技', '东方客户1', '东方客户2', '东方客户10', '中国银行上海分行']);

    // One typed search: one call to the core, one entry in the access log.
    const before = app.calls.length;
    await page.getByTestId('client-search').fill('dfkh');
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('共 3 个客户');
    await expect.poll(names).toEqual(['东方客户1', '东方客户2', '东方客户10']);
    await page.waitForTimeout(500); // room for a second call, were there one
    const searches = app.calls.slice(before).filter((c) => c.channel === 'clients.search');
    expect(searches).toHaveLength(1);
    const log = await app.core.handle('audit.query', { filter: { action: 'clients.search' } });
    expect(log.ok && (log.value as { rows: { details: unknown }[] }).rows.map((r) => r.details)).toEqual([{ text: 'dfkh', found: 3 }]);
    await app.shot('daily-01-pinyin-search-zh-1366');

    await page.getByTestId('client-search').fill('zhangwei');
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('共 1 个客户');
    await page.getByTestId('client-search').fill('zg银行');
    await expect.poll(() => page.getByTestId('client-list').innerText()).toContain('中国银行上海分行');

    // No match: a sentence and a way back, not an empty box.
    await page.getByTestId('client-search').fill('不存在的客户');
    await expect.poll(() => page.getByTestId('clients-none').innerText()).toContain('没有匹配的客户');
    await app.shot('daily-02-no-match-zh-1366');
    await page.getByTestId('clear-search').click();
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('共 5 个客户');
    expect(await page.getByTestId('client-search').inputValue()).toBe('');

    // At 1024 px the list scrolls sideways (负责人 and 年收入 are reachable) with the name column kept in view.
    await page.setViewportSize({ width: 1024, height: 768 });
    const list = page.getByTestId('client-list');
    await expect.poll(() => list.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await list.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    await expect.poll(() => page.locator('.vl-head').innerText()).toContain('年收入');
    await app.shot('daily-03-clients-zh-1024-scrolled');
    await page.getByTestId('language-switch').getByText('English').click();
    await app.shot('daily-04-clients-en-1024');
    await page.setViewportSize({ width: 600, height: 800 });
    await app.shot('daily-05-clients-en-600');
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await app.shot('daily-06-clients-zh-600');
  });
});
