import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/core/jobs/jobs';
import { backupVault, restoreVault } from '../../electron/core/vault/backup';
import { CIPHER_ENV, cipherSelfTest } from '../../electron/core/db/cipher';
import { checkVault } from '../../electron/core/vault/check';
import { openEncryptedDb } from '../../electron/core/db/database';
import { readSlotFile } from '../../electron/core/vault/keyslots';
import { UPGRADE_STEPS, type UpgradeStep } from '../../electron/core/vault/upgrade';
import { createVault, lockVault, unlockVault } from '../../electron/core/vault/vault';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_KDF } from '../helpers/test-kdf';
import { testChild } from '../helpers/cli-bins';

const now = () => new Date();
const DRAFT = {
  code: 'C100', name: '上海华东电子有限公司', type: 'company', industry: '', region: '华东', city: '上海', address: '', owner: '', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
};

afterEach(() => {
  delete process.env[CIPHER_ENV];
});

function runChild(dir: string, killAt: UpgradeStep | 'never'): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  const child = spawn(process.execPath, [testChild('upgrade-child'), dir, ADMIN.userName, ADMIN.passphrase, killAt], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, out })));
}

describe('the vault cipher, chosen per computer and recorded per vault', () => {
  it.each(['aegis', 'chacha20'] as const)('a vault created with %s records it, opens with it, and not with the other', async (cipher) => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, cipher, kdf: TEST_KDF });
    lockVault(vault, 'test', now);
    expect(readSlotFile(dir).cipher).toBe(cipher);
    const reopened = await unlockVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    expect(reopened.cipher).toBe(cipher);
    expect(reopened.db.pragma('cipher', { simple: true })).toBe(cipher);
    const key = new Uint8Array(reopened.dataKey);
    lockVault(reopened, 'test', now);
    const other = cipher === 'aegis' ? 'chacha20' : 'aegis';
    expect(() => openEncryptedDb(join(dir, 'vault.db'), key, { create: false, cipher: other })).toThrow(/key does not open/);
  });

  it('a new vault takes the faster cipher of the self-test, or the one HANDOVER_VAULT_CIPHER forces', async () => {
    const test = cipherSelfTest();
    expect(test.chosen).toBe(test.aegisMs < test.chacha20Ms ? 'aegis' : 'chacha20');
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    expect(readSlotFile(h.vaultDir).cipher).toBe(test.chosen);
    expect(await h.call('vault.security')).toMatchObject({ cipher: test.chosen, cipherUpgrade: null });

    process.env[CIPHER_ENV] = test.chosen === 'aegis' ? 'chacha20' : 'aegis';
    const forced = makeCore();
    await forced.call('vault.create', { dir: forced.vaultDir, ...ADMIN });
    expect(readSlotFile(forced.vaultDir).cipher).toBe(process.env[CIPHER_ENV]);
    // The app offers the upgrade to the faster one, the self-test's, once the variable is gone.
    delete process.env[CIPHER_ENV];
    expect(await forced.call('vault.security')).toMatchObject({ cipher: readSlotFile(forced.vaultDir).cipher, cipherUpgrade: test.chosen });
  });

  it('a backup records the cipher and restores into a vault that opens with it', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, cipher: 'aegis', kdf: TEST_KDF });
    const out = join(tempDir(), 'v.hvbackup');
    await backupVault(vault, out, silentJob(), now);
    lockVault(vault, 'test', now);
    const to = join(tempDir(), 'restored');
    await restoreVault({ from: out, to, credential: { kind: 'passphrase', ...ADMIN }, job: silentJob(), now, kdf: TEST_KDF });
    expect(readSlotFile(to).cipher).toBe('aegis');
    const restored = await unlockVault({ dir: to, ...ADMIN, now, kdf: TEST_KDF });
    expect(checkVault(restored).ok).toBe(true);
    lockVault(restored, 'test', now);
  });
});

describe('handover vault upgrade: ChaCha20 -> AEGIS-256', () => {
  it('migrates with progress, keeps every client and document, logs it, and says so when there is nothing to do', async () => {
    process.env[CIPHER_ENV] = 'chacha20';
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const client = await h.call<{ id: number }>('clients.create', DRAFT);
    process.env[CIPHER_ENV] = 'aegis';
    expect(await h.call('vault.security')).toMatchObject({ cipher: 'chacha20', cipherUpgrade: 'aegis' });
    const result = await h.call<{ from: string; to: string; bytes: number; rows: number }>('vault.upgrade', { jobId: 'upgrade-1' });
    expect(result).toMatchObject({ from: 'chacha20', to: 'aegis' });
    expect(result.rows).toBeGreaterThan(0);
    expect(h.events.some((e) => e.type === 'job.progress' && e.jobId === 'upgrade-1' && e.done === e.total)).toBe(true);
    // The open vault goes on working on the new file.
    expect(await h.call('vault.security')).toMatchObject({ cipher: 'aegis', cipherUpgrade: null });
    expect(await h.call('clients.get', { id: client.id })).toMatchObject({ name: DRAFT.name });
    await expect(h.call('vault.upgrade', { jobId: 'upgrade-2' })).rejects.toMatchObject({ code: 'VAULT_UP_TO_DATE' });
    await h.call('vault.lock');
    expect(readSlotFile(h.vaultDir).cipher).toBe('aegis');
    expect(readdirSync(h.vaultDir).filter((f) => f.includes('upgrad'))).toEqual([]);
    await h.call('vault.unlock', ADMIN);
    const sec = await h.call<{ recentLog: { action: string }[]; logChainValid: boolean }>('vault.security');
    expect(sec.recentLog.map((e) => e.action)).toContain('vault.upgrade');
    expect(sec.logChainValid).toBe(true);
    expect(await h.call('clients.get', { id: client.id })).toMatchObject({ name: DRAFT.name });
  });
});

describe('a killed upgrade leaves a vault that opens with its data', () => {
  // Killed before the swap the original stays; after it, the next unlock finishes the job.
  const points: [UpgradeStep | 'never', 'chacha20' | 'aegis'][] = [
    ['rewriting', 'chacha20'], ['rewritten', 'chacha20'], ['marked', 'chacha20'], ['swapped', 'aegis'], ['recorded', 'aegis'],
  ];
  it.each(points)('killed at "%s": opens as %s, every row there, nothing left over', async (killAt, expected) => {
    expect(killAt === 'never' || UPGRADE_STEPS.includes(killAt)).toBe(true);
    process.env[CIPHER_ENV] = 'chacha20';
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    for (let i = 0; i < 20; i++) await h.call('clients.create', { ...DRAFT, code: `C${i}`, name: `客户 ${i}` });
    await h.call('vault.lock');
    h.core.dispose();
    const { signal, out } = await runChild(h.vaultDir, killAt);
    expect(signal).toBe(killAt === 'never' ? null : 'SIGKILL');
    expect(out.includes('upgraded')).toBe(killAt === 'never');

    const vault = await unlockVault({ dir: h.vaultDir, ...ADMIN, now, kdf: TEST_KDF });
    try {
      expect(vault.cipher).toBe(expected);
      expect(readSlotFile(h.vaultDir).cipher).toBe(expected);
      expect(checkVault(vault).ok).toBe(true);
      expect(vault.db.prepare("SELECT count(*) FROM clients WHERE name LIKE '客户 %'").pluck().get()).toBe(20);
      expect(readdirSync(h.vaultDir).filter((f) => f.includes('upgrad'))).toEqual([]);
      expect(existsSync(join(h.vaultDir, 'vault.upgrade.json'))).toBe(false);
    } finally {
      lockVault(vault, 'test', now);
    }
  });
});
