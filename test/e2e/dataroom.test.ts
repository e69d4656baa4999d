import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { makePdf } from '../helpers/pdf';
import { tempDir } from '../helpers/temp';
import { REFUSED_SHORTCUTS, type KeyPress } from '../../shared/dataroom-shortcuts';
import { type AppUnderTest, describeInChromium } from './harness';
import { openClients } from './nav';

/** A shortcut as Playwright's keyboard.press spells it ("Control+Shift+I"). */
const chord = (p: KeyPress) => [p.control && 'Control', p.meta && 'Meta', p.alt && 'Alt', p.shift && 'Shift', p.key].filter(Boolean).join('+');
const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };

async function seed(app: AppUnderTest): Promise<void> {
  const ids: number[] = [];
  for (const [code, name] of [['C-001', '东方精密'], ['C-002', '南海贸易'], ['C-003', '北辰物流']] as const) {
    const r = await app.core.handle('clients.create', {
      code, name, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '浦东新区世纪大道 100 号', owner: '', department: '', importance: '', tags: [],
      cooperationStart: null, annualRevenue: 1_200_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '内部备注：价格底线',
      contacts: [{ name: '王芳', title: '采购经理', phones: ['+86 138-0013-8000'], emails: ['wangfang@example.cn'] }],
    });
    ids.push((r as { value: { id: number } }).value.id);
  }
  const pdf = join(tempDir(), '框架合同.pdf');
  writeFileSync(pdf, makePdf(['Framework contract page 1', 'page 2']));
  app.answers.chooseDocumentFile = [pdf];
  await app.core.handle('dialog.chooseDocumentFile', {});
  expect((await app.core.handle('documents.attach', { jobId: 'job-attach01', clientId: ids[0], file: pdf })).ok).toBe(true);
  const h = (await app.core.handle('handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' })) as { value: { id: number } };
  await app.core.handle('handovers.setScope', { id: h.value.id, scope: { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: ids } });
}

/** The seeded handover's data-room tab, its start form open with the reviewer and organisation filled in. */
async function openStartForm(app: AppUnderTest): Promise<void> {
  const { page } = app;
  // This machine is shared: an Argon2 unlock can take a while; the checks wait, they do not time anything.
  page.setDefaultTimeout(120_000);
  await openClients(page);
  await seed(app);
  await page.getByTestId('nav').getByText('Handovers').click();
  await page.getByTestId('handover-list').getByText('华东业务转让').click();
  await page.getByRole('tab', { name: 'Data room' }).click();
  await page.getByTestId('dataroom-start').click();
  await page.getByTestId('dr-reviewer').fill('Rita Reviewer');
  await page.getByTestId('dr-org').fill('北方收购集团');
}

