import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../electron/core/db/database';
import { candidateSlots, readSlotFile, slotsPath, type SlotFile } from '../../electron/core/vault/keyslots';

const findUserSlot = (f: SlotFile, name: string) => candidateSlots(f, name)[0];
import { createVault, lockVault, unlockVault } from '../../electron/core/vault/vault';
import { makeCore } from '../helpers/core';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';
import { TEST_KDF } from '../helpers/test-kdf';

const now = () => new Date();

describe('creating and unlocking a vault', () => {
  it('creates a vault, shows a recovery key once, and unlocks with the user\'s own passphrase', async () => {
    const { call, vaultDir } = makeCore();
    expect((await call<{ state: string }>('app.info')).state).toBe('absent');
    const created = await call<{ recoveryKey: string; user: { role: string } }>('vault.create', { dir: vaultDir, ...ADMIN });
    expect(created.recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    expect(created.user.role).toBe('admin');
    await call('vault.lock');
    expect((await call<{ state: string }>('app.info')).state).toBe('locked');
    // user names match without regard to case
    const { user } = await call<{ user: { name: string } }>('vault.unlock', { userName: 'alice admin', passphrase: ADMIN.passphrase });
    expect(user.name).toBe('Alice Admin');
  });

  it('refuses a wrong passphrase with BAD_CREDENTIALS and stays locked', async () => {
    const { call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await call('vault.lock');
    await expect(call('vault.unlock', { userName: ADMIN.userName, passphrase: 'not the passphrase at all' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await expect(call('vault.security')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });

  it('refuses weak first passphrases and a second vault in the same folder', async () => {
    const { call, vaultDir } = makeCore();
    await expect(call('vault.create', { dir: vaultDir, userName: 'a', passphrase: 'password1' })).rejects.toMatchObject({ code: 'WEAK_PASSPHRASE' });
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await expect(call('vault.create', { dir: vaultDir, ...ADMIN })).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
  });

  it('accepts a folder only from the default or a dialog pick', async () => {
    const { call, answers } = makeCore();
    const elsewhere = join(tempDir(), 'mine');
    await expect(call('vault.create', { dir: elsewhere, ...ADMIN })).rejects.toMatchObject({ code: 'PATH_NOT_ALLOWED' });
    answers.chooseVaultFolder = [elsewhere];
    const picked = await call<{ path: string }>('dialog.chooseVaultFolder');
    await call('vault.create', { dir: picked.path, ...ADMIN });
    expect((await call<{ vaultDir: string }>('app.info')).vaultDir).toBe(elsewhere);
  });

  it('slows down after five failures and logs the failed attempts at the next unlock', async () => {
    let t = Date.parse('2026-03-01T09:00:00Z');
    const { call, vaultDir } = makeCore(() => new Date(t));
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await call('vault.lock');
    // An unknown user name fails without a KDF run, which keeps this test quick.
    for (let i = 0; i < 5; i++) {
      await expect(call('vault.unlock', { userName: 'nobody', passphrase: 'x' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    }
    // The sixth try must wait 1 s, even with the right passphrase; the wait then doubles.
    await expect(call('vault.unlock', ADMIN)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', details: { seconds: 1 } });
    expect((await call<{ unlockDelaySeconds: number }>('app.info')).unlockDelaySeconds).toBe(1);
    t += 1000;
    await expect(call('vault.unlock', { userName: 'nobody', passphrase: 'x' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await expect(call('vault.unlock', ADMIN)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', details: { seconds: 2 } });
    t += 2000;
    await call('vault.unlock', ADMIN);
    const info = await call<{ recentLog: { action: string }[] }>('vault.security');
    expect(info.recentLog.filter((e) => e.action === 'vault.unlock-failed')).toHaveLength(6);
  });
});

describe('users and passphrases', () => {
  it('lets an admin add a user who then unlocks with their own passphrase; staff cannot manage users', async () => {
    const { call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await call('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    await expect(call('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase })).rejects.toMatchObject({ code: 'USER_EXISTS' });
    await call('vault.lock');
    await call('vault.unlock', STAFF);
    await expect(call('users.list')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call('users.add', { name: 'Eve', role: 'admin', passphrase: 'another long passphrase' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // staff sees only themselves on the Security page, and no log
    const sec = await call<{ users: unknown[]; recentLog: unknown }>('vault.security');
    expect(sec.users).toHaveLength(1);
    expect(sec.recentLog).toBeNull();
  });

  it('changes a passphrase by re-wrapping only that user\'s slot', async () => {
    const { call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await call('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    const before = readSlotFile(vaultDir);
    await call('users.changePassphrase', { current: ADMIN.passphrase, next: 'a brand new admin passphrase' });
    const after = readSlotFile(vaultDir);
    const staffSlot = (f: typeof before) => findUserSlot(f, STAFF.userName);
    // the staff slot and the recovery slot are byte-for-byte the same; only the admin's changed
    expect(after.slots.find((s) => s.kind === 'recovery')).toEqual(before.slots.find((s) => s.kind === 'recovery'));
    expect(staffSlot(after)).toEqual(staffSlot(before));
    expect(findUserSlot(after, ADMIN.userName)).not.toEqual(findUserSlot(before, ADMIN.userName));
    await expect(call('users.changePassphrase', { current: 'wrong current passphrase', next: 'whatever else here' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await call('vault.lock');
    await expect(call('vault.unlock', ADMIN)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await call('vault.unlock', { userName: ADMIN.userName, passphrase: 'a brand new admin passphrase' });
    await call('vault.lock');
    await call('vault.unlock', STAFF);
  });

  it('disables a user (their slot is removed) and never the last admin', async () => {
    const { call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    const staff = await call<{ id: number }>('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    await expect(call('users.setDisabled', { userId: 1, disabled: true })).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    await call('users.setDisabled', { userId: staff.id, disabled: true });
    expect(readSlotFile(vaultDir).slots.filter((s) => s.kind === 'user')).toHaveLength(1);
    await call('vault.lock');
    await expect(call('vault.unlock', STAFF)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await call('vault.unlock', ADMIN);
    await call('users.setDisabled', { userId: staff.id, disabled: false, passphrase: 'fresh staff passphrase 2' });
    await call('vault.lock');
    await call('vault.unlock', { userName: STAFF.userName, passphrase: 'fresh staff passphrase 2' });
  });

  it('recovers with the recovery key alone and forces a new passphrase', async () => {
    const { call, vaultDir } = makeCore();
    const { recoveryKey } = await call<{ recoveryKey: string }>('vault.create', { dir: vaultDir, ...ADMIN });
    await call('vault.lock');
    const mistyped = recoveryKey.replace(/^..../, 'ZZZZ');
    await expect(call('vault.recover', { userName: ADMIN.userName, recoveryKey: mistyped, newPassphrase: 'recovered admin passphrase' })).rejects.toMatchObject({ code: 'BAD_RECOVERY_KEY' });
    // lower case and spaces instead of dashes are accepted, as people type them
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    await call('vault.recover', { userName: ADMIN.userName, recoveryKey: typed, newPassphrase: 'recovered admin passphrase' });
    await call('vault.lock');
    await expect(call('vault.unlock', ADMIN)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await call('vault.unlock', { userName: ADMIN.userName, passphrase: 'recovered admin passphrase' });
  });

  it('remembers each user\'s idle time and locks after it', async () => {
    const { core, call, vaultDir, events } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    const user = await call<{ idleMinutes: number }>('settings.setIdleMinutes', { minutes: 1 });
    expect(user.idleMinutes).toBe(1);
    // Pretend the last activity was two minutes ago, then let the idle check run.
    (core as unknown as { lastActivity: number }).lastActivity = Date.now() - 120_000;
    (core as unknown as { checkIdle: () => void }).checkIdle();
    expect(events).toContainEqual({ type: 'vault.locked', reason: 'idle' });
    expect((await call<{ state: string }>('app.info')).state).toBe('locked');
  });
});

describe('the key material', () => {
  it('wipes the data key from memory on lock', async () => {
    const { core, call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    const key = core.openVaultForTests!.dataKey;
    expect(key.some((b) => b !== 0)).toBe(true);
    await call('vault.lock');
    expect(key.every((b) => b === 0)).toBe(true);
  });

  it('a wrong data key fails on the first read', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    lockVault(vault, 'test', now);
    const wrong = new Uint8Array(32).fill(7);
    expect(() => openEncryptedDb(join(dir, 'vault.db'), wrong, { create: false, cipher: vault.cipher })).toThrow(/key does not open/);
  });

  it('the data key given as a passphrase (in hex) does not open the vault', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    const hex = Buffer.from(vault.dataKey).toString('hex');
    lockVault(vault, 'test', now);
    await expect(unlockVault({ dir, userName: ADMIN.userName, passphrase: hex, now, kdf: TEST_KDF })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await expect(unlockVault({ dir, userName: ADMIN.userName, passphrase: `x'${hex}'`, now, kdf: TEST_KDF })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
  });

  it('refuses a key slot whose KDF parameters were weakened, before running the KDF', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now });
    lockVault(vault, 'test', now);
    const file = JSON.parse(readFileSync(slotsPath(dir), 'utf8'));
    file.slots[0].kdf.memLimitBytes = 8 * 1024 * 1024;
    file.slots[0].kdf.opsLimit = 1;
    writeFileSync(slotsPath(dir), JSON.stringify(file));
    await expect(unlockVault({ dir, ...ADMIN, now })).rejects.toMatchObject({ code: 'KDF_TOO_WEAK' });
  });

  it('refuses slots whose headers were swapped between two users', async () => {
    const { call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await call('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    await call('vault.lock');
    const file = JSON.parse(readFileSync(slotsPath(vaultDir), 'utf8'));
    const [a, b] = file.slots.filter((s: { kind: string }) => s.kind === 'user');
    for (const k of ['id', 'owner', 'kdf']) [a[k], b[k]] = [b[k], a[k]];
    writeFileSync(slotsPath(vaultDir), JSON.stringify(file));
    await expect(call('vault.unlock', ADMIN)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await expect(call('vault.unlock', STAFF)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
  });

  it('treats a slot file from a newer app as such, and a mangled one as tampered', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    lockVault(vault, 'test', now);
    const good = readFileSync(slotsPath(dir), 'utf8');
    writeFileSync(slotsPath(dir), good.replace('"version": 2', '"version": 9'));
    await expect(unlockVault({ dir, ...ADMIN, now, kdf: TEST_KDF })).rejects.toMatchObject({ code: 'VAULT_FROM_FUTURE' });
    writeFileSync(slotsPath(dir), good.slice(0, 100));
    await expect(unlockVault({ dir, ...ADMIN, now, kdf: TEST_KDF })).rejects.toMatchObject({ code: 'SLOT_TAMPERED' });
  });
});
