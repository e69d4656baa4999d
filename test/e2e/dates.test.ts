import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreOk, createVaultThroughUi, e2eSkipReason, launch, openApp } from './harness';
import { openClients, typeDay } from './nav';

const skip = e2eSkipReason();

/** Today as the user's machine names it (the audit filter works in local days). */
const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

describe.skipIf(skip !== null)('dates in the app language (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the access log period is a date range picker that writes days as the app language does, switches with it, and filters by the days typed; the buttons\' screen-reader names switch language too', async () => {
    const app = await openApp(browser, { width: 1366, height: 900 });
    const { page } = app;
    try {
      await createVaultThroughUi(page, 'Alice', 'correct horse battery staple');
      await page.getByTestId('nav').getByText('Access log').click();
      await expect.poll(() => page.getByTestId('audit-count').innerText()).toMatch(/^[1-9]\d* entr/);
      const period = page.locator('input[data-testid="audit-filter-period"]');
      // No native mm/dd/yyyy box: an antd picker with the language's placeholder.
      expect(await page.locator('input[type="date"]').count()).toBe(0);
      expect(await period.first().getAttribute('placeholder')).toBe('Start date');

      // A month long ago: nothing in it; the days show as English prose dates.
      await typeDay(page, 'audit-filter-period', '2020-01-01', 0);
      await typeDay(page, 'audit-filter-period', '2020-01-31', 1);
      await expect.poll(() => page.getByTestId('audit-count').innerText()).toBe('0 entries');
      expect(await period.nth(0).inputValue()).toBe('Jan 1, 2020');
      expect(await period.nth(1).inputValue()).toBe('Jan 31, 2020');
      await app.shot('47-audit-dates-en');

      // Today (typed as 2026/11/29 style works too): the vault's own entries are back, so core got the right days.
      const today = new Date();
      await typeDay(page, 'audit-filter-period', localDay(today), 0);
      await typeDay(page, 'audit-filter-period', localDay(today).replaceAll('-', '/'), 1);
      await expect.poll(() => page.getByTestId('audit-count').innerText()).toMatch(/^[1-9]\d* entr/);

      // Switching the language re-writes the same days as Chinese inputs do, and the calendar panel follows.
      expect(await page.getByRole('button', { name: 'Reload' }).count()).toBe(1);
      await page.getByTestId('language-switch').getByText('简体中文').click();
      // Screen-reader names switch too (no English aria-label left on the page).
      await page.getByRole('button', { name: '刷新' }).waitFor();
      expect(await page.getByRole('img', { name: '每日活动' }).count()).toBe(1);
      // GLOSSARY.md: a Chinese input shows the ISO day (2026年11月29日 is for prose and PDFs).
      const zhDay = localDay(today);
      await expect.poll(() => period.nth(0).inputValue()).toBe(zhDay);
      expect(await period.nth(1).inputValue()).toBe(zhDay);
      await period.nth(0).click();
      const panel = page.locator('.ant-picker-dropdown:visible');
      await expect.poll(() => panel.innerText()).toContain(`${today.getFullYear()}年`);
      const weekdays = await panel.locator('thead').first().innerText();
      expect(weekdays).toContain('一');
      expect(weekdays).not.toContain('Mo');
      await app.shot('47b-audit-dates-panel-zh');
      await page.keyboard.press('Escape');
      await page.setViewportSize({ width: 600, height: 900 });
      await app.shot('47c-audit-dates-600-zh');

      // And back: English again, at runtime.
      await page.getByTestId('language-switch').getByText('English').click();
      await expect.poll(() => period.nth(0).inputValue()).toBe(today.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' }));
    } finally {
      await app.close();
    }
  });

  it('a handover phase\'s planned start–end is one range picker in Chinese (calendar in Chinese, days as 2026-01-05), saved as the start and the due day, and it says 逾期 N 天 once the end has passed', async () => {
    const app = await openApp(browser, { width: 1366, height: 900 });
    const { page } = app;
    try {
      await createVaultThroughUi(page, 'Alice', 'correct horse battery staple');
      const h = await coreOk<{ id: number }>(app, 'handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
      await page.getByTestId('language-switch').getByText('简体中文').click();
      await page.locator('[data-menu-id$="-handovers"]').click();
      await page.getByTestId('handover-list').getByText('华东业务转让').click();
      await page.getByTestId('handover-steps').getByText('时间表', { exact: true }).click();
      await page.getByTestId('step-timeline').waitFor();

      // One picker per phase, two ends, no native date box; the ends say what they are in Chinese.
      expect(await page.locator('input[type="date"]').count()).toBe(0);
      const range = page.locator('input[data-testid="timeline-preparation-planned"]');
      expect(await range.count()).toBe(2);
      expect([await range.nth(0).getAttribute('placeholder'), await range.nth(1).getAttribute('placeholder')]).toEqual(['开始日期', '结束日期']);
      expect(await page.getByTestId('timeline').locator('thead').innerText()).toContain('计划起止');

      // The calendar opens in Chinese.
      await range.nth(0).click();
      const panel = page.locator('.ant-picker-dropdown:visible');
      await expect.poll(() => panel.innerText()).toContain('年');
      expect(await panel.locator('thead').first().innerText()).toContain('一');
      await app.shot('48-timeline-range-panel-zh');
      await page.keyboard.press('Escape');

      // Typed as a user would: a start and an end in the past (preparation is late), and a start and end ahead.
      await typeDay(page, 'timeline-preparation-planned', '2026-01-05', 0);
      await typeDay(page, 'timeline-preparation-planned', '2026-01-20', 1);
      await typeDay(page, 'timeline-transfer-planned', '2099-03-01', 0);
      await typeDay(page, 'timeline-transfer-planned', '2099-03-31', 1);
      expect([await range.nth(0).inputValue(), await range.nth(1).inputValue()]).toEqual(['2026-01-05', '2026-01-20']);
      await page.getByTestId('timeline-save').click();
      await page.getByTestId('step-unsaved').waitFor({ state: 'detached' });
      const saved = await coreOk<{ timeline: Record<string, unknown> }>(app, 'handovers.get', { id: h.id });
      expect(saved.timeline.preparation).toEqual({ start: '2026-01-05', planned: '2026-01-20', actual: null });
      expect(saved.timeline.transfer).toEqual({ start: '2099-03-01', planned: '2099-03-31', actual: null });

      // The late phase says so in words with an icon; the one ahead says nothing.
      const late = Math.round((Date.parse(`${localDay(new Date())}T00:00:00Z`) - Date.parse('2026-01-20T00:00:00Z')) / 86_400_000);
      const tag = page.getByTestId('timeline-overdue-preparation');
      expect(await tag.innerText()).toBe(`逾期 ${late} 天`);
      expect(await tag.getByRole('img', { name: '逾期' }).count()).toBe(1);
      expect(await page.getByTestId('timeline-overdue-transfer').count()).toBe(0);

      await app.shot('48b-timeline-range-zh-1366');
      await page.setViewportSize({ width: 600, height: 900 });
      await app.shot('48c-timeline-range-zh-600');

      // English at runtime: the same days, written as English inputs do.
      await page.getByTestId('language-switch').getByText('English').click();
      await expect.poll(() => range.nth(0).inputValue()).toBe('Jan 5, 2026');
      expect(await range.nth(1).inputValue()).toBe('Jan 20, 2026');

      // The risk register: its first column stays in view while the rest scrolls, and an empty owner reads as —.
      await coreOk(app, 'handovers.saveRisk', { id: h.id, riskId: null, risk: { title: '核心客户流失', category: 'client-churn', likelihood: 3, impact: 4, mitigation: '', owner: '', status: 'open', reviewOn: '2026-12-15' } });
      await page.getByTestId('language-switch').getByText('简体中文').click();
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.locator('[data-menu-id$="-handovers"]').click();
      await page.getByTestId('handover-list').getByText('华东业务转让').click();
      await page.getByTestId('handover-steps').getByText('风险', { exact: true }).click();
      const row = page.getByTestId('risk-table').locator('tbody tr.ant-table-row').first();
      await expect.poll(() => row.innerText()).toContain('核心客户流失');
      expect(await row.locator('td').first().getAttribute('class')).toMatch(/\bant-table-cell-fix-(start|left)\b/);
      expect((await row.locator('td').allInnerTexts()).filter((c) => c.trim() === '—')).toHaveLength(2);
      await app.shot('48d-risk-table-zh-1366');
    } finally {
      await app.close();
    }
  });
  it('at 01:30 in Beijing (17:30 UTC the day before) today is 1 December: a new entry is dated 2026-12-01, a phase due 30 November is 逾期 1 天, one due today is not late; the risk table keeps its first column in view and shows — for an empty owner', async () => {
    // The core runs in this process: its zone is this process's TZ (Node applies a change at once).
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    const app = await openApp(browser, { width: 1366, height: 900, at: { time: new Date('2026-11-30T17:30:00Z'), timezoneId: 'Asia/Shanghai' } });
    const { page } = app;
    try {
      await createVaultThroughUi(page, 'Alice', 'correct horse battery staple');
      const h = await coreOk<{ id: number }>(app, 'handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
      const { timeline } = await coreOk<{ timeline: Record<string, unknown> }>(app, 'handovers.get', { id: h.id });
      await coreOk(app, 'handovers.update', { id: h.id, patch: { timeline: {
        ...timeline,
        preparation: { start: '2026-11-01', planned: '2026-11-30', actual: null },
        transfer: { start: '2026-11-15', planned: '2026-12-01', actual: null },
      } } });
      await coreOk(app, 'clients.create', {
        code: 'C-1', name: '上海华东电子有限公司', type: 'company', industry: '', region: '', city: '', address: '', owner: '', department: '', importance: '',
        tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
      });
      await page.getByTestId('language-switch').getByText('简体中文').click();
      await page.locator('[data-menu-id$="-handovers"]').click();
      await page.getByTestId('handover-list').getByText('华东业务转让').click();
      await page.getByTestId('handover-steps').getByText('时间表', { exact: true }).click();
      await page.getByTestId('step-timeline').waitFor();
      expect(await page.getByTestId('timeline-overdue-preparation').innerText()).toBe('逾期 1 天');
      expect(await page.getByTestId('timeline-overdue-transfer').count()).toBe(0);

      await openClients(page);
      await page.getByTestId('client-row').filter({ hasText: '上海华东电子有限公司' }).click();
      await page.getByTestId('add-communication').click();
      const date = page.locator('.ant-modal-wrap:visible').getByLabel('日期');
      await expect.poll(() => date.inputValue()).toBe('2026-12-01');
    } finally {
      await app.close();
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
