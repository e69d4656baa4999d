import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { AppEvent } from '../../shared/contract';
import { tempDir } from '../helpers/temp';
import { createVaultThroughUi, describeInChromium } from './harness';
import { openClients } from './nav';

const version = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

/** What the Electron shell sends (its menu's About, a .handover file opened with the app), as the preload delivers it. */
const shellEvent = (page: Page, event: AppEvent) =>
  page.evaluate((e) => (globalThis as unknown as { __handoverEmit(e: unknown): void }).__handoverEmit(e), event);

describeInChromium('the app icon, the About dialog and files opened with the app', (chromium) => {
  it('shows the icon in the header and an About dialog with the version, the vault folder and the licences, in both languages', async () => {
    const app = await chromium.open();
    const { page } = app;
    // The locked screens carry the icon too.
    expect(await page.getByTestId('app-icon').first().evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true);
    await createVaultThroughUi(page, 'Alice', 'correct horse battery staple');
    await openClients(page);
    const icon = page.getByTestId('brand').getByTestId('app-icon');
    expect(await icon.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true);
    expect(await page.getByTestId('brand').innerText()).toBe('Handover Vault');

    await page.getByTestId('about-button').click();
    const about = page.getByRole('dialog', { name: 'About Handover Vault' });
    await about.waitFor();
    expect(await page.getByTestId('about-version').innerText()).toBe(`Version ${version}`);
    expect(await page.getByTestId('about-vault').innerText()).toBe(app.core.vaultDir);
    const components = await page.getByTestId('about-components').innerText();
    for (const expected of ['Electron', 'Chromium', 'better-sqlite3-multiple-ciphers', 'libsodium', 'ISC', 'PDF.js', 'Apache-2.0', 'encrypted database']) expect(components).toContain(expected);
    await app.shot('90-about-en');
    await page.keyboard.press('Escape');
    await about.waitFor({ state: 'hidden' });

    // The app menu's About (an event from the shell) opens the same dialog, in Chinese once switched.
    await page.getByTestId('language-switch').getByText('简体中文').click();
    expect(await page.getByTestId('brand').innerText()).toContain('客户交接保险库');
    await shellEvent(page, { type: 'shell.about' });
    await page.getByRole('dialog', { name: '关于客户交接保险库' }).waitFor();
    expect(await page.getByTestId('about-version').innerText()).toBe(`版本 ${version}`);
    expect(await page.getByTestId('about-components').innerText()).toContain('加密数据库');
    await app.shot('91-about-zh');
  });

  it('a .handover file opened with the app lands on the Receive page and is checked before anything else', async () => {
    const app = await chromium.openWithVault({ name: 'Alice', pass: 'correct horse battery staple' });
    const { page } = app;
    await openClients(page);
    // Not a package at all: the check refuses it, and nothing is imported.
    const file = join(tempDir(), '华东业务.handover');
    writeFileSync(file, 'not a tar archive');
    app.answers.choosePackageFile = [file];
    await shellEvent(page, { type: 'shell.packageOpened' });
    await page.getByTestId('receive-page').waitFor();
    await page.getByText('This package was refused. Nothing was imported.').waitFor();
    expect(app.answers.choosePackageFile).toEqual([]);
    await app.shot('92-package-opened-with-app-en');
  });
});
