import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type AuditVerdict } from '../../shared/contract';
import { verifyAgainstCheckpoints } from '../../electron/core/audit/checkpoint-store';
import { makeCore } from '../helpers/core';
import { csvText } from '../helpers/crm-files';
import { makePdf } from '../helpers/pdf';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';
import { vaultPublicKey } from '../../electron/core/keys/vault-keys';

const base = {
  type: 'company', industry: '制造业', city: '', department: '', importance: '', tags: [], cooperationStart: '2020-01-01',
  grossProfit: 1_000_00, currency: 'CNY', renewalRate: 0.5, satisfaction: 7, notes: '',
};
const EAST = {
  ...base, code: 'E-001', name: '东方精密', region: '华东', owner: '张伟', address: '上海市浦东新区世纪大道100号', annualRevenue: 5_000_000_00,
  contacts: [{ name: '王芳', title: '采购', phones: ['+86 138-0013-8000'], emails: ['wangfang@dongfang.cn'] }],
};
const EAST2 = { ...EAST, code: 'E-002', name: '江南纺织', owner: '李娜', contacts: [{ name: '赵敏', title: '', phones: ['13900139000'], emails: [] }] };
const SOUTH = {
  ...base, code: 'S-001', name: '南海贸易', region: '华南', owner: '李娜', address: '广州市天河区体育西路1号', annualRevenue: 7_000_000_00,
  contacts: [{ name: '陈晨', title: '总经理', phones: ['+86 137-0013-7000'], emails: ['chen@nanhai.cn'] }],
};

