import { expect, it } from 'vitest';
import { type AppUnderTest, describeInChromium, coreOk as ok } from './harness';
import { openClients } from './nav';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const STANDARD = {
  basis: 'revenue', rateBp: 500, fixedFen: { A: 0, B: 0, C: 0 }, tierFactors: { A: 1200, B: 1000, C: 800 },
  loyalty: { minRenewalPercent: 80, factorPermille: 1100 }, stability: { minYears: 3, factorPermille: 1050 },
  floorFen: 1_000_00, capFen: 200_000_00, methods: ['cash', 'discount'], defaultMethod: 'cash', budgetFen: 2_000_000_00,
};
type Row = { code: string; status: string };

/** 60 clients of a handover with proposals computed from a standard: three pages of 20. */
async function seed(app: AppUnderTest): Promise<number> {
  for (let i = 1; i <= 60; i++) {
    await ok(app, 'clients.create', {
      code: `K-${String(i).padStart(3, '0')}`, name: `${i % 2 ? '东方' : '南海'}客户${i}`, type: 'company', industry: '制造业', region: i % 2 ? '华东' : '华南', city: '', address: '',
      owner: '张伟', department: '', importance: '', tags: [], cooperationStart: '2015-03-01', annualRevenue: i * 123_457_01, grossProfit: null, currency: 'CNY',
      renewalRate: 0.9, satisfaction: 7, notes: '', contacts: [],
    });
  }
  const h = await ok<{ id: number }>(app, 'handovers.create', { title: '华东华南业务出售', buyerName: '北方收购集团' });
  await ok(app, 'handovers.setScope', { id: h.id, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } });
  await ok(app, 'compensation.setStandard', { handoverId: h.id, kind: 'client', standard: STANDARD });
  return h.id;
}

describeInChromium('a bulk action on the compensation proposals, in Chinese', (chromium) => {
  it('选择全部 N 个符合条件的客户 on the proposals list: 发出补偿方案 records an offer for every match of the search, beyond the first page, in one call', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 900 });
    const { page } = app;
    page.setDefaultTimeout(120_000);
    await openClients(page);
    const handoverId = await seed(app);
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.getByTestId('nav').getByText('交接项目').click();
    await page.getByTestId('handover-list').getByText('华东华南业务出售').click();
    await page.getByRole('tab', { name: '客户补偿' }).click();

    const table = page.getByTestId('comp-table');
    const rows = () => table.locator('tbody tr.ant-table-row').count();
    await expect.poll(rows).toBe(20);
    await page.getByTestId('compensation-tab').getByText('共 60 条', { exact: true }).waitFor();
    // The 30 clients named 东方…: a search, then the whole page ticked, then every match.
    await page.getByTestId('comp-search').locator('input').fill('东方');
    await page.getByTestId('comp-search').locator('input').press('Enter');
    await page.getByTestId('compensation-tab').getByText('共 30 条', { exact: true }).waitFor();
    await table.locator('thead').getByRole('checkbox').check();
    await expect.poll(() => page.getByTestId('page-selected').innerText().then((t) => t.replace(/\s+/g, ' '))).toBe('已选择本页 20 项 · 选择全部 30 个符合条件的客户');
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('all-matching-selected').getByText('已选择全部 30 个符合条件的客户').waitFor();
    await page.getByTestId('comp-offers').getByText('发出补偿方案（30）…').click();
    await page.getByTestId('offers-our').fill('李娜');
    await page.getByTestId('offers-their').fill('各客户采购负责人');
    await page.getByTestId('offers-note').fill('补偿方案函已寄出');
    await app.shot('82-compensation-offers-zh-1366');
    await page.getByRole('dialog', { name: '向 30 个对象发出补偿方案' }).getByRole('button', { name: '确定' }).click();

    // What the user sees: the page's proposals now 协商中, the selection cleared; and in the core, all 30 and only them.
    await expect.poll(() => table.locator('tbody tr.ant-table-row').filter({ hasText: '协商中' }).count()).toBe(20);
    expect(await page.getByTestId('all-matching-selected').count()).toBe(0);
    const offers = app.calls.filter((c) => c.channel === 'compensation.recordOffers');
    expect(offers).toHaveLength(1);
    expect((offers[0]!.input as { proposalIds: unknown }).proposalIds).toEqual({ matching: { kind: 'client', filter: 'all', text: '东方' } });
    const all = await ok<{ rows: Row[] }>(app, 'compensation.list', { handoverId, kind: 'client', limit: 100 });
    const negotiating = all.rows.filter((r) => r.status === 'negotiating').map((r) => r.code);
    expect(negotiating).toHaveLength(30);
    expect(negotiating.every((c) => Number(c.slice(2)) % 2 === 1)).toBe(true);
  });
});
