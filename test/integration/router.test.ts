import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CONTRACT, EMPTY_SCOPE, PERMISSIONS } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN, STAFF } from '../helpers/temp';
import { samples } from '../helpers/channel-samples';

describe('the router at the IPC boundary', () => {
  it('refuses unknown channels and malformed input with stable codes', async () => {
    const { core } = makeCore();
    expect(await core.handle('vault.dropTables', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await core.handle('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await core.handle('vault.unlock', { userName: 'a' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'passphrase' } } });
    expect(await core.handle('vault.unlock', { userName: 'a', passphrase: 'b', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.handle('app.setLanguage', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.handle('vault.unlock', { userName: 'a', passphrase: 'x'.repeat(5000) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses every non-public channel while locked (generated from the contract)', async () => {
    const { core } = makeCore();
    const guarded = CHANNEL_NAMES.filter((c) => CONTRACT[c].access !== 'public');
    expect(guarded.length).toBeGreaterThan(5);
    for (const channel of guarded) {
      const r = await core.handle(channel, {});
      // input is checked first (so a wrong shape says INVALID_INPUT), then the lock
      expect(r.ok, channel).toBe(false);
      if (!r.ok) expect(['VAULT_LOCKED', 'INVALID_INPUT'], channel).toContain(r.error.code);
    }
  });


  it('refuses every permission-guarded channel to a user whose role grants nothing', async () => {
    const { core, call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await call('roles.save', { name: 'no_rights', label: 'No rights', permissions: [], masked: [], scope: EMPTY_SCOPE });
    await call('users.add', { name: STAFF.userName, role: 'no_rights', passphrase: STAFF.passphrase });
    await call('vault.lock');
    await call('vault.unlock', STAFF);
    const guarded = CHANNEL_NAMES.filter((c) => !['public', 'unlocked', 'dataroom'].includes(CONTRACT[c].access));
    for (const channel of guarded) {
      expect(samples, `add a sample input for ${channel}`).toHaveProperty([channel]);
      expect(await core.handle(channel, samples[channel]), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('takes each permission away at once: with all rights but one, exactly that one\'s channels are refused', async () => {
    const { core, call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await call('roles.save', { name: 'probe', label: '', permissions: [...PERMISSIONS], masked: [], scope: EMPTY_SCOPE });
    await call('users.add', { name: STAFF.userName, role: 'probe', passphrase: STAFF.passphrase });
    await call('vault.lock');
    await call('vault.unlock', STAFF);
    // users.manage last: the probe edits its own role, and loses that right only at the end.
    const order = [...PERMISSIONS.filter((p) => p !== 'users.manage'), 'users.manage' as const];
    for (const missing of order) {
      await call('roles.save', { name: 'probe', label: '', permissions: PERMISSIONS.filter((p) => p !== missing), masked: [], scope: EMPTY_SCOPE });
      for (const channel of CHANNEL_NAMES.filter((c) => CONTRACT[c].access === missing)) {
        expect(await core.handle(channel, samples[channel]), `${channel} without ${missing}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      if (missing !== 'users.manage') await call('roles.save', { name: 'probe', label: '', permissions: [...PERMISSIONS], masked: [], scope: EMPTY_SCOPE });
    }
    // And the change is in the log with before and after.
    const db = core.openVaultForTests!.db;
    const change = db.prepare("SELECT details FROM access_log WHERE action = 'role.update' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(change)).toMatchObject({ before: { permissions: expect.arrayContaining(['users.manage']) }, after: { permissions: expect.not.arrayContaining(['users.manage']) } });
  });

  it('takes a disabled user\'s session away at their next call', async () => {
    const admin = makeCore();
    await admin.call('vault.create', { dir: admin.vaultDir, ...ADMIN });
    const staff = await admin.call<{ id: number }>('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    await admin.call('vault.lock');
    await admin.call('vault.unlock', STAFF);
    // Simulate a second admin session disabling the staff user in the database.
    admin.core.openVaultForTests!.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(staff.id);
    await expect(admin.call('vault.security')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(admin.events).toContainEqual({ type: 'vault.locked', reason: 'manual' });
  });

  it('never answers with more than the contract allows', async () => {
    const { core, call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    const r = await core.handle('vault.security', {});
    expect(r.ok).toBe(true);
    const text = JSON.stringify(r);
    // no key material, no SQL, no slot secrets in what the renderer receives
    expect(text).not.toMatch(/wrapped|nonce|salt|dataKey|SELECT/i);
  });

  it('remembers the language across restarts', async () => {
    const h = makeCore();
    await h.call('app.setLanguage', { language: 'en' });
    const { HandoverCore } = await import('../../electron/core/core');
    const again = new HandoverCore({ appDataDir: h.appDataDir, platform: {} as never, emit: () => {} });
    expect(await again.handle('app.info', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    again.dispose();
  });
});
