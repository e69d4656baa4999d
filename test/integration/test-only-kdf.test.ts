import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

const ELECTRON = join(__dirname, '../../electron');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Test vaults are made with a cheap Argon2id cost (test/helpers/test-kdf.ts) through a core option only
 * the test harness passes. These checks keep that door shut for the shipped app and CLI.
 */
describe('the test-only key-derivation cost', () => {
  it('is passed by nothing the app or the CLI runs, and read from no environment variable', () => {
    const files = sources(ELECTRON);
    expect(files.filter((f) => f.includes(join('electron', 'main'))).length).toBeGreaterThan(3);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // Only a transport constructs a core: the app's main process and the CLI must never name the option.
      if (!file.startsWith(join(ELECTRON, 'core'))) expect(text, file).not.toMatch(/testOnlyKdf/);
      expect(text, file).not.toMatch(/process\.env\.[A-Z_]*KDF|env\[['"][A-Z_]*KDF/);
    }
  });

  it('makes vaults that a core with the shipped cost (the app, the CLI) refuses to open before deriving anything', async () => {
    const test = makeCore();
    await test.call('vault.create', { dir: test.vaultDir, ...ADMIN });
    await test.call('vault.lock');
    await test.call('vault.unlock', ADMIN);
    test.core.dispose();

    const shipped = makeCore(undefined, { realKdf: true });
    shipped.answers.chooseVaultFolder = [test.vaultDir];
    await shipped.call('dialog.chooseVaultFolder');
    await shipped.call('vault.open', { dir: test.vaultDir });
    await expect(shipped.call('vault.unlock', ADMIN)).rejects.toMatchObject({ code: 'KDF_TOO_WEAK' });
    shipped.core.dispose();
  });
});
