import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../electron/core/crypto/sodium';
import { dbPath, openEncryptedDb } from '../../electron/core/db/database';
import { chunksOf } from '../../electron/core/documents/store';
import type { JobContext } from '../../electron/core/jobs/jobs';
import { setUserDisabled } from '../../electron/core/users/service';
import { checkVault } from '../../electron/core/vault/check';
import { candidateSlots, parseSlotFile, readSlotFile, slotsPath, type UserSlot } from '../../electron/core/vault/keyslots';
import { openSealed, openUserSlotPair } from '../../electron/core/vault/slot-crypto';
import { upgradeVaultCipher } from '../../electron/core/vault/upgrade';
import type { OpenVault } from '../../electron/core/vault/vault';
import { makeCore } from '../helpers/core';
import { ADMIN, STAFF } from '../helpers/temp';
import { vaultToRewrite } from '../helpers/vault-to-rewrite';
import { TEST_KDF } from '../helpers/test-kdf';

const now = () => new Date();

/** A vault of several megabytes (a 12 MB scanned contract), with a staff user to disable. */
async function multiMegabyteVault(cipher: 'chacha20' | 'aegis') {
  const { h, vault, staffId, document } = await vaultToRewrite({ cipher, documentMb: 12 });
  return { h, vault, staffId, clientId: document!.clientId, documentSha: document!.sha256 };
}

/** Progress as a user's bar would show it, with how often a main-thread timer had fired at each event. */
function watched(job: Partial<JobContext> = {}) {
  const events: { done: number; total: number; ticks: number }[] = [];
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const progress = (done: number, total: number) => events.push({ done, total, ticks });
  const context: JobContext = { signal: new AbortController().signal, progress, throwIfCancelled: () => {}, ...job };
  return { events, context, progress, stop: () => clearInterval(timer) };
}

/** The bar moves in many steps through both halves (copy, then check), and the window's timers run all along. */
function expectSmoothAndResponsive(events: { done: number; total: number; ticks: number }[]) {
  const copying = events.filter((e) => e.done > 0 && e.done < e.total / 2);
  const checking = events.filter((e) => e.done > e.total / 2 && e.done < e.total);
  expect(copying.length).toBeGreaterThanOrEqual(5);
  expect(checking.length).toBeGreaterThanOrEqual(3);
  expect(events.every((e, i) => i === 0 || e.done >= events[i - 1]!.done)).toBe(true);
  expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
  // Ticks counted, not times: a rewrite on the main thread would leave the counter still between these events.
  expect(new Set(copying.map((e) => e.ticks)).size).toBeGreaterThanOrEqual(3);
  expect(events.at(-1)!.ticks).toBeGreaterThan(checking[0]!.ticks);
}

