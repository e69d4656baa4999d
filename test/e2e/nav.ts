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
