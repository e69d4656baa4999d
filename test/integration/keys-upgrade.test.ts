import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendLog } from '../../electron/core/audit/store';
import { canonicalJson } from '../../electron/core/formats/canonical-json';
import { argon2id } from '../../electron/core/crypto/argon2-worker';
import { fingerprint } from '../../electron/core/formats/minisign';
import { loadSodium } from '../../electron/core/crypto/sodium';
import { dbPath, openEncryptedDb } from '../../electron/core/db/database';
import { legacyKeyringFromDb } from '../../electron/core/vault/keyring';
import { legacyOwnerHash, readSlotFile, slotsPath } from '../../electron/core/vault/keyslots';
import { migrate } from '../../electron/core/vault/migrations';
import { formatRecoveryKey } from '../../electron/core/vault/recovery-key';
import { makeCore } from '../helpers/core';
import { ADMIN, STAFF } from '../helpers/temp';
import { TEST_KDF } from '../helpers/test-kdf';
import { testChild } from '../helpers/cli-bins';

const BOB = { userName: 'Bob Wang', passphrase: 'bob has a long enough passphrase' };

/**
 * A vault as version 1 of the app left it: every slot wraps the data key
 * itself (XChaCha20-Poly1305, the slot header as associated data), and the
 * signing keyring sits in the database's vault_keys table.
 */
async function versionOneVault(dir: string): Promise<{ recoveryKey: string; signingPublic: Buffer }> {
  const sodium = await loadSodium();
  const enc = (b: Uint8Array) => sodium.to_base64(b, sodium.base64_variants.ORIGINAL);
  const dataKey = new Uint8Array(randomBytes(32));
  const vaultId = randomUUID();
  const wrap = <H extends Record<string, unknown>>(header: H, kek: Uint8Array) => {
    const nonce = sodium.randombytes_buf(24);
    const ad = new TextEncoder().encode(canonicalJson({ format: 'handover-vault-slots', version: 1, vaultId, slot: header }));
    return { ...header, nonce: enc(nonce), wrapped: enc(sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(dataKey, ad, null, nonce, kek)) };
  };
  const userSlot = async (name: string, passphrase: string) => {
    const salt = sodium.randombytes_buf(16);
    // At the tests' cost (the test core's floor): what is under test is the format, not what a derivation costs.
    const kdf = { alg: 'argon2id13', opsLimit: TEST_KDF.opsLimit, memLimitBytes: TEST_KDF.memLimitBytes, salt: enc(salt) };
    const kek = await argon2id(sodium.from_string(passphrase), salt, kdf.opsLimit, kdf.memLimitBytes);
    return wrap({ id: `u-${randomUUID()}`, kind: 'user', owner: legacyOwnerHash(vaultId, name), kdf }, kek);
  };
  const recovery = new Uint8Array(randomBytes(32));
  const salt = sodium.randombytes_buf(16);
  const recoverySlot = wrap({ id: 'recovery', kind: 'recovery', kdf: { alg: 'blake2b-256', salt: enc(salt) } }, sodium.crypto_generichash(32, salt, recovery));
  const slots = [await userSlot(ADMIN.userName, ADMIN.passphrase), await userSlot(STAFF.userName, STAFF.passphrase), await userSlot(BOB.userName, BOB.passphrase)];

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const db = openEncryptedDb(dbPath(dir), dataKey, { create: true });
  migrate(db);
  const at = new Date().toISOString();
  const roles = ['admin', 'staff', 'staff'];
  [ADMIN, STAFF, BOB].forEach((u, i) => db.prepare('INSERT INTO users (name, role, slot_id, created_at) VALUES (?, ?, ?, ?)').run(u.userName, roles[i], slots[i]!.id, at));
  const keyring = legacyKeyringFromDb(db, new Date());
  db.transaction(() => appendLog(db, { actor: ADMIN.userName, action: 'vault.create', target: vaultId }, new Date())).immediate();
  db.close();
  writeFileSync(slotsPath(dir), JSON.stringify({ format: 'handover-vault-slots', version: 1, vaultId, cipher: 'chacha20', failedUnlocks: [], slots: [...slots, recoverySlot] }));
  return { recoveryKey: formatRecoveryKey(recovery), signingPublic: keyring.signing.publicKey };
}

