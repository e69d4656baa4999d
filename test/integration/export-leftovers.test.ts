import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { testChild } from '../helpers/cli-bins';

describe('an export killed half-way', () => {
  it('leaves no package, and its temp file is gone after the next unlock', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('vault.lock');
    const folder = tempDir();
    const out = join(folder, 'HO-2026-001.handover');
    const child = spawn(process.execPath, [testChild('export-child'), h.vaultDir, ADMIN.userName, ADMIN.passphrase, out], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && resolve());
      child.on('exit', (code) => reject(new Error(`export child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The temp file is there (4 MiB, encrypted in a real export), the package is not.
    const leftovers = readdirSync(folder);
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/^\.HO-2026-001\.handover\.[0-9a-f]{12}\.tmp$/);
    expect(existsSync(out)).toBe(false);

    await h.call('vault.unlock', ADMIN);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(h.vaultDir).filter((f) => f.includes('exports'))).toEqual([]);
  });
});
