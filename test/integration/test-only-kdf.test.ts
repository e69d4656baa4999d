import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_CLI, TEST_CLI } from '../helpers/cli-bins';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

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
      // Only a transport constructs a core: the app's main process never names the option; the CLI names
      // it once, as the type of the field only the tests' own entry sets (CliIo.testCore), and sets it nowhere.
      if (file === join(ELECTRON, 'cli', 'io.ts')) expect(text.match(/testOnlyKdf/g), file).toHaveLength(1);
      else if (!file.startsWith(join(ELECTRON, 'core'))) expect(text, file).not.toMatch(/testOnlyKdf/);
      if (file.startsWith(join(ELECTRON, 'cli'))) expect(text, file).not.toMatch(/testCore\s*[:=]\s*[{a-z]/i);
      expect(text, file).not.toMatch(/process\.env\.[A-Z_]*KDF|env\[['"][A-Z_]*KDF/);
    }
  });

  it('opens in the tests\' CLI build, and the shipped CLI refuses it with exit 5 before deriving anything', async () => {
    const test = makeCore();
    await test.call('vault.create', { dir: test.vaultDir, ...ADMIN });
    test.core.dispose();
    const env = { PATH: process.env.PATH ?? '', HOME: tempDir(), HANDOVER_VAULT: test.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const check = (bin: string) => spawnSync(process.execPath, [bin, 'vault', 'check', '--json'], { env, encoding: 'utf8' });
    expect(check(TEST_CLI).status).toBe(0);
    const shipped = check(SHIPPED_CLI);
    expect(shipped.status).toBe(5);
    expect(JSON.parse(shipped.stdout)).toMatchObject({ ok: false, error: { code: 'KDF_TOO_WEAK' } });
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