describe('a vault made by version 1 of the app', () => {
  it('keeps opening; the slot upgrades at its owner\'s unlock, the signing keys leave the database, and a rotation says who needs a new passphrase', async () => {
    const h = makeCore();
    const { recoveryKey, signingPublic } = await versionOneVault(h.vaultDir);

    await h.call('vault.unlock', ADMIN);
    const file = readSlotFile(h.vaultDir);
    expect(file.slots.map((s) => s.kind).sort()).toEqual(['legacy-recovery', 'legacy-user', 'legacy-user', 'user']);
    expect(file.slots.find((s) => s.kind === 'user')).toMatchObject({ sealed: { dataKey: expect.any(String), keyring: expect.any(String) } });
    // Same vault identity as before (auditors and buyers hold its fingerprint), no longer readable with the data key.
    expect((await h.call<{ fingerprint: string }>('keys.show')).fingerprint).toBe(fingerprint(signingPublic));
    expect(h.core.openVaultForTests!.db.prepare('SELECT count(*) FROM vault_keys').pluck().get()).toBe(0);
    expect(file.treeHead).not.toBeNull();

    const users = await h.call<{ id: number; name: string }[]>('users.list');
    const bob = users.find((u) => u.name === BOB.userName)!;
    const changed = await h.call<{ rotation: { lostUsers: string[]; newRecoveryKey: string | null } }>('users.setDisabled', { userId: bob.id, disabled: true });
    expect(changed.rotation.lostUsers).toEqual([STAFF.userName]);
    expect(changed.rotation.newRecoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    expect(readSlotFile(h.vaultDir).slots.map((s) => s.kind).sort()).toEqual(['recovery', 'user']);

    await h.call('vault.lock');
    await expect(h.call('vault.unlock', STAFF)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await expect(h.call('vault.recover', { userName: ADMIN.userName, recoveryKey, newPassphrase: 'a new admin passphrase here' })).rejects.toMatchObject({ code: 'BAD_RECOVERY_KEY' });
    await h.call('vault.unlock', ADMIN);
  });

  it('a rotation cut short after it made a new recovery key resumes at the next unlock, and an administrator is shown that key until they acknowledge it', async () => {
    const h = makeCore();
    await versionOneVault(h.vaultDir);
    await h.call('vault.unlock', ADMIN);
    const bob = (await h.call<{ id: number; name: string }[]>('users.list')).find((u) => u.name === BOB.userName)!;
    await h.call('vault.lock');

    // Bob is disabled in another process, killed right after the new keys (and the new recovery slot) were written.
    const child = spawn(process.execPath, [testChild('rotation-child'), h.vaultDir, ADMIN.userName, ADMIN.passphrase, String(bob.id), 'pending-sealed'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    expect(readSlotFile(h.vaultDir).rotation).not.toBeNull();

    const unlocked = await h.call<{ recoveryKey: string | null }>('vault.unlock', ADMIN);
    expect(readSlotFile(h.vaultDir).rotation).toBeNull();
    expect(unlocked.recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    // Shown again at every unlock until written down; then gone.
    await h.call('vault.lock');
    expect((await h.call<{ recoveryKey: string | null }>('vault.unlock', ADMIN)).recoveryKey).toBe(unlocked.recoveryKey);
    await h.call('vault.acknowledgeRecoveryKey');
    expect(readSlotFile(h.vaultDir).slots.some((s) => 'sealed' in s && s.sealed.recoveryKey)).toBe(false);
    await h.call('vault.lock');
    expect((await h.call<{ recoveryKey: string | null }>('vault.unlock', ADMIN)).recoveryKey).toBeNull();
    await h.call('vault.lock');
    // It is the key that opens the vault now.
    await h.call('vault.recover', { userName: ADMIN.userName, recoveryKey: unlocked.recoveryKey!, newPassphrase: 'a new admin passphrase here' });
  });
});
