import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { TEST_CLI } from '../helpers/cli-bins';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * The attack on the CLI's tables (in Chinese and English): values that reach the terminal through it
 * carry escape sequences and line breaks — a search typed by a compromised window (the renderer is
 * untrusted: it may send any text, and the search is logged), a handover's title, a document's file name
 * (a file on disk may be called anything but "/"). Printed raw, ESC [2J clears the administrator's screen,
 * OSC 52 writes their clipboard, CSI sequences recolour or hide lines, a line break forges an entry of
 * `audit list`, U+202E shows a name reversed. What the CLI prints for a person must hold no control
 * character but its own line breaks, and no bidi override; `--json` keeps the values exactly.
 */
const ESC = '\x1b';
const HOSTILE = `${ESC}[2J${ESC}[H${ESC}]52;c;cm0gLXJmIH4=\x07\n999  2026-11-30 09:00  Alice Admin  vault.check  完整性正常\x9b31m\u202E文件`;

function handover(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Control characters other than the line break, and bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- control characters are what the test looks for
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('attack: escape sequences and line breaks printed by the CLI', () => {
  it('audit list, handover list and docs list print no control character nor bidi override, in Chinese and English; --json keeps the values', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const client = await h.call<{ id: number }>('clients.create', {
      code: 'T-001', name: '东方精密', type: 'company', industry: '', region: '华东', city: '', address: '', owner: '', department: '', importance: '', tags: [],
      cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
    });
    // What the window sends: a search text, a handover title.
    await h.call('clients.search', { text: HOSTILE });
    const ho = await h.core.handle('handovers.create', { title: `华东${HOSTILE}`, buyerName: '北方收购集团' });
    // A document whose file name holds the same (allowed on disk).
    const file = join(tempDir(), `合同${HOSTILE.replace(/\//g, '')}.pdf`);
    writeFileSync(file, '%PDF-1.4');
    h.answers.chooseDocumentFile = [file];
    await h.call('dialog.chooseDocumentFile');
    await h.call('documents.attach', { jobId: 'attach-1', clientId: client.id, file });
    h.core.dispose();

    const admin = { HANDOVER_VAULT: h.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    for (const lang of ['zh_CN.UTF-8', 'en_US.UTF-8']) {
      const commands = [['audit', 'list', '--action', 'clients.search'], ['docs', 'list', 'T-001'], ...(ho.ok ? [['handover', 'list']] : [])];
      for (const args of commands) {
        const r = handover(args, { ...admin, LANG: lang });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        expect(r.stdout, `${lang} ${args.join(' ')}`).not.toMatch(UNSAFE);
        // No forged line: the table has its count line (audit), its header and one row.
        expect(r.stdout.trimEnd().split('\n'), `${lang} ${args.join(' ')}`).toHaveLength(args[0] === 'audit' ? 3 : 2);
      }
    }
    // Machine-readable output keeps the value exactly (JSON escapes it).
    const json = handover(['docs', 'list', 'T-001', '--json'], admin);
    expect(JSON.parse(json.stdout).value[0].name).toBe(`合同${HOSTILE.replace(/\//g, '')}.pdf`);
  }, 60_000);
});
