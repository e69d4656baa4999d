import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { PHASES } from '../../shared/contract';
import { type AppUnderTest, describeInChromium } from './harness';
import { chooseOption } from './select';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const TITLE = '华东业务转让';

const client = (code: string, name: string) => ({
  code, name, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '', owner: '张伟', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: 500_000_000, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});

async function call(app: AppUnderTest, channel: string, input: unknown = {}) {
  const r = await app.core.handle(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
  return r.value as { id: number; ref: string };
}

/** A handover planned in every step (through the core, as the app would), then closed. */
async function closedHandover(app: AppUnderTest): Promise<void> {
  for (let i = 1; i <= 3; i++) await call(app, 'clients.create', client(`E-${i}`, `东方客户${i}`));
  const h = await call(app, 'handovers.create', { title: TITLE, buyerName: '北方收购集团' });
  const timeline = Object.fromEntries(PHASES.map((p, i) => [p, { planned: `2026-12-0${i + 1}`, actual: i === 0 ? '2026-12-02' : null }]));
  await call(app, 'handovers.update', {
    id: h.id,
    patch: {
      buyer: { name: '北方收购集团', contact: '赵敏', phone: '010-8888 6666', email: 'zhao@north.example', address: '北京市朝阳区', overseas: false },
      categories: ['basic', 'contacts'],
      timeline,
      team: { owner: '王经理', departments: { sales: { lead: '李娜', duty: '逐一回访客户' } } },
      notice: { startDate: '2026-12-03', effectiveDate: '2027-01-15', objectionWeeks: 6, sellerContact: '法务部 张律师 021-5555 0000' },
    },
  });
  await call(app, 'handovers.setScope', { id: h.id, scope: { mode: 'filter', filter: { tiers: [], regions: ['华东'], industries: [], owners: [], tags: [] }, picked: [] } });
  await call(app, 'handovers.applyTemplate', { id: h.id, template: 'prc' });
  await call(app, 'compensation.setStandard', {
    handoverId: h.id, kind: 'client',
    standard: {
      basis: 'revenue', rateBp: 500, fixedFen: { A: 0, B: 0, C: 0 }, tierFactors: { A: 1200, B: 1000, C: 800 },
      loyalty: { minRenewalPercent: 80, factorPermille: 1100 }, stability: { minYears: 3, factorPermille: 1050 },
      floorFen: 100_000, capFen: 20_000_000, methods: ['cash', 'discount'], defaultMethod: 'cash', budgetFen: 200_000_000,
    },
  });
  await call(app, 'handovers.close', { id: h.id });
}

/**
 * What in `testId`'s subtree still takes typing or picking: no disabled control at all, and no
 * enabled one except a list's search box, view filter or page size (reading a long list needs them).
 */
async function controls(page: Page, testId: string): Promise<{ disabled: string[]; editable: string[] }> {
  return page.getByTestId(testId).evaluate((root) => {
    const describe = (e: { tagName: string; getAttribute(name: string): string | null }) => `${e.tagName.toLowerCase()} ${e.getAttribute('class') ?? ''} ${e.getAttribute('data-testid') ?? ''}`.trim();
    const disabled = [...root.querySelectorAll('input[disabled], textarea[disabled], select[disabled], .ant-select-disabled, .ant-picker-disabled, .ant-checkbox-wrapper-disabled, .ant-radio-wrapper-disabled, .ant-input-number-disabled, .ant-switch-disabled')];
    const editable = [...root.querySelectorAll('input, textarea, select, .ant-select, .ant-picker, .ant-switch, [contenteditable="true"]')]
      .filter((e) => !e.closest('.ant-input-search, .ant-segmented, .ant-pagination'));
    return { disabled: disabled.map(describe), editable: editable.map(describe) };
  });
}

async function openStep(page: Page, title: string, key: string): Promise<void> {
  await page.getByTestId('handover-steps').getByText(title, { exact: true }).click();
  await page.getByTestId(`step-${key}`).waitFor();
}

describeInChromium('read-only data reads as text (issue 17)', (chromium) => {
  it('a closed handover shows every step, the compensation standard and the dashboard as text — no grey disabled inputs — at 1366 and 600 px, amounts in 万元', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 860 });
    const { page } = app;
    await closedHandover(app);
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.locator('[data-menu-id$="-handovers"]').click();
    await page.getByTestId('handover-list').getByText(TITLE).click();
    await page.getByTestId('handover-view').waitFor();
    expect(await page.getByTestId('handover-status').innerText()).toBe('已关闭');

    // Each planning step: its values as label–value text, nothing to type into, nothing greyed out.
    await page.getByTestId('step-counterparty').waitFor();
    const buyer = await page.getByTestId('readonly-counterparty').innerText();
    for (const text of ['买方机构', '北方收购集团', '赵敏', '010-8888 6666', 'zhao@north.example', '北京市朝阳区', '否']) expect(buyer).toContain(text);
    expect(await controls(page, 'step-counterparty')).toEqual({ disabled: [], editable: [] });
    await app.shot('80-readonly-counterparty-1366-zh');

    await openStep(page, '范围', 'scope');
    const scope = await page.getByTestId('readonly-scope').innerText();
    for (const text of ['按条件', '区域', '华东', '基本信息、联系人']) expect(scope).toContain(text);
    expect(await controls(page, 'step-scope')).toEqual({ disabled: [], editable: [] });

    await openStep(page, '时间表', 'timeline');
    const timeline = await page.getByTestId('timeline').innerText();
    expect(timeline).toContain('2026年12月1日');
    expect(timeline).toContain('2026年12月2日');
    expect(await page.getByTestId('timeline-save').count()).toBe(0);
    expect(await controls(page, 'step-timeline')).toEqual({ disabled: [], editable: [] });

    await openStep(page, '团队', 'team');
    expect(await page.getByTestId('readonly-team').innerText()).toContain('王经理');
    expect(await page.getByTestId('step-team').innerText()).toContain('逐一回访客户');
    expect(await page.getByTestId('arr-owner').count()).toBe(0);
    expect(await controls(page, 'step-team')).toEqual({ disabled: [], editable: [] });
    await app.shot('81-readonly-team-1366-zh');

    await openStep(page, '法律审查', 'checklist');
    await expect.poll(() => page.getByTestId('checklist').innerText()).toContain('未完成');
    expect(await controls(page, 'step-checklist')).toEqual({ disabled: [], editable: [] });

    await openStep(page, '客户通知', 'notices');
    const notices = await page.getByTestId('readonly-notices').innerText();
    for (const text of ['2026年12月3日', '2027年1月15日', '法务部 张律师 021-5555 0000']) expect(notices).toContain(text);
    expect(await controls(page, 'step-notices')).toEqual({ disabled: [], editable: [] });
    await app.shot('82-readonly-notices-1366-zh');

    // The compensation standard of a closed handover is read, not edited.
    await page.getByRole('tab', { name: '客户补偿' }).click();
    const standard = await page.getByTestId('readonly-standard').innerText();
    for (const text of ['计算基数', '5.00', '×1.200', '¥1,000.00', '¥200,000.00', '现金']) expect(standard).toContain(text);
    expect(await controls(page, 'comp-standard')).toEqual({ disabled: [], editable: [] });
    await app.shot('83-readonly-compensation-1366-zh');

    // The dashboard sums the scope's revenue as a Chinese office writes it: 3 × 500 万元.
    await page.getByRole('tab', { name: '概览' }).click();
    await expect.poll(() => page.getByTestId('handover-dashboard').innerText()).toContain('范围内收入：1,500.00 万元');

    // At 600 px the same steps still read as text, label above value where it must wrap.
    await page.setViewportSize({ width: 600, height: 900 });
    await page.getByRole('tab', { name: '规划' }).click();
    await chooseOption(page, page.getByTestId('handover-steps-select'), '买方信息');
    await page.getByTestId('readonly-counterparty').waitFor();
    await app.shot('84-readonly-counterparty-600-zh');
    const overflow = await page.getByTestId('readonly-counterparty').evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });
});
