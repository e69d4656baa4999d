import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';

async function vaultWithBackup() {
  const h = makeCore();
  const { recoveryKey } = await h.call<{ recoveryKey: string }>('vault.create', { dir: h.vaultDir, ...ADMIN });
  await h.call('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
  const out = join(tempDir(), 'vault.hvbackup');
  h.answers.chooseSaveTarget = [out];
  const { backup } = await h.call<{ backup: { path: string; bytes: number; sha256: string } }>('vault.backup', { jobId: 'backup-1' });
  return { ...h, recoveryKey, backup };
}

/** Pick the backup file and an empty target folder the way the UI does: through the dialogs. */
async function pickRestore(h: Awaited<ReturnType<typeof vaultWithBackup>>, from: string, to: string) {
  h.answers.chooseBackupFile = [from];
  h.answers.chooseRestoreFolder = [to];
  await h.call('dialog.chooseBackupFile');
  await h.call('dialog.chooseRestoreFolder');
}

describe('backup and restore', () => {
  it('backs up to one encrypted file, with progress, and restores with a passphrase into a new folder', async () => {
    const h = await vaultWithBackup();
    expect(h.backup.bytes).toBeGreaterThan(4096);
    // The recorded SHA-256 is the file's, as sha256sum sees it.
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('sha256sum', [h.backup.path], { encoding: 'utf8' }).split(' ')[0]).toBe(h.backup.sha256);
    expect(h.events.some((e) => e.type === 'job.progress' && e.jobId === 'backup-1' && e.done === e.total)).toBe(true);
    const to = join(tempDir(), 'restored');
    await pickRestore(h, h.backup.path, to);
    const { dir } = await h.call<{ dir: string }>('vault.restore', {
      jobId: 'restore-1', from: h.backup.path, to, credential: { kind: 'passphrase', ...STAFF },
    });
    expect(dir).toBe(to);
    // the app now points at the restored vault, locked
    const info = await h.call<{ vaultDir: string; state: string }>('app.info');
    expect(info).toMatchObject({ vaultDir: to, state: 'locked' });
    await h.call('vault.unlock', ADMIN);
    const sec = await h.call<{ users: { name: string }[]; recentLog: { action: string }[] }>('vault.security');
    expect(sec.users.map((u) => u.name)).toEqual([ADMIN.userName, STAFF.userName]);
    expect(sec.recentLog.map((e) => e.action)).toContain('vault.restore');
  });

  it('restores with the recovery key alone', async () => {
    const h = await vaultWithBackup();
    const to = join(tempDir(), 'restored');
    await pickRestore(h, h.backup.path, to);
    await h.call('vault.restore', { jobId: 'restore-2', from: h.backup.path, to, credential: { kind: 'recovery', recoveryKey: h.recoveryKey } });
    await h.call('vault.unlock', STAFF);
  });

  it('refuses a wrong passphrase, a damaged file and a non-empty folder, and writes nothing', async () => {
    const h = await vaultWithBackup();
    const parent = tempDir();
    const to = join(parent, 'restored');
    await pickRestore(h, h.backup.path, to);
    await expect(h.call('vault.restore', { jobId: 'r-wrong', from: h.backup.path, to, credential: { kind: 'passphrase', userName: STAFF.userName, passphrase: 'not the right one at all' } }))
      .rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(readdirSync(parent)).toEqual([]);

    // One flipped bit anywhere in the database pages: the page's Poly1305 tag no longer matches.
    const original = readFileSync(h.backup.path);
    const damaged = join(dirname(h.backup.path), 'damaged.hvbackup');
    const dbStart = original.length - (await import('node:fs')).statSync(join(h.vaultDir, 'vault.db')).size;
    for (const offset of [dbStart + 50, dbStart + 5000, original.length - 100, original.length - 1]) {
      const bytes = Buffer.from(original);
      bytes[offset]! ^= 0x01;
      writeFileSync(damaged, bytes);
      await pickRestore(h, damaged, to);
      await expect(h.call('vault.restore', { jobId: `r-damaged-${offset}`, from: damaged, to, credential: { kind: 'passphrase', ...STAFF } }), `offset ${offset}`)
        .rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    }
    writeFileSync(damaged, original.subarray(0, 1000));
    await expect(h.call('vault.restore', { jobId: 'r-trunc', from: damaged, to, credential: { kind: 'passphrase', ...STAFF } }))
      .rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    expect(readdirSync(parent)).toEqual([]);

    // the live vault folder is not empty: restoring over it is refused
    await pickRestore(h, h.backup.path, h.vaultDir);
    await expect(h.call('vault.restore', { jobId: 'r-full', from: h.backup.path, to: h.vaultDir, credential: { kind: 'passphrase', ...STAFF } }))
      .rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
  });

  it('a cancelled restore leaves nothing behind', async () => {
    const h = await vaultWithBackup();
    const parent = tempDir();
    const to = join(parent, 'restored');
    await pickRestore(h, h.backup.path, to);
    const running = h.core.handle('vault.restore', { jobId: 'r-cancel', from: h.backup.path, to, credential: { kind: 'passphrase', ...STAFF } });
    await h.call('job.cancel', { jobId: 'r-cancel' });
    const result = await running;
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(existsSync(to)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a backup dialog closed without a file does nothing', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    expect(await h.call('vault.backup', { jobId: 'b-none' })).toEqual({ backup: null });
  });

  it('refuses paths the user did not pick', async () => {
    const h = await vaultWithBackup();
    await expect(h.call('vault.restore', { jobId: 'r-path', from: h.backup.path, to: '/tmp/elsewhere', credential: { kind: 'recovery', recoveryKey: h.recoveryKey } }))
      .rejects.toMatchObject({ code: 'PATH_NOT_ALLOWED' });
  });
});
