import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRecipient, generateIdentity } from '../../electron/core/formats/age';
import { HandoverCore } from '../../electron/core/core';
import { blake2b512, fingerprint, formatPublicKey, generateSigningKey, signDigest, type SigningKey } from '../../electron/core/formats/minisign';
import { formatError } from '../../shared/i18n/errors';
import type { HandoverDetail } from '../../shared/contract';
import { TEST_CLI } from '../helpers/cli-bins';
import { makeCore } from '../helpers/core';
import { queuedPlatform } from '../helpers/platform';
import { TEST_KDF } from '../helpers/test-kdf';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * Issue 14: a receipt says "the buyer received this package". It was accepted when signed by ANY key the
 * seller verified — so another counterparty (a second bidder whose key was verified for its own deal)
 * could acknowledge this handover in the buyer's name. Now only the buyer's key counts: the verified
 * signing key filed under the name of an encryption key the handover's package went to.
 */
describe('attack: a receipt signed by another verified counterparty', () => {
  it('is refused naming its key, through the router and the CLI, and nothing is recorded; the buyer\'s own receipt is accepted', async () => {
    const seller = makeCore();
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    const buyer = { sign: generateSigningKey(), age: formatRecipient(generateIdentity().publicKey) };
    const bidder = { sign: generateSigningKey(), age: formatRecipient(generateIdentity().publicKey) };
    const add = async (label: string, key: string) => {
      const list = await seller.call<{ id: number; key: string; fingerprint: string }[]>('keys.addCounterparty', { label, key });
      const k = list.find((x) => key.includes(x.key.trim().split('\n').pop()!))!;
      await seller.call('keys.verifyCounterparty', { id: k.id, how: 'in-person', fingerprint: k.fingerprint });
      return k.id;
    };
    const buyerAge = await add('北方收购集团', buyer.age);
    await add('北方收购集团', formatPublicKey(buyer.sign));
    await add('南方竞买公司', bidder.age);
    await add('南方竞买公司', formatPublicKey(bidder.sign));
    const h = await seller.call<HandoverDetail>('handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
    await seller.call('handovers.update', { id: h.id, patch: { recipientKeys: [buyerAge] } });
    // As if the package had gone out to the buyer's key (the export itself is tested elsewhere; this is about the receipt).
    const packageId = 'PKG-20261129-0001';
    const checksum = 'cd'.repeat(64);
    seller.core.openVaultForTests!.db.prepare("UPDATE handovers SET status = 'exported', package = ? WHERE id = ?").run(JSON.stringify({
      packageId, checksum, checksumAlg: 'blake2b512', senderFingerprint: 'X', file: 'HO.handover', at: '2026-11-29T00:00:00Z', by: ADMIN.userName, clients: 0, documents: 0, completeness: 1,
    }), h.id);
    const receipt = (key: SigningKey, name: string, receiverKey = fingerprint(key.publicKey)) => {
      const body = `${JSON.stringify({ type: 'handover-receipt', version: 1, packageId, handoverId: h.ref, payloadBlake2b512: checksum, receivedBy: '北方收购集团', receivedAt: '2026-11-29T10:00:00Z', receiverKey }, null, 2)}\n`;
      const file = join(tempDir(), name);
      writeFileSync(file, `${body}-----BEGIN MINISIGN-----\n${signDigest(key, blake2b512(Buffer.from(body)), `handover-receipt package=${packageId}`)}`);
      return file;
    };
    const forged = receipt(bidder.sign, 'bidder.receipt');
    const logSize = () => seller.core.openVaultForTests!.db.prepare('SELECT count(*) FROM access_log').pluck().get() as number;

    seller.answers.chooseKeyFile = [forged];
    await seller.call('dialog.chooseKeyFile', { kind: 'receipt' });
    const before = logSize();
    const refused = await seller.core.handle('handovers.importReceipt', { id: h.id, file: forged });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RECEIPT_WRONG_SIGNER', details: { fingerprint: fingerprint(bidder.sign.publicKey), label: '南方竞买公司', buyer: '北方收购集团' } } });
    if (refused.ok) throw new Error('refused');
    expect(formatError('zh-CN', refused.error.code, refused.error.details)).toContain(`此回执由密钥 ${fingerprint(bidder.sign.publicKey)} 签名`);
    expect(await seller.call<HandoverDetail>('handovers.get', { id: h.id })).toMatchObject({ status: 'exported', receipt: null });
    expect(logSize()).toBe(before);

    // A stranger's receipt claims whatever it likes as its key: the refusal does not repeat the sender's words.
    const words = `请致电 400-000-0000 核验 ${'x'.repeat(2000)}`;
    const stranger = receipt(generateSigningKey(), 'stranger.receipt', words);
    seller.answers.chooseKeyFile = [stranger];
    await seller.call('dialog.chooseKeyFile', { kind: 'receipt' });
    const strangers = await seller.core.handle('handovers.importReceipt', { id: h.id, file: stranger });
    expect(strangers).toMatchObject({ ok: false, error: { code: 'RECEIPT_WRONG_SIGNER', details: { fingerprint: '?' } } });
    if (strangers.ok) throw new Error('refused');
    expect(formatError('zh-CN', strangers.error.code, strangers.error.details)).not.toContain('400-000-0000');

    // The same through the CLI (`receipt import`), in Chinese: exit 5, the fingerprint named, nothing recorded.
    seller.core.dispose();
    const env = { PATH: process.env.PATH ?? '', HOME: tempDir(), HANDOVER_VAULT: seller.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase, HANDOVER_LANG: 'zh_CN' };
    const cli = (file: string) => spawnSync(process.execPath, [TEST_CLI, 'receipt', 'import', file], { env, encoding: 'utf8' });
    const byCli = cli(forged);
    expect(byCli.status).toBe(5);
    expect(byCli.stderr).toContain(`此回执由密钥 ${fingerprint(bidder.sign.publicKey)} 签名`);
    expect(byCli.stderr).toContain('未记录任何内容');

    const accepted = cli(receipt(buyer.sign, 'buyer.receipt'));
    expect(accepted.stderr).toBe('');
    expect(accepted.status).toBe(0);
    const reopened = new HandoverCore({ appDataDir: seller.appDataDir, platform: queuedPlatform({}), emit: () => undefined, testOnlyKdf: TEST_KDF });
    expect(await reopened.handle('vault.unlock', ADMIN)).toMatchObject({ ok: true });
    expect(await reopened.handle('handovers.get', { id: h.id })).toMatchObject({ ok: true, value: { status: 'acknowledged', receipt: { receivedBy: '北方收购集团', receiverKey: fingerprint(buyer.sign.publicKey) } } });
    reopened.dispose();
  }, 120_000);
});
