import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecipient } from '../../electron/core/formats/age';
import { fingerprint, formatPublicKey, generateSigningKey } from '../../electron/core/formats/minisign';
import { makeBag } from '../../electron/core/formats/bagit';
import { writePackage } from '../../electron/core/packages/package';
import { makeCore } from '../helpers/core';
import { resignPackage } from '../helpers/resign';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';


describe('handover package import (built CLI): only from a sender key the vault verified', () => {
  it('refuses a forgery and a re-signed package with SENDER_NOT_VERIFIED naming the fingerprint, imports the real one once its key is verified', async () => {
    const buyer = makeCore();
    await buyer.call('vault.create', { dir: buyer.vaultDir, ...ADMIN });
    const recipient = parseRecipient((await buyer.call<{ ageRecipient: string }>('keys.show')).ageRecipient)!;
    const env = { PATH: process.env.PATH ?? '', HOME: tempDir(), HANDOVER_VAULT: buyer.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase, HANDOVER_LANG: 'en' };
    const importWithCli = (file: string) => {
      const r = spawnSync(process.execPath, [TEST_CLI, 'package', 'import', file, '--json'], { env, encoding: 'utf8' });
      return { code: r.status, out: JSON.parse(r.stdout) as { ok: boolean; value?: { imported: number }; error?: { code: string; details?: { fingerprint?: string } } } };
    };

    const seller = generateSigningKey();
    const outsider = generateSigningKey();
    const bag = makeBag([{ path: 'clients.json', data: Buffer.from(JSON.stringify([{
      code: 'S-1', name: '东方精密', type: 'company', industry: '', region: '华东', city: '', address: '', owner: '', department: '', importance: '', tags: [],
      cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
    }])) }], [['External-Identifier', 'HO-1']]);
    const real = (await writePackage(bag, [recipient], seller, { handoverId: 'HO-1', created: '2026-11-22T00:00:00Z' })).bytes;
    const dir = tempDir();
    writeFileSync(join(dir, 'real.handover'), real);
    writeFileSync(join(dir, 'resigned.handover'), resignPackage(real, outsider));

    const unknown = importWithCli(join(dir, 'real.handover'));
    expect(unknown.code).not.toBe(0);
    expect(unknown.out.error).toMatchObject({ code: 'SENDER_NOT_VERIFIED', details: { fingerprint: fingerprint(seller.publicKey) } });

    // The seller's key, added and verified (as `handover keys add` + `keys verify` do).
    const keys = await buyer.call<{ id: number; fingerprint: string }[]>('keys.addCounterparty', { label: '卖方', key: formatPublicKey(seller) });
    await buyer.call('keys.verifyCounterparty', { id: keys[0]!.id, how: 'phone', fingerprint: keys[0]!.fingerprint });
    buyer.core.dispose();

    const resigned = importWithCli(join(dir, 'resigned.handover'));
    expect(resigned.out.error).toMatchObject({ code: 'SENDER_NOT_VERIFIED', details: { fingerprint: fingerprint(outsider.publicKey) } });
    const imported = importWithCli(join(dir, 'real.handover'));
    expect(imported.code).toBe(0);
    expect(imported.out.value).toMatchObject({ imported: 1 });
  });
});
