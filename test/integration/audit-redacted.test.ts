import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditExport } from '../../electron/core/audit/verify';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

const COMPLIANCE = { name: '李审', role: 'compliance', passphrase: 'compliance reads masked 42' };

/**
 * Issue 14: an audit export carried the raw text of every search to roles that mask phones. A role that
 * masks phones, e-mails and addresses now gets audit.jsonl with those search texts masked, and the
 * export still verifies: each masked entry keeps its original hash, which the chain and the signed
 * checkpoint prove.
 */
describe('an audit export by a role that masks phones and e-mails', () => {
  let exports = 0;
  async function exportAs(h: ReturnType<typeof makeCore>): Promise<string> {
    h.answers.chooseFolder = [tempDir()];
    const picked = await h.call<{ path: string }>('dialog.chooseAuditFolder', { purpose: 'audit-export' });
    return (await h.call<{ dir: string }>('audit.export', { jobId: `audit-export-${++exports}`, dir: picked.path })).dir;
  }

  async function vaultWithSearches() {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('clients.search', { text: '13700137000' });
    await h.call('clients.search', { text: 'chen@nanhai.cn' });
    await h.call('users.add', COMPLIANCE);
    return h;
  }

  it('shows the searched phone and e-mail masked in audit.jsonl, and audit verify still passes', async () => {
    const h = await vaultWithSearches();
    const adminDir = await exportAs(h);
    await h.call('vault.lock');
    await h.call('vault.unlock', { userName: COMPLIANCE.name, passphrase: COMPLIANCE.passphrase });
    const dir = await exportAs(h);

    const jsonl = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    expect(jsonl).not.toContain('13700137000');
    expect(jsonl).not.toContain('chen@nanhai.cn');
    expect(jsonl).toContain('137********');
    expect(jsonl).toContain('c***@nanhai.cn');
    const verdict = await verifyAuditExport(dir);
    expect(verdict).toMatchObject({ ok: true, signature: 'ok', redacted: 2, problem: null });

    // The administrator, who masks nothing, exported the same entries verbatim: same hashes, nothing redacted.
    const adminJsonl = readFileSync(join(adminDir, 'audit.jsonl'), 'utf8');
    expect(adminJsonl).toContain('13700137000');
    expect(await verifyAuditExport(adminDir)).toMatchObject({ ok: true, redacted: 0 });
    const hashes = (text: string) => text.trim().split('\n').map((l) => (JSON.parse(l) as { hash: string }).hash);
    expect(hashes(jsonl).slice(0, hashes(adminJsonl).length)).toEqual(hashes(adminJsonl));
  });

  it('refuses a redaction mark on an entry that holds no search text, and a changed masked text', async () => {
    const h = await vaultWithSearches();
    await h.call('vault.lock');
    await h.call('vault.unlock', { userName: COMPLIANCE.name, passphrase: COMPLIANCE.passphrase });
    const dir = await exportAs(h);
    const file = join(dir, 'audit.jsonl');
    const original = readFileSync(file, 'utf8');
    const lines = original.trim().split('\n');

    // Someone rewrites the vault's creation entry and marks it "redacted" to skip its hash check.
    const first = JSON.parse(lines[0]!) as { details: Record<string, unknown> };
    const forged = lines[0]!.replace(/"details":\{[^}]*\}/, `"details":${JSON.stringify({ ...first.details, cipher: 'none', redacted: 'text' })}`);
    writeFileSync(file, [forged, ...lines.slice(1)].join('\n') + '\n');
    expect(await verifyAuditExport(dir)).toMatchObject({ ok: false, problem: { kind: 'edited', line: 1 } });

    // A masked text changed after export: the entries still chain, but the vault's signature over the file does not hold.
    writeFileSync(file, original.replace('137********', '139********'));
    expect(await verifyAuditExport(dir)).toMatchObject({ ok: false, signature: 'mismatch' });
  });
});
