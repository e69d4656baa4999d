import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { makePdf } from '../helpers/pdf';
import { tempDir } from '../helpers/temp';
import { type AppUnderTest, describeInChromium } from './harness';
import { openClients } from './nav';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };

async function seed(app: AppUnderTest): Promise<void> {
  const ids: number[] = [];
  for (const [code, name] of [['C-001', '东方精密'], ['C-002', '南海贸易']] as const) {
    const r = await app.core.handle('clients.create', {
      code, name, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '浦东新区世纪大道 100 号', owner: '', department: '', importance: '', tags: [],
      cooperationStart: null, annualRevenue: 1_200_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
      contacts: [{ name: '王芳', title: '采购经理', phones: ['+86 138-0013-8000'], emails: ['wangfang@example.cn'] }],
    });
    ids.push((r as { value: { id: number } }).value.id);
  }
  const pdf = join(tempDir(), '框架合同.pdf');
  writeFileSync(pdf, makePdf(['Framework contract page 1', 'Payment terms page 2', 'Signatures page 3']));
  app.answers.chooseDocumentFile = [pdf];
  await app.core.handle('dialog.chooseDocumentFile', {});
  expect((await app.core.handle('documents.attach', { jobId: 'job-attach01', clientId: ids[0], file: pdf })).ok).toBe(true);
  const h = (await app.core.handle('handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' })) as { value: { id: number } };
  await app.core.handle('handovers.setScope', { id: h.value.id, scope: { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: ids } });
}

/** Time left in the session by the core's clock: the test moves the clocks to a point before the end, not by a fixed amount (real time passes too). */
async function timeLeft(app: AppUnderTest): Promise<number> {
  const r = await app.core.handle('dataroom.info', {});
  if (!r.ok) throw new Error('no session');
  const info = r.value as { expiresAt: string; now: string };
  return Date.parse(info.expiresAt) - Date.parse(info.now);
}

const canvasWidth = (page: Page) => page.getByTestId('pdf-canvas').evaluate((c) => (c as unknown as { width: number }).width);

