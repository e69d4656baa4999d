import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultThroughUi, e2eSkipReason, launch, openApp, SHOTS, coreOk as ok } from './harness';
import { LANGS, openHandover, SCREENS, seedScreens, switchTo, WIDTHS } from './screens';
import { problemsOn } from './tour-checks';

const skip = e2eSkipReason();
const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
/** What the tour found, written as it goes (beside the screenshots), so a long run can be read before it ends. */
const PROBLEMS = join(SHOTS, 'tour-problems.txt');
/** Findings the tour reported that are not fixed yet (none in the last run; a regex per finding, with the reason, if one must wait). */
const KNOWN: RegExp[] = [];
/** HANDOVER_TOUR_LANG=zh-CN tours one language (half the time, for a reviewer looking at one). */
const TOUR_LANGS = LANGS.filter((l) => !process.env.HANDOVER_TOUR_LANG || l === process.env.HANDOVER_TOUR_LANG);

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
      const handoverId = await seedScreens(app, { clients: 60, document: true });

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

      for (const lang of TOUR_LANGS) {
        await switchTo(page, lang);
        for (const stop of SCREENS) {
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
      for (const lang of TOUR_LANGS) {
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
