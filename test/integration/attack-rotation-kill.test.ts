import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../electron/core/crypto/sodium';
import { CIPHER_ENV } from '../../electron/core/db/cipher';
import { dbPath, openEncryptedDb } from '../../electron/core/db/database';
import { checkVault } from '../../electron/core/vault/check';
import { candidateSlots, parseSlotFile, readSlotFile, slotsPath, type UserSlot } from '../../electron/core/vault/keyslots';
import { openSealed, openUserSlotPair } from '../../electron/core/vault/slot-crypto';
import { makeCore } from '../helpers/core';
import { vaultToRewrite } from '../helpers/vault-to-rewrite';
import { TEST_KDF } from '../helpers/test-kdf';
import { ADMIN, STAFF } from '../helpers/temp';
import { testChild } from '../helpers/cli-bins';

/**
 * Attack on the data-key rotation that follows `user disable` (issue 14): the process doing it is killed at
 * several points of its progress — whatever the rewrite is doing then (copying pages on its worker, checking
 * the new file, swapping it in). Each time the vault must open for the administrator, the rotation must finish,
 * the old data key (which the disabled user may have saved with their own code) must open nothing, a saved copy
 * of the old slot file put back beside the vault must unlock nobody, and no key may appear in what the
 * process printed (its logs, a worker's error).
 */
const SHARES = [0.05, 0.5, 0.95];
/**
 * Filler log rows: about 2.7 MB, rewritten in steps of about a megabyte, so the three shares land on three different
 * progress events (measured: 0.10, 0.50 and 0.96 of it). What matters is the share, not the megabytes: with 8000 rows
 * the 0.5 and 0.95 kills both landed on the event at 0.96.
 */
const ROWS = 4000;
const hex = (key: Uint8Array) => Buffer.from(key).toString('hex');

/** The user's own code: their passphrase, a slot file, libsodium — the data key that slot holds. */
async function dataKeyFromSlotFile(slotFileText: string, who: { userName: string; passphrase: string }): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const file = parseSlotFile(slotFileText);
  const slot = candidateSlots(file, who.userName)[0] as UserSlot;
  const pair = await openUserSlotPair(sodium, file, file.signer!, slot, who.passphrase, TEST_KDF);
  return openSealed(sodium, slot.sealed.dataKey, pair!)!;
}

function opens(dir: string, key: Uint8Array): boolean {
  try {
    openEncryptedDb(dbPath(dir), key, { create: false, cipher: readSlotFile(dir).cipher }).close();
    return true;
  } catch {
    return false;
  }
}

function runChild(appDataDir: string, userId: number, share: number, op: 'disable' | 'upgrade' = 'disable'): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  const args = [testChild('rotation-kill-at-progress'), appDataDir, ADMIN.userName, ADMIN.passphrase, String(userId), String(share), op];
  // The upgrade is offered where AEGIS-256 is the faster cipher: the child is such a computer.
  const env = op === 'upgrade' ? { ...process.env, [CIPHER_ENV]: 'aegis' } : process.env;
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, out })));
}

