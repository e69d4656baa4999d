import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../electron/core/crypto/sodium';
import { checkVault } from '../../electron/core/vault/check';
import { dbPath, openEncryptedDb } from '../../electron/core/db/database';
import { vaultSigningKey } from '../../electron/core/keys/vault-keys';
import { sealForSlot } from '../../electron/core/vault/keyring';
import { candidateSlots, parseSlotFile, readSlotFile, replaceSlot, slotsPath, writeSlotFile, type UserSlot } from '../../electron/core/vault/keyslots';
import { makeUserSlot, openSealed, openUserSlotPair } from '../../electron/core/vault/slot-crypto';
import { createVault, lockVault, unlockVault } from '../../electron/core/vault/vault';
import { appendLog } from '../../electron/core/audit/store';
import { makeCore } from '../helpers/core';
import { TEST_KDF } from '../helpers/test-kdf';
import { TEST_CLI, testChild } from '../helpers/cli-bins';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';
import { vaultToRewrite } from '../helpers/vault-to-rewrite';

const now = () => new Date();
const COMPLIANCE = { userName: 'Chen Li', passphrase: 'compliance officer long passphrase' };

/** What a user holding a slot can do with their own code: their passphrase, the slot file, libsodium. */
async function dataKeyFromOwnSlot(slotFileText: string, who: { userName: string; passphrase: string }): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const file = parseSlotFile(slotFileText);
  const slot = candidateSlots(file, who.userName)[0] as UserSlot;
  const pair = await openUserSlotPair(sodium, file, file.signer!, slot, who.passphrase, TEST_KDF); // the attacker's own code: no floor but the test cost
  return openSealed(sodium, slot.sealed.dataKey, pair!)!;
}

/** The vault's own cipher (AEGIS-256 or ChaCha20, as recorded): a wrong cipher would fail for the wrong reason. */
const openDb = (dir: string, key: Uint8Array) => openEncryptedDb(dbPath(dir), key, { create: false, cipher: readSlotFile(dir).cipher });

function opens(dir: string, key: Uint8Array): boolean {
  try {
    openDb(dir, key).close();
    return true;
  } catch {
    return false;
  }
}

const PAGE = 4096;
function changedPageShare(before: Buffer, after: Buffer): number {
  const pages = Math.floor(Math.min(before.length, after.length) / PAGE);
  let changed = 0;
  for (let p = 0; p < pages; p++) if (!before.subarray(p * PAGE, (p + 1) * PAGE).equals(after.subarray(p * PAGE, (p + 1) * PAGE))) changed++;
  return changed / pages;
}

