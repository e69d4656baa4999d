import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KDF_FLOOR, readSlotFile } from '../../electron/core/vault/keyslots';
import { ADMIN, tempDir } from '../helpers/temp';
import { SHIPPED_CLI, TEST_CLI } from '../helpers/cli-bins';

/**
 * Every command here runs in the tests' CLI build (vaults at the test Argon2id cost), except the
 * wrong-passphrase-and-recovery test, which runs the shipped one at the shipped cost.
 */
function handover(args: string[], env: Record<string, string> = {}, bin = TEST_CLI) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the handover CLI (built binary)', () => {
  it('has --help everywhere and exit code 2 for usage errors', () => {
    expect(handover(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('vault init') });
    expect(handover(['vault', '--help']).stdout).toContain('vault backup');
    expect(handover(['vault', 'restore', '--help']).stdout).toContain('--recovery-key');
    expect(handover(['user', 'add', '--help']).stdout).toContain('--role');
    expect(handover(['frobnicate']).code).toBe(2);
    expect(handover(['vault', 'init', '--passphrase', 'x']).code).toBe(2);
  });

  it('runs a vault from init to check, backup, restore and user management, in JSON', () => {
    const root = tempDir();
    const env = { HANDOVER_VAULT: join(root, 'v'), HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const init = handover(['vault', 'init', '--json'], env);
    expect(init.code).toBe(0);
    const { value } = JSON.parse(init.stdout);
    expect(value.recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);

    const check = handover(['vault', 'check', '--json'], env);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).value).toMatchObject({ ok: true, integrity: 'ok', accessLog: { ok: true } });

    expect(handover(['user', 'add', '李娜', '--role', 'staff'], { ...env, HANDOVER_NEW_PASSPHRASE: 'li na has a long passphrase' }).code).toBe(0);
    expect(handover(['user', 'add', 'Bob', '--role', 'Wizard!'], env).code).toBe(2);
    const noRole = handover(['user', 'add', 'Bob', '--role', 'wizard'], { ...env, HANDOVER_NEW_PASSPHRASE: 'bob has a long passphrase' });
    expect(noRole.code).toBe(1);
    expect(noRole.stderr).toContain('wizard');

    const out = join(root, 'b.hvbackup');
    expect(handover(['vault', 'backup', '--out', out], env).code).toBe(0);
    const restored = join(root, 'restored');
    const viaKey = handover(['vault', 'restore', '--from', out, '--vault', restored, '--recovery-key', '--json'], { HANDOVER_RECOVERY_KEY: value.recoveryKey });
    expect(viaKey.code).toBe(0);

    const asLina = { HANDOVER_VAULT: restored, HANDOVER_USER: '李娜', HANDOVER_PASSPHRASE: 'li na has a long passphrase' };
    expect(handover(['vault', 'check'], asLina).code).toBe(0);
    // staff may not list users: exit 4 with a one-line reason
    const forbidden = handover(['user', 'list'], asLina);
    expect(forbidden.code).toBe(4);
    expect(forbidden.stderr.trim().split('\n')).toHaveLength(1);
    expect(handover(['user', 'passwd'], { ...asLina, HANDOVER_NEW_PASSPHRASE: 'li na changed her passphrase' }).code).toBe(0);
    expect(handover(['vault', 'check'], asLina).code).toBe(3);

    const list = handover(['user', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).value.map((u: { name: string }) => u.name)).toEqual([ADMIN.userName, '李娜']);
  });

  it('the shipped CLI at the shipped cost: fails with exit 3 and a translated reason on a wrong passphrase, and recovers with the key', () => {
    const root = tempDir();
    const env = { HANDOVER_VAULT: join(root, 'v'), HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const shipped = (args: string[], more: Record<string, string> = {}) => handover(args, { ...env, ...more }, SHIPPED_CLI);
    const { value } = JSON.parse(shipped(['vault', 'init', '--json']).stdout);
    // The slot it wrote costs what the app's slots cost: the tests' build cannot open it more cheaply.
    const userSlot = readSlotFile(join(root, 'v')).slots.find((s) => s.kind === 'user')!;
    expect(userSlot.kdf).toMatchObject({ opsLimit: KDF_FLOOR.opsLimit, memLimitBytes: KDF_FLOOR.memLimitBytes });
    const wrong = shipped(['vault', 'check', '--json'], { HANDOVER_PASSPHRASE: 'nope nope nope', HANDOVER_LANG: 'zh-CN' });
    expect(wrong.code).toBe(3);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', message: '用户名或密码错误。' } });
    const rec = shipped(['vault', 'recover'], { HANDOVER_RECOVERY_KEY: value.recoveryKey, HANDOVER_NEW_PASSPHRASE: 'after recovery passphrase' });
    expect(rec.code).toBe(0);
    expect(shipped(['vault', 'check'], { HANDOVER_PASSPHRASE: 'after recovery passphrase' }).code).toBe(0);
  });

  it('asks for a terminal or the environment variable, never an argument, for passphrases', () => {
    const root = tempDir();
    const r = handover(['vault', 'init', '--vault', join(root, 'v'), '--user', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('HANDOVER_PASSPHRASE');
  });
});
