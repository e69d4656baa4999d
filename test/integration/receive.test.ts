import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecipient } from '../../electron/core/formats/age';
import { blake2b512, fingerprint, formatPublicKey, generateSigningKey, parsePublicKey, parseSignature, verifyParsed } from '../../electron/core/formats/minisign';
import { makeBag } from '../../electron/core/formats/bagit';
import { writePackage } from '../../electron/core/packages/package';
import { makeCore } from '../helpers/core';
import { resignPackage } from '../helpers/resign';
import { ADMIN, tempDir } from '../helpers/temp';

const client = (code: string, name: string) => ({
  code, name, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '', owner: '张伟', department: '', importance: '',
  tags: ['重点'], cooperationStart: '2020-01-01', annualRevenue: 1_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null,
  notes: '', contacts: [{ name: '王芳', title: '', phones: ['+8613800138000'], emails: [] }],
});

describe('receiving a handover package (buyer side)', () => {
  it('shows who signed it and for whom before decrypting, imports clients and documents as a segment, and writes a signed receipt', async () => {
    const buyer = makeCore();
    await buyer.call('vault.create', { dir: buyer.vaultDir, ...ADMIN });
    await buyer.call('clients.create', client('B-1', '已有客户'));
    const keys = await buyer.call<{ ageRecipient: string; minisignPublicKey: string }>('keys.show');

    // The seller's side, with the format layer: two clients (one code the buyer already has) and a document.
    const sender = generateSigningKey();
    const rows = [client('S-1', '东方精密'), client('B-1', '冲突客户')];
    const bag = makeBag([
      { path: 'clients.json', data: Buffer.from(JSON.stringify(rows)) },
      { path: 'documents/S-1/合同.pdf', data: Buffer.from('%PDF-1.4 contract') },
    ], [['External-Identifier', 'HO-1']]);
    const { bytes, meta } = await writePackage(bag, [parseRecipient(keys.ageRecipient)!], sender, { handoverId: 'HO-1', created: '2026-11-22T00:00:00Z' });
    const file = join(tempDir(), 'seller.handover');
    writeFileSync(file, bytes);

    buyer.answers.choosePackageFile = [file];
    await buyer.call('dialog.choosePackageFile');
    expect(await buyer.call('packages.inspect', { file, jobId: 'job-inspect' })).toMatchObject({ knownSigner: null });
    // The seller's key, entered and verified by reading the fingerprint back on the phone.
    const [added] = await buyer.call<{ id: number; fingerprint: string; verifiedAt: string | null }[]>('keys.addCounterparty', { label: '卖方', key: formatPublicKey(sender) });
    expect(added!.verifiedAt).toBeNull();
    expect(await buyer.call('packages.inspect', { file, jobId: 'job-inspect' })).toMatchObject({ knownSigner: { label: '卖方', verified: false } });
    await expect(buyer.call('keys.verifyCounterparty', { id: added!.id, how: 'phone', fingerprint: '0000 1111' })).rejects.toMatchObject({ code: 'FINGERPRINT_MISMATCH' });
    await buyer.call('keys.verifyCounterparty', { id: added!.id, how: 'phone', fingerprint: added!.fingerprint.toLowerCase().replace(/ /g, '') });
    const info = await buyer.call<{ packageId: string; forThisVault: boolean; recipientCount: number }>('packages.inspect', { file, jobId: 'job-inspect' });
    expect(info).toMatchObject({ packageId: meta.packageId, forThisVault: true, recipientCount: 1, knownSigner: { label: '卖方', verified: true } });
    await expect(buyer.call('keys.addCounterparty', { label: 'x', key: 'not a key' })).rejects.toMatchObject({ code: 'KEY_UNREADABLE' });
    const preview = await buyer.call<{ clients: number; files: { path: string }[] }>('packages.preview', { file, jobId: 'job-preview' });
    expect(preview.clients).toBe(2);
    expect(preview.files.map((f) => f.path)).toContain('documents/S-1/合同.pdf');

    const result = await buyer.call<{ imported: number; documents: number; skipped: string[]; tag: string }>('packages.import', { file, jobId: 'job-import' });
    expect(result).toMatchObject({ imported: 1, documents: 1, skipped: ['B-1'], tag: 'handover:HO-1' });
    const segment = await buyer.call<{ rows: { code: string }[] }>('clients.search', { tag: 'handover:HO-1' });
    expect(segment.rows.map((r) => r.code)).toEqual(['S-1']);
    const docs = await buyer.call<{ name: string }[]>('documents.list', { clientId: (await buyer.call<{ rows: { id: number }[] }>('clients.search', { text: 'S-1' })).rows[0]!.id });
    expect(docs.map((d) => d.name)).toEqual(['合同.pdf']);

    const out = join(tempDir(), 'seller.receipt');
    buyer.answers.chooseSaveTarget = [out];
    const receipt = await buyer.call<{ path: string }>('packages.receipt', { file, jobId: 'job-receipt', organisation: '买方有限公司' });
    const [body, sig] = readFileSync(receipt.path, 'utf8').split('-----BEGIN MINISIGN-----\n') as [string, string];
    expect(JSON.parse(body)).toMatchObject({ type: 'handover-receipt', packageId: meta.packageId, receivedBy: '买方有限公司' });
    expect(verifyParsed(parsePublicKey(keys.minisignPublicKey), parseSignature(sig), { digest: blake2b512(Buffer.from(body)) }).ok).toBe(true);

    // A package for someone else is named as such, and nothing is imported.
    const stranger = await writePackage(bag, [parseRecipient('age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p')!], sender, { handoverId: 'HO-2', created: '2026-11-22T00:00:00Z' });
    const other = join(tempDir(), 'other.handover');
    writeFileSync(other, stranger.bytes);
    buyer.answers.choosePackageFile = [other];
    await buyer.call('dialog.choosePackageFile');
    expect(await buyer.call('packages.inspect', { file: other, jobId: 'job-inspect' })).toMatchObject({ forThisVault: false });
    await expect(buyer.call('packages.import', { file: other, jobId: 'job-import' })).rejects.toMatchObject({ code: 'PACKAGE_REFUSED', details: { reason: 'not-for-us' } });
    const log = await buyer.call<{ rows: { action: string }[] }>('audit.query', { filter: { action: 'package.' } });
    expect(log.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['package.inspect', 'package.open', 'package.import', 'package.receipt']));
  });
  it('imports and signs receipts only for packages whose signer this vault verified: a forgery and a re-signed package are refused, nothing written', async () => {
    const buyer = makeCore();
    await buyer.call('vault.create', { dir: buyer.vaultDir, ...ADMIN });
    const keys = await buyer.call<{ ageRecipient: string }>('keys.show');
    const recipient = parseRecipient(keys.ageRecipient)!;
    const dir = tempDir();
    const save = (name: string, bytes: Buffer) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    const clientCount = async () => (await buyer.call<{ total: number }>('clients.search', {})).total;
    const refusedFor = (signer: string) => ({ code: 'SENDER_NOT_VERIFIED', details: { fingerprint: signer } });

    // An outsider who knows only the buyer's public age recipient: the package verifies on its own, and is previewable.
    const outsider = generateSigningKey();
    const fakeBag = makeBag([
      { path: 'clients.json', data: Buffer.from(JSON.stringify([client('F-1', '假客户')])) },
      { path: 'documents/F-1/假合同.pdf', data: Buffer.from('%PDF-1.4 fake') },
    ], [['External-Identifier', 'HO-X']]);
    const forged = save('forged.handover', (await writePackage(fakeBag, [recipient], outsider, { handoverId: 'HO-X', created: '2026-11-22T00:00:00Z' })).bytes);
    buyer.answers.choosePackageFile = [forged];
    await buyer.call('dialog.choosePackageFile');
    expect(await buyer.call('packages.inspect', { file: forged, jobId: 'job-inspect' })).toMatchObject({ knownSigner: null, senderFingerprint: fingerprint(outsider.publicKey), senderKey: formatPublicKey(outsider).trim() });
    expect(await buyer.call('packages.preview', { file: forged, jobId: 'job-preview' })).toMatchObject({ clients: 1 });
    await expect(buyer.call('packages.import', { file: forged, jobId: 'job-import' })).rejects.toMatchObject(refusedFor(fingerprint(outsider.publicKey)));
    buyer.answers.chooseSaveTarget = [join(dir, 'forged.receipt')];
    await expect(buyer.call('packages.receipt', { file: forged, jobId: 'job-receipt', organisation: '买方' })).rejects.toMatchObject(refusedFor(fingerprint(outsider.publicKey)));
    expect(existsSync(join(dir, 'forged.receipt'))).toBe(false);
    expect(await clientCount()).toBe(0);

    // The real seller's package, and the same payload re-signed by the outsider.
    const seller = generateSigningKey();
    const realBag = makeBag([{ path: 'clients.json', data: Buffer.from(JSON.stringify([client('S-1', '东方精密')])) }], [['External-Identifier', 'HO-1']]);
    const realBytes = (await writePackage(realBag, [recipient], seller, { handoverId: 'HO-1', created: '2026-11-22T00:00:00Z' })).bytes;
    const real = save('real.handover', realBytes);
    const resigned = save('resigned.handover', resignPackage(realBytes, outsider));
    buyer.answers.choosePackageFile = [real, resigned];
    await buyer.call('dialog.choosePackageFile');
    await buyer.call('dialog.choosePackageFile');

    // A key on file but not verified is not enough; the refusal names its label.
    const added = await buyer.call<{ id: number; label: string; fingerprint: string }[]>('keys.addCounterparty', { label: '卖方', key: formatPublicKey(seller) });
    const onFile = added.find((k) => k.label === '卖方')!;
    await expect(buyer.call('packages.import', { file: real, jobId: 'job-import' })).rejects.toMatchObject({ code: 'SENDER_NOT_VERIFIED', details: { fingerprint: onFile.fingerprint, label: '卖方' } });
    await buyer.call('keys.verifyCounterparty', { id: onFile.id, how: 'phone', fingerprint: onFile.fingerprint });

    expect(await buyer.call('packages.inspect', { file: resigned, jobId: 'job-inspect' })).toMatchObject({ knownSigner: null, senderFingerprint: fingerprint(outsider.publicKey) });
    await expect(buyer.call('packages.import', { file: resigned, jobId: 'job-import' })).rejects.toMatchObject(refusedFor(fingerprint(outsider.publicKey)));
    expect(await clientCount()).toBe(0);

    expect(await buyer.call('packages.import', { file: real, jobId: 'job-import' })).toMatchObject({ imported: 1 });
    expect(await clientCount()).toBe(1);
    const log = await buyer.call<{ rows: { action: string }[] }>('audit.query', { filter: { action: 'package.import' } });
    expect(log.rows).toHaveLength(1);
  });
});