describeInChromium('a supervised data-room session, as people click', (chromium) => {
  it('a 30-minute session: the reviewer browses two clients, opens a document, asks a question, cannot copy or leave; it expires; the report lists exactly that', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1280, height: 860, clock: true });
    const { page } = app;
    await openStartForm(app);
    await page.getByTestId('dr-minute-presets').getByText('30 min').click();
    await page.getByTestId('dr-passphrase').fill(ADMIN.pass);
    await page.getByRole('button', { name: 'Next…' }).click();
    await page.getByTestId('dataroom-lockdown').getByText('fills the whole screen', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Start the session' }).click();

    // Data-room mode: watermark, countdown, no navigation.
    await page.getByTestId('dataroom').waitFor();
    expect(await page.getByTestId('watermark').getAttribute('data-text')).toContain('Rita Reviewer · 北方收购集团 · DR-');
    expect(await page.getByTestId('nav').count()).toBe(0);
    await page.getByTestId('dataroom-clients').getByText('东方精密').click();
    await page.getByTestId('dataroom-client').waitFor();
    expect(await page.getByTestId('dataroom-contacts').innerText()).toContain('138****8000');
    await app.shot('60-dataroom-en');
    await page.getByTestId('dataroom-open-框架合同.pdf').click();
    await page.getByTestId('pdf-page').waitFor();
    await app.shot('61-dataroom-document-en');
    await page.getByTestId('dataroom-ask-document').click();
    await page.getByTestId('dataroom-question').fill('第 2 页的付款条款是否仍有效？');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('dataroom-question').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.getByTestId('pdf-page').waitFor({ state: 'detached' });
    await page.getByTestId('dataroom-ask').click();
    await page.getByTestId('dataroom-question').fill('合同何时到期？');
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('dataroom-questions').getByText('合同何时到期？').waitFor();
    await page.getByTestId('dataroom-questions').getByText('框架合同.pdf').waitFor();
    await page.getByTestId('dataroom-clients').getByText('南海贸易').click();
    await expect.poll(() => page.getByTestId('dataroom-client').innerText()).toContain('南海贸易');

    // Copying is blocked (and recorded); the rest of the app is out of reach, even by calling the bridge directly.
    await page.getByTestId('dataroom-client').getByText('南海贸易').first().click({ clickCount: 3 });
    await page.keyboard.press('Control+C');
    await page.getByText('Not allowed in the data room.').waitFor();
    // A copy command the page runs itself is cancelled too.
    const copied = await page.evaluate(`(() => {
      let data = '';
      const listener = (e) => { data = e.defaultPrevented ? 'blocked' : 'copied'; };
      document.addEventListener('copy', listener);
      document.execCommand('copy');
      document.removeEventListener('copy', listener);
      return data;
    })()`);
    expect(copied).toBe('blocked');
    const settings = await page.evaluate(() => (globalThis as unknown as { handover: { invoke(c: string, i: unknown): Promise<unknown> } }).handover.invoke('settings.setIdleMinutes', { minutes: 30 }));
    expect(settings).toMatchObject({ ok: false, error: { code: 'DATAROOM_ACTIVE' } });

    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.getByText('剩余时间').waitFor();
    await app.shot('62-dataroom-zh');

    // Time up: the reviewer is told the session is over and to hand the computer back — no unlock
    // form, no recovery or restore links; the facilitator continues from there.
    await app.advance(31 * 60_000);
    await page.getByTestId('dataroom-ended').getByText('会话已结束，请交还陪同人').waitFor();
    await page.getByText('本次数据室会话的时间已到。').waitFor();
    expect(await page.getByTestId('username-input').count()).toBe(0);
    expect(await page.getByTestId('go-recover').count()).toBe(0);
    await app.shot('63-dataroom-expired-zh');
    await page.getByTestId('dataroom-ended-continue').click();

    // The facilitator reads the report.
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('username-input').fill(ADMIN.name);
    await page.getByTestId('passphrase-input').fill(ADMIN.pass);
    await page.getByTestId('unlock-button').click();
    await page.getByTestId('nav').getByText('Handovers').click();
    await page.getByTestId('handover-list').getByText('华东业务转让').click();
    await page.getByRole('tab', { name: 'Data room' }).click();
    await page.getByTestId('dataroom-sessions').getByText('time up').waitFor();
    await page.getByTestId('dataroom-sessions').getByRole('button', { name: 'Report' }).click();
    const clients = await page.getByTestId('report-clients').innerText();
    expect(clients).toContain('C-001');
    expect(clients).toContain('C-002');
    expect(clients).not.toContain('C-003');
    expect(await page.getByTestId('report-documents').innerText()).toContain('框架合同.pdf');
    expect(await page.getByTestId('dataroom-report').innerText()).toContain('合同何时到期？');
    expect(await page.getByTestId('dataroom-report').innerText()).toContain('第 2 页的付款条款是否仍有效？');
    await app.shot('64-dataroom-report-en');
  });

  it('refuses the keyboard shortcuts for DevTools, reload, print, save and select-all — the list the main process blocks — and the report counts each', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1280, height: 860 });
    const { page } = app;
    await openStartForm(app);
    await page.getByTestId('dr-minutes').fill('30');
    await page.getByTestId('dr-passphrase').fill(ADMIN.pass);
    await page.getByRole('button', { name: 'Next…' }).click();
    await page.getByRole('button', { name: 'Start the session' }).click();
    await page.getByTestId('dataroom-clients').getByText('东方精密').click();
    await page.getByTestId('dataroom-client').waitFor();

    // Any shortcut the guard let through would reach a listener on the document (a modifier going down
    // alone is no shortcut); a reload would drop the marker.
    await page.evaluate(`(() => {
      window.__reached = [];
      window.__stillHere = true;
      const modifiers = ['Control', 'Shift', 'Alt', 'Meta'];
      document.addEventListener('keydown', (e) => { if (!modifiers.includes(e.key)) window.__reached.push(e.key); });
    })()`);
    for (const shortcut of REFUSED_SHORTCUTS) await page.keyboard.press(chord(shortcut.press));
    // The refusal is said on screen (a message that goes after 3 s: looked for first); the report below counts each.
    await page.getByText('Not allowed in the data room.').waitFor();
    expect(await page.evaluate('window.__reached')).toEqual([]);
    expect(await page.evaluate('window.__stillHere')).toBe(true);
    // Typing still works: the search box takes letters, as before.
    await page.getByTestId('dataroom-search').locator('input').fill('南海');
    await expect.poll(() => page.getByTestId('dataroom-clients').innerText()).not.toContain('东方精密');
    await app.shot('65-dataroom-shortcuts-refused-en');

    // The facilitator ends the session and reads the count of blocked attempts.
    await page.getByTestId('dataroom-end').click();
    await page.getByTestId('dataroom-end-passphrase').fill(ADMIN.pass);
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('username-input').waitFor();
    await page.getByTestId('username-input').fill(ADMIN.name);
    await page.getByTestId('passphrase-input').fill(ADMIN.pass);
    await page.getByTestId('unlock-button').click();
    await page.getByTestId('nav').getByText('Handovers').click();
    await page.getByTestId('handover-list').getByText('华东业务转让').click();
    await page.getByRole('tab', { name: 'Data room' }).click();
    await page.getByTestId('dataroom-sessions').getByRole('button', { name: 'Report' }).click();
    const blocked = page.getByTestId('dataroom-report').locator('tr', { hasText: 'Blocked attempts' });
    expect((await blocked.innerText()).trim()).toMatch(new RegExp(`\\s${REFUSED_SHORTCUTS.length}$`));
  });
});
