import { describe, expect, it } from 'vitest';
import type { AuditVerdict } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * The attack: the channels that run with no vault (verify an audit export, open a package — the unlock
 * screen's verify view) read and write only paths picked in a dialog. An administrator picks a folder and
 * exports the access log into it, then locks and walks away. The page on the unlock screen — anyone at the
 * keyboard, or a compromised renderer — names that folder: it was picked, but by someone else, in a session
 * that has ended. A lock forgets what the session picked; what is picked afterwards works as before.
 */
describe('attack: using what the previous session picked, from the unlock screen', () => {
  it('refuses the administrator\'s picked folder after the lock with PATH_NOT_ALLOWED, and verifies it once picked again', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    h.answers.chooseFolder = [tempDir()];
    const parent = await h.call<{ path: string }>('dialog.chooseAuditFolder', { purpose: 'audit-export' });
    const { dir } = await h.call<{ dir: string }>('audit.export', { jobId: 'audit-export-1', dir: parent.path });
    // While the session lasts, "verify this export" reads the folder it just made.
    expect(await h.call<AuditVerdict>('audit.verifyExport', { dir })).toMatchObject({ ok: true });
    await h.call('vault.lock');

    for (const path of [dir, parent.path]) {
      expect(await h.core.handle('audit.verifyExport', { dir: path })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
      expect(await h.core.handle('packages.openFile', { jobId: 'job-open-1', file: path, identityFile: path, outDir: path })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
      expect(await h.core.handle('vault.create', { dir: path, userName: 'Mallory', passphrase: 'a passphrase of my own 2026' })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    }

    // Picked on the unlock screen by whoever is there now: verified.
    h.answers.chooseFolder = [dir];
    await h.call('dialog.chooseToVerify', { kind: 'audit-export' });
    expect(await h.call<AuditVerdict>('audit.verifyExport', { dir })).toMatchObject({ ok: true, signature: 'ok' });
  });
});
