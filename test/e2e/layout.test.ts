import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInChromium, type AppUnderTest, coreOk as ok } from './harness';
import { LANGS, SCREENS, seedScreens, stepScreen, switchTo, WIDTHS } from './screens';
import { settled, sidewaysOverflow } from './settled';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };

/** The screens that scrolled sideways before (tables, wide forms, long sentences); `npm run tour` reviews every page. */
const AT_RISK = ['workbench', 'clients', 'handovers', ...['scope', 'risks', 'checklist', 'export', 'followup'].map(stepScreen), 'users', 'security'];
const SCREENS_AT_RISK = SCREENS.filter((screen) => AT_RISK.includes(screen.name));

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
    const handoverId = await seedScreens(app, { clients: 24 });
    const header = page.locator('.app-header').first();
    const found: string[] = [];
    // Each screen once, both languages there: 1366 → 600 in one, back up in the other (fewer navigations and resizes).
    let widths: readonly number[] = WIDTHS;
    expect(SCREENS_AT_RISK.map((screen) => screen.name)).toEqual(AT_RISK);
    for (const screen of SCREENS_AT_RISK) {
      await page.setViewportSize({ width: 1366, height: 860 });
      const title = await screen.go(page);
      await title.waitFor();
      for (const lang of LANGS) {
        await switchTo(page, lang);
        for (const width of widths) {
          await page.setViewportSize({ width, height: 860 });
          found.push(...(await problems(app, `${screen.name} (${lang}, ${width} px)`, title, header)));
          if (screen.name === stepScreen('risks') && width === 1366) {
            // A full window shows the whole risk table: its last column (复核日期) was cut off beside the heat map.
            const table = (await page.getByTestId('risk-table').locator('.ant-table-container').boundingBox())!;
            const last = (await page.getByTestId('risk-table').locator('thead th').last().boundingBox())!;
            if (last.x + last.width > table.x + table.width + 1) found.push(`risks (${lang}, 1366 px): the risk table's last column is cut off`);
          }
          if (screen.name === 'users') {
            // The row's action stays whole in view when the table scrolls (停用 was cut at the card's edge at 1024 px).
            const table = (await page.getByTestId('disable-陈合规').locator('xpath=ancestor::div[contains(@class,"ant-table-container")]').boundingBox())!;
            const action = (await page.getByTestId('disable-陈合规').boundingBox())!;
            if (action.x + action.width > table.x + table.width + 1) found.push(`users (${lang}, ${width} px): the 停用 button is cut off`);
          }
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