/** An admin and a staff member limited to 华东 whose role sees phones and e-mails masked. */
async function scopedSetup() {
  const h = makeCore();
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  const ids: Record<string, number> = {};
  for (const c of [EAST, EAST2, SOUTH]) ids[c.code] = (await h.call<{ id: number }>('clients.create', c)).id;
  const pdf = join(tempDir(), '南海合同.pdf');
  writeFileSync(pdf, makePdf(['contract']));
  h.answers.chooseDocumentFile = [pdf];
  const picked = await h.call<{ path: string }>('dialog.chooseDocumentFile');
  const doc = await h.call<{ id: number }>('documents.attach', { jobId: 'attach-1', clientId: ids['S-001'], file: picked.path });
  await h.call('roles.save', { name: 'east_sales', label: '华东销售', permissions: ['clients.read', 'clients.sensitive', 'clients.export', 'clients.edit'], masked: ['phones', 'emails'], scope: EMPTY_SCOPE });
  const user = await h.call<{ id: number }>('users.add', { name: STAFF.userName, role: 'east_sales', passphrase: STAFF.passphrase });
  await h.call('users.setScope', { userId: user.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
  await h.call('vault.lock');
  await h.call('vault.unlock', STAFF);
  return { h, ids, docId: doc.id, userId: user.id };
}

describe('scopes and masking', () => {
  it('shows a scoped, masked user only their segment, masked, in every answer; a reveal needs a reason and is logged', async () => {
    const { h, ids, docId } = await scopedSetup();
    const raw: string[] = [];
    const rawCall = async (channel: string, input: unknown = {}) => {
      const r = await h.core.handle(channel, input);
      raw.push(JSON.stringify(r));
      return r;
    };
    const list = await rawCall('clients.search', {});
    expect(list).toMatchObject({ ok: true, value: { total: 2, masked: ['phones', 'emails'] } });
    for (const text of ['南海', '华南', '陈晨', '1370013', 'nanhai', 'S-001']) {
      expect(await rawCall('clients.search', { text }), text).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
    }
    const facets = await rawCall('clients.facets');
    expect(facets).toMatchObject({ ok: true, value: { regions: ['华东'], total: 2 } });
    expect(await rawCall('clients.value')).toMatchObject({ ok: true, value: { distribution: { byRegion: [{ key: '华东', clients: 2 }] } } });
    const east = await rawCall('clients.get', { id: ids['E-001'] });
    expect(east).toMatchObject({ ok: true, value: { address: EAST.address, contacts: [{ phones: ['138****8000'], emails: ['w***@dongfang.cn'] }] } });
    // Out of scope answers exactly like a client that does not exist.
    const hidden = await rawCall('clients.get', { id: ids['S-001'] });
    const missing = await rawCall('clients.get', { id: 99_999 });
    expect(hidden).toEqual(missing);
    expect(await rawCall('documents.list', { clientId: ids['S-001'] })).toEqual(await rawCall('documents.list', { clientId: 99_999 }));
    expect(await rawCall('documents.preview', { id: docId })).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NOT_FOUND' } });
    expect(await rawCall('clients.update', { id: ids['S-001'], draft: SOUTH })).toEqual(missing);
    // Moving a client out of one's own segment is refused.
    expect(await rawCall('clients.update', { id: ids['E-002'], draft: { ...EAST2, region: '华南' } })).toMatchObject({ ok: false, error: { code: 'OUT_OF_SCOPE' } });
    // Saving the form with the masked values shown keeps the real ones.
    const shown = (east as { value: typeof EAST }).value;
    await rawCall('clients.update', { id: ids['E-001'], draft: { ...EAST, notes: 'edited', contacts: shown.contacts } });

    // Export: only the segment, masked.
    const out = join(tempDir(), 'clients.csv');
    h.answers.chooseSaveTarget = [out];
    expect(await rawCall('clients.export', { query: {}, format: 'csv' })).toMatchObject({ ok: true, value: { count: 2 } });
    const csv = readFileSync(out, 'utf8');
    raw.push(csv);
    expect(csv).toContain('138****8000');

    // Nothing unmasked or out of scope in any raw payload the renderer received.
    const everything = raw.join('\n');
    for (const secret of ['+8613800138000', 'wangfang@dongfang.cn', '+8613900139000', '南海贸易', 'S-001', '陈晨', '+8613700137000', 'chen@nanhai.cn', '华南']) {
      expect(everything, secret).not.toContain(secret);
    }

    // Reveal one field, with a reason; it is logged (the reason, never the value).
    await expect(h.call('clients.reveal', { id: ids['E-001'], path: 'contacts.0.phones.0', reason: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await h.call('clients.reveal', { id: ids['E-001'], path: 'contacts.0.phones.0', reason: '回访核实' })).toEqual({ value: '+8613800138000' });
    await expect(h.call('clients.reveal', { id: ids['S-001'], path: 'address', reason: '回访核实' })).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' });
    const db = h.core.openVaultForTests!.db;
    const reveal = db.prepare("SELECT actor, target, details FROM access_log WHERE action = 'client.reveal'").get() as { actor: string; target: string; details: string };
    expect(reveal).toMatchObject({ actor: STAFF.userName, target: 'E-001' });
    expect(JSON.parse(reveal.details)).toEqual({ field: 'contacts.0.phones.0', reason: '回访核实' });
    expect(reveal.details).not.toContain('8000');
    // The edit kept the stored phone, not the mask.
    expect(db.prepare("SELECT phones FROM client_contacts c JOIN clients k ON k.id = c.client_id WHERE k.code = 'E-001'").pluck().get()).toBe('["+8613800138000"]');
  });

  it('applies scope changes and own-accounts-only at the next call, and the last manager keeps their rights', async () => {
    const { h, ids, userId } = await scopedSetup();
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    await h.call('users.setScope', { userId, scope: { ...EMPTY_SCOPE, ownOnly: true } });
    // The only admin cannot take away their own right to manage users.
    await expect(h.call('users.setRole', { userId: 1, role: 'staff' })).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    await expect(h.call('roles.save', { name: 'admin', label: '', permissions: ['clients.read'], masked: [], scope: EMPTY_SCOPE })).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    const log = h.core.openVaultForTests!.db.prepare("SELECT details FROM access_log WHERE action = 'user.scope' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(log)).toMatchObject({ before: { regions: ['华东'] }, after: { ownOnly: true, regions: [] } });
    await h.call('vault.lock');
    await h.call('vault.unlock', STAFF);
    const own = await h.call<{ rows: { code: string }[] }>('clients.search', {});
    expect(own.rows.map((r) => r.code)).toEqual(['E-001']);
    await expect(h.call('clients.get', { id: ids['E-002'] })).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' });
  });
});

describe('the search cap for a scoped user', () => {
  it('counts only the segment: 1,100 matching clients elsewhere do not make "more than 1,000" appear', async () => {
    const { h } = await scopedSetup();
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    const rows = [['客户编号', '客户名称', '地区'], ...Array.from({ length: 1100 }, (_, i) => [`N-${i}`, `南方贸易${i}`, '华南'])];
    const file = join(tempDir(), 'many.csv');
    writeFileSync(file, csvText(rows));
    h.answers.chooseImportFile = [file];
    await h.call('dialog.chooseImportFile');
    const preview = await h.call<{ suggested: (string | null)[] }>('clients.importPreview', { file, encoding: 'auto' });
    await h.call('clients.importRun', { jobId: 'import-many', file, encoding: 'auto', mapping: preview.suggested, onDuplicate: 'skip' });
    expect(await h.call('clients.search', { text: '贸易' })).toMatchObject({ capped: true, total: 1000 });
    await h.call('vault.lock');
    await h.call('vault.unlock', STAFF);
    // 江南纺织 and 东方精密 are the segment; none of them is a 贸易 client, so nothing at all is found.
    expect(await h.call('clients.search', { text: '贸易' })).toMatchObject({ capped: false, total: 0, rows: [] });
    expect(await h.call('clients.search', { text: '纺织' })).toMatchObject({ capped: false, total: 1 });
  }, 60_000);
});

describe('the access log', () => {
  it('answers "who looked at client X", exports a signed log that verifies (also with minisign), and keeps checkpoints', async () => {
    const { h, ids } = await scopedSetup();
    await h.call('clients.get', { id: ids['E-001'] });
    await h.call('clients.reveal', { id: ids['E-001'], path: 'address', reason: 'audit test' });
    await h.call('clients.search', { text: '东方' });
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);

    const who = await h.call<{ total: number; rows: { actor: string; action: string }[] }>('audit.query', { filter: { target: 'E-001' } });
    expect(who.rows.map((r) => `${r.actor} ${r.action}`)).toEqual(expect.arrayContaining([`${STAFF.userName} client.view`, `${STAFF.userName} client.reveal`]));
    const stats = await h.call<{ byUser: { key: string; count: number }[]; byDay: unknown[] }>('audit.stats', { filter: { target: 'E-001' } });
    expect(stats.byUser.map((u) => u.key)).toContain(STAFF.userName);
    const mine = await h.call<{ rows: { action: string }[] }>('audit.query', { filter: { actor: STAFF.userName, action: 'clients.' } });
    expect(mine.rows.map((r) => r.action)).toEqual(['clients.search']);

    const parent = tempDir();
    h.answers.chooseFolder = [parent];
    const picked = await h.call<{ path: string }>('dialog.chooseAuditFolder', { purpose: 'audit-export' });
    const result = await h.call<{ dir: string; entries: number; lastSeq: number }>('audit.export', { jobId: 'audit-export-1', dir: picked.path });
    expect(readdirSync(parent)).toEqual([result.dir.split('/').pop()]);
    expect(readdirSync(result.dir).sort()).toEqual(['README.txt', 'audit.csv', 'audit.jsonl', 'audit.jsonl.minisig', 'checkpoint.txt', 'summary.pdf', 'vault.pub']);
    expect(result.entries).toBe(result.lastSeq);
    const minisign = execFileSync('minisign', ['-Vm', join(result.dir, 'audit.jsonl'), '-p', join(result.dir, 'vault.pub')], { encoding: 'utf8' });
    expect(minisign).toContain('Signature and comment signature verified');

    h.answers.chooseFolder = [result.dir];
    await h.call('dialog.chooseAuditFolder', { purpose: 'audit-verify' });
    const verdict = await h.call<AuditVerdict>('audit.verify', { dir: result.dir });
    expect(verdict).toMatchObject({ ok: true, signature: 'ok', problem: null, keyConfirmed: false, entries: result.entries });
    const keys = await h.call<{ fingerprint: string; checkpoints: number; ageRecipient: string }>('keys.show');
    expect(keys.ageRecipient).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
    expect(verdict.keyFingerprint).toBe(keys.fingerprint);
    expect(keys.checkpoints).toBeGreaterThanOrEqual(1);

    // A time-limited export starts after a prefix and still verifies against its checkpoint.
    const db = h.core.openVaultForTests!.db;
    const midTime = db.prepare('SELECT time FROM access_log WHERE seq = 5').pluck().get() as string;
    const later = await h.call<{ dir: string; firstSeq: number }>('audit.export', { jobId: 'audit-export-2', dir: picked.path, since: midTime });
    expect(later.firstSeq).toBeLessThanOrEqual(5);
    expect(readdirSync(later.dir)).toContain('prefix.json');
    h.answers.chooseFolder = [later.dir];
    await h.call('dialog.chooseAuditFolder', { purpose: 'audit-verify' });
    expect(await h.call('audit.verify', { dir: later.dir })).toMatchObject({ ok: true });

    // Inside the vault: every kept checkpoint matches the log; a rewritten history does not.
    const publicKey = vaultPublicKey(h.core.openVaultForTests!).publicKey;
    expect(verifyAgainstCheckpoints(db, publicKey)).toMatchObject({ ok: true });
    db.exec('DROP TRIGGER access_log_no_delete');
    db.prepare('DELETE FROM access_log WHERE seq > 3').run();
    expect(verifyAgainstCheckpoints(db, publicKey)).toMatchObject({ ok: false, reason: 'truncated' });
    const security = await h.call<{ logChainValid: boolean }>('vault.security');
    expect(security.logChainValid).toBe(false);
  });
});
