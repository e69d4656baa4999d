import { closeSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditVerdict } from '../../shared/contract';
import { formatError } from '../../shared/i18n/errors';
import { AUDIT_LOG_MAX, AUDIT_SMALL_FILE_MAX } from '../../electron/core/audit/verify';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

/** A file of this many bytes that takes no disk: the reader sees them all (zeros). */
function sparse(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

/**
 * The attack: an "access-log export" handed to an auditor, verified from the unlock screen with no vault (or
 * with `handover audit verify`). Its audit.jsonl, checkpoint.txt or the public key picked beside it is
 * gigabytes (sparse: no disk used): the verifier read each file whole into the app's main process — a
 * checkpoint of 2 GB as one string, a log of any size into one shared buffer. Each is now sized first and
 * refused in words, naming the file, before a byte is read; the app keeps answering, and a real export still
 * verifies.
 */
describe('attack: a hostile access-log export, verified with no vault', () => {
  it('refuses oversized files by name before reading them, keeps answering, and still verifies the real export', async () => {
    const seller = makeCore();
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    seller.answers.chooseFolder = [tempDir()];
    const parent = await seller.call<{ path: string }>('dialog.chooseAuditFolder', { purpose: 'audit-export' });
    const { dir } = await seller.call<{ dir: string }>('audit.export', { jobId: 'audit-export-1', dir: parent.path });
    seller.core.dispose();

    const auditor = makeCore();
    const pick = async (folder: string) => {
      auditor.answers.chooseFolder = [folder];
      await auditor.call('dialog.chooseToVerify', { kind: 'audit-export' });
    };
    const hostile = (name: string, bytes: number) => {
      const folder = tempDir();
      for (const f of ['audit.jsonl', 'audit.jsonl.minisig', 'checkpoint.txt', 'vault.pub']) writeFileSync(join(folder, f), readFileSync(join(dir, f)));
      sparse(join(folder, name), bytes);
      return folder;
    };

    const cases: [string, number][] = [['audit.jsonl', AUDIT_LOG_MAX + 1], ['checkpoint.txt', 2 * 1024 ** 3], ['vault.pub', AUDIT_SMALL_FILE_MAX + 1]];
    for (const [name, bytes] of cases) {
      const folder = hostile(name, bytes);
      await pick(folder);
      const r = await auditor.core.handle('audit.verifyExport', { dir: folder });
      expect(r).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
      if (r.ok) throw new Error('refused');
      expect(formatError('zh-CN', r.error.code, r.error.details)).toContain(name);
      expect(formatError('en', r.error.code, r.error.details)).toContain(name);
    }
    // An earlier checkpoint the auditor picks that is no checkpoint at all, but 2 GB.
    const heldFile = join(tempDir(), 'earlier-checkpoint.txt');
    sparse(heldFile, 2 * 1024 ** 3);
    auditor.answers.chooseKeyFile = [heldFile];
    await auditor.call('dialog.chooseToVerify', { kind: 'checkpoint' });
    await pick(dir);
    expect(await auditor.core.handle('audit.verifyExport', { dir, checkpointFile: heldFile })).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });

    // Still answering; the real export verifies.
    expect(await auditor.core.handle('app.info', {})).toMatchObject({ ok: true });
    expect(await auditor.call<AuditVerdict>('audit.verifyExport', { dir })).toMatchObject({ ok: true, signature: 'ok', problem: null });
  });
});
