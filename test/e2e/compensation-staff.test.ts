import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { type AppUnderTest, describeInChromium, coreOk as ok } from './harness';
import { openClients, typeDay } from './nav';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
/** This machine is shared: the checks wait, they do not time anything. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 90_000, interval: 250 });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const OWNERS = ['张伟', '王芳', '李娜'];

/** Twelve clients owned by three salespeople (张伟 six, 王芳 four, 李娜 two) and a handover of all of them. */
async function seed(app: AppUnderTest) {
  for (let i = 1; i <= 12; i++) {
    await ok(app, 'clients.create', {
      code: `S-${String(i).padStart(3, '0')}`, name: `${['东方', '南海', '北辰'][i % 3]}客户${i}`, type: 'company', industry: '制造业', region: ['华东', '华南'][i % 2],
      city: '上海', address: '', owner: i <= 6 ? OWNERS[0] : i <= 10 ? OWNERS[1] : OWNERS[2], department: '销售部', importance: '', tags: [],
      cooperationStart: `${2014 + (i % 8)}-03-01`, annualRevenue: (i * 13 % 20 + 5) * 100_000_00, grossProfit: (i * 13 % 20 + 5) * 20_000_00, currency: 'CNY',
      renewalRate: (i % 10) / 10, satisfaction: 8, notes: '', contacts: [],
    });
  }
  const h = await ok<{ id: number }>(app, 'handovers.create', { title: '华东团队交接', buyerName: '北方收购集团' });
  await ok(app, 'handovers.setScope', { id: h.id, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } });
}

/** The 例外调整 button is on screen and is what a click at its centre reaches (not clipped by the fixed column). */
async function reachable(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) return false;
  const width = page.viewportSize()!.width;
  if (box.x < 0 || box.x + box.width > width) return false;
  // A string: the test code is typed for Node, the expression runs in the page.
  return page.evaluate(`document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2})?.closest('[data-testid="${testId}"]') != null`) as Promise<boolean>;
}

describeInChromium('staff exit compensation (员工客户资源退出补偿), as a user clicks', (chromium) => {
  it('plans a salesperson\'s exit compensation from their portfolio, records an offer, the agreement and the payment; the buttons are reachable at 1024 px', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 900 });
    const { page } = app;
    page.setDefaultTimeout(120_000);
    await openClients(page);
    await seed(app);
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.getByTestId('nav').getByText('交接项目').click();
    await page.getByTestId('handover-list').getByText('华东团队交接').click();
    await page.getByRole('tab', { name: '客户补偿' }).click();
    await page.getByTestId('comp-kind').getByText('员工客户资源退出补偿').click();

    // The standard for staff: a share of their portfolio's revenue; preview, then apply.
    await page.getByTestId('std-rate').fill('2');
    await page.getByTestId('std-budget').fill('2000000');
    await page.getByTestId('std-preview').click();
    await poll(() => page.getByTestId('std-change').innerText()).toContain('3');
    // Typed as bare digits, the budget reads back grouped, after a ¥ (never 2000000.00).
    expect(await page.getByTestId('std-budget').inputValue()).toBe('2,000,000.00');
    expect(await page.getByTestId('comp-standard').innerText()).toContain('¥');
    await page.getByTestId('std-apply').click();
    await poll(() => page.getByTestId('comp-table').innerText()).toContain('张伟');
    const table = await page.getByTestId('comp-table').innerText();
    for (const owner of OWNERS) expect(table).toContain(owner);
    expect(table).toMatch(/¥[\d,]+\.\d\d/);
    await app.shot('80-staff-compensation-proposals-zh-1366');
    expect(await reachable(page, 'comp-exception-张伟')).toBe(true);

    // At 1024 px the fixed actions column still shows 详情 and 例外调整 whole.
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.getByTestId('comp-table').scrollIntoViewIfNeeded();
    await poll(() => reachable(page, 'comp-exception-张伟')).toBe(true);
    expect(await reachable(page, 'comp-open-张伟')).toBe(true);
    await app.shot('81-staff-compensation-proposals-zh-1024');

    // 张伟's record: an offer, the agreement, the payment.
    await page.getByTestId('comp-open-张伟').click();
    await page.getByTestId('detail-inputs').waitFor();
    expect(await page.getByTestId('detail-inputs').innerText()).toMatch(/¥/);
    await page.getByTestId('neg-our').fill('Alice');
    await page.getByTestId('neg-their').fill('张伟');
    await page.getByTestId('neg-amount').fill('50000');
    await page.getByTestId('neg-add').click();
    await poll(() => page.getByTestId('negotiation-table').innerText()).toContain('¥50,000.00');
    await page.getByTestId('agr-amount').fill('60000');
    await typeDay(page, 'agr-due', day(30));
    await page.getByTestId('agr-promise').fill('离职前完成客户交接，现金补偿一次付清');
    await page.getByTestId('agr-save').click();
    await page.getByTestId('agreement-view').waitFor();
    expect(await page.getByTestId('agreement-view').innerText()).toContain('¥60,000.00');
    expect(await page.getByTestId('agreement-file').innerText()).toBe('未附已签署的协议');
    await page.getByTestId('pay-amount').fill('60000');
    await page.getByTestId('pay-evidence').fill('工资账户转账 ZX-20261129');
    await page.getByTestId('pay-save').click();
    await poll(() => page.getByTestId('payment-table').innerText()).toContain('工资账户转账 ZX-20261129');
    expect(await page.getByTestId('detail-owed').innerText()).toBe('¥0.00');
    await poll(() => page.getByTestId('detail-status').innerText()).toBe('已支付');
    await app.shot('82-staff-compensation-paid-zh-1024');

    // The same, in English at 1366.
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByTestId('language-switch').getByText('English').click();
    await poll(() => page.getByTestId('comp-table').innerText()).toContain('Paid');
    await app.shot('83-staff-compensation-paid-en-1366');
    await page.getByTestId('comp-open-张伟').click();
    await page.getByTestId('agreement-view').waitFor();
    expect(await page.getByTestId('agreement-file').innerText()).toBe('No signed copy attached');
    await app.shot('84-staff-compensation-record-en-1366');
  }, 900_000);
});
