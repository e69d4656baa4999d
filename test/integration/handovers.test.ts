import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HandoverDetail } from '../../shared/contract';
import { verifyExcerpt } from '../../electron/core/audit/excerpt';
import { blake2b512, parsePublicKey, signDigest } from '../../electron/core/formats/minisign';
import { openPackage } from '../../electron/core/packages/package';
import { readTar } from '../../electron/core/formats/tar';
import { vaultAgeIdentity, vaultSigningKey } from '../../electron/core/keys/vault-keys';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

const MANAGER = { userName: '李娜', passphrase: 'manager passphrase 经理 2026' };
const COMPLIANCE = { userName: 'Chen Compliance', passphrase: 'compliance passphrase one' };
const COMPLIANCE2 = { userName: '周审批', passphrase: 'second approver passphrase' };

const client = (code: string, name: string, region: string, type = 'company') => ({
  code, name, type, industry: '制造业', region, city: '上海', address: '浦东新区 1 号', owner: '张伟', department: '', importance: '',
  tags: [], cooperationStart: '2020-01-01', annualRevenue: 1_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null,
  notes: '', contacts: [{ name: `${name}联系人`, title: '', phones: ['+8613800138000'], emails: [] }],
});

/** A seller vault with four users, 12 clients (8 in 华东), and a buyer vault whose keys the seller verified. */
async function setup() {
  let clock = new Date('2026-11-22T09:00:00Z');
  const seller = makeCore(() => clock);
  await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
  await seller.call('users.add', { name: MANAGER.userName, role: 'handover_manager', passphrase: MANAGER.passphrase });
  await seller.call('users.add', { name: COMPLIANCE.userName, role: 'compliance', passphrase: COMPLIANCE.passphrase });
  await seller.call('users.add', { name: COMPLIANCE2.userName, role: 'compliance', passphrase: COMPLIANCE2.passphrase });
  for (let i = 1; i <= 12; i++) await seller.call('clients.create', client(`C-${String(i).padStart(3, '0')}`, `客户${i}`, i <= 8 ? '华东' : '华南', i === 1 ? 'individual' : 'company'));

  const buyer = makeCore(() => clock);
  await buyer.call('vault.create', { dir: buyer.vaultDir, userName: 'Buyer Admin', passphrase: 'buyer passphrase long enough' });
  const buyerKeys = await buyer.call<{ ageRecipient: string; minisignPublicKey: string }>('keys.show');
  for (const key of [buyerKeys.ageRecipient, buyerKeys.minisignPublicKey]) {
    const list = await seller.call<{ id: number; key: string; fingerprint: string }[]>('keys.addCounterparty', { label: '北方收购集团', key });
    const added = list.find((k) => k.key.includes(key.trim().split('\n').pop()!))!;
    await seller.call('keys.verifyCounterparty', { id: added.id, how: 'phone', fingerprint: added.fingerprint });
  }
  const keys = await seller.call<{ id: number; kind: string }[]>('keys.counterparties');
  const as = async (who: { userName: string; passphrase: string }) => {
    await seller.call('vault.lock');
    await seller.call('vault.unlock', who);
  };
  return { seller, buyer, keys, as, advance: (days: number) => { clock = new Date(clock.getTime() + days * 86_400_000); } };
}

const gateProblems = (d: HandoverDetail, gate: string) => d.gates.find((g) => g.gate === gate)!.problems.map((p) => p.code);