describe('keys that match the roles', () => {
  it('a staff slot still reads (with their own code) but after `user disable` the saved slot and the old key open nothing, and almost every page changed', async () => {
    const { h, staffId } = await vaultToRewrite({ logRows: 3000 });
    const staff = { id: staffId };
    const before = readFileSync(dbPath(h.vaultDir));
    const savedSlots = readFileSync(slotsPath(h.vaultDir), 'utf8');

    // As the issue did: staff code derives the data key from the staff slot and reads the vault, unlogged.
    const stolen = await dataKeyFromOwnSlot(savedSlots, STAFF);
    const peek = openDb(h.vaultDir, stolen);
    expect(peek.prepare("SELECT count(*) FROM access_log WHERE action = 'test.fill'").pluck().get()).toBe(3000);
    // …but the signing keys are not in the database, and not sealed to the staff slot.
    expect(peek.prepare('SELECT count(*) FROM vault_keys').pluck().get()).toBe(0);
    peek.close();
    const staffSlot = candidateSlots(parseSlotFile(savedSlots), STAFF.userName)[0] as UserSlot;
    expect(staffSlot.sealed.keyring).toBeUndefined();

    // The rotation runs as a job: progress events for its bar, and the core answers while it runs (other work waits).
    const disabling = h.core.handle('users.setDisabled', { userId: staff.id, disabled: true, jobId: 'rotate-1' });
    expect(await h.core.handle('app.info', {})).toMatchObject({ ok: true });
    expect(await h.core.handle('users.list', {})).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    const result = await disabling;
    expect(result.ok).toBe(true);
    const changed = (result as { value: { disabled: boolean; rotation: unknown } }).value;
    expect(changed).toMatchObject({ disabled: true, rotation: { lostUsers: [], newRecoveryKey: null } });
    const progress = h.events.flatMap((e) => (e.type === 'job.progress' && e.jobId === 'rotate-1' ? [e] : []));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((e, i) => e.unit === 'bytes' && (i === 0 || e.done >= progress[i - 1]!.done))).toBe(true);
    expect(progress[0]!.done).toBeLessThan(progress[0]!.total);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(opens(h.vaultDir, stolen)).toBe(false);
    // The saved copy of the old slot file still yields the old key, which opens nothing now.
    expect(Buffer.from(await dataKeyFromOwnSlot(savedSlots, STAFF)).equals(Buffer.from(stolen))).toBe(true);
    expect(changedPageShare(before, readFileSync(dbPath(h.vaultDir)))).toBeGreaterThan(0.99);

    await h.call('vault.lock');
    await expect(h.call('vault.unlock', STAFF)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await h.call('vault.unlock', ADMIN);
    const reopened = h.core.openVaultForTests!;
    expect(reopened.db.prepare("SELECT count(*) FROM access_log WHERE action = 'test.fill'").pluck().get()).toBe(3000);
    expect(checkVault(reopened)).toMatchObject({ ok: true, treeHead: { ok: true } });
  });

  it('only roles that sign hold the keyring: staff cannot sign or receive, and narrowing a role takes it away', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    await h.call('users.add', { name: COMPLIANCE.userName, role: 'compliance', passphrase: COMPLIANCE.passphrase });
    // Auditors and data-room reviewers hold no slot unless an administrator insists.
    await expect(h.call('users.add', { name: 'Auditor A', role: 'auditor', passphrase: 'auditor long passphrase here' })).rejects.toMatchObject({ code: 'ROLE_WITHOUT_SLOT' });
    const holds = (name: string) => Boolean((candidateSlots(readSlotFile(h.vaultDir), name)[0] as UserSlot).sealed.keyring);
    expect([holds(ADMIN.userName), holds(STAFF.userName), holds(COMPLIANCE.userName)]).toEqual([true, false, true]);
    expect(readSlotFile(h.vaultDir).slots.find((s) => s.kind === 'recovery')).toMatchObject({ sealed: { keyring: expect.any(String) } });

    await h.call('vault.lock');
    await h.call('vault.unlock', STAFF);
    expect(() => vaultSigningKey(h.core.openVaultForTests!)).toThrow(expect.objectContaining({ code: 'KEYRING_NOT_HELD' }));
    await expect(h.call('packages.preview', { file: '/nowhere.handover', jobId: 'job-preview' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    const roles = await h.call<{ name: string; label: string; masked: string[]; scope: unknown }[]>('roles.list');
    const { name, label, masked, scope } = roles.find((r) => r.name === 'compliance')!;
    await h.call('roles.save', { name, label, masked, scope, permissions: ['clients.read', 'audit.read'] });
    expect(holds(COMPLIANCE.userName)).toBe(false);
    expect(holds(ADMIN.userName)).toBe(true);
  });

  it('binds a user to the slot that opened: `élise` (staff) typing `Élise` stays élise', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, userName: 'Élise', passphrase: ADMIN.passphrase });
    await expect(h.call('users.add', { name: 'élise', role: 'staff', passphrase: STAFF.passphrase })).rejects.toMatchObject({ code: 'USER_EXISTS' });
    // A vault from before the one normalisation may hold both names: make the second one as it would have been.
    const vault = h.core.openVaultForTests!;
    const file = readSlotFile(h.vaultDir);
    const made = await makeUserSlot(vault.sodium, file, vault.signer, { userName: 'élise', passphrase: STAFF.passphrase });
    const slot = sealForSlot(vault.sodium, made.slot, vault.dataKey, null);
    writeSlotFile(h.vaultDir, replaceSlot(file, null, slot));
    vault.db.prepare("INSERT INTO users (name, role, slot_id, created_at) VALUES ('élise', 'staff', ?, ?)").run(slot.id, now().toISOString());
    await h.call('vault.lock');

    // Both slots match the typed name; hers is the one her passphrase opens, and it is bound to her row.
    const { user } = await h.call<{ user: { name: string; role: string } }>('vault.unlock', { userName: 'Élise', passphrase: STAFF.passphrase });
    expect(user).toMatchObject({ name: 'élise', role: 'staff' });
  });
});