/** What a user holding a slot can do with their own code: their passphrase, a saved slot file, libsodium. */
async function dataKeyFromSavedSlot(slotFileText: string, who: { userName: string; passphrase: string }): Promise<Uint8Array> {
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

const PAGE = 4096;
function changedPageShare(before: Buffer, after: Buffer): number {
  const pages = Math.floor(Math.min(before.length, after.length) / PAGE);
  let changed = 0;
  for (let p = 0; p < pages; p++) if (!before.subarray(p * PAGE, (p + 1) * PAGE).equals(after.subarray(p * PAGE, (p + 1) * PAGE))) changed++;
  return changed / pages;
}

/** The document's bytes as the vault holds them now, hashed (not the hash recorded at attach time). */
const documentSha = async (h: ReturnType<typeof makeCore>, clientId: number): Promise<string> => {
  const [doc] = await h.call<{ id: number }[]>('documents.list', { clientId });
  const hash = createHash('sha256');
  for (const chunk of chunksOf(h.core.openVaultForTests!.db, doc!.id)) hash.update(chunk);
  return hash.digest('hex');
};

describe('rewriting the vault file off the main thread', () => {
  it('disabling a user re-encrypts a multi-MB vault with a smooth progress bar while the window keeps running; then almost every page differs and a saved slot file opens nothing', async () => {
    const { h, vault, staffId, clientId, documentSha: sha } = await multiMegabyteVault('aegis');
    const before = readFileSync(dbPath(vault.dir));
    const savedSlots = readFileSync(slotsPath(vault.dir), 'utf8');
    const oldKey = await dataKeyFromSavedSlot(savedSlots, STAFF);
    expect(opens(vault.dir, oldKey)).toBe(true);

    const watch = watched();
    try {
      const changed = await setUserDisabled(vault, { userId: staffId, disabled: true }, now, { progress: watch.progress });
      expect(changed).toMatchObject({ disabled: true, rotation: { lostUsers: [] } });
    } finally {
      watch.stop();
    }
    expectSmoothAndResponsive(watch.events);

    expect(changedPageShare(before, readFileSync(dbPath(vault.dir)))).toBeGreaterThan(0.99);
    // The saved slot file still yields the old key (the staff user's and the administrator's alike): it opens nothing now.
    expect(opens(vault.dir, await dataKeyFromSavedSlot(savedSlots, STAFF))).toBe(false);
    expect(opens(vault.dir, await dataKeyFromSavedSlot(savedSlots, ADMIN))).toBe(false);
    expect(readdirSync(vault.dir).filter((f) => f.includes('rekey'))).toEqual([]);
    // Everything is still there, and the vault reopens with the slots as they are now.
    expect(await documentSha(h, clientId)).toBe(sha);
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    expect(checkVault(h.core.openVaultForTests!)).toMatchObject({ ok: true, integrity: 'ok' });
    expect(await documentSha(h, clientId)).toBe(sha);
  });

  it('a rotation cancelled while it rewrites leaves the vault working under the old key, and the next unlock finishes it', async () => {
    const { h, vault, staffId, clientId, documentSha: sha } = await multiMegabyteVault('aegis');
    const oldKey = Uint8Array.from(vault.dataKey);
    const disabling = h.core.handle('users.setDisabled', { userId: staffId, disabled: true, jobId: 'rotate-cancel' });
    // As a user would: the bar has started moving, then they press Cancel.
    while (!h.events.some((e) => e.type === 'job.progress' && e.jobId === 'rotate-cancel')) await new Promise((r) => setImmediate(r));
    await h.call('job.cancel', { jobId: 'rotate-cancel' });
    expect(await disabling).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(readSlotFile(vault.dir).rotation).not.toBeNull();
    expect(readdirSync(vault.dir).filter((f) => f.includes('rekey'))).toEqual([]);
    expect(opens(vault.dir, oldKey)).toBe(true);
    expect(await documentSha(h, clientId)).toBe(sha);

    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    expect(readSlotFile(vault.dir).rotation).toBeNull();
    expect(opens(vault.dir, oldKey)).toBe(false);
    expect(await documentSha(h, clientId)).toBe(sha);
    await h.call('vault.lock');
    await expect(h.call('vault.unlock', STAFF)).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
  });

  it('the cipher upgrade shows the same smooth progress; a cancel half-way leaves the original file as it was, and a second try completes', async () => {
    const { h, vault, clientId, documentSha: sha } = await multiMegabyteVault('chacha20');
    const original = createHash('sha256').update(readFileSync(dbPath(vault.dir))).digest('hex');

    let seen = 0;
    const cancelled = watched({
      throwIfCancelled: () => {
        if (++seen > 4) throw Object.assign(new Error('Cancelled'), { code: 'CANCELLED' });
      },
    });
    try {
      await expect(upgradeVaultCipher(vault, cancelled.context, now, { to: 'aegis' })).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      cancelled.stop();
    }
    expect(createHash('sha256').update(readFileSync(dbPath(vault.dir))).digest('hex')).toBe(original);
    expect(readdirSync(vault.dir).filter((f) => f.includes('upgrad'))).toEqual([]);
    expect(vault.cipher).toBe('chacha20');
    expect(await documentSha(h, clientId)).toBe(sha);

    const watch = watched();
    try {
      expect(await upgradeVaultCipher(vault, watch.context, now, { to: 'aegis' })).toMatchObject({ from: 'chacha20', to: 'aegis' });
    } finally {
      watch.stop();
    }
    expectSmoothAndResponsive(watch.events);
    expect(readSlotFile(vault.dir).cipher).toBe('aegis');
    expect(await documentSha(h, clientId)).toBe(sha);
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    expect((h.core.openVaultForTests as OpenVault).cipher).toBe('aegis');
    expect(checkVault(h.core.openVaultForTests!)).toMatchObject({ ok: true, integrity: 'ok' });
  });
});
