import { cpSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

type Since = { previousUnlockAt: string | null; checkpoints: number };

/**
 * Issue 14 (d): both vault files replaced by an older matching pair is consistent inside, so the vault
 * cannot refuse it. What can be seen is said at every unlock: this user's previous unlock and the number
 * of signed checkpoints, which then go back (README, threat model).
 */
describe('what an unlock tells the user about the vault they opened', () => {
  it('names the previous unlock and the checkpoint count, and both go back when the two files are swapped for an older copy', async () => {
    let clock = new Date('2026-11-20T09:00:00Z');
    const h = makeCore(() => clock);
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('vault.lock');

    clock = new Date('2026-11-21T09:00:00Z');
    const first = await h.call<{ since: Since }>('vault.unlock', ADMIN);
    expect(first.since.previousUnlockAt).toBe('2026-11-20T09:00:00.000Z');
    await h.call('vault.lock');
    const saved = tempDir();
    cpSync(h.vaultDir, saved, { recursive: true });

    clock = new Date('2026-11-22T09:00:00Z');
    const second = await h.call<{ since: Since }>('vault.unlock', ADMIN);
    expect(second.since.previousUnlockAt).toBe('2026-11-21T09:00:00.000Z');
    expect(second.since.checkpoints).toBeGreaterThan(first.since.checkpoints);
    await h.call('vault.lock');

    // Someone puts back the copy of the 21st, both files together.
    rmSync(h.vaultDir, { recursive: true, force: true });
    cpSync(saved, h.vaultDir, { recursive: true });
    clock = new Date('2026-11-23T09:00:00Z');
    const rolledBack = await h.call<{ since: Since }>('vault.unlock', ADMIN);
    expect(rolledBack.since.previousUnlockAt).toBe('2026-11-21T09:00:00.000Z');
    // The user last saw the unlock of the 22nd; now the 21st again, and no more checkpoints than then.
    expect(rolledBack.since.checkpoints).toBeLessThanOrEqual(second.since.checkpoints);
  });
});
