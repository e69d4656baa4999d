import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { PHASES } from '../../shared/contract';
import { tempDir } from '../helpers/temp';
import { type AppUnderTest, coreOk as ok, describeInChromium } from './harness';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const TITLE = '华南业务转让';
/** This machine is shared: the checks wait, they do not time anything. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 90_000, interval: 250 });
/** A day `offset` days from today as core names days (UTC), so overdue counts are exact. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const client = (i: number) => ({
  code: `S-${String(i).padStart(3, '0')}`, name: `南海客户${i}`, type: 'company', industry: '制造业', region: '华南', city: '广州', address: '', owner: '张伟',
  department: '', importance: '', tags: [], cooperationStart: '2018-03-01', annualRevenue: (i % 5 + 1) * 100_000_00, grossProfit: null, currency: 'CNY',
  renewalRate: 0.9, satisfaction: 8, notes: '', contacts: [{ name: `联系人${i}`, title: '经理', phones: ['+8613800138000'], emails: [] }],
});

/**
 * A handover late on every count: the notices phase was due 10 days ago; notices were to go out 60 days ago and
 * only one did; that client never answered and the objection window closed 18 days ago; a compensation
 * promise was due 5 days ago and is unpaid. One risk sits on the heat map.
 */
async function lateHandover(app: AppUnderTest): Promise<number> {
  for (let i = 1; i <= 24; i++) await ok(app, 'clients.create', client(i));
  const h = await ok<{ id: number }>(app, 'handovers.create', { title: TITLE, buyerName: '北方收购集团' });
  const timeline: Record<string, { start?: string; planned: string | null; actual: string | null }> = Object.fromEntries(PHASES.map((p) => [p, { planned: null, actual: null }]));
  timeline.preparation = { start: day(-90), planned: day(-70), actual: day(-72) };
  timeline.notices = { start: day(-60), planned: day(-10), actual: null };
  await ok(app, 'handovers.update', {
    id: h.id,
    patch: {
      buyer: { name: '北方收购集团', contact: '赵敏', phone: '010-8888 6666', email: '', address: '', overseas: false },
      timeline,
      notice: { startDate: day(-60), effectiveDate: day(30), objectionWeeks: 6, sellerContact: '法务部 张律师 021-5555 0000' },
    },
  });
  await ok(app, 'handovers.setScope', { id: h.id, scope: { mode: 'filter', filter: { tiers: [], regions: ['华南'], industries: [], owners: [], tags: [] }, picked: [] } });
  const first = (await ok<{ rows: { clientId: number }[] }>(app, 'handovers.clients', { id: h.id, filter: 'included', limit: 1 })).rows[0]!.clientId;
  app.answers.chooseFolder = [tempDir()];
  await ok(app, 'handovers.generateNotices', { id: h.id, jobId: 'job-status-notice', clientIds: [first] });
  await ok(app, 'handovers.recordNotices', { id: h.id, clientIds: [first], status: 'sent', channel: 'letter', date: day(-59), note: '' });
  await ok(app, 'handovers.saveRisk', {
    id: h.id, riskId: null,
    risk: { title: '重点客户流失', category: 'client-churn', likelihood: 4, impact: 5, mitigation: '双方销售共同拜访', owner: '张伟', status: 'open', reviewOn: null },
  });
  await ok(app, 'compensation.setStandard', {
    handoverId: h.id, kind: 'client',
    standard: {
      basis: 'revenue', rateBp: 500, fixedFen: { A: 0, B: 0, C: 0 }, tierFactors: { A: 1000, B: 1000, C: 1000 },
      loyalty: { minRenewalPercent: 80, factorPermille: 1000 }, stability: { minYears: 3, factorPermille: 1000 },
      floorFen: 100_000, capFen: 20_000_000, methods: ['cash'], defaultMethod: 'cash', budgetFen: 200_000_000,
    },
  });
  const proposal = (await ok<{ rows: { id: number }[] }>(app, 'compensation.list', { handoverId: h.id, kind: 'client', limit: 1 })).rows[0]!;
  await ok(app, 'compensation.recordAgreement', {
    handoverId: h.id, proposalId: proposal.id, amountFen: 5_000_000, method: 'cash', agreedOn: day(-40), dueOn: day(-5), promise: '一次付清现金补偿', documentId: null,
  });
  return h.id;
}

/** The tag says 逾期 N 天 and carries an icon a screen reader names 逾期 (not red alone). */
async function expectOverdue(tag: Locator, days: number): Promise<void> {
  await poll(() => tag.innerText()).toBe(`逾期 ${days} 天`);
  expect(await tag.getByRole('img', { name: '逾期' }).count()).toBe(1);
}

/** Scrolls the page (whatever element scrolls it) by the wheel, a little at a time, until the clients' table starts near the top. */
async function scrollIntoStep(page: Page): Promise<void> {
  const { width, height } = page.viewportSize()!;
  await page.mouse.move(width / 2, height / 2);
  for (let i = 0; i < 40 && ((await page.getByTestId('arr-table').boundingBox())?.y ?? 0) > 300; i++) await page.mouse.wheel(0, 120);
}