describe('a handover from plan to package', () => {
  it('walks every gate, four-eyes approval, the objection window, export, receipt and archive', async () => {
    const { seller, buyer, keys, as, advance } = await setup();
    await as(MANAGER);
    let h = await seller.call<HandoverDetail>('handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
    expect(h.ref).toMatch(/^HO-2026-001$/);
    const id = h.id;

    // Scope by filter: live count and revenue, then saved.
    const scope = { mode: 'filter', filter: { tiers: [], regions: ['华东'], industries: [], owners: [], tags: [] }, picked: [] };
    expect(await seller.call('handovers.scopePreview', { scope })).toMatchObject({ count: 8, revenue: [{ currency: 'CNY', amount: 8_000_00 }] });
    h = await seller.call<HandoverDetail>('handovers.setScope', { id, scope });
    expect(h.included).toBe(8);
    expect(h.crossBorder).toMatchObject({ individuals: 9 }); // one individual client and eight contact persons

    // Nothing may go out yet, and each gate says why in its own words.
    const out = join(tempDir(), 'HO.handover');
    seller.answers.chooseSaveTarget = [out];
    await expect(seller.call('handovers.export', { id, jobId: 'job-export1', includeSelf: false })).rejects.toMatchObject({ code: 'HANDOVER_GATES' });
    expect(existsSync(out)).toBe(false);
    expect(gateProblems(h, 'recipients')).toEqual(['recipients.none']);
    expect(gateProblems(h, 'nda')).toEqual(['nda.none']);
    expect(gateProblems(h, 'checklist')).toEqual(['checklist.empty']);
    expect(gateProblems(h, 'notices')).toEqual(['notices.notSent', 'notices.noWindow']);
    expect(gateProblems(h, 'backup')).toEqual(['backup.none']);
    expect(gateProblems(h, 'approvals')).toEqual(['approvals.notSubmitted', 'approvals.missing']);

    // Counterparty and recipients.
    const age = keys.find((k) => k.kind === 'age')!;
    h = await seller.call<HandoverDetail>('handovers.update', {
      id,
      patch: {
        buyer: { name: '北方收购集团', contact: '刘经理', phone: '+86 10 8888 8888', email: 'liu@north.example', address: '北京', overseas: false },
        recipientKeys: [age.id],
        notice: { startDate: '2026-11-23', effectiveDate: '2027-01-15', objectionWeeks: 6, sellerContact: '张伟 021-5555 0000' },
      },
    });
    expect(h.gates.find((g) => g.gate === 'recipients')!.ok).toBe(true);

    // NDA: recorded without a signed copy it does not count.
    await seller.call('handovers.addNda', { id, parties: '卖方 / 北方收购集团', signedOn: '2026-11-20', expiresOn: null, scope: '全部客户资料', file: null });
    expect(gateProblems(await seller.call('handovers.get', { id }), 'nda')).toEqual(['nda.noFile']);
    const ndaFile = join(tempDir(), 'NDA-signed.pdf');
    writeFileSync(ndaFile, '%PDF-1.4 signed NDA');
    seller.answers.chooseDocumentFile = [ndaFile];
    await seller.call('dialog.chooseHandoverFile');
    h = await seller.call<HandoverDetail>('handovers.addNda', { id, parties: '卖方 / 北方收购集团', signedOn: '2026-11-21', expiresOn: '2028-11-21', scope: '', file: ndaFile });
    expect(h.ndas[1]!.file!.sha256).toBe(createHash('sha256').update('%PDF-1.4 signed NDA').digest('hex'));
    expect(h.gates.find((g) => g.gate === 'nda')!.ok).toBe(true);

    // Checklist from the PRC template; an item is done only with evidence.
    h = await seller.call<HandoverDetail>('handovers.applyTemplate', { id, template: 'prc' });
    expect(h.checklist.map((c) => c.key)).toContain('pipl-22-notice');
    const first = h.checklist[0]!;
    await expect(seller.call('handovers.saveCheck', { id, itemId: first.id, item: { title: '', owner: '李娜', status: 'done', evidence: '' }, file: null }))
      .rejects.toMatchObject({ code: 'EVIDENCE_REQUIRED' });
    for (const c of h.checklist) await seller.call('handovers.saveCheck', { id, itemId: c.id, item: { title: '', owner: '李娜', status: 'done', evidence: '法务意见书 2026-11-21' }, file: null });
    expect(gateProblems(await seller.call('handovers.get', { id }), 'checklist')).toEqual([]);

    // Notices: a PDF per client, evidence hash = the file's SHA-256.
    const noticeDir = tempDir();
    seller.answers.chooseFolder = [noticeDir];
    const gen = await seller.call<{ dir: string; generated: number }>('handovers.generateNotices', { id, jobId: 'job-notice1', clientIds: null });
    expect(gen.generated).toBe(8);
    const pdfs = readdirSync(gen.dir).filter((f) => f.endsWith('.pdf')).sort();
    expect(pdfs).toHaveLength(8);
    const page = await seller.call<{ rows: { clientId: number; code: string; noticeSha256: string }[] }>('handovers.clients', { id, limit: 100 });
    const c1 = page.rows.find((r) => r.code === 'C-001')!;
    expect(c1.noticeSha256).toBe(createHash('sha256').update(readFileSync(join(gen.dir, 'C-001.pdf'))).digest('hex'));
    const ids = page.rows.map((r) => r.clientId);
    await expect(seller.call('handovers.recordNotices', { id, clientIds: [ids[0]], status: 'sent', channel: null, date: '2026-11-23', note: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await seller.call('handovers.recordNotices', { id, clientIds: ids, status: 'sent', channel: 'letter', date: '2026-11-23', note: '' });
    await seller.call('handovers.recordNotices', { id, clientIds: [ids[1]], status: 'objected', channel: null, date: '2026-12-01', note: '客户来电反对' });
    await seller.call('handovers.recordNotices', { id, clientIds: ids.slice(2, 5), status: 'acknowledged', channel: null, date: '2026-12-02', note: '' });
    h = await seller.call<HandoverDetail>('handovers.get', { id });
    expect(h.included).toBe(8); // objectors leave only when the window closes
    expect(h.notices).toMatchObject({ sent: 8, objected: 1, acknowledged: 3, unanswered: 4, deadline: '2027-01-04', windowClosed: false });
    expect(h.gates.find((g) => g.gate === 'notices')!.problems).toEqual([{ code: 'notices.windowOpen', values: { date: '2027-01-04', days: 43 } }]);

    // Backup before transfer, recorded.
    const backupFile = join(tempDir(), 'before-transfer.hvbackup');
    seller.answers.chooseSaveTarget = [backupFile];
    await as(ADMIN);
    await seller.call('handovers.backup', { id, jobId: 'job-backup1' });
    expect(gateProblems(await seller.call('handovers.get', { id }), 'backup')).toEqual([]);

    // Four eyes: the submitter cannot approve; nobody approves twice.
    h = await seller.call<HandoverDetail>('handovers.submit', { id });
    await expect(seller.call('handovers.approve', { id, comment: '' })).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    await as(COMPLIANCE);
    await seller.call('handovers.approve', { id, comment: '合规审查通过' });
    await expect(seller.call('handovers.approve', { id, comment: '' })).rejects.toMatchObject({ code: 'ALREADY_APPROVED' });
    await as(COMPLIANCE2);
    h = await seller.call<HandoverDetail>('handovers.approve', { id, comment: '' });
    expect(h.status).toBe('approved');
    expect(gateProblems(h, 'approvals')).toEqual([]);

    // The window closes: the objector leaves the scope (logged), which voids both approvals.
    advance(44);
    h = await seller.call<HandoverDetail>('handovers.get', { id });
    expect(h.included).toBe(7);
    expect(h.approvals.every((a) => a.voidedAt !== null)).toBe(true);
    expect(h.status).toBe('submitted');
    expect(h.notices.undecided).toBe(4);
    expect(gateProblems(h, 'notices')).toEqual(['notices.undecided']);
    const excluded = await seller.call<{ rows: { code: string; excludedReason: string }[] }>('handovers.clients', { id, filter: 'excluded' });
    expect(excluded.rows).toEqual([expect.objectContaining({ excludedReason: 'objected' })]);
    const db = seller.core.openVaultForTests!.db;
    expect(db.prepare("SELECT count(*) FROM access_log WHERE action = 'handover.objectors-excluded'").pluck().get()).toBe(1);

    // Clients who never answered: a decision each (kept here).
    await as(MANAGER);
    const unanswered = await seller.call<{ rows: { clientId: number }[] }>('handovers.clients', { id, filter: 'unanswered' });
    await seller.call('handovers.decide', { id, clientIds: unanswered.rows.map((r) => r.clientId), decision: 'keep' });
    await as(COMPLIANCE);
    await seller.call('handovers.approve', { id, comment: 'after the window' });
    await as(COMPLIANCE2);
    h = await seller.call<HandoverDetail>('handovers.approve', { id, comment: '' });
    expect(h.gates.filter((g) => !g.ok)).toEqual([]);

    // Export: the package opens with the buyer's identity and holds exactly the scope.
    await as(MANAGER);
    seller.answers.chooseSaveTarget = [out];
    const exported = await seller.call<{ result: { packageId: string; checksum: string; checksumAlg: string; clients: number } }>('handovers.export', { id, jobId: 'job-export2', includeSelf: true });
    expect(exported.result.clients).toBe(7);
    const bytes = readFileSync(out);
    // The checksum shown and kept is the BLAKE2b-512 of payload.tar.age, as b2sum prints it: the figure the buyer's receipt names.
    const payload = readTar(bytes).find((e) => e.path === 'payload.tar.age')!.data!;
    const payloadFile = join(tempDir(), 'payload.tar.age');
    writeFileSync(payloadFile, payload);
    expect(exported.result.checksumAlg).toBe('blake2b512');
    expect(execFileSync('b2sum', [payloadFile], { encoding: 'utf8' }).split(' ')[0]).toBe(exported.result.checksum);
    const identity = vaultAgeIdentity(buyer.core.openVaultForTests!);
    const opened = await openPackage(bytes, [identity]);
    const clients = JSON.parse(opened.files.find((f) => f.path === 'data/clients.json')!.data.toString()) as { code: string }[];
    expect(clients.map((c) => c.code)).not.toContain(excluded.rows[0]!.code);
    expect(clients).toHaveLength(7);
    expect(opened.files.map((f) => f.path)).toEqual(expect.arrayContaining(['data/handover.json', 'data/checkpoint.txt', 'data/clients.csv']));
    // The handover's history travels with inclusion proofs under the signed checkpoint: every step, and nothing else of the log.
    const file = (p: string) => opened.files.find((f) => f.path === p)!.data.toString();
    const sellerKey = parsePublicKey((await seller.call<{ minisignPublicKey: string }>('keys.show')).minisignPublicKey).publicKey;
    const history = file('data/audit.jsonl');
    expect(verifyExcerpt(history, file('data/audit-proofs.json'), file('data/checkpoint.txt'), sellerKey)).toMatchObject({ ok: true });
    const actions = history.trim().split('\n').map((l) => JSON.parse(l) as { action: string; target: string });
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['handover.create', 'handover.submit', 'handover.approve', 'handover.export']));
    expect(new Set(actions.map((a) => a.target))).toEqual(new Set([h.ref]));
    expect(verifyExcerpt(history.replace('"handover.submit"', '"handover.submiT"'), file('data/audit-proofs.json'), file('data/checkpoint.txt'), sellerKey)).toMatchObject({ ok: false, problem: 'entry-hash' });
    const forged = history.split('\n');
    forged.splice(1, 1);
    expect(verifyExcerpt(forged.join('\n'), file('data/audit-proofs.json'), file('data/checkpoint.txt'), sellerKey)).toMatchObject({ ok: false });
    h = await seller.call<HandoverDetail>('handovers.get', { id });
    expect(h.status).toBe('exported');
    await expect(seller.call('handovers.setIncluded', { id, clientIds: [ids[0]], included: false, reason: 'x' })).rejects.toMatchObject({ code: 'HANDOVER_EXPORTED' });

    // The buyer imports and signs a receipt; the seller takes it in: acknowledged.
    buyer.answers.choosePackageFile = [out];
    await buyer.call('dialog.choosePackageFile');
    expect(await buyer.call('packages.preview', { file: out, jobId: 'job-preview' })).toMatchObject({ clients: 7, history: actions.length });
    await expect(buyer.call('packages.import', { file: out, jobId: 'job-import' })).rejects.toMatchObject({ code: 'SENDER_NOT_VERIFIED' });
    const added = await buyer.call<{ id: number; label: string; fingerprint: string }[]>('keys.addCounterparty', { label: '卖方', key: (await seller.call<{ minisignPublicKey: string }>('keys.show')).minisignPublicKey });
    const sellerOnFile = added.find((k) => k.label === '卖方')!;
    await buyer.call('keys.verifyCounterparty', { id: sellerOnFile.id, how: 'phone', fingerprint: sellerOnFile.fingerprint });
    await buyer.call('packages.import', { file: out, jobId: 'job-import' });
    const receiptFile = join(tempDir(), 'HO.receipt');
    buyer.answers.chooseSaveTarget = [receiptFile];
    await buyer.call('packages.receipt', { file: out, jobId: 'job-receipt', organisation: '北方收购集团' });
    seller.answers.chooseKeyFile = [receiptFile];
    await seller.call('dialog.chooseKeyFile', { kind: 'receipt' });
    expect(JSON.parse(readFileSync(receiptFile, 'utf8').split('-----BEGIN MINISIGN-----')[0]!)).toMatchObject({ payloadBlake2b512: exported.result.checksum });
    h = await seller.call<HandoverDetail>('handovers.importReceipt', { id, file: receiptFile });
    expect(h).toMatchObject({ status: 'acknowledged', receipt: { receivedBy: '北方收购集团' } });

    // A package exported before BLAKE2b receipts is recorded with its SHA-256; a receipt naming that is still accepted, another value is not.
    const sha256 = createHash('sha256').update(payload).digest('hex');
    const record = JSON.parse((seller.core.openVaultForTests!.db.prepare('SELECT package FROM handovers WHERE id = ?').pluck().get(id) as string)) as Record<string, unknown>;
    const { checksum: _c, checksumAlg: _a, ...old } = record;
    seller.core.openVaultForTests!.db.prepare('UPDATE handovers SET package = ? WHERE id = ?').run(JSON.stringify({ ...old, sha256 }), id);
    const oldReceipt = (named: string) => {
      const body = `${JSON.stringify({ type: 'handover-receipt', version: 1, packageId: exported.result.packageId, payloadSha256: named, receivedBy: '北方收购集团', receivedAt: '2026-12-01T00:00:00Z', receiverKey: 'x' })}\n`;
      const file = join(tempDir(), 'old.receipt');
      writeFileSync(file, `${body}-----BEGIN MINISIGN-----\n${signDigest(vaultSigningKey(buyer.core.openVaultForTests!), blake2b512(Buffer.from(body)), 'old receipt')}`);
      return file;
    };
    for (const [named, ok] of [[exported.result.checksum, false], [sha256, true]] as const) {
      const file = oldReceipt(named);
      seller.answers.chooseKeyFile = [file];
      await seller.call('dialog.chooseKeyFile', { kind: 'receipt' });
      const taking = seller.call<HandoverDetail>('handovers.importReceipt', { id, file });
      if (ok) expect((await taking).package).toMatchObject({ checksum: sha256, checksumAlg: 'sha256' });
      else await expect(taking).rejects.toMatchObject({ code: 'RECEIPT_INVALID' });
    }

    // Follow-up, report, close, archive.
    await seller.call('handovers.followup', { id, clientId: ids[0], date: '2027-02-01', outcome: 'retained', satisfaction: 8, note: '' });
    const report = join(tempDir(), 'report.pdf');
    seller.answers.chooseSaveTarget = [report];
    await seller.call('handovers.report', { id, language: 'zh-CN' });
    expect(readFileSync(report).subarray(0, 5).toString()).toBe('%PDF-');
    h = await seller.call<HandoverDetail>('handovers.close', { id });
    expect(h.readOnly).toBe(true);
    await expect(seller.call('handovers.saveRisk', { id, riskId: null, risk: { title: 'x', category: 'other', likelihood: 1, impact: 1, mitigation: '', owner: '', status: 'open', reviewOn: null } }))
      .rejects.toMatchObject({ code: 'HANDOVER_CLOSED' });
    const archive = join(tempDir(), 'archive.handover');
    seller.answers.chooseSaveTarget = [archive];
    await seller.call('handovers.archive', { id });
    const own = vaultAgeIdentity(seller.core.openVaultForTests!);
    expect((await openPackage(readFileSync(archive), [own])).files.map((f) => f.path)).toEqual(expect.arrayContaining(['data/report-en.pdf', 'data/notices.json']));
  });

  it('lets an administrator override the notice window with a written reason, and nobody else', async () => {
    const { seller, as } = await setup();
    await as(MANAGER);
    const h = await seller.call<HandoverDetail>('handovers.create', { title: 'T', buyerName: 'B' });
    await expect(seller.call('handovers.override', { id: h.id, gate: 'notices', reason: 'board decision of 2026-11-20' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await as(ADMIN);
    const d = await seller.call<HandoverDetail>('handovers.override', { id: h.id, gate: 'notices', reason: 'board decision of 2026-11-20' });
    expect(d.gates.find((g) => g.gate === 'notices')).toMatchObject({ ok: true, overridden: { by: ADMIN.userName, reason: 'board decision of 2026-11-20' } });
  });

  it('counts individuals and sensitive records going overseas this year, and warns at the PIPL threshold', async () => {
    const { seller, as } = await setup();
    await as(MANAGER);
    let h = await seller.call<HandoverDetail>('handovers.create', { title: 'Overseas', buyerName: 'Global Buyer Ltd' });
    await seller.call('handovers.update', { id: h.id, patch: { buyer: { name: 'Global Buyer Ltd', contact: '', phone: '', email: '', address: 'Singapore', overseas: true } } });
    h = await seller.call<HandoverDetail>('handovers.setScope', { id: h.id, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } });
    // 12 contact persons + 1 individual client; no transactions yet.
    expect(h.crossBorder).toMatchObject({ individuals: 13, sensitive: 0, yearIndividuals: 13, warn: false });
    // 10,000 transactions of the individual client are sensitive records: the warning comes on.
    const db = seller.core.openVaultForTests!.db;
    const individual = db.prepare("SELECT id FROM clients WHERE type = 'individual'").pluck().get() as number;
    const insert = db.prepare("INSERT INTO client_transactions (client_id, kind, ref, date, amount, currency, status) VALUES (?, 'transaction', ?, '2026-01-01', 100, 'CNY', '')");
    db.transaction(() => { for (let i = 0; i < 10_000; i++) insert.run(individual, `T${i}`); })();
    h = await seller.call<HandoverDetail>('handovers.get', { id: h.id });
    expect(h.crossBorder).toMatchObject({ sensitive: 10_000, warn: true });
  });

  it('keeps the planner to clients they can see, and a reader without the plan right out of planning', async () => {
    const { seller, as } = await setup();
    await as(COMPLIANCE);
    await expect(seller.call('handovers.create', { title: 'T', buyerName: 'B' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await as(MANAGER);
    const picked = { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [999_999] };
    const h = await seller.call<HandoverDetail>('handovers.create', { title: 'T', buyerName: 'B' });
    await expect(seller.call('handovers.setScope', { id: h.id, scope: picked })).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' });
    expect((await seller.call<HandoverDetail>('handovers.get', { id: h.id })).included).toBe(0);
  });
});
