import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { testChild } from '../helpers/cli-bins';

const NAME = '南海贸易机密客户';

const client = (code: string) => ({
  code, name: `${NAME}${code}`, type: 'company', industry: '贸易', region: '华南', city: '广州', address: '', owner: '张伟', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: [{ name: '陈先生', title: '', phones: ['+8613700137000'], emails: ['chen@nanhai.cn'] }],
});

/** Start the child that writes the vault's clients as CSV to `out` and stops half-way; kill it with SIGKILL once it has written rows. */
async function killMidExport(vaultDir: string, out: string): Promise<void> {
  const child = spawn(process.execPath, [testChild('clients-export-child'), vaultDir, ADMIN.userName, ADMIN.passphrase, out], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && resolve());
    child.on('exit', (code) => reject(new Error(`export child exited early (${code})`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

/**
 * Attack (red team): a client list exported as CSV or .xlsx is written to a hidden temp file in the
 * folder the user picked, then renamed. A process killed in between left that `.tmp` — the clients'
 * names, phones and e-mails in plaintext — for good, and nothing recorded or removed it. Client exports
 * in progress are now remembered like package exports; the next unlock or export removes what a killed one left.
 */
describe('attack: a client export killed half-way leaves its plaintext temp file in the folder the user picked', () => {
  it('is gone after the next unlock, and after the next export; no partial file is ever at the target', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    for (const code of ['S-1', 'S-2', 'S-3']) await h.call('clients.create', client(code));
    await h.call('vault.lock');
    const folder = tempDir();
    const out = join(folder, '客户名单.csv');

    await killMidExport(h.vaultDir, out);
    // What the kill left: a hidden temp file with the clients in the clear, and nothing at the target.
    const left = readdirSync(folder);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.客户名单\.csv\.[0-9a-f]{12}\.tmp$/);
    expect(readFileSync(join(folder, left[0]!), 'utf8')).toContain(`${NAME}S-1`);
    expect(existsSync(out)).toBe(false);

    await h.call('vault.unlock', ADMIN);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(h.vaultDir).filter((f) => f.includes('exports'))).toEqual([]);

    // Killed again while this vault is open elsewhere: the next export removes the leftover and writes its own file.
    await killMidExport(h.vaultDir, out);
    expect(readdirSync(folder)).toHaveLength(1);
    h.answers.chooseSaveTarget = [out];
    const done = await h.call<{ count: number }>('clients.export', { query: {}, format: 'csv' });
    expect(done.count).toBe(3);
    expect(readdirSync(folder)).toEqual(['客户名单.csv']);
    expect(readFileSync(out, 'utf8')).toContain(`${NAME}S-3`);
  });
});
