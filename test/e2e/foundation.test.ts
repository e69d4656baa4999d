import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { type AppUnderTest, createVaultThroughUi, describeInChromium } from './harness';
import { openClients } from './nav';

const ADMIN = { name: 'Alice 管理员', pass: 'correct horse battery staple', next: 'a fresh admin passphrase 2026' };
const STAFF = { name: '张伟', pass: '长城 长江 黄河 泰山 staff' };

async function unlock(app: AppUnderTest, name: string, pass: string) {
  const { page } = app;
  await page.getByTestId('username-input').fill(name);
  await page.getByTestId('passphrase-input').fill(pass);
  await page.getByTestId('unlock-button').click();
}

describeInChromium('foundation, as a user clicks', (chromium) => {
  it('creates a vault at the shipped Argon2id cost, shows the recovery key once, and the Security page names that cost', async () => {
    // The one vault of this file made as the app makes it: its key slots cost what the Security page says.
    const app = await chromium.open({ realKdf: true });
    const { page } = app;
    // Creating it runs Argon2id at that cost: on a shared machine that may take far longer than the 15 s polls allow.
    page.setDefaultTimeout(120_000);
    // First run opens in Chinese, with the setup wizard.
    await expect.poll(() => page.getByTestId('setup').isVisible()).toBe(true);
    await expect.poll(() => page.locator('body').innerText()).toContain('创建保险库');
    await app.shot('01-setup-zh');
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.locator('body').innerText()).toContain('Create a vault');
    await app.shot('02-setup-en');

    await page.getByTestId('setup-next').click();
    await page.getByTestId('username-input').fill(ADMIN.name);
    await page.getByTestId('passphrase-input').fill('password123');
    await page.getByTestId('passphrase-confirm').fill('password123');
    await expect.poll(() => page.getByTestId('strength').getAttribute('data-score')).toBe('0');
    await page.getByTestId('create-vault').click();
    await expect.poll(() => page.locator('body').innerText()).toContain('At least 10 characters');
    await page.getByTestId('passphrase-input').fill(ADMIN.pass);
    await page.getByTestId('passphrase-confirm').fill(ADMIN.pass);
    await expect.poll(async () => Number(await page.getByTestId('strength').getAttribute('data-score'))).toBeGreaterThanOrEqual(2);
    await page.getByTestId('create-vault').click();

    // The recovery key, once; "Open the vault" waits for the confirmation.
    const key = page.getByTestId('recovery-key');
    await key.waitFor();
    const keyText = (await key.innerText()).replace(/\s+/g, '-');
    expect(keyText).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    await app.shot('03-recovery-key-en');
    expect(await page.getByTestId('finish-setup').isDisabled()).toBe(true);
    await page.getByTestId('confirm-written').click();
    await page.getByTestId('finish-setup').click();

    // Lands on the (empty) client list; the Security page shows cipher, KDF, log chain.
    await openClients(page);
    await page.getByTestId('nav').getByText('Security').click();
    await page.getByTestId('security-page').waitFor();
    expect(await page.getByTestId('cipher').innerText()).toMatch(/AEGIS-256|ChaCha20-Poly1305/);
    await expect.poll(() => page.locator('body').innerText()).toContain('Argon2id, 3 passes, 256 MB memory');
    await page.getByTestId('chain-ok').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(keyText.slice(0, 9));
    await app.shot('04-security-en-wide');
  }, 600_000); // a guard against hangs only: Argon2id at the shipped cost (256 MiB) on a loaded 2-core machine

  it('manages users, changes the passphrase, locks and unlocks, and shows a staff user no Users page', async () => {
    // At the tests' Argon2id cost: each step below derives a key, which the first test shows at the shipped cost.
    const app = await chromium.openWithVault(ADMIN);
    const { page } = app;
    // The Security page on screen first: locking must take its words (the KDF, the log) out of the page too.
    await page.getByTestId('nav').getByText('Security').click();
    await page.getByTestId('chain-ok').waitFor();
    expect(await page.locator('body').innerText()).toContain('Argon2id');

    // Add a staff user.
    await page.getByTestId('nav').getByText('Users').click();
    await page.getByTestId('add-user').click();
    await page.getByTestId('new-user-name').fill(STAFF.name);
    await page.getByTestId('passphrase-input').fill(STAFF.pass);
    await page.getByTestId('passphrase-confirm').fill(STAFF.pass);
    await page.getByTestId('add-user-ok').click();
    await page.getByTestId('users-page').getByText(STAFF.name).first().waitFor();
    await app.shot('05-users-en');

    // Change own passphrase: wrong current first.
    await page.getByTestId('nav').getByText('Settings').click();
    await page.getByTestId('current-input').fill('not my passphrase at all');
    await page.getByTestId('passphrase-input').fill(ADMIN.next);
    await page.getByTestId('passphrase-confirm').fill(ADMIN.next);
    await page.getByTestId('change-passphrase').click();
    await page.getByTestId('error').getByText('Wrong user name or passphrase', { exact: false }).waitFor();
    await page.getByTestId('current-input').fill(ADMIN.pass);
    await page.getByTestId('change-passphrase').click();
    await page.getByText('Your passphrase was changed', { exact: false }).waitFor();

    // Lock with the button: back to the unlock screen, nothing from the vault left in the page.
    await page.getByTestId('lock-button').click();
    await page.getByTestId('unlock').waitFor();
    const html = await page.content();
    for (const secret of [STAFF.name, 'Unlocked', 'chacha20', 'Argon2id', 'passphrase was changed']) expect(html).not.toContain(secret);

    // Wrong passphrase, then the new one.
    await unlock(app, ADMIN.name, ADMIN.pass);
    await page.getByTestId('error').getByText('Wrong user name or passphrase', { exact: false }).waitFor();
    await app.shot('06-unlock-wrong-en');
    await unlock(app, ADMIN.name, ADMIN.next);
    await openClients(page);

    // Ctrl+L locks from anywhere.
    await page.keyboard.press('Control+l');
    await page.getByTestId('unlock').waitFor();

    // Back to Chinese; the staff user sees no Users page.
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await unlock(app, STAFF.name, STAFF.pass);
    await openClients(page);
    expect(await page.getByTestId('nav').innerText()).not.toContain('用户');
    await page.getByTestId('nav').getByText('安全').click();
    await page.getByTestId('security-page').waitFor();
    await expect.poll(() => page.locator('body').innerText()).toContain('您的角色无权查看访问日志');
    await page.setViewportSize({ width: 480, height: 900 });
    await app.shot('07-security-zh-narrow');
  });

  it('remembers the language, backs up with progress, recovers with the key and restores a backup', async () => {
    const appDataDir = tempDir();
    let app = await chromium.open({ appDataDir });
    let { page } = app;
    let recovery = '';
    const backupFile = join(tempDir(), 'vault-backup.hvbackup');
    try {
      recovery = await createVaultThroughUi(page, ADMIN.name, ADMIN.pass);
      await page.getByTestId('nav').getByText('Security').click();
      await page.getByTestId('security-page').waitFor();

      app.answers.chooseSaveTarget = [backupFile];
      await page.getByTestId('backup-button').click();
      await page.getByTestId('backup-done').waitFor();
      expect(await page.getByTestId('backup-done').innerText()).toContain(backupFile);
      await app.shot('08-backup-done-en');
      await page.keyboard.press('Escape');
      await page.getByTestId('lock-button').click();
      await page.getByTestId('unlock').waitFor();
    } finally {
      await app.close();
    }

    // Restart: the app remembers English and the vault; forgot the passphrase -> recovery key.
    app = await chromium.open({ appDataDir });
    page = app.page;
    try {
      await page.getByTestId('unlock').waitFor();
      expect(await page.locator('body').innerText()).toContain('Unlock the vault');
      await page.getByTestId('go-recover').click();
      await page.getByTestId('username-input').fill(ADMIN.name);
      await page.getByTestId('recovery-input').fill(recovery.replace(/^..../, 'AAAA'));
      await page.getByTestId('passphrase-input').fill(ADMIN.next);
      await page.getByTestId('passphrase-confirm').fill(ADMIN.next);
      await page.getByTestId('recover-button').click();
      await expect.poll(() => page.getByTestId('error').innerText()).toContain('recovery key is not right');
      await page.getByTestId('recovery-input').fill(recovery.toLowerCase());
      await page.getByTestId('recover-button').click();
      await openClients(page);
      await page.getByTestId('lock-button').click();

      // Restore the backup into a new folder with the recovery key.
      await page.getByText('Restore from a backup').click();
      const target = join(tempDir(), 'restored-vault');
      app.answers.chooseBackupFile = [backupFile];
      app.answers.chooseRestoreFolder = [target];
      await page.getByTestId('choose-backup').click();
      await page.getByTestId('choose-target').click();
      await page.getByText('The recovery key').click();
      await page.getByTestId('recovery-input').fill(recovery);
      await app.shot('09-restore-en');
      await page.getByTestId('start-restore').click();
      await page.getByTestId('restore-done').waitFor();
      await page.getByText('Next').click();
      await page.getByTestId('unlock').waitFor();
      expect(await page.locator('body').innerText()).toContain(target);
      await unlock(app, ADMIN.name, ADMIN.pass);
      await page.getByTestId('nav').getByText('Security').click();
      await page.getByTestId('security-page').waitFor();
      await expect.poll(() => page.getByTestId('log-table').innerText()).toContain('Restored from backup');
    } finally {
      await app.close();
    }

  });
});
