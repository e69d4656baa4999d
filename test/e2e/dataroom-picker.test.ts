import { expect, it } from 'vitest';
import { type AppUnderTest, describeInChromium, coreOk as ok } from './harness';
import { openClients } from './nav';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const ALL_FILTER = { tiers: [], regions: [], industries: [], owners: [], tags: [] };

/** 130 clients in one handover: 120 in 华东, 10 in 华南 — more than the 100 the old picker offered. */
async function seed(app: AppUnderTest): Promise<void> {
  const ids: number[] = [];
  for (let i = 1; i <= 130; i++) {
    const region = i <= 120 ? '华东' : '华南';
    const created = await ok<{ id: number }>(app, 'clients.create', {
      code: `K-${String(i).padStart(4, '0')}`, name: `${region}客户${i}`, type: 'company', industry: '制造业', region, city: '', address: '', owner: '', department: '', importance: '',
      tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
    });
    ids.push(created.id);
  }
  const h = await ok<{ id: number }>(app, 'handovers.create', { title: '全国业务转让', buyerName: '北方收购集团' });
  await ok(app, 'handovers.setScope', { id: h.id, scope: { mode: 'picked', filter: ALL_FILTER, picked: ids } });
}

describeInChromium('the data-room start form picks clients from all of a large handover, in Chinese', (chromium) => {
  it('searches, pages 20 or 50 at a time, and 选择全部 120 个符合条件的客户 starts a session over all 120 — sent as the search, not as 100 ids', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 900 });
    const { page } = app;
    page.setDefaultTimeout(120_000);
    await openClients(page);
    await seed(app);
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.getByTestId('nav').getByText('交接项目').click();
    await page.getByTestId('handover-list').getByText('全国业务转让').click();
    await page.getByRole('tab', { name: '数据室' }).click();
    await page.getByTestId('dataroom-start').click();
    await page.getByTestId('dr-reviewer').fill('李审阅');
    await page.getByTestId('dr-org').fill('北方收购集团');
    await page.getByTestId('dr-subset').getByText('仅以下客户').click();

    // Every client of the handover, 20 a page; 50 on request.
    const table = page.getByTestId('dr-clients');
    const rows = () => table.locator('tbody tr.ant-table-row').count();
    await expect.poll(rows).toBe(20);
    await expect.poll(() => page.getByTestId('dr-client-picker').innerText()).toContain('共 130 个客户');
    // A click during the size menu's opening animation can be lost: the user looks, and picks again if it did not take.
    const pageSize = page.getByTestId('dr-client-picker').locator('.ant-pagination-options .ant-select');
    for (let attempt = 0; attempt < 3 && !(await pageSize.innerText()).includes('50 条/页'); attempt++) {
      await pageSize.click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '50 条/页' }).click();
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 2000 }).catch(() => page.keyboard.press('Escape'));
    }
    await expect.poll(rows).toBe(50);

    // A search narrows it; the whole page ticked offers every match.
    await page.getByTestId('dr-client-search').locator('input').fill('华东');
    await page.getByTestId('dr-client-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('dr-client-picker').innerText()).toContain('共 120 个客户');
    await table.locator('thead').getByRole('checkbox').check();
    await expect.poll(() => page.getByTestId('page-selected').innerText().then((t) => t.replace(/\s+/g, ' '))).toBe('已选择本页 50 项 · 选择全部 120 个符合条件的客户');
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('all-matching-selected').getByText('已选择全部 120 个符合条件的客户').waitFor();
    expect(await page.getByTestId('dr-clients-chosen').innerText()).toBe('已选择 120 个客户');
    await app.shot('65-dataroom-picker-zh-1366');

    await page.getByTestId('dr-passphrase').fill(ADMIN.pass);
    await page.getByRole('button', { name: '下一步…' }).click();
    await page.getByTestId('dataroom-lockdown').getByText('李审阅（北方收购集团）将在 120 分钟内查看 120 个客户。').waitFor();
    await page.getByRole('button', { name: '开始会话', exact: true }).click();
    await page.getByTestId('dataroom').waitFor();

    // One call carrying the search; the core made it the 120 clients of 华东, none of 华南.
    const starts = app.calls.filter((c) => c.channel === 'dataroom.start');
    expect(starts).toHaveLength(1);
    expect((starts[0]!.input as { clientIds: unknown }).clientIds).toEqual({ matching: { filter: 'included', text: '华东' } });
    expect(await ok<{ clients: number }>(app, 'dataroom.info')).toMatchObject({ clients: 120 });
    const south = await ok<{ total: number }>(app, 'dataroom.search', { text: '华南', limit: 20 });
    expect(south.total).toBe(0);
  });
});
