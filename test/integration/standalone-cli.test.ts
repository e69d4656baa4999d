import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../helpers/temp';

const root = join(__dirname, '../..');
const exe = join(root, 'out/sea', process.platform === 'win32' ? 'handover.exe' : 'handover');

describe('the standalone single-file CLI (Node SEA, scripts/build-sea.mjs)', () => {
  it('runs without Node or node_modules beside it: creates a vault and checks it, and leaves no unpacked module behind', () => {
    execFileSync(process.execPath, [join(root, 'scripts/build-sea.mjs')], { cwd: root, stdio: 'pipe' });
    // A folder with nothing in it: no node_modules to fall back on, a temp dir of its own to see what stays.
    const work = tempDir();
    const tmp = tempDir();
    const env = { PATH: '', HOME: work, TMPDIR: tmp, TEMP: tmp, TMP: tmp, HANDOVER_VAULT: join(work, 'v'), HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const cli = (args: string[]) => spawnSync(exe, args, { cwd: work, env, encoding: 'utf8' });

    expect(cli(['--help']).stdout).toContain('vault init');
    const init = cli(['vault', 'init', '--json']);
    expect(init.status, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout).value.recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    const check = cli(['vault', 'check', '--json']);
    expect(check.status, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout).value).toMatchObject({ ok: true, integrity: 'ok' });
    expect(cli(['vault', 'check']).stderr).not.toContain('Warning');
    // PDFs need the embedded font: it travels inside the executable (an asset), like the SQLite module.
    const exported = cli(['audit', 'export', '--out', work, '--json']);
    expect(exported.status, exported.stderr).toBe(0);
    const summary = readFileSync(join(JSON.parse(exported.stdout).value.dir as string, 'summary.pdf')).toString('latin1');
    expect(summary.startsWith('%PDF-')).toBe(true);
    expect(summary).toMatch(/\/FontFile2 \d+ 0 R/);
    if (process.platform !== 'win32') expect(spawnSync('ls', ['-A', tmp], { encoding: 'utf8', env: { PATH: '/bin:/usr/bin' } }).stdout.trim()).toBe('');
  });
});
