import { expect, it } from 'vitest';
import { describeInChromium } from './harness';

describeInChromium('narrow windows', (chromium) => {
  it('at 600 px the page title sits below the toolbar, and the sider folds and unfolds with a visible, labelled toggle', async () => {
    const app = await chromium.openWithVault({ name: 'Alice', pass: 'correct horse battery staple' }, { width: 600, height: 800 });
    const { page } = app;
    await page.getByTestId('language-switch').getByText('简体中文').click();
    const title = page.getByTestId('workbench-page').getByRole('heading', { name: '工作台' });
    await title.waitFor();
    const header = await page.locator('.app-header').boundingBox();
    const heading = await title.boundingBox();
    expect(heading!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
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
});
