import { readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generateIdentity } from '../../electron/core/formats/age';
import { makeBag } from '../../electron/core/formats/bagit';
import { fingerprint, generateSigningKey } from '../../electron/core/formats/minisign';
import { writePackage } from '../../electron/core/packages/package';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { describeInChromium } from './harness';

/** What the verify screen may call: nothing that needs (or opens) a vault. */
const VAULTLESS = new Set(['app.info', 'app.setLanguage', 'dialog.chooseToVerify', 'audit.verifyExport', 'packages.verifyFile']);

describeInChromium('verifying an export or a package before unlock, as an auditor clicks', (chromium) => {
  it('from the unlock screen, in Chinese: a good export verifies, one changed byte is named with its line, a package shows its signer', async () => {
    // A vault on this computer, locked, with an access-log export made from it; the auditor has no login.
    const seller = makeCore();
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    seller.answers.chooseFolder = [tempDir()];
    const parent = await seller.call<{ path: string }>('dialog.chooseAuditFolder', { purpose: 'audit-export' });
    const exported = await seller.call<{ dir: string; entries: number; keyFingerprint: string }>('audit.export', { jobId: 'audit-export-1', dir: parent.path });
    seller.core.dispose();
    const tampered = join(tempDir(), 'tampered');
    cpSync(exported.dir, tampered, { recursive: true });
    const log = readFileSync(join(tampered, 'audit.jsonl'));
    const at = log.indexOf('vault.create');
    log[at + 6] = 'C'.charCodeAt(0); // one byte: vault.create -> vault.Create, on line 1
    writeFileSync(join(tampered, 'audit.jsonl'), log);
    const sender = generateSigningKey();
    const bag = makeBag([{ path: 'clients.json', data: Buffer.from('[{"code":"E-001","name":"东方精密"}]\n') }], [['External-Identifier', 'HO-2026-007']]);
    const { bytes } = await writePackage(bag, [generateIdentity().publicKey, generateIdentity().publicKey], sender, { handoverId: 'HO-2026-007', created: '2026-11-22T10:00:00Z' });
    const pkg = join(tempDir(), '华东业务.handover');
    writeFileSync(pkg, bytes);

    const app = await chromium.open({ appDataDir: seller.appDataDir, width: 1366, height: 900 });
    const { page } = app;
    await page.getByTestId('unlock').waitFor();
    await page.getByTestId('language-switch').getByText('简体中文').click();
    await page.getByTestId('go-verify').click();
    await expect.poll(() => page.getByTestId('go-verify').count()).toBe(0);
    expect(await page.getByTestId('verify-screen').innerText()).toContain('核验导出或文件包');
    const before = app.calls.length;

    app.answers.chooseFolder = [exported.dir];
    await page.getByTestId('verify-folder').click();
    await expect.poll(() => page.getByTestId('verify-folder-path').innerText()).toBe(exported.dir);
    await page.getByTestId('verify-run').click();
    await expect.poll(() => page.getByTestId('verify-result').innerText()).toContain(`核验通过：${exported.entries} 条记录，由密钥 ${exported.keyFingerprint} 签名`);
    const good = await page.getByTestId('verify-result').innerText();
    expect(good).toContain('公钥取自导出文件本身');
    expect(good).toContain(`覆盖 ${exported.entries} 条记录`);
    await app.shot('90-verify-locked-audit-ok-zh-1366');

    app.answers.chooseFolder = [tampered];
    await page.getByTestId('verify-folder').click();
    await expect.poll(() => page.getByTestId('verify-folder-path').innerText()).toBe(tampered);
    await page.getByTestId('verify-run').click();
    await expect.poll(() => page.getByTestId('verify-failed').innerText()).toContain('核验未通过：有记录被修改');
    expect(await page.getByTestId('verify-where').innerText()).toContain('第 1 行');
    await app.shot('91-verify-locked-audit-tampered-zh-1366');
    await page.setViewportSize({ width: 600, height: 900 });
    await app.shot('91b-verify-locked-audit-tampered-zh-600');
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByTestId('verify-tab-package').click();
    app.answers.choosePackageFile = [pkg];
    await page.getByTestId('verify-package').click();
    await expect.poll(() => page.getByTestId('verify-package-path').innerText()).toBe(pkg);
    await page.getByTestId('verify-package-run').click();
    await expect.poll(() => page.getByTestId('verify-package-result').innerText()).toContain(`核验通过：由密钥 ${fingerprint(sender.publicKey)} 签名`);
    const facts = await page.getByTestId('verify-package-info').innerText();
    expect(facts).toContain('HO-2026-007');
    expect(facts).toContain('2 把公钥');
    await app.shot('92-verify-locked-package-zh-1366');
    await page.setViewportSize({ width: 600, height: 900 });
    await app.shot('92b-verify-locked-package-zh-600');

    // Nothing on this screen asked for a vault: only the channels that need none were called.
    expect(app.calls.slice(before).map((c) => c.channel).filter((c) => !VAULTLESS.has(c))).toEqual([]);
    await page.getByTestId('verify-back').click();
    await page.getByTestId('unlock').waitFor();
  }, 120_000);

  it('is also offered on the create-vault screen, and leads back to it', async () => {
    const app = await chromium.open({ width: 1366, height: 900 });
    const { page } = app;
    await page.getByTestId('setup').waitFor();
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('go-verify').click();
    await expect.poll(() => page.getByTestId('verify-screen').innerText()).toContain('Verify an export or package');
    await page.getByTestId('verify-back').click();
    await page.getByTestId('setup').waitFor();
  }, 60_000);
});
