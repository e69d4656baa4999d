import type { Page } from 'playwright-core';

/**
 * After unlock the app opens on the workbench (工作台, issue 17); a test that
 * works on the client list goes there through the nav, as a user would.
 */
export async function openClients(page: Page): Promise<void> {
  await page.getByTestId('nav').waitFor();
  const clients = page.getByTestId('clients-page');
  if (!(await clients.isVisible())) await page.locator('[data-menu-id$="-clients"]').click();
  await clients.waitFor();
}

/**
 * Types a day into an antd date picker as a user would (2026-11-29 is accepted in both
 * languages) and confirms it with Enter, which closes the calendar panel.
 */
export async function typeDay(page: Page, testId: string, isoDay: string, nth = 0): Promise<void> {
  // rc-picker puts the data attributes on its <input>s (a range picker has two: nth 0 and 1).
  const input = page.locator(`input[data-testid="${testId}"]`).nth(nth);
  await input.click();
  await input.fill(isoDay);
  await input.press('Enter');
}
