import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseRecipient } from '../../electron/core/formats/age';
import { appendLog } from '../../electron/core/audit/store';
import { writeCheckpoint } from '../../electron/core/audit/checkpoint-store';
import { logExcerpt } from '../../electron/core/audit/excerpt';
import { fingerprint } from '../../electron/core/formats/minisign';
import { vaultSigningKey } from '../../electron/core/keys/vault-keys';
import { makeBag } from '../../electron/core/formats/bagit';
import { writePackage } from '../../electron/core/packages/package';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { describeInChromium } from './harness';
import { openClients } from './nav';

describeInChromium('receiving a handover package, as the buyer clicks', (chromium) => {
  it('checks the signer and recipients before decrypting, imports the clients, writes a receipt; refuses an altered package', async () => {
    const app = await chromium.openWithVault({ name: 'Bob Buyer', pass: 'buyer passphrase of some length' });
    const { page } = app;
    await openClients(page);
    const keys = await app.core.handle('keys.show', {});
    if (!keys.ok) throw new Error('keys');
    const recipient = parseRecipient((keys.value as { ageRecipient: string }).ageRecipient)!;
    const rows = Array.from({ length: 30 }, (_, i) => ({
      code: `S-${String(i).padStart(3, '0')}`, name: `卖方客户${i}`, type: 'company', industry: '制造业', region: '华东', city: '', address: '', owner: '', department: '',
      importance: '', tags: [], cooperationStart: null, annualRevenue: 100_000 * i, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
    }));
    // A real seller vault: the handover's history with inclusion proofs under its signed checkpoint, and its key signs.
    const sellerVault = makeCore();
    await sellerVault.call('vault.create', { dir: sellerVault.vaultDir, ...ADMIN });
    const sdb = sellerVault.core.openVaultForTests!.db;
    // A copy: locking the seller's vault (dispose, below) wipes its keyring's buffers, as it should.
    const held = vaultSigningKey(sellerVault.core.openVaultForTests!);
    const seller = { keyId: Buffer.from(held.keyId), seed: Buffer.from(held.seed), publicKey: Buffer.from(held.publicKey) };
    const { excerpt, checkpoint } = sdb.transaction(() => {
      for (const action of ['handover.create', 'handover.submit', 'handover.approve', 'handover.export'] as const) appendLog(sdb, { actor: 'Alice', action, target: 'HO-42' }, new Date());
      const cp = writeCheckpoint(sdb, seller, 'export HO-42', new Date());
      return { excerpt: logExcerpt(sdb, 'HO-42', cp.size), checkpoint: cp.note };
    }).immediate();
    sellerVault.core.dispose();
    const bag = makeBag([
      { path: 'clients.json', data: Buffer.from(JSON.stringify(rows)) },
      { path: 'documents/S-001/框架合同.pdf', data: Buffer.from('%PDF-1.4 contract') },
      { path: 'checkpoint.txt', data: Buffer.from(checkpoint) },
      { path: 'audit.jsonl', data: Buffer.from(excerpt.jsonl) },
      { path: 'audit-proofs.json', data: Buffer.from(JSON.stringify(excerpt.proofs)) },
    ], [['External-Identifier', 'HO-42']]);
    const { bytes } = await writePackage(bag, [recipient], seller, { handoverId: 'HO-42', created: new Date().toISOString() });
    const dir = tempDir();
    const file = join(dir, 'seller.handover');
    writeFileSync(file, bytes);

    // The signer is not one of this vault's verified keys yet: it may be looked at, not imported.
    await page.getByTestId('nav').getByText('Receive package').click();
    app.answers.choosePackageFile = [file];
    await page.getByTestId('receive-choose').click();
    await expect.poll(() => page.getByTestId('receive-info').innerText()).toContain('including this vault');
    expect(await page.getByTestId('receive-info').innerText()).toContain('not one of your counterparty keys');
    expect(await page.getByTestId('receive-sender-unverified').innerText()).toContain(fingerprint(seller.publicKey));
    await page.getByTestId('receive-decrypt').click();
    await expect.poll(() => page.getByTestId('receive-page').innerText()).toContain('30 clients, 5 files');
    expect(await page.getByTestId('receive-history').innerText()).toContain('4 entries of the seller\'s access log, each proven against its signed checkpoint');
    await app.shot('50b-receive-decrypted-en');
    await page.getByTestId('receive-import').click();
    await expect.poll(() => page.getByTestId('error').innerText()).toContain(`signed by key ${fingerprint(seller.publicKey)}, which this vault has not verified`);
    expect(await page.getByTestId('error').innerText()).toContain('handover keys verify');
    await app.shot('50c-receive-sender-unverified-en');

    // The seller's key, added from the package and verified by reading its fingerprint back on the phone.
    await page.getByTestId('receive-verify-sender').click();
    await page.locator('.ant-modal:visible input').first().fill('Seller Co.');
    await page.locator('.ant-modal:visible input').nth(1).fill('0000 1111 2222 3333');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-modal:visible [data-testid="error"]').innerText()).toContain('does not match');
    await page.locator('.ant-modal:visible input').first().fill(fingerprint(seller.publicKey));
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('receive-info').innerText()).toContain('key verified');
    expect(await page.getByTestId('receive-page').innerText()).not.toContain('which this vault has not verified');
    await app.shot('50-receive-checked-en');
    await page.getByTestId('receive-import').click();
    await expect.poll(() => page.getByTestId('receive-page').innerText()).toContain('Imported — clients: 30, documents: 1.');
    app.answers.chooseSaveTarget = [join(dir, 'seller.receipt')];
    await page.getByTestId('receive-org').fill('买方有限公司');
    await page.getByTestId('receive-receipt').click();
    await expect.poll(() => page.getByTestId('receive-receipt-written').innerText()).toContain('seller.receipt');
    expect(readFileSync(join(dir, 'seller.receipt'), 'utf8')).toContain('"receivedBy": "买方有限公司"');
    await app.shot('51-receive-imported-en');
    await page.getByTestId('nav').getByText('Security').click();
    await expect.poll(() => page.getByTestId('counterparty-keys').innerText()).toContain('verified by phone');
    await app.shot('53-counterparty-key-verified-en');
    await page.getByTestId('nav').getByText('Receive package').click();

    // An altered package, in Chinese: refused with its reason, nothing imported.
    const altered = Buffer.from(bytes);
    altered[altered.length - 4000] = altered[altered.length - 4000]! ^ 0xff;
    writeFileSync(join(dir, 'altered.handover'), altered);
    await page.getByTestId('language-switch').getByText('简体中文').click();
    app.answers.choosePackageFile = [join(dir, 'altered.handover')];
    await page.getByTestId('receive-choose').click();
    await expect.poll(() => page.getByTestId('receive-refused').innerText()).toContain('签名不符');
    await app.shot('52-receive-refused-zh');
    await page.getByTestId('nav').getByText('客户').click();
    await expect.poll(() => page.getByTestId('client-count').innerText()).toBe('共 30 个客户');
  }, 120_000);
});
