import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRecipient, generateIdentity } from '../../electron/core/formats/age';
import { makePdf } from '../helpers/pdf';
import { tempDir } from '../helpers/temp';
import { createVaultThroughUi, e2eSkipReason, launch, openApp, SHOTS, type AppUnderTest, coreOk as ok } from './harness';
import { problemsOn } from './tour-checks';

const skip = e2eSkipReason();
const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const WIDTHS = [1366, 1024, 600] as const;
/** What the tour found, written as it goes (beside the screenshots), so a long run can be read before it ends. */
const PROBLEMS = join(SHOTS, 'tour-problems.txt');
const LANGS = ['zh-CN', 'en'] as const;
const REGIONS = ['华东', '华南'];
const NAMES = ['东方精密', '南海贸易', '北辰科技', '华信物流', '长城电子', '江南纺织'];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** 60 clients (30 in 华东, with a document on the first), a compliance user, the buyer's verified key, a handover of 华东 with a risk, an NDA and a checklist. */
async function seed(app: AppUnderTest): Promise<number> {
  const ids: number[] = [];
  for (let i = 1; i <= 60; i++) {
    ids.push((await ok<{ id: number }>(app, 'clients.create', {
      code: `K-${String(i).padStart(3, '0')}`, name: `${NAMES[i % NAMES.length]}${i}`, type: 'company', industry: '制造业', region: REGIONS[i % 2], city: '上海',
      address: '浦东新区世纪大道 100 号', owner: i % 3 ? '张伟' : '曾志伟', department: '销售一部', importance: '', tags: ['重点'], cooperationStart: '2019-07-03',
      annualRevenue: (i % 7 + 1) * 1_000_000_00, grossProfit: null, currency: 'CNY', renewalRate: 0.8, satisfaction: 8, notes: '',
      contacts: [{ name: `联系人${i}`, title: '采购经理', phones: ['+8613800138000'], emails: ['wangfang@example.cn'] }],
    })).id);
  }
  const pdf = join(tempDir(), '框架合同.pdf');
  writeFileSync(pdf, makePdf(['Framework contract page 1', 'Payment terms page 2']));
  app.answers.chooseDocumentFile = [pdf];
  await ok(app, 'dialog.chooseDocumentFile');
  await ok(app, 'documents.attach', { jobId: 'job-tour-doc', clientId: ids[1], file: pdf });
  await ok(app, 'users.add', { name: '陈合规', role: 'compliance', passphrase: 'compliance one 长江 黄河' });
  const buyer = generateIdentity();
  const [key] = await ok<{ id: number; fingerprint: string }[]>(app, 'keys.addCounterparty', { label: '北方收购集团', key: formatRecipient(buyer.publicKey) });
  await ok(app, 'keys.verifyCounterparty', { id: key!.id, how: 'phone', fingerprint: key!.fingerprint });
  const h = await ok<{ id: number }>(app, 'handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
  await ok(app, 'handovers.update', { id: h.id, patch: {
    buyer: { name: '北方收购集团', contact: '刘经理', phone: '+86 10 8888 8888', email: 'liu@north.example', address: '北京', overseas: false },
    recipientKeys: [key!.id], notice: { startDate: day(-10), effectiveDate: day(30), objectionWeeks: 6, sellerContact: '张伟 021-5555 0000' },
  } });
  await ok(app, 'handovers.setScope', { id: h.id, scope: { mode: 'filter', filter: { tiers: [], regions: ['华东'], industries: [], owners: [], tags: [] }, picked: [] } });
  await ok(app, 'handovers.saveRisk', { id: h.id, riskId: null, risk: { title: '核心客户流失', category: 'client-churn', likelihood: 3, impact: 4, mitigation: '双方销售联合拜访', owner: '张伟', status: 'open', reviewOn: null } });
  await ok(app, 'handovers.addNda', { id: h.id, parties: '卖方、北方收购集团', signedOn: day(-20), expiresOn: null, scope: '', file: null });
  await ok(app, 'handovers.applyTemplate', { id: h.id, template: 'prc' });
  return h.id;
}

/** The language switch in the toolbar (the Settings page has one too; the data room only its own). */
const switchTo = (page: Page, lang: (typeof LANGS)[number]) => page.getByTestId('language-switch').first().getByText(lang === 'en' ? 'English' : '简体中文').click();
/** Findings the tour reported that are not fixed yet (none in the last run; a regex per finding, with the reason, if one must wait). */
const KNOWN: RegExp[] = [];
const nav = (page: Page, key: string) => page.locator(`[data-menu-id$="-${key}"]`).click();
const cardTitle = (page: Page, testId: string) => page.getByTestId(testId).locator('.ant-card-head-title').first();

async function openHandover(page: Page, tab: string): Promise<void> {
  await nav(page, 'handovers');
  await page.getByTestId('handover-list').getByText('华东业务转让').click();
  await page.getByTestId('handover-view').locator(`.ant-tabs-tab[data-node-key="${tab}"]`).click();
}

interface Stop {
  name: string;
  /** Goes there at 1366 px; returns the page's title. */
  go(page: Page): Promise<Locator>;
  /** Closes what the stop opened (a drawer, a dialog). */
  leave?(page: Page): Promise<void>;
  /** A drawer or dialog: it lies over the toolbar by design. */
  overlay?: boolean;
}

const STEP_KEYS = ['counterparty', 'scope', 'timeline', 'team', 'nda', 'risks', 'checklist', 'notices', 'approvals', 'export', 'followup'];

const STOPS: Stop[] = [
  { name: 'workbench', go: async (page) => { await nav(page, 'workbench'); return page.getByTestId('workbench-page').getByRole('heading').first(); } },
  { name: 'clients', go: async (page) => { await nav(page, 'clients'); await page.getByTestId('client-row').first().waitFor(); return cardTitle(page, 'clients-page'); } },
  {
    name: 'client-drawer',
    go: async (page) => { await nav(page, 'clients'); await page.getByTestId('client-row').nth(1).click(); return page.getByTestId('client-title'); },
    leave: (page) => page.keyboard.press('Escape'),
    overlay: true,
  },
  {
    name: 'import',
    go: async (page) => { await nav(page, 'clients'); await page.getByTestId('open-import').click(); return page.getByTestId('import-wizard').locator('.ant-modal-title'); },
    leave: (page) => page.keyboard.press('Escape'),
    overlay: true,
  },
  { name: 'handovers', go: async (page) => { await nav(page, 'handovers'); return cardTitle(page, 'handovers-page'); } },
  ...STEP_KEYS.map((key, i): Stop => ({
    name: `step-${String(i + 1).padStart(2, '0')}-${key}`,
    go: async (page) => {
      await openHandover(page, 'wizard');
      await page.getByTestId('handover-steps').locator('.ant-steps-item').nth(i).click();
      return page.getByTestId(`step-${key}`).getByRole('heading').first();
    },
  })),
  { name: 'handover-dashboard', go: async (page) => { await openHandover(page, 'dashboard'); await page.getByTestId('handover-dashboard').waitFor(); return page.getByTestId('handover-ref'); } },
  {
    name: 'dataroom-start',
    go: async (page) => { await openHandover(page, 'dataroom'); await page.getByTestId('dataroom-start').click(); return page.locator('.ant-modal-title').first(); },
    leave: (page) => page.keyboard.press('Escape'),
    overlay: true,
  },
  { name: 'compensation', go: async (page) => { await openHandover(page, 'compensation'); return page.getByTestId('handover-ref'); } },
  { name: 'receive', go: async (page) => { await nav(page, 'receive'); return cardTitle(page, 'receive-page'); } },
  { name: 'audit', go: async (page) => { await nav(page, 'audit'); return cardTitle(page, 'audit-page'); } },
  { name: 'users', go: async (page) => { await nav(page, 'users'); return cardTitle(page, 'users-page'); } },
  { name: 'security', go: async (page) => { await nav(page, 'security'); return page.getByTestId('security-page').locator('.ant-card-head-title').first(); } },
  { name: 'settings', go: async (page) => { await nav(page, 'settings'); return page.getByTestId('settings-page').locator('.ant-card-head-title').first(); } },
];

describe.skipIf(skip !== null)('a tour of every page at 1366, 1024 and 600 px in Chinese and English (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every page shows its title clear of the toolbar, fits the window, keeps labels whole, and speaks only Chinese in Chinese', async () => {
    const app = await openApp(browser, { width: 1366, height: 860 });
    const { page } = app;
    // A shared machine: an Argon2 unlock or a page of 60 clients may take a while; the checks wait, they time nothing.
    page.setDefaultTimeout(60_000);
    const problems: string[] = [];
    try {
      writeFileSync(PROBLEMS, '');
      await createVaultThroughUi(page, ADMIN.name, ADMIN.pass);
      await page.getByTestId('nav').waitFor();
      const handoverId = await seed(app);

      // The wizard's client table in Chinese: 20 a page, and every match one click away (issue 17).
      await page.setViewportSize({ width: 1366, height: 860 });
      await switchTo(page, 'zh-CN');
      await openHandover(page, 'wizard');
      await page.getByTestId('handover-steps').locator('.ant-steps-item').nth(3).click();
      const table = page.getByTestId('arr-table');
      await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(20);
      await table.locator('thead').getByRole('checkbox').check();
      await expect.poll(() => page.getByTestId('page-selected').innerText().then((t) => t.replace(/\s+/g, ' '))).toBe('已选择本页 20 项 · 选择全部 30 个符合条件的客户');
      await page.getByTestId('select-all-matching').click();
      await expect.poll(() => page.getByTestId('arr-apply').innerText()).toBe('应用到所选 30 个');
      await page.getByTestId('arr-owner').fill('买方 王经理');
      await page.getByTestId('arr-apply').click();
      await expect.poll(async () => (await ok<{ rows: { receivingOwner: string }[] }>(app, 'handovers.clients', { id: handoverId, filter: 'included', limit: 500 }))
        .rows.filter((r) => r.receivingOwner === '买方 王经理').length).toBe(30);
      await app.shot('tour-zh-CN-team-all-matching-1366');

      for (const lang of LANGS) {
        await switchTo(page, lang);
        for (const stop of STOPS) {
          await page.setViewportSize({ width: 1366, height: 860 });
          const title = await stop.go(page);
          await title.waitFor();
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: width === 600 ? 900 : 800 });
            // The shot first: it waits for the layout to settle after the resize (antd switches layouts at breakpoints).
            await app.shot(`tour-${lang}-${stop.name}-${width}`);
            const found = await problemsOn(page, { screen: stop.name, lang, title, ...(stop.overlay ? { overlay: true } : {}) });
            problems.push(...found);
            if (found.length) appendFileSync(PROBLEMS, `${found.join('\n')}\n`);
          }
          await stop.leave?.(page);
        }
      }

      // The data room's reviewer view, last: a session locks the app to itself.
      await ok(app, 'dataroom.start', {
        handoverId, reviewer: { name: 'Rita Reviewer', organisation: '北方收购集团', idNumber: '' }, clientIds: [], categories: ['basic', 'contacts', 'documents'],
        masked: [], documents: true, seconds: 1800, passphrase: ADMIN.pass,
      });
      await page.getByTestId('dataroom').waitFor();
      for (const lang of LANGS) {
        await switchTo(page, lang);
        await page.setViewportSize({ width: 1366, height: 860 });
        await page.getByTestId('dataroom-clients').getByText('K-002', { exact: true }).click();
        const title = page.getByTestId('dataroom-client').locator('.ant-card-head-title');
        await title.waitFor();
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 800 });
          await app.shot(`tour-${lang}-dataroom-viewer-${width}`);
          const found = await problemsOn(page, { screen: 'dataroom-viewer', lang, title });
          problems.push(...found);
          if (found.length) appendFileSync(PROBLEMS, `${found.join('\n')}\n`);
        }
      }
      // Seen in the screenshots and not fixed yet (named in the report); every other finding fails the tour.
      expect(problems.filter((p) => !KNOWN.some((known) => known.test(p)))).toEqual([]);
    } finally {
      await app.close();
    }
    // A guard against hangs (about 170 screens on a shared machine), not a speed check.
  }, 1_200_000);
});
