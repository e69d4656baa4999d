import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { formatRecipient, generateIdentity } from '../../electron/core/formats/age';
import { makePdf } from '../helpers/pdf';
import { tempDir } from '../helpers/temp';
import { type AppUnderTest, coreOk as ok } from './harness';

/**
 * The screens the layout checks visit — every page for the tour (`npm run tour`, tour.test.ts), the ones most at
 * risk for layout.test.ts in `npm test` — and the vault both seed: one list, one seed.
 */

export const WIDTHS = [1366, 1024, 600] as const;
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
const NAMES = ['东方精密', '南海贸易', '北辰科技', '华信物流', '长城电子', '江南纺织'];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * `clients` clients (half in 华东: K-002, K-004…), a compliance user, the buyer's verified key, and a handover of
 * 华东 with a risk, an NDA and the PRC checklist; with `document`, a two-page contract on K-002. The handover's id.
 */
export async function seedScreens(app: AppUnderTest, { clients, document = false }: { clients: number; document?: boolean }): Promise<number> {
  const ids: number[] = [];
  for (let i = 1; i <= clients; i++) {
    ids.push((await ok<{ id: number }>(app, 'clients.create', {
      code: `K-${String(i).padStart(3, '0')}`, name: `${NAMES[i % NAMES.length]}${i}`, type: 'company', industry: '制造业', region: i % 2 ? '华南' : '华东', city: '上海',
      address: '浦东新区世纪大道 100 号', owner: i % 3 ? '张伟' : '曾志伟', department: '销售一部', importance: '', tags: ['重点'], cooperationStart: '2019-07-03',
      annualRevenue: (i % 7 + 1) * 1_000_000_00, grossProfit: null, currency: 'CNY', renewalRate: 0.8, satisfaction: 8, notes: '',
      contacts: [{ name: `联系人${i}`, title: '采购经理', phones: ['+8613800138000'], emails: ['wangfang@example.cn'] }],
    })).id);
  }
  if (document) {
    const pdf = join(tempDir(), '框架合同.pdf');
    writeFileSync(pdf, makePdf(['Framework contract page 1', 'Payment terms page 2']));
    app.answers.chooseDocumentFile = [pdf];
    await ok(app, 'dialog.chooseDocumentFile');
    await ok(app, 'documents.attach', { jobId: 'job-screens-doc', clientId: ids[1], file: pdf });
  }
  await ok(app, 'users.add', { name: '陈合规', role: 'compliance', passphrase: 'compliance one 长江 黄河' });
  const [key] = await ok<{ id: number; fingerprint: string }[]>(app, 'keys.addCounterparty', { label: '北方收购集团', key: formatRecipient(generateIdentity().publicKey) });
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
export const switchTo = (page: Page, lang: Lang) => page.getByTestId('language-switch').first().getByText(lang === 'en' ? 'English' : '简体中文').click();
const nav = (page: Page, key: string) => page.locator(`[data-menu-id$="-${key}"]`).click();
const cardTitle = (page: Page, testId: string) => page.getByTestId(testId).locator('.ant-card-head-title').first();

export async function openHandover(page: Page, tab: string): Promise<void> {
  await nav(page, 'handovers');
  await page.getByTestId('handover-list').getByText('华东业务转让').click();
  await page.getByTestId('handover-view').locator(`.ant-tabs-tab[data-node-key="${tab}"]`).click();
}

export interface Screen {
  name: string;
  /** Goes there at 1366 px, once its content is in; returns the page's title. */
  go(page: Page): Promise<Locator>;
  /** Closes what the screen opened (a drawer, a dialog). */
  leave?(page: Page): Promise<void>;
  /** A drawer or dialog: it lies over the toolbar by design. */
  overlay?: boolean;
}

export const STEP_KEYS = ['counterparty', 'scope', 'timeline', 'team', 'nda', 'risks', 'checklist', 'notices', 'approvals', 'export', 'followup'];
export const stepScreen = (key: string) => `step-${String(STEP_KEYS.indexOf(key) + 1).padStart(2, '0')}-${key}`;

/** Every page of the app, in the order the tour visits them. */
export const SCREENS: Screen[] = [
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
  {
    name: 'handovers',
    go: async (page) => { await nav(page, 'handovers'); await page.getByTestId('handover-list').getByText('华东业务转让').waitFor(); return cardTitle(page, 'handovers-page'); },
  },
  ...STEP_KEYS.map((key, i): Screen => ({
    name: stepScreen(key),
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
  { name: 'security', go: async (page) => { await nav(page, 'security'); await page.getByTestId('age-recipient').waitFor(); return cardTitle(page, 'security-page'); } },
  { name: 'settings', go: async (page) => { await nav(page, 'settings'); return cardTitle(page, 'settings-page'); } },
];