/**
 * The footer is wholly inside the viewport while the step (the footer's own place is at its end) runs on
 * below the viewport: sticky, not merely at the end of a short page.
 */
async function footerInView(page: Page): Promise<{ inView: boolean; stepRunsBelow: boolean }> {
  const { height } = page.viewportSize()!;
  const footer = (await page.getByTestId('wizard-footer').boundingBox())!;
  const step = (await page.getByTestId('step-team').boundingBox())!;
  return { inView: footer.y >= 0 && footer.y + footer.height <= height, stepRunsBelow: step.y + step.height > height + footer.height };
}

describeInChromium('readable status in Chinese (issue 17)', (chromium) => {
  it('overdue reads 逾期 N 天 with an icon on the workbench, the dashboard, the timeline, the notices step and the promises; the heat map names its axes; the wizard footer stays in view at 1366 and 600 px; 未保存 reads at 4.5:1', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 900 });
    const { page } = app;
    page.setDefaultTimeout(120_000);
    const id = await lateHandover(app);
    await page.getByTestId('language-switch').getByText('简体中文').click();

    // The workbench (read again after the seeding): late notices, an undecided closed window, an unpaid promise.
    await page.locator('[data-menu-id$="-handovers"]').click();
    await page.locator('[data-menu-id$="-workbench"]').click();
    await expectOverdue(page.getByTestId(`wb-notices-overdue-${id}`), 60);
    await expectOverdue(page.getByTestId(`wb-objections-overdue-${id}`), 18);
    expect(await page.getByTestId('wb-objections').innerText()).toContain('1 个未答复客户待决定保留或移出');
    await expectOverdue(page.getByTestId('comp-overdue').locator('.ant-tag'), 5);
    await app.shot('90-status-workbench-zh-1366');

    // The dashboard: the notices phase is 10 days late; the finished one is not; the heat map names both axes.
    await page.getByTestId(`wb-objections-go`).click();
    await page.getByTestId('handover-view').waitFor();
    await page.getByRole('tab', { name: '概览' }).click();
    await expectOverdue(page.getByTestId('phase-overdue-notices'), 10);
    expect(await page.getByTestId('phase-overdue-preparation').count()).toBe(0);
    const heat = page.getByTestId('handover-dashboard').getByTestId('heat-map');
    expect(await heat.getByTestId('heat-axis-impact').innerText()).toBe('影响 ↑');
    expect(await heat.getByTestId('heat-axis-likelihood').innerText()).toBe('可能性 →');
    expect(await heat.getAttribute('aria-label')).toBe('可能性 × 影响');
    await app.shot('91-status-dashboard-zh-1366');

    // The notices step: sending 60 days late, the decision 18 days late.
    await page.getByRole('tab', { name: '规划' }).click();
    await page.getByTestId('handover-steps').getByText('客户通知', { exact: true }).click();
    await expectOverdue(page.getByTestId('notice-send-overdue'), 60);
    expect(await page.getByTestId('notice-send-late').innerText()).toContain('仍有 23 个客户未登记发送');
    await expectOverdue(page.getByTestId('notice-decision-overdue'), 18);
    await app.shot('92-status-notices-zh-1366');

    // The timeline: its status column says it too.
    await page.getByTestId('handover-steps').getByText('时间表', { exact: true }).click();
    await expectOverdue(page.getByTestId('timeline-overdue-notices'), 10);
    expect(await page.getByTestId('timeline').innerText()).toContain('已完成');

    // A long step (the team and 20 clients' arrangements) with an edit: the footer stays in view, 有未保存的修改 in dark orange.
    await page.getByTestId('handover-steps').getByText('团队', { exact: true }).click();
    await page.getByTestId('arr-table').locator('tbody tr').nth(19).waitFor();
    await page.getByTestId('dept-sales-lead').fill('李娜');
    const unsaved = page.getByTestId('step-unsaved');
    expect(await unsaved.innerText()).toBe('有未保存的修改');
    // antd's warning orange (#faad14, 1.9:1 on white) is replaced by the theme's #ad4e00 (5.4:1): test/unit/contrast.test.ts.
    // A string: the test code is typed for Node, the expression runs in the page.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('[data-testid="step-unsaved"]')).color`)).toBe('rgb(173, 78, 0)');
    await scrollIntoStep(page);
    await poll(() => footerInView(page)).toEqual({ inView: true, stepRunsBelow: true });
    expect(await page.getByTestId('step-next').innerText()).toBe('保存并继续');
    await app.shot('93-status-footer-zh-1366');

    await page.setViewportSize({ width: 600, height: 800 });
    await page.getByTestId('wizard-footer').waitFor();
    await scrollIntoStep(page);
    await poll(() => footerInView(page)).toEqual({ inView: true, stepRunsBelow: true });
    expect(await unsaved.isVisible()).toBe(true);
    await app.shot('94-status-footer-zh-600');
  });

  it('the access log\'s 详情 column reads sentences in Chinese: the cipher, the unlock, a search, a reveal of a contact\'s phone — no key: value, field path or action id', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 900 });
    const { page } = app;
    page.setDefaultTimeout(120_000);
    const { id } = await ok<{ id: number }>(app, 'clients.create', { ...client(1), name: '东方客户' });
    await ok(app, 'clients.search', { text: '东方', limit: 20 });
    await ok(app, 'clients.get', { id });
    await ok(app, 'clients.reveal', { id, path: 'contacts.0.phones.0', reason: '客户来电，核实号码' });
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.locator('[data-menu-id$="-audit"]').click();
    const details = page.getByTestId('audit-table').locator('tbody tr td:nth-child(6)');
    await poll(() => details.count()).toBeGreaterThanOrEqual(7);
    const texts = await details.allInnerTexts();
    const all = texts.join('\n');
    expect(all).toMatch(/页面加密算法为 (AEGIS-256|ChaCha20-Poly1305)/);
    expect(all).toContain('角色为管理员');
    expect(all).toContain('创建保险库时');
    expect(all).toContain('客户名称为「东方客户」');
    expect(all).toContain('搜索「东方」，找到 1 个客户');
    expect(all).toContain('查看「东方客户」');
    expect(all).toContain('查看原文（联系人 1 的手机 1），理由为「客户来电，核实号码」');
    for (const text of texts) {
      expect(text).not.toMatch(/：|[A-Za-z]+: /); // no key: value
      expect(text).not.toMatch(/\b[a-z]+\.\d/); // no field path (contacts.0.phones.0)
      expect(text).not.toMatch(/\b(client|clients|vault|user)\.[a-z-]+/); // no action id
      expect(text).not.toMatch(/aegis|chacha20|passphrase|create\b/);
    }
    // The activity chart's days read as Chinese dates, not 2026-11-30 (issue 17).
    const chartDays = await page.getByTestId('audit-chart').locator('text').allTextContents();
    expect(chartDays.join(' ')).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(chartDays.join(' ')).not.toMatch(/\d{4}-\d\d-\d\d/);
    await app.shot('95-access-log-details-zh-1366');
    await page.setViewportSize({ width: 600, height: 900 });
    await app.shot('95b-access-log-details-zh-600');
  });

  it('资料完整度 names what is missing: 2 个客户无负责人 with their names, 查看全部 lists them, a name opens the client to fix it — by keyboard too', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 900 });
    const { page } = app;
    page.setDefaultTimeout(120_000);
    for (let i = 1; i <= 6; i++) await ok(app, 'clients.create', { ...client(i), owner: i === 2 || i === 5 ? '' : '张伟', contacts: i === 3 ? [] : client(i).contacts });
    const h = await ok<{ id: number }>(app, 'handovers.create', { title: TITLE, buyerName: '北方收购集团' });
    await ok(app, 'handovers.update', { id: h.id, patch: { categories: ['basic', 'contacts'] } });
    await ok(app, 'handovers.addClients', { jobId: 'status-complete-1', handover: h.id, clientIds: { matching: {} } });
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.locator('[data-menu-id$="-handovers"]').click();
    await page.getByTestId('handover-list').getByText(TITLE).click();
    await page.getByTestId('handover-view').waitFor();
    await page.getByTestId('handover-steps').getByText('导出', { exact: true }).click();

    // Tab lands on the button beside 资料完整度; Enter opens what is missing, item by item, with the clients' names.
    const help = page.getByTestId('export-completeness-help');
    await help.focus();
    await page.keyboard.press('Enter');
    const details = page.getByTestId('completeness-details');
    await poll(() => details.innerText()).toContain('当前范围内 6 个客户（全部客户）');
    await app.shot('96-completeness-missing-zh-1366');
    // The names are buttons (Tab reaches them): innerText breaks around them, the words do not change.
    const line = async (id: string) => (await page.getByTestId(id).innerText()).replace(/\s+/g, '');
    expect(await line('missing-owner')).toBe('2个客户无负责人：南海客户2、南海客户5查看全部2个');
    expect(await line('missing-contact')).toBe('1个客户缺少联系人手机或邮箱：南海客户3查看全部1个');
    // address is blank for all six seeded clients.
    expect(await page.getByTestId('missing-address').innerText()).toContain('6 个客户未填写地址');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });

    // 查看全部: the handover's clients lacking an owner; a name opens that client's record, where it is fixed.
    await help.click();
    await page.getByTestId('missing-owner-all').click();
    const list = page.getByTestId('completeness-list');
    await poll(async () => (await list.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '))).toEqual(['S-002 南海客户2', 'S-005 南海客户5']);
    expect(await page.getByRole('dialog').getByText('缺少负责人的客户：2 个').count()).toBe(1);
    await list.getByRole('button', { name: '打开 南海客户5 补充资料' }).click();
    await poll(() => page.getByTestId('client-title').innerText()).toBe('南海客户5');
  });
});
