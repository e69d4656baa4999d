import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { formatRecipient, generateIdentity } from '../../electron/core/formats/age';
import { openPackage } from '../../electron/core/packages/package';
import { tempDir } from '../helpers/temp';
import { type AppUnderTest, describeInChromium, SHOTS } from './harness';
import { openClients, typeDay } from './nav';
import { chooseOption } from './select';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const APPROVER1 = { name: '陈合规', pass: 'compliance one 长江 黄河' };
const APPROVER2 = { name: 'Zhou Approver', pass: 'compliance two passphrase' };
const REGIONS = ['华东', '华南', '华北'];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function unlock(page: Page, who: { name: string; pass: string }) {
  await page.getByTestId('lock-button').click();
  await page.getByTestId('username-input').fill(who.name);
  await page.getByTestId('passphrase-input').fill(who.pass);
  await page.getByTestId('unlock-button').click();
  await page.getByTestId('signed-in').waitFor();
}

async function seed(app: AppUnderTest) {
  for (let i = 1; i <= 300; i++) {
    const r = await app.core.handle('clients.create', {
      code: `K-${String(i).padStart(4, '0')}`, name: `${['东方', '南海', '北辰', '华信', '长城'][i % 5]}客户${i}`, type: i % 10 === 0 ? 'individual' : 'company', industry: '制造业',
      region: REGIONS[i % 3], city: '上海', address: '', owner: '张伟', department: '', importance: '', tags: [], cooperationStart: '2019-07-03', annualRevenue: (i % 7 + 1) * 100_000_00,
      grossProfit: null, currency: 'CNY', renewalRate: 0.8, satisfaction: 8, notes: '', contacts: [{ name: `联系人${i}`, title: '经理', phones: ['+8613800138000'], emails: [] }],
    });
    expect(r.ok).toBe(true);
  }
  for (const u of [APPROVER1, APPROVER2]) expect((await app.core.handle('users.add', { name: u.name, role: 'compliance', passphrase: u.pass })).ok).toBe(true);
  // The buyer's age key, added and verified by its fingerprint read back on the phone (the Security page's card does this by hand).
  const buyer = generateIdentity();
  const added = await app.core.handle('keys.addCounterparty', { label: '北方收购集团', key: formatRecipient(buyer.publicKey) });
  const key = (added as { value: { id: number; fingerprint: string }[] }).value[0]!;
  expect((await app.core.handle('keys.verifyCounterparty', { id: key.id, how: 'phone', fingerprint: key.fingerprint })).ok).toBe(true);
  return buyer;
}

const step = (page: Page, name: string) => page.getByTestId('handover-steps').getByText(name, { exact: true }).click();

/**
 * Saves a wizard step and waits until the footer no longer says 未保存 / "not saved": moving on earlier would
 * meet the leave guard (the save still on its way), which a user would not — they see the step saved first.
 */
async function saveStep(page: Page, button: string) {
  await page.getByTestId(button).click();
  await page.getByTestId('step-unsaved').waitFor({ state: 'detached' });
}

const choose = (page: Page, testId: string, option: string) => chooseOption(page, page.getByTestId(testId), option);

/** A PDF page as PNG (poppler's pdftoppm), for looking at the report; skipped where poppler is missing. */
function pdfToPng(pdf: string, name: string): void {
  try {
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '2', pdf, join(SHOTS, name)]);
  } catch {
    // no poppler-utils here: the PDF itself is still checked below
  }
}

