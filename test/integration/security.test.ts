import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../shared/audit/actions';
import { appendLog, verifyLogChain } from '../../electron/core/audit/store';
import { checkVault } from '../../electron/core/vault/check';
import { openEncryptedDb } from '../../electron/core/db/database';
import { addUser } from '../../electron/core/users/service';
import { createVault, lockVault, unlockVault } from '../../electron/core/vault/vault';
import { backupVault } from '../../electron/core/vault/backup';
import { silentJob } from '../../electron/core/jobs/jobs';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_KDF } from '../helpers/test-kdf';
import { testChild } from '../helpers/cli-bins';

const now = () => new Date();
const CANARIES = ['CANARY-d41d8cd98f00b204', '金丝雀-机密客户-张伟', 'canary@example-secret.cn'];

/** Every file in the folder, raw, searched for each canary in UTF-8 and UTF-16LE. */
function leaks(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name));
    for (const c of CANARIES) {
      if (bytes.includes(Buffer.from(c, 'utf8')) || bytes.includes(Buffer.from(c, 'utf16le'))) found.push(`${name}: ${c}`);
    }
  }
  return found;
}

describe('nothing readable at rest', () => {
  it('the database, its WAL and a backup contain none of the canary strings', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    await addUser(vault, { name: CANARIES[1]!, role: 'staff', passphrase: 'some long staff passphrase' }, now);
    vault.db.transaction(() => {
      for (let i = 0; i < 200; i++) appendLog(vault.db, { actor: ADMIN.userName, action: 'test.write' as AuditAction, target: CANARIES[0]!, details: { email: CANARIES[2]! } }, now());
    }).immediate();
    // while open: the WAL holds the recent pages
    expect(existsSync(join(dir, 'vault.db-wal'))).toBe(true);
    expect(leaks(dir)).toEqual([]);
    const out = tempDir();
    await backupVault(vault, join(out, 'b.hvbackup'), silentJob(), now);
    expect(leaks(out)).toEqual([]);
    lockVault(vault, 'test', now);
    expect(leaks(dir)).toEqual([]);
    // and the header is not SQLite's plaintext magic
    expect(readFileSync(join(dir, 'vault.db')).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('after kill -9 in the middle of writes: no canary on disk, and the vault opens consistent', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    lockVault(vault, 'test', now);
    const child = spawn(process.execPath, [testChild('writer-child'), dir, ADMIN.userName, ADMIN.passphrase, CANARIES[0]!], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && resolve());
      child.on('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(leaks(dir)).toEqual([]);
    const reopened = await unlockVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    const check = checkVault(reopened);
    expect(check.integrity).toBe('ok');
    expect(check.accessLog.ok).toBe(true);
    // whole transactions only: test entries come in batches of 50
    const written = reopened.db.prepare(`SELECT count(*) AS n FROM access_log WHERE action = 'test.write'`).get() as { n: number };
    expect(written.n % 50).toBe(0);
    expect(written.n).toBeGreaterThanOrEqual(500);
    lockVault(reopened, 'test', now);
  });
});

describe('the access log chain', () => {
  it('is append-only in the database and detects an edited entry', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    expect(() => vault.db.prepare(`UPDATE access_log SET actor = 'mallory' WHERE seq = 2`).run()).toThrow(/append-only/);
    expect(() => vault.db.prepare('DELETE FROM access_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(verifyLogChain(vault.db)).toMatchObject({ ok: true, entries: 3 });
    // Someone with the key and a SQL shell drops the trigger and edits history: the chain tells.
    vault.db.exec('DROP TRIGGER access_log_no_update');
    vault.db.prepare(`UPDATE access_log SET actor = 'mallory' WHERE seq = 2`).run();
    expect(verifyLogChain(vault.db)).toMatchObject({ ok: false, seq: 2, reason: 'hash-mismatch' });
    expect(checkVault(vault).ok).toBe(false);
    lockVault(vault, 'test', now);
  });

  it('detects a deleted entry', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    vault.db.exec('DROP TRIGGER access_log_no_delete');
    vault.db.prepare('DELETE FROM access_log WHERE seq = 2').run();
    expect(verifyLogChain(vault.db)).toMatchObject({ ok: false, seq: 3, reason: 'gap' });
    lockVault(vault, 'test', now);
  });
});

describe('opening the database file directly', () => {
  it('cannot be read by plain SQLite without the key', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    lockVault(vault, 'test', now);
    const zeros = new Uint8Array(32);
    expect(() => openEncryptedDb(join(dir, 'vault.db'), zeros, { create: false, cipher: vault.cipher })).toThrow();
  });
});
