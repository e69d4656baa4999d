import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditExport } from '../../electron/core/audit/verify';
import { bulkAuditSentence } from '../../shared/i18n/bulk-audit-sentences';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

const COMPLIANCE = { name: '李审', role: 'compliance', passphrase: 'compliance reads masked 42' };
const PHONE = '13700137000';
const EMAIL = 'chen@nanhai.cn';

const client = (code: string, phone: string, email: string) => ({
  code, name: `南海贸易${code}`, type: 'company', industry: '贸易', region: '华南', city: '广州', address: '', owner: '张伟', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: [{ name: '陈先生', title: '', phones: [phone], emails: [email] }],
});

/**
 * Attack: an administrator runs a bulk action on 选择全部 N 个符合条件的客户 after searching the list for a client's
 * phone number or e-mail. The log entry keeps how the clients were chosen — the search text among them — and a
 * compliance officer, whose role masks phones and e-mails, read it in the clear on the Access log page and in
 * the audit export: the masked search texts covered clients.search only, not the bulk actions' `filter.text`.
 */
describe('attack: a bulk action\'s search text in the access log, read by a role that masks phones and e-mails', () => {
  it('is masked on the Access log page and in the audit export, which still verifies; the administrator still reads it', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('clients.create', client('S-1', `+86${PHONE}`, EMAIL));
    await h.call('clients.create', client('S-2', '+8613900139000', 'wang@beichen.cn'));
    expect(await h.call('clients.tag', { jobId: 'job-tag', clientIds: { matching: { text: PHONE } }, add: ['重点'], remove: [] })).toEqual({ count: 1, changed: 1 });
    expect(await h.call('clients.reassignOwner', { jobId: 'job-owner', clientIds: { matching: { text: EMAIL } }, owner: '李娜' })).toEqual({ count: 1, changed: 1 });
    await h.call('clients.archiveMany', { jobId: 'job-archive', clientIds: { matching: { text: PHONE } }, archived: true });
    await h.call('users.add', COMPLIANCE);
    await h.call('vault.lock');
    await h.call('vault.unlock', { userName: COMPLIANCE.name, passphrase: COMPLIANCE.passphrase });

    // The Access log page, as the compliance officer reads it: every bulk entry, as data and as its sentence.
    const page = await h.call<{ rows: { action: string; details: Record<string, unknown> }[] }>('audit.query', { filter: {}, limit: 500 });
    const bulk = page.rows.filter((r) => ['clients.tag', 'clients.reassign-owner', 'clients.archive'].includes(r.action));
    expect(bulk).toHaveLength(3);
    const shown = JSON.stringify(bulk) + bulk.map((r) => bulkAuditSentence('zh-CN', r.action, r.details)).join('\n');
    expect(shown).not.toContain(PHONE);
    expect(shown).not.toContain(EMAIL);
    expect(shown).toContain('137********');

    // Their audit export: masked too, and it still verifies.
    h.answers.chooseFolder = [tempDir()];
    const picked = await h.call<{ path: string }>('dialog.chooseAuditFolder', { purpose: 'audit-export' });
    const { dir } = await h.call<{ dir: string }>('audit.export', { jobId: 'job-audit', dir: picked.path });
    for (const file of ['audit.jsonl', 'audit.csv']) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toContain(PHONE);
      expect(text, file).not.toContain(EMAIL);
    }
    expect(await verifyAuditExport(dir)).toMatchObject({ ok: true, signature: 'ok', problem: null });

    // The administrator, who masks nothing, reads the search as it was typed.
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    const adminPage = await h.call<{ rows: { action: string }[] }>('audit.query', { filter: { action: 'clients.tag' }, limit: 10 });
    expect(JSON.stringify(adminPage.rows)).toContain(PHONE);
  });
});
