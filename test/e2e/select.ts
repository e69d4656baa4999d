import type { Locator, Page } from 'playwright-core';

/**
 * Pick an option in an antd Select, as a user does: open it, click the option, look whether the box now shows
 * it, and pick again if not — a click that lands during the menu's opening animation is lost (CI saw a dialog's
 * 确定 stay disabled for that). Fails after five attempts, naming the option.
 */
export async function chooseOption(page: Page, box: Locator, option: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await page.locator('.ant-select-dropdown:visible').count() === 0) await box.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click({ timeout: 10_000 }).catch(() => undefined);
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 2000 }).catch(() => page.keyboard.press('Escape'));
    if ((await box.innerText()).includes(option)) return;
  }
  throw new Error(`the select did not take "${option}"`);
}
