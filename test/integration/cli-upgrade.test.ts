import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';

function handover(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('handover vault upgrade (built binary)', () => {
  it('moves a ChaCha20 vault to AEGIS-256, which then passes vault check, and says when there is nothing to do', () => {
    const dir = join(tempDir(), 'v');
    const env = { HANDOVER_VAULT: dir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    expect(handover(['vault', 'init'], { ...env, HANDOVER_VAULT_CIPHER: 'chacha20' }).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'vault.slots.json'), 'utf8'))).toMatchObject({ cipher: 'chacha20' });
    const up = handover(['vault', 'upgrade', '--json'], { ...env, HANDOVER_VAULT_CIPHER: 'aegis' });
    expect(up.code).toBe(0);
    expect(JSON.parse(up.stdout).value).toMatchObject({ from: 'chacha20', to: 'aegis' });
    expect(JSON.parse(readFileSync(join(dir, 'vault.slots.json'), 'utf8'))).toMatchObject({ cipher: 'aegis' });
    expect(JSON.parse(handover(['vault', 'check', '--json'], env).stdout).value).toMatchObject({ ok: true, integrity: 'ok' });
    const again = handover(['vault', 'upgrade'], { ...env, HANDOVER_VAULT_CIPHER: 'aegis' });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already uses the faster');
  });
});
