import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CONTRACT, type AuditVerdict, type PackageVerdict } from '../../shared/contract';
import { generateIdentity } from '../../electron/core/formats/age';
import { makeBag } from '../../electron/core/formats/bagit';
import { formatPublicKey, generateSigningKey } from '../../electron/core/formats/minisign';
import { indexTar } from '../../electron/core/formats/tar';
import { writePackage } from '../../electron/core/packages/package';
import { samples } from '../helpers/channel-samples';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * Issue 14: what an auditor or a buyer is handed is checked through the router, with no vault at all
 * (the CLI's `audit verify` and `package verify` are these calls): the files are picked as in a dialog,
 * then a public channel reads them.
 */
/** Every channel that answers with nobody signed in, and why: a new one must be added here on purpose. */
const WITHOUT_A_SESSION = {
  // Getting into a vault (or making one): language, folders, create, open, unlock, recover, restore, cancel its job.
  start: ['app.info', 'app.setLanguage', 'dialog.chooseVaultFolder', 'dialog.chooseBackupFile', 'dialog.chooseRestoreFolder',
    'vault.create', 'vault.open', 'vault.unlock', 'vault.recover', 'vault.restore', 'job.cancel'],
  // What an auditor or a buyer's reviewer was handed (the verify screen before unlock, `audit verify`, `package verify|open`).
  verify: ['dialog.chooseToVerify', 'audit.verifyExport', 'packages.verifyFile', 'packages.openFile'],
};

describe('verifying with no vault, through public channels', () => {
  it('answers exactly the declared channels without a session; the in-vault checks stay locked', async () => {
    expect(CHANNEL_NAMES.filter((c) => CONTRACT[c].access === 'public').sort()).toEqual([...WITHOUT_A_SESSION.start, ...WITHOUT_A_SESSION.verify].sort());
    // A vault exists and is locked (the unlock screen): its own verify and receive channels say so.
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('vault.lock');
    for (const channel of ['audit.verify', 'packages.inspect', 'dialog.chooseAuditFolder', 'dialog.choosePackageFile', 'dialog.chooseKeyFile'] as const) {
      expect(await h.core.handle(channel, samples[channel]), channel).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
    h.answers.chooseFolder = [tempDir()];
    expect(await h.core.handle('dialog.chooseToVerify', { kind: 'audit-export' })).toMatchObject({ ok: true });
  });

  it('verifies an audit export, names a tampered one, and reads only what was picked', async () => {
    const seller = makeCore();
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    seller.answers.chooseFolder = [tempDir()];
    const parent = await seller.call<{ path: string }>('dialog.chooseAuditFolder', { purpose: 'audit-export' });
    const { dir } = await seller.call<{ dir: string }>('audit.export', { jobId: 'audit-export-1', dir: parent.path });
    seller.core.dispose();

    const auditor = makeCore();
    expect(await auditor.core.handle('audit.verifyExport', { dir })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    auditor.answers.chooseFolder = [dir];
    await auditor.call('dialog.chooseToVerify', { kind: 'audit-export' });
    auditor.answers.chooseKeyFile = [join(dir, 'vault.pub')];
    await auditor.call('dialog.chooseToVerify', { kind: 'public-key' });
    const verdict = await auditor.call<AuditVerdict>('audit.verifyExport', { dir, publicKeyFile: join(dir, 'vault.pub') });
    expect(verdict).toMatchObject({ ok: true, signature: 'ok', keyConfirmed: true, problem: null });

    const log = join(dir, 'audit.jsonl');
    writeFileSync(log, readFileSync(log, 'utf8').replace('"vault.create"', '"vault.created"'));
    expect(await auditor.call<AuditVerdict>('audit.verifyExport', { dir })).toMatchObject({ ok: false, problem: { kind: 'edited', line: 1 } });
  });

  it('verifies a package, and refuses one from another signer or with a changed byte, naming the reason', async () => {
    const sender = generateSigningKey();
    const bag = makeBag([{ path: 'clients.json', data: Buffer.from('[{"code":"E-001","name":"东方精密"}]\n') }], [['External-Identifier', 'HO-7']]);
    const { bytes } = await writePackage(bag, [generateIdentity().publicKey], sender, { handoverId: 'HO-7', created: '2026-11-22T10:00:00Z' });
    const dir = tempDir();
    const file = join(dir, 'x.handover');
    writeFileSync(file, bytes);
    const otherKey = join(dir, 'other.pub');
    writeFileSync(otherKey, formatPublicKey(generateSigningKey()));

    const buyer = makeCore();
    expect(await buyer.core.handle('packages.verifyFile', { file })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    buyer.answers.choosePackageFile = [file];
    await buyer.call('dialog.chooseToVerify', { kind: 'package' });
    expect(await buyer.call<PackageVerdict>('packages.verifyFile', { file })).toMatchObject({ ok: true, refusal: null, info: { handoverId: 'HO-7', senderKeyConfirmed: false } });

    buyer.answers.chooseKeyFile = [otherKey];
    await buyer.call('dialog.chooseToVerify', { kind: 'public-key' });
    expect(await buyer.call<PackageVerdict>('packages.verifyFile', { file, senderKeyFile: otherKey })).toMatchObject({ ok: false, info: null, refusal: { reason: 'wrong-signer' } });

    // One bit of the encrypted payload flipped: its signed BLAKE2b-512 no longer matches.
    const damaged = Buffer.from(bytes);
    const payload = indexTar((p, n) => damaged.subarray(p, p + n), damaged.length).find((e) => e.path === 'payload.tar.age')!;
    damaged[payload.offset + Math.floor(payload.size / 2)]! ^= 1;
    writeFileSync(file, damaged);
    expect(await buyer.call<PackageVerdict>('packages.verifyFile', { file })).toMatchObject({ ok: false, refusal: { reason: 'bad-signature' } });
  });
});
