import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, MASKABLE_FIELDS, type AppEvent } from '../../shared/contract';
import type { ClientPage } from '../../shared/contract/clients';
import type { Db } from '../../electron/core/db/database';
import { checkVault } from '../../electron/core/vault/check';
import { makeCore } from '../helpers/core';
import { testChild } from '../helpers/cli-bins';
import { ADMIN } from '../helpers/temp';
import { seedBefore014 } from '../helpers/vault-before-014';

/**
 * The attack on the search index rebuilt at the first unlock after an upgrade (migrations 013/014 only
 * mark it; vault.unlock-progress shows it): the unlocking process is killed with SIGKILL half-way through
 * the rebuild, then someone else unlocks — a staff member whose role masks every sensitive field. The
 * half-built index must not become theirs to search: the rebuild starts again from the first client and
 * completes at their unlock, their searches by phone, e-mail or address find nothing, the administrator's
 * find the client, no client is lost, and `vault check` passes.
 */
const N = 2100;
const MASKED = { userName: '脱敏专员', passphrase: 'masked clerk passphrase long' };
/** A vault as the app before migration 014 left it (version 13, the index one column of everything), with a masked clerk. */
async function vaultBefore014() {
  const h = makeCore();
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  await h.call('roles.save', { name: 'masked_clerk', label: '脱敏专员', permissions: ['clients.read'], masked: [...MASKABLE_FIELDS], scope: EMPTY_SCOPE });
  await h.call('users.add', { name: MASKED.userName, role: 'masked_clerk', passphrase: MASKED.passphrase });
  seedBefore014(h.core.openVaultForTests!.db as Db, N, 1500, true);
  await h.call('vault.lock');
  return h;
}

function unlockKilledAt(appDataDir: string, who: { userName: string; passphrase: string }, atClients: number): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  const child = spawn(process.execPath, [testChild('unlock-kill-child'), appDataDir, who.userName, who.passphrase, String(atClients)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, out })));
}

const rebuilt = (events: AppEvent[]) => events.flatMap((e) => (e.type === 'vault.unlock-progress' ? [e.done] : []));

describe('attack: killing the search rebuild at unlock, then unlocking as someone else', () => {
  it('the rebuild starts again for the next user and completes; a masked user finds nothing by phone, e-mail or address; nothing is lost', async () => {
    const h = await vaultBefore014();
    const { signal, out } = await unlockKilledAt(h.appDataDir, ADMIN, 1000);
    expect(signal).toBe('SIGKILL');
    expect(out).toMatch(/^at 1000\/2100$/m);

    h.events.length = 0;
    await h.call('vault.unlock', MASKED);
    expect(rebuilt(h.events)).toEqual([0, 1000, 2000, 2100]);
    for (const text of ['0013800', '13800138000', 'dongfang.cn', '世纪大道']) {
      expect((await h.call<ClientPage>('clients.search', { text })).total, text).toBe(0);
    }
    expect((await h.call<ClientPage>('clients.search', { text: '东方' })).rows.map((r) => r.code)).toEqual(['R01500']);
    expect((await h.call<ClientPage>('clients.search', { text: '客户2099' })).rows.map((r) => r.code)).toEqual(['R02099']);

    await h.call('vault.lock');
    h.events.length = 0;
    await h.call('vault.unlock', ADMIN);
    expect(rebuilt(h.events)).toEqual([]);
    for (const text of ['0013800', 'dongfang.cn', '世纪大道']) {
      expect((await h.call<ClientPage>('clients.search', { text })).rows.map((r) => r.code), text).toEqual(['R01500']);
    }
    expect((await h.call<ClientPage>('clients.search', { limit: 1 })).total).toBe(N);
    expect(checkVault(h.core.openVaultForTests!)).toMatchObject({ ok: true, integrity: 'ok' });
  }, 60_000);
});