describe('attack: killing the rotation at points of its progress', () => {
  let template = '';
  let staffId = 0;
  let oldKey = new Uint8Array();
  let savedSlots = '';
  beforeAll(async () => {
    const built = await vaultToRewrite({ logRows: ROWS });
    const h = built.h;
    staffId = built.staffId;
    oldKey = Uint8Array.from(h.core.openVaultForTests!.dataKey);
    await h.call('vault.lock');
    // Kept for every case (the helper's temp folders go after each test).
    template = mkdtempSync(join(tmpdir(), 'hv-rotation-kill-'));
    cpSync(h.vaultDir, join(template, 'vault'), { recursive: true });
    savedSlots = readFileSync(slotsPath(h.vaultDir), 'utf8');
    h.core.dispose();
  }, 120_000);
  afterAll(() => rmSync(template, { recursive: true, force: true }));

  it.each(SHARES)('killed at %s of the rotation: the vault opens, the rotation completes, the old key and the old slot file open nothing, no key printed', async (share) => {
    const h = makeCore();
    cpSync(join(template, 'vault'), h.vaultDir, { recursive: true });
    const { signal, out } = await runChild(h.appDataDir, staffId, share);
    expect(signal).toBe('SIGKILL');
    expect(out).toMatch(/^at \d+\/\d+$/m);
    expect(out).not.toContain('finished');

    // The next unlock finishes what was cut short.
    await h.call('vault.unlock', ADMIN);
    const reopened = h.core.openVaultForTests!;
    const newKey = Uint8Array.from(reopened.dataKey);
    expect(checkVault(reopened)).toMatchObject({ ok: true, integrity: 'ok' });
    expect(reopened.db.prepare("SELECT count(*) FROM access_log WHERE action = 'test.fill'").pluck().get()).toBe(ROWS);
    expect(readSlotFile(h.vaultDir).rotation).toBeNull();
    expect(hex(newKey)).not.toBe(hex(oldKey));
    await h.call('vault.lock');
    await expect(h.call('vault.unlock', STAFF)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });

    // What the disabled user kept: the old key, from their own slot in a saved slot file, opens nothing now.
    expect(Buffer.from(await dataKeyFromSlotFile(savedSlots, STAFF)).equals(Buffer.from(oldKey))).toBe(true);
    expect(opens(h.vaultDir, oldKey)).toBe(false);
    // The saved slot file put back beside the rotated vault unlocks nobody, the administrator included.
    const current = readFileSync(slotsPath(h.vaultDir), 'utf8');
    writeFileSync(slotsPath(h.vaultDir), savedSlots);
    for (const who of [ADMIN, STAFF]) expect((await h.core.handle('vault.unlock', who)).ok).toBe(false);
    writeFileSync(slotsPath(h.vaultDir), current);

    // No key in anything the killed process printed (its log lines, a worker's error).
    for (const key of [oldKey, newKey]) {
      for (const form of [hex(key), hex(key).toUpperCase(), Buffer.from(key).toString('base64')]) expect(out).not.toContain(form);
    }
    h.core.dispose();
  }, 300_000);
});

/**
 * The same attack on the other whole-file rewrite, the move from ChaCha20 to AEGIS-256 (`vault upgrade`): killed
 * while its worker copies or checks the new file, the vault opens — under one cipher or the other, as the slot
 * file records it, every row there — and the next upgrade completes.
 */
describe('attack: killing the cipher upgrade at points of its progress', () => {
  let template = '';
  beforeAll(async () => {
    const { h } = await vaultToRewrite({ cipher: 'chacha20', logRows: ROWS }); // made on a computer without AES instructions
    await h.call('vault.lock');
    template = mkdtempSync(join(tmpdir(), 'hv-upgrade-kill-'));
    cpSync(h.vaultDir, join(template, 'vault'), { recursive: true });
    h.core.dispose();
  }, 120_000);
  afterAll(() => rmSync(template, { recursive: true, force: true }));

  it.each([0.5])('killed at %s of the upgrade: the vault opens with every row under the cipher its slot file names, and the upgrade then completes', async (share) => {
    const h = makeCore();
    cpSync(join(template, 'vault'), h.vaultDir, { recursive: true });
    expect(readSlotFile(h.vaultDir).cipher).toBe('chacha20');
    const { signal, out } = await runChild(h.appDataDir, 0, share, 'upgrade');
    expect(signal).toBe('SIGKILL');
    expect(out).toMatch(/^at \d+\/\d+$/m);

    await h.call('vault.unlock', ADMIN);
    const reopened = h.core.openVaultForTests!;
    expect(['chacha20', 'aegis']).toContain(readSlotFile(h.vaultDir).cipher);
    expect(reopened.db.pragma('cipher', { simple: true })).toBe(readSlotFile(h.vaultDir).cipher);
    expect(checkVault(reopened)).toMatchObject({ ok: true, integrity: 'ok' });
    expect(reopened.db.prepare("SELECT count(*) FROM access_log WHERE action = 'test.fill'").pluck().get()).toBe(ROWS);
    const key = hex(reopened.dataKey);
    for (const form of [key, key.toUpperCase(), Buffer.from(reopened.dataKey).toString('base64')]) expect(out).not.toContain(form);

    if (readSlotFile(h.vaultDir).cipher === 'chacha20') {
      const previous = process.env[CIPHER_ENV];
      process.env[CIPHER_ENV] = 'aegis';
      try {
        await h.call('vault.upgrade', { jobId: 'upgrade-again' });
      } finally {
        if (previous === undefined) delete process.env[CIPHER_ENV];
        else process.env[CIPHER_ENV] = previous;
      }
    }
    expect(readSlotFile(h.vaultDir).cipher).toBe('aegis');
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    expect(h.core.openVaultForTests!.db.prepare("SELECT count(*) FROM access_log WHERE action = 'test.fill'").pluck().get()).toBe(ROWS);
    h.core.dispose();
  }, 300_000);
});
