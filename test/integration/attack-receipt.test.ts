import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scopedVault } from '../helpers/scoped-vault';
import { tempDir } from '../helpers/temp';

/**
 * Receipts come from the buyer: an untrusted file. Two attacks on taking one in, as a 华东-only user:
 * a "receipt" of 3 GiB (sparse: no disk is used) that the app would read whole into memory, and a
 * receipt naming the package of another region's handover, whose id the lookup would hand back —
 * an existence oracle for a handover this user cannot list.
 */
describe('attack: hostile receipts', () => {
  it('refuses a huge receipt in words before reading it, and finds only handovers the user can see', async () => {
    const v = await scopedVault();
    const { h } = v;
    const dir = tempDir();
    const huge = join(dir, 'huge.receipt');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
    // As if the administrator had exported the 华南 handover's package (the export itself is not the point here).
    const packageId = 'PKG-20261122-0001';
    h.core.openVaultForTests!.db.prepare('UPDATE handovers SET package = ? WHERE id = ?').run(JSON.stringify({
      packageId, checksum: 'ab'.repeat(64), checksumAlg: 'blake2b512', senderFingerprint: 'X', file: 'x.handover', at: '2026-11-22T00:00:00Z', by: 'Alice Admin',
    }), v.outOfScope.handover);
    const naming = join(dir, 'south.receipt');
    writeFileSync(naming, `${JSON.stringify({ type: 'handover-receipt', packageId })}\n-----BEGIN MINISIGN-----\n`);
    const nowhere = join(dir, 'nowhere.receipt');
    writeFileSync(nowhere, `${JSON.stringify({ type: 'handover-receipt', packageId: 'PKG-20000101-0000' })}\n-----BEGIN MINISIGN-----\n`);
    h.answers.choosePackageFile = [huge, naming, nowhere];
    for (let i = 0; i < 3; i++) await h.call('dialog.choosePackageFile');
    expect(await h.core.handle('handovers.receiptHandover', { file: huge })).toMatchObject({ ok: false, error: { code: 'RECEIPT_INVALID', details: { reason: 'format' } } });
    expect(await h.core.handle('handovers.importReceipt', { id: v.inScope.handover, file: huge })).toMatchObject({ ok: false, error: { code: 'RECEIPT_INVALID', details: { reason: 'format' } } });
    // The 华南 handover's receipt answers exactly like a receipt for no handover at all.
    const outside = await h.core.handle('handovers.receiptHandover', { file: naming });
    expect(outside).toEqual(await h.core.handle('handovers.receiptHandover', { file: nowhere }));
    expect(outside).toMatchObject({ ok: false, error: { code: 'RECEIPT_INVALID' } });
  });
});