describe('the log against the tree head kept outside the database', () => {
  async function tamperedVault(tamper: (db: ReturnType<typeof openEncryptedDb>) => void) {
    const dir = tempDir();
    const { vault } = await createVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    vault.db.transaction(() => {
      for (let i = 0; i < 20; i++) appendLog(vault.db, { actor: ADMIN.userName, action: 'client.view', target: `C-${i}` }, now());
    }).immediate();
    const key = Uint8Array.from(vault.dataKey);
    lockVault(vault, 'test', now);
    // The data key alone: drop the triggers, rewrite, remove every checkpoint kept inside.
    const db = openDb(dir, key);
    db.exec('DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete; DROP TRIGGER checkpoints_no_delete');
    tamper(db);
    db.prepare('DELETE FROM checkpoints').run();
    db.close();
    return dir;
  }

  it('a log truncated with the data key alone fails vault check', async () => {
    const dir = await tamperedVault((db) => db.prepare('DELETE FROM access_log WHERE seq > 5').run());
    const vault = await unlockVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    const check = checkVault(vault);
    expect(check).toMatchObject({ ok: false, accessLog: { ok: true }, checkpoints: { ok: true }, treeHead: { ok: false, reason: 'log-shorter' } });
    lockVault(vault, 'test', now);
    // Unlock and lock did not launder it by signing the shortened log.
    const again = await unlockVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    expect(checkVault(again).treeHead).toMatchObject({ ok: false, reason: 'log-shorter' });
    lockVault(again, 'test', now);
    // The CLI says so with exit code 5 (the tests' build of it, which opens a test-cost vault).
    const cli = spawnSync(process.execPath, [TEST_CLI, 'vault', 'check', '--json'], {
      env: { PATH: process.env.PATH ?? '', HOME: tempDir(), HANDOVER_VAULT: dir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(5);
  });

  it('a log re-chained with the data key alone fails vault check', async () => {
    const { entryHash, GENESIS_HASH } = await import('../../electron/core/audit/store');
    const dir = await tamperedVault((db) => {
      const rows = db.prepare('SELECT * FROM access_log ORDER BY seq').all() as { seq: number; time: string; actor: string; action: string; target: string; details: string }[];
      db.prepare('DELETE FROM access_log').run();
      let prev = GENESIS_HASH;
      for (const r of rows) {
        const e = { seq: r.seq, time: r.time, actor: r.seq === 6 ? 'someone else' : r.actor, action: r.action, target: r.target, details: JSON.parse(r.details) as unknown, prev };
        const hash = entryHash(e);
        db.prepare('INSERT INTO access_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(e.seq, e.time, e.actor, e.action, e.target, r.details, prev, hash);
        prev = hash;
      }
    });
    const vault = await unlockVault({ dir, ...ADMIN, now, kdf: TEST_KDF });
    expect(checkVault(vault)).toMatchObject({ ok: false, accessLog: { ok: true }, treeHead: { ok: false, reason: 'log-differs' } });
    lockVault(vault, 'test', now);
  });
});

describe('a kill at any step of a rotation leaves a vault that opens', () => {
  it.each(['pending-sealed', 'rewriting', 'rewritten', 'db-closed', 'renamed'])('killed after %s: the vault opens, the rotation completes, the old key opens nothing', async (step) => {
    const template = tempDir();
    const { vault } = await createVault({ dir: template, ...ADMIN, now, kdf: TEST_KDF });
    const oldKey = Uint8Array.from(vault.dataKey);
    lockVault(vault, 'test', now);
    const h = makeCore();
    cpSync(template, h.vaultDir, { recursive: true });
    await h.call('vault.unlock', ADMIN);
    const staff = await h.call<{ id: number }>('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    await h.call('vault.lock');

    const child = spawn(process.execPath, [testChild('rotation-child'), h.vaultDir, ADMIN.userName, ADMIN.passphrase, String(staff.id), step], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    expect(out).not.toContain('finished');

    await h.call('vault.unlock', ADMIN);
    const reopened = h.core.openVaultForTests!;
    expect(checkVault(reopened)).toMatchObject({ ok: true, integrity: 'ok' });
    expect(readSlotFile(h.vaultDir).rotation).toBeNull();
    expect(opens(h.vaultDir, oldKey)).toBe(false);
    await h.call('vault.lock');
    await expect(h.call('vault.unlock', STAFF)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
  });
});