describeInChromium('a whole handover, as users click', (chromium) => {
  it('plans 100 of 300 clients through every step, sends notices, takes one objection, gets two approvals and exports the package', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 900 });
    const { page } = app;
    await openClients(page);
    const buyer = await seed(app);

    await page.getByTestId('nav').getByText('Handovers').click();
    await page.getByTestId('handover-new').click();
    await page.getByTestId('handover-title').fill('华东业务转让');
    await page.getByTestId('handover-buyer').fill('北方收购集团');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByTestId('handover-ref').innerText()).toMatch(/^HO-\d{4}-001$/);

    // Counterparty: contact details and the verified recipient key.
    await page.getByTestId('buyer-contact').fill('刘经理');
    await page.getByTestId('buyer-phone').fill('+86 10 8888 8888');
    await page.getByTestId('buyer-email').fill('liu@north.example');
    await page.getByTestId('recipient-keys').getByRole('checkbox').check();
    await saveStep(page, 'step-save');

    // Scope by region, with the count updating live.
    await step(page, 'Scope');
    await choose(page, 'scope-regions', '华东');
    await expect.poll(() => page.getByTestId('scope-count').innerText()).toContain('100');
    await saveStep(page, 'scope-save');
    await expect.poll(() => page.getByTestId('scope-included').innerText()).toContain('100 clients');
    await app.shot('50-handover-scope-en');

    // Timeline: each phase's planned start–end in one range picker (the end is the day it is due).
    await step(page, 'Timeline');
    for (const [phase, offset] of [['preparation', -60], ['notices', -50], ['due-diligence', 10], ['transfer', 30], ['follow-up', 90]] as const) {
      await typeDay(page, `timeline-${phase}-planned`, day(offset - 7), 0);
      await typeDay(page, `timeline-${phase}-planned`, day(offset), 1);
    }
    await typeDay(page, 'timeline-preparation-actual', day(-58));
    await saveStep(page, 'timeline-save');

    // Team: owner, a department, and a receiving owner for the first page of clients.
    await step(page, 'Team');
    await page.getByTestId('dept-sales-lead').fill('张伟');
    await page.getByTestId('dept-sales-duty').fill('客户沟通与介绍');
    await saveStep(page, 'team-save');
    await page.getByTestId('arr-table').locator('thead').getByRole('checkbox').check();
    await page.getByTestId('arr-owner').fill('买方 王经理');
    await page.getByTestId('arr-apply').click();
    await expect.poll(() => page.getByTestId('arr-table').getByText('买方 王经理').count()).toBeGreaterThan(5);

    // NDA with the signed copy.
    await step(page, 'Confidentiality');
    const nda = join(tempDir(), 'NDA-signed.pdf');
    writeFileSync(nda, '%PDF-1.4 signed');
    app.answers.chooseDocumentFile = [nda];
    await page.getByTestId('nda-parties').fill('卖方 / 北方收购集团');
    await typeDay(page, 'nda-signed', day(-70));
    await page.getByTestId('nda-attach').click();
    await expect.poll(() => page.getByTestId('nda-file').innerText()).toBe('NDA-signed.pdf');
    await page.getByTestId('nda-add').click();
    await page.getByTestId('nda-table').getByText('NDA-signed.pdf').waitFor();

    // A risk on the heat map.
    await step(page, 'Risks');
    await page.getByTestId('risk-add').click();
    await page.getByTestId('risk-title').fill('Key clients leave during transfer');
    await page.getByTestId('risk-likelihood').fill('4');
    await page.getByTestId('risk-impact').fill('5');
    await page.getByTestId('risk-mitigation').fill('Joint visits by both sales teams');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('risk-table').getByText('20 (4×5)').waitFor();

    // Legal review from the PRC template, each item done with evidence.
    await step(page, 'Legal review');
    await page.getByTestId('template-prc').click();
    await page.getByTestId('checklist').getByText("PIPL Art. 22: tell each individual the recipient's name and contact").waitFor();
    for (const key of ['pipl-22-notice', 'pipl-23-consent', 'pipl-55-assessment', 'pipl-cross-border', 'contract-clauses', 'receivables-split']) {
      await page.getByTestId(`check-evidence-${key}`).fill('法务意见书 LO-2026-11');
      await choose(page, `check-status-${key}`, 'Done');
      await page.getByTestId(`check-save-${key}`).click();
      await page.getByTestId(`check-save-${key}`).waitFor({ state: 'detached' });
    }
    await app.shot('51-handover-checklist-en');

    // Notices, sent 50 days ago with a six-week window: generate, record, one objection.
    await step(page, 'Client notices');
    await typeDay(page, 'notice-start', day(-50));
    await typeDay(page, 'notice-effective', day(30));
    await page.getByTestId('notice-seller').fill('张伟 021-5555 0000');
    await page.getByTestId('notice-save').click();
    const noticeDir = tempDir();
    app.answers.chooseFolder = [noticeDir];
    await page.getByTestId('notice-generate').click();
    await page.getByTestId('notice-result').waitFor();
    const folder = readdirSync(noticeDir).find((f) => f.includes('notices'))!;
    expect(readdirSync(join(noticeDir, folder)).filter((f) => f.endsWith('.pdf'))).toHaveLength(100);
    // A page shows 20; the whole page ticked offers every match, and the action takes all 100 in one call.
    await page.getByTestId('notice-table').locator('thead').getByRole('checkbox').check();
    await page.getByTestId('select-all-matching').click();
    await expect.poll(() => page.getByTestId('notice-record').innerText()).toContain('100 selected');
    await page.getByTestId('notice-record').click();
    await typeDay(page, 'record-date', day(-50));
    await page.getByRole('button', { name: 'OK' }).click();
    await expect.poll(() => page.getByTestId('notice-count-sent').innerText()).toBe('100');
    const objector = page.getByTestId('notice-table').getByRole('row', { name: /K-0003/ });
    await objector.getByText('Sent', { exact: true }).waitFor();
    await objector.getByRole('checkbox').check();
    await expect.poll(() => page.getByTestId('notice-record').innerText()).toContain('1 selected');
    await page.getByTestId('notice-record').click();
    await choose(page, 'record-status', 'Objected');
    await typeDay(page, 'record-date', day(-20));
    await page.getByTestId('record-note').fill('客户来电反对转移');
    await page.getByRole('button', { name: 'OK' }).click();
    // The window has closed: the objector has left the scope; the silent ones are kept by decision.
    await expect.poll(() => page.getByTestId('notice-count-objected').innerText()).toBe('1');
    await page.getByTestId('notice-filter').getByText('No answer').click();
    // That filter's page is on screen (the objector, first of the previous page, gone) before its header box is
    // ticked: ticked earlier, it would tick the previous filter's page, which the new one replaces.
    await objector.waitFor({ state: 'detached' });
    await page.getByTestId('notice-table').locator('thead').getByRole('checkbox').check();
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('all-matching-selected').getByText('All 99 matching clients are selected').waitFor();
    await page.getByTestId('decide-keep').click();
    await page.getByTestId('notice-filter').getByText('Excluded').click();
    await page.getByTestId('notice-table').getByText('objected', { exact: true }).waitFor();
    await page.getByTestId('notice-view-K-0003').waitFor({ state: 'detached' });
    await page.getByTestId('notice-filter').getByText('In scope').click();
    await page.getByTestId('notice-view-K-0006').click();
    await page.getByTestId('pdf-page').waitFor();
    await app.shot('52-handover-notice-viewer-en');
    await page.keyboard.press('Escape');

    // Backup and submission by the admin.
    await step(page, 'Backup and approvals');
    app.answers.chooseSaveTarget = [join(tempDir(), 'before-transfer.hvbackup')];
    await page.getByTestId('handover-backup').click();
    await page.getByTestId('backup-done').waitFor();
    await page.getByTestId('handover-submit').click();
    await page.getByTestId('handover-status').getByText('Submitted').waitFor();
    await expect(page.getByTestId('handover-approve').count()).resolves.toBe(0); // admin could approve, but not their own submission

    // Two different approvers.
    for (const who of [APPROVER1, APPROVER2]) {
      await unlock(page, who);
      await page.getByTestId('nav').getByText('Handovers').click();
      await page.getByTestId('handover-list').getByText('华东业务转让').click();
      await step(page, 'Backup and approvals');
      await page.getByTestId('handover-approve').click();
      await page.getByTestId('approve-comment').fill(`${who.name}: 已审阅`);
      await page.getByRole('button', { name: 'OK' }).click();
      await page.getByTestId('approval-list').getByText(`${who.name}: 已审阅`, { exact: false }).waitFor();
    }
    await page.getByTestId('handover-status').getByText('Approved').waitFor();

    // Back to the admin: every gate holds; export.
    await unlock(page, ADMIN);
    await page.getByTestId('nav').getByText('Handovers').click();
    await page.getByTestId('handover-list').getByText('华东业务转让').click();
    await page.getByRole('tab', { name: 'Dashboard' }).click();
    await page.getByTestId('handover-dashboard').waitFor();
    expect(await page.getByTestId('gate-list').locator('[data-ok="false"]').count()).toBe(0);
    // The notices phase was planned 50 days ago and has no actual date: overdue in words, not only red.
    expect(await page.getByTestId('phase-overdue-notices').innerText()).toBe('Overdue 50 days');
    expect(await page.getByTestId('phase-overdue-notices').getByRole('img', { name: 'Overdue' }).count()).toBe(1);
    expect(await page.getByTestId('phase-overdue-transfer').count()).toBe(0);
    await app.shot('53-handover-dashboard-en');
    await page.getByRole('tab', { name: 'Plan' }).click();
    await step(page, 'Export');
    const pkg = join(tempDir(), 'HO.handover');
    app.answers.chooseSaveTarget = [pkg];
    await page.getByTestId('handover-export').click();
    await page.getByTestId('package-info').waitFor();
    await app.shot('54-handover-exported-en');
    const opened = await openPackage(readFileSync(pkg), [buyer]);
    const clients = JSON.parse(opened.files.find((f) => f.path === 'data/clients.json')!.data.toString()) as { code: string }[];
    expect(clients).toHaveLength(99);
    expect(clients.map((c) => c.code)).not.toContain('K-0003');

    // The report in both languages, looked at as pictures.
    for (const [lang, button] of [['en', 'report-en'], ['zh-CN', 'report-zh']] as const) {
      const out = join(tempDir(), `report-${lang}.pdf`);
      app.answers.chooseSaveTarget = [out];
      await page.getByTestId(button).click();
      await expect.poll(() => existsSync(out)).toBe(true);
      const pdf = readFileSync(out);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      pdfToPng(out, `55-handover-report-${lang}`);
    }

    // Chinese, and a narrow window.
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.getByRole('tab', { name: '概览' }).click();
    await page.getByTestId('handover-dashboard').waitFor();
    expect(await page.getByTestId('phase-overdue-notices').innerText()).toBe('逾期 50 天');
    expect(await page.getByTestId('phase-overdue-notices').getByRole('img', { name: '逾期' }).count()).toBe(1);
    await app.shot('56-handover-dashboard-zh');
    await page.setViewportSize({ width: 760, height: 900 });
    await page.getByRole('tab', { name: '规划' }).click();
    await choose(page, 'handover-steps-select', '客户通知');
    await page.getByTestId('notice-table').waitFor();
    await app.shot('57-handover-notices-zh-narrow');
  }, 900_000); // a guard against hangs only: on a loaded 2-core machine this walk (300 clients, 100 notices, three Argon2 unlocks) passed 5 minutes
});
