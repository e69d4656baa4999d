import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { formatRecipient, generateIdentity } from '../../electron/core/formats/age';
import { describeInChromium, type AppUnderTest, coreOk as ok } from './harness';
import { settled, sidewaysOverflow } from './settled';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const WIDTHS = [1366, 1024, 600] as const;
const LANGS = ['zh-CN', 'en'] as const;
type Lang = (typeof LANGS)[number];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** 24 clients (12 in 华东), a compliance colleague, the buyer's verified key, and a handover of 华东 with a risk, an NDA and the PRC checklist. */
async function seed(app: AppUnderTest): Promise<number> {
  const names = ['东方精密', '南海贸易', '北辰科技', '华信物流'];
  for (let i = 1; i <= 24; i++) {
    await ok(app, 'clients.create', {
      code: `K-${String(i).padStart(3, '0')}`,
      name: `${names[i % names.length]}${i}`,
      type: 'company',
      industry: '制造业',
      region: i % 2 ? '华南' : '华东',
      city: '上海',
      address: '浦东新区世纪大道 100 号',
      owner: i % 3 ? '张伟' : '曾志伟',
      department: '销售一部',
      importance: '',
      tags: ['重点'],
      cooperationStart: '2019-07-03',
      annualRevenue: ((i % 7) + 1) * 1_000_000_00,
      grossProfit: null,
      currency: 'CNY',
      renewalRate: 0.8,
      satisfaction: 8,
      notes: '',
      contacts: [{ name: `联系人${i}`, title: '采购经理', phones: ['+8613800138000'], emails: ['wangfang@example.cn'] }],
    });
  }
  await ok(app, 'users.add', { name: '陈合规', role: 'compliance', passphrase: 'compliance one 长江 黄河' });
  const [key] = await ok<{ id: number; fingerprint: string }[]>(app, 'keys.addCounterparty', {
    label: '北方收购集团',
    key: formatRecipient(generateIdentity().publicKey),
  });
  await ok(app, 'keys.verifyCounterparty', { id: key!.id, how: 'phone', fingerprint: key!.fingerprint });
  const h = await ok<{ id: number }>(app, 'handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
  await ok(app, 'handovers.update', {
    id: h.id,
    patch: {
      buyer: {
        name: '北方收购集团',
        contact: '刘经理',
        phone: '+86 10 8888 8888',
        email: 'liu@north.example',
        address: '北京',
        overseas: false,
      },
      recipientKeys: [key!.id],
      notice: { startDate: day(-10), effectiveDate: day(30), objectionWeeks: 6, sellerContact: '张伟 021-5555 0000' },
    },
  });
  await ok(app, 'handovers.setScope', {
    id: h.id,
    scope: { mode: 'filter', filter: { tiers: [], regions: ['华东'], industries: [], owners: [], tags: [] }, picked: [] },
  });
  await ok(app, 'handovers.saveRisk', {
    id: h.id,
    riskId: null,
    risk: {
      title: '核心客户流失',
      category: 'client-churn',
      likelihood: 3,
      impact: 4,
      mitigation: '双方销售联合拜访',
      owner: '张伟',
      status: 'open',
      reviewOn: null,
    },
  });
  await ok(app, 'handovers.addNda', {
    id: h.id,
    parties: '卖方、北方收购集团',
    signedOn: day(-20),
    expiresOn: null,
    scope: '',
    file: null,
  });
  await ok(app, 'handovers.applyTemplate', { id: h.id, template: 'prc' });
  return h.id;
}

const nav = (page: Page, key: string) => page.locator(`[data-menu-id$="-${key}"]`).click();
const cardTitle = (page: Page, testId: string) => page.getByTestId(testId).locator('.ant-card-head-title').first();
const switchTo = (page: Page, lang: Lang) =>
  page
    .getByTestId('language-switch')
    .first()
    .getByText(lang === 'en' ? 'English' : '简体中文')
    .click();

async function openHandover(page: Page, tab: string): Promise<void> {
  await nav(page, 'handovers');
  await page.getByTestId('handover-list').getByText('华东业务转让').click();
  await page.getByTestId('handover-view').locator(`.ant-tabs-tab[data-node-key="${tab}"]`).click();
}

const STEPS = [
  'counterparty',
  'scope',
  'timeline',
  'team',
  'nda',
  'risks',
  'checklist',
  'notices',
  'approvals',
  'export',
  'followup',
];
/** The wizard steps that scrolled sideways before (tables, wide forms, long sentences); `npm run tour` reviews every step. */
const RISKY_STEPS = ['scope', 'checklist', 'export', 'followup'];

/** A screen most at risk at 1024 and 600 px: how to get there (in a 1366 px window) and its title. */
interface Screen {
  name: string;
  go(page: Page): Promise<Locator>;
}
const SCREENS: Screen[] = [
  {
    name: 'workbench',
    go: async (page) => {
      await nav(page, 'workbench');
      return page.getByTestId('workbench-page').getByRole('heading').first();
    },
  },
  {
    name: 'clients',
    go: async (page) => {
      await nav(page, 'clients');
      await page.getByTestId('client-row').first().waitFor();
      return cardTitle(page, 'clients-page');
    },
  },
  {
    name: 'handovers',
    go: async (page) => {
      await nav(page, 'handovers');
      await page.getByTestId('handover-list').getByText('华东业务转让').waitFor();
      return cardTitle(page, 'handovers-page');
    },
  },
  ...RISKY_STEPS.map((key): Screen => ({
    name: `step ${key}`,
    go: async (page) => {
      await openHandover(page, 'wizard');
      await page.getByTestId('handover-steps').locator('.ant-steps-item').nth(STEPS.indexOf(key)).click();
      return page.getByTestId(`step-${key}`).getByRole('heading').first();
    },
  })),
  {
    name: 'security',
    go: async (page) => {
      await nav(page, 'security');
      await page.getByTestId('age-recipient').waitFor();
      return cardTitle(page, 'security-page');
    },
  },
  {
    name: 'users',
    go: async (page) => {
      await nav(page, 'users');
      return cardTitle(page, 'users-page');
    },
  },
];

/** What a user would notice at this width once the page is at rest: sideways scroll, a title hidden or under the toolbar. */
async function problems(app: AppUnderTest, where: string, title: Locator, header: Locator | null): Promise<string[]> {
  await settled(app);
  const found: string[] = [];
  const overflow = await sidewaysOverflow(app);
  if (overflow.px > 0) found.push(`${where}: the page scrolls sideways by ${overflow.px} px (${overflow.culprits.join('; ')})`);
  const box = await title.boundingBox();
  if (!box) found.push(`${where}: the title is not shown`);
  else if (header) {
    const bar = (await header.boundingBox())!;
    if (box.y < bar.y + bar.height) found.push(`${where}: the title lies under the toolbar`);
  }
  return found;
}

describeInChromium('narrow windows', (chromium) => {
  it('at 600 px the page title sits below the toolbar, and the sider folds and unfolds with a visible, labelled toggle', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 600, height: 800 });
    const { page } = app;
    await page.getByTestId('language-switch').getByText('简体中文').click();
    const title = page.getByTestId('workbench-page').getByRole('heading', { name: '工作台' });
    await title.waitFor();
    const header = await page.locator('.app-header').boundingBox();
    const heading = await title.boundingBox();
    expect(heading!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
    // The toolbar stays one line: its buttons show their icons only, and still say what they do.
    expect(header!.height).toBeLessThanOrEqual(65); // one 48 px line, 8 px padding above and below, a 1 px border
    expect(await page.getByTestId('lock-button').getAttribute('aria-label')).toBe('锁定');
    await app.shot('76-workbench-600-zh');

    // md breakpoint: the sider starts folded at 600 px; its toggle says what it does, in the user's language.
    const toggle = page.getByTestId('sider-toggle');
    expect(await toggle.getAttribute('aria-label')).toBe('展开导航');
    await toggle.click();
    await expect.poll(() => page.getByTestId('brand').innerText()).toBe('客户交接保险库');
    expect(await toggle.getAttribute('aria-label')).toBe('收起导航');
    await toggle.click();
    await expect.poll(() => page.getByTestId('brand').innerText()).toBe('');
  });

  it('the screens most at risk fit the window at 1366, 1024 and 600 px in Chinese and English, titles clear of the toolbar, the data room too', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 860 });
    const { page } = app;
    const handoverId = await seed(app);
    const header = page.locator('.app-header').first();
    const found: string[] = [];
    // Each screen once, both languages there: 1366 → 600 in one, back up in the other (fewer navigations and resizes).
    let widths: readonly number[] = WIDTHS;
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: 1366, height: 860 });
      const title = await screen.go(page);
      await title.waitFor();
      for (const lang of LANGS) {
        await switchTo(page, lang);
        for (const width of widths) {
          await page.setViewportSize({ width, height: 860 });
          found.push(...(await problems(app, `${screen.name} (${lang}, ${width} px)`, title, header)));
          if (screen.name === 'security' && width === 600) {
            // The vault's age recipient (62 characters) reads in two or three lines, not a column a dozen characters wide.
            const lines = await page.getByTestId('age-recipient').evaluate((el) => {
              // Line boxes of the key's text: distinct tops of its character runs.
              const doc = (
                globalThis as unknown as {
                  document: {
                    createRange(): {
                      selectNodeContents(n: unknown): void;
                      getClientRects(): Iterable<{ top: number; width: number }>;
                    };
                  };
                }
              ).document;
              const range = doc.createRange();
              range.selectNodeContents(el.firstChild);
              return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
            });
            if (lines < 1 || lines > 3) found.push(`security (${lang}, 600 px): the age recipient wraps into ${lines} lines`);
          }
        }
        widths = [...widths].reverse();
      }
    }

    // The reviewer's view last: a session locks the app to itself.
    await ok(app, 'dataroom.start', {
      handoverId,
      reviewer: { name: 'Rita Reviewer', organisation: '北方收购集团', idNumber: '' },
      clientIds: [],
      categories: ['basic', 'contacts', 'documents'],
      masked: [],
      documents: true,
      seconds: 1800,
      passphrase: ADMIN.pass,
    });
    await page.getByTestId('dataroom').waitFor();
    await page.getByTestId('dataroom-clients').getByText('K-002', { exact: true }).click();
    const title = page.getByTestId('dataroom-client').locator('.ant-card-head-title');
    await title.waitFor();
    for (const lang of LANGS) {
      await switchTo(page, lang);
      for (const width of widths) {
        await page.setViewportSize({ width, height: 860 });
        found.push(...(await problems(app, `data room (${lang}, ${width} px)`, title, null)));
      }
      widths = [...widths].reverse();
    }
    expect(found).toEqual([]);
    // A guard against hangs on a loaded machine (60 measurements), not a speed check.
  }, 900_000);
});