describeInChromium('the data room as the reviewer and the facilitator see it', (chromium) => {
  it('start form with presets and the lockdown warning; a viewer with zoom, fit width, page jump and thumbnails; warnings at T-5 and T-1; 延长; an end screen', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1366, height: 900, clock: true });
    const { page } = app;
    // This machine is shared: an Argon2 unlock can take a while; the checks wait, they do not time anything.
    page.setDefaultTimeout(120_000);
    await openClients(page);
    await seed(app);
    await page.getByTestId('nav').getByText('Handovers').click();
    await page.getByTestId('handover-list').getByText('华东业务转让').click();
    await page.getByRole('tab', { name: 'Data room' }).click();

    // The start form, English at 1366: whole minutes, presets, one control for documents, the lockdown said up front.
    await page.getByTestId('dataroom-start').click();
    expect(await page.getByTestId('dr-minutes').inputValue()).toBe('120');
    expect(await page.getByRole('dialog').getByText('Documents may be viewed').count()).toBe(0);
    await page.getByRole('dialog').getByText('fills the whole screen', { exact: false }).waitFor();
    await app.shot('70-dataroom-start-en-1366');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Chinese at 1024.
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.getByTestId('dataroom-start').click();
    await page.getByTestId('dr-reviewer').fill('Rita Reviewer');
    await page.getByTestId('dr-org').fill('北方收购集团');
    await page.getByTestId('dr-minute-presets').getByText('30 分钟').click();
    expect(await page.getByTestId('dr-minutes').inputValue()).toBe('30');
    await page.getByTestId('dr-passphrase').fill(ADMIN.pass);
    await app.shot('71-dataroom-start-zh-1024');
    await page.getByRole('button', { name: '下一步…' }).click();
    const lockdown = page.getByTestId('dataroom-lockdown');
    expect(await lockdown.innerText()).toContain('Rita Reviewer（北方收购集团）将在 30 分钟内查看 2 个客户。');
    expect(await lockdown.innerText()).toContain('全屏显示');
    await app.shot('72-dataroom-confirm-zh-1024');
    await page.getByRole('button', { name: '开始会话', exact: true }).click();

    // In the room: contacts with column headers.
    await page.getByTestId('dataroom').waitFor();
    await page.getByTestId('dataroom-clients').getByText('东方精密').click();
    // allInnerTexts does not wait: the client's contacts are polled until they are on screen.
    await expect.poll(async () => (await page.getByTestId('dataroom-contacts').locator('th').allInnerTexts()).map((h) => h.trim())).toEqual(['姓名', '职务', '电话', '邮箱']);
    await app.shot('73-dataroom-client-zh-1024');

    // The document viewer's toolbar.
    await page.getByTestId('dataroom-open-框架合同.pdf').click();
    await expect.poll(() => page.getByTestId('pdf-page').innerText(), { timeout: 15_000 }).toBe('第 1 / 3 页');
    await expect.poll(() => canvasWidth(page)).toBeGreaterThan(0);
    const before = await canvasWidth(page);
    await page.getByTestId('pdf-zoom-in').click();
    await expect.poll(() => page.getByTestId('pdf-zoom').innerText()).toBe('150%');
    await expect.poll(() => canvasWidth(page)).toBeGreaterThan(before);
    for (let i = 0; i < 4; i++) await page.getByTestId('pdf-zoom-out').click();
    await expect.poll(() => page.getByTestId('pdf-zoom').innerText()).toBe('50%');
    expect(await page.getByTestId('pdf-zoom-out').isDisabled()).toBe(true);
    await expect.poll(() => canvasWidth(page)).toBe(306);
    await page.getByTestId('pdf-fit-width').click();
    const areaWidth = await page.getByTestId('pdf-area').evaluate((a) => a.clientWidth);
    await expect.poll(async () => Math.abs((await canvasWidth(page)) - (areaWidth - 24))).toBeLessThan(3);
    await page.getByTestId('pdf-page-input').fill('3');
    await page.getByTestId('pdf-page-input').press('Enter');
    await expect.poll(() => page.getByTestId('pdf-page').innerText()).toBe('第 3 / 3 页');
    await page.getByTestId('pdf-area').click();
    await page.keyboard.press('PageUp');
    await expect.poll(() => page.getByTestId('pdf-page').innerText()).toBe('第 2 / 3 页');
    await page.getByTestId('pdf-thumbnails-toggle').click();
    await expect.poll(() => page.getByTestId('pdf-thumbnail').count()).toBe(3);
    await page.getByTestId('pdf-thumbnail').first().click();
    await expect.poll(() => page.getByTestId('pdf-page').innerText()).toBe('第 1 / 3 页');
    await app.shot('74-dataroom-viewer-zh-1024');
    await page.locator('.ant-modal-close').click();
    await page.getByTestId('pdf-viewer').waitFor({ state: 'detached' });

    // English at 1366: the same toolbar.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('dataroom-open-框架合同.pdf').click();
    await page.getByTestId('pdf-thumbnails-toggle').click();
    await page.getByRole('toolbar', { name: 'Document tools' }).getByText('Fit width').waitFor();
    await app.shot('75-dataroom-viewer-en-1366');
    await page.locator('.ant-modal-close').click();
    await page.getByTestId('pdf-viewer').waitFor({ state: 'detached' });

    // T-5: a warning that stays, with 延长 at hand. A wrong password extends nothing.
    expect(await page.getByTestId('dataroom-time-warning').count()).toBe(0);
    await app.advance((await timeLeft(app)) - 4 * 60_000);
    await page.getByTestId('dataroom-time-warning').getByText('Less than 5 minutes left', { exact: false }).waitFor();
    await app.shot('76-dataroom-t5-en-1366');
    await page.getByTestId('dataroom-extend-from-warning').click();
    await page.getByTestId('dataroom-extend-minutes').getByText('15 min').click();
    await page.getByTestId('dataroom-extend-passphrase').fill('the reviewer guesses');
    await page.getByTestId('dataroom-extend-ok').click();
    await page.getByText('Wrong', { exact: false }).first().waitFor();
    await page.getByTestId('dataroom-extend-passphrase').fill(ADMIN.pass);
    await page.getByTestId('dataroom-extend-ok').click();
    await page.getByText('The session was extended by 15 minutes.').waitFor();
    await page.getByTestId('dataroom-time-warning').waitFor({ state: 'detached' });
    expect(await page.getByTestId('countdown').innerText()).toMatch(/1[6-9]:\d\d$/);

    // T-1, in Chinese.
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await app.advance((await timeLeft(app)) - 40_000);
    await page.getByTestId('dataroom-time-warning').getByText('剩余时间不足 1 分钟，会话即将结束。').waitFor();
    await app.shot('77-dataroom-t1-zh-1366');

    // Time up: the end screen, in both languages and both widths; the unlock form only after the facilitator says so.
    await app.advance((await timeLeft(app)) + 2_000);
    await page.getByTestId('dataroom-ended').getByText('会话已结束，请交还陪同人').waitFor();
    expect(await page.getByTestId('username-input').count()).toBe(0);
    expect(await page.getByText('忘记密码', { exact: false }).count()).toBe(0);
    await app.shot('78-dataroom-ended-zh-1366');
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('dataroom-ended').getByText('Please hand the computer back to the facilitator.', { exact: false }).waitFor();
    await app.shot('79-dataroom-ended-en-1024');
    await page.getByTestId('dataroom-ended-continue').click();
    await page.getByTestId('username-input').fill(ADMIN.name);
    await page.getByTestId('passphrase-input').fill(ADMIN.pass);
    await page.getByTestId('unlock-button').click();
    await page.getByTestId('nav').getByText('Handovers').click();
    await page.getByTestId('handover-list').getByText('华东业务转让').click();
    await page.getByRole('tab', { name: 'Data room' }).click();
    await page.getByTestId('dataroom-sessions').getByText('time up').waitFor();
  });
});
