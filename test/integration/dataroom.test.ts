import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CONTRACT, type DataroomReport, type HandoverDetail } from '../../shared/contract';
import { blake2b512, parsePublicKey, parseSignature, verifyParsed } from '../../electron/core/formats/minisign';
import { samples } from '../helpers/channel-samples';
import { makeCore } from '../helpers/core';
import { makePdf } from '../helpers/pdf';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';

const client = (code: string, name: string) => ({
  code, name, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '浦东新区世纪大道 100 号', owner: '', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: 5_000_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '内部备注',
  contacts: [{ name: '王芳', title: '', phones: ['+8613800138000'], emails: ['wang@example.cn'] }],
});

async function setup() {
  let clock = new Date('2026-11-22T09:00:00Z');
  const seller = makeCore(() => clock);
  await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
  const ids: number[] = [];
  for (let i = 1; i <= 4; i++) ids.push((await seller.call<{ id: number }>('clients.create', client(`C${i}`, `客户${i}`))).id);
  const pdf = join(tempDir(), '合同.pdf');
  writeFileSync(pdf, makePdf(['page one', 'page two']));
  seller.answers.chooseDocumentFile = [pdf];
  await seller.call('dialog.chooseDocumentFile');
  const doc = await seller.call<{ id: number }>('documents.attach', { jobId: 'job-attach1', clientId: ids[0], file: pdf });
  const h = await seller.call<HandoverDetail>('handovers.create', { title: 'T', buyerName: 'B' });
  await seller.call('handovers.setScope', { id: h.id, scope: { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: ids.slice(0, 3) } });
  const start = (over: Record<string, unknown> = {}) => seller.call<{ sessionId: string }>('dataroom.start', {
    handoverId: h.id, reviewer: { name: 'Rita Reviewer', organisation: '北方收购集团', idNumber: '' }, clientIds: ids.slice(0, 2),
    categories: ['basic', 'contacts', 'documents'], masked: ['phones', 'amounts'], documents: true, seconds: 1800, passphrase: ADMIN.passphrase, ...over,
  });
  return { seller, ids, doc, h, start, advance: (s: number) => { clock = new Date(clock.getTime() + s * 1000); } };
}

describe('a supervised data-room session', () => {
  it('answers only its own channels, within its scope and masks; ends on expiry with a signed report of exactly what was seen', async () => {
    const { seller, ids, doc, h, start, advance } = await setup();
    await expect(start({ passphrase: 'wrong passphrase' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await expect(start({ clientIds: [ids[3]] })).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' }); // not in the handover
    const session = await start();
    expect(seller.events).toContainEqual({ type: 'dataroom.started', sessionId: session.sessionId });

    // Every channel outside the session is refused (generated from the contract), the vault is not switched or locked by it.
    for (const channel of CHANNEL_NAMES.filter((c) => CONTRACT[c].access !== 'dataroom' && !['app.info', 'app.setLanguage', 'session.activity'].includes(c))) {
      const r = await seller.core.handle(channel, samples[channel] ?? {});
      expect(r.ok, channel).toBe(false);
      if (!r.ok) expect(samples[channel] ? ['DATAROOM_ACTIVE'] : ['DATAROOM_ACTIVE', 'INVALID_INPUT'], channel).toContain(r.error.code);
    }
    expect(await seller.core.handle('vault.lock', {})).toMatchObject({ ok: false, error: { code: 'DATAROOM_ACTIVE' } });
    expect(await seller.call('app.info')).toMatchObject({ state: 'unlocked', dataroom: { sessionId: session.sessionId, reviewer: 'Rita Reviewer', clients: 2 } });

    // Within the scope: two clients, masked; the third of the handover and any other client do not exist here.
    const found = await seller.call<{ total: number; rows: { id: number; code: string }[] }>('dataroom.search', { text: '客户' });
    expect(found.rows.map((r) => r.code)).toEqual(['C1', 'C2']);
    const seen = await seller.call<{ client: { contacts: { phones: string[] }[]; annualRevenue: number | null; notes: string; masked: string[] }; documents: { id: number }[] }>('dataroom.client', { id: ids[0] });
    expect(seen.client.contacts[0]!.phones).toEqual(['138****8000']);
    expect(seen.client.annualRevenue).toBeNull();
    expect(seen.client.notes).toBe(''); // notes were not a category of this session
    expect(JSON.stringify(seen)).not.toContain('13800138000');
    expect(seen.documents.map((d) => d.id)).toEqual([doc.id]);
    advance(40);
    await expect(seller.call('dataroom.client', { id: ids[2] })).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' });
    await seller.call('dataroom.client', { id: ids[1] });
    advance(20);
    expect((await seller.call<{ mime: string }>('dataroom.document', { id: doc.id })).mime).toBe('application/pdf');
    await seller.call('dataroom.page', { id: doc.id, page: 2 });
    advance(10);
    await seller.call('dataroom.ask', { clientId: ids[0], documentId: null, question: '合同何时到期？' });
    await seller.call('dataroom.refused', { what: 'copy' });

    // Time is up: the next call finds the vault locked, the session over.
    advance(1800);
    expect(await seller.core.handle('dataroom.info', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(seller.events).toContainEqual({ type: 'vault.locked', reason: 'dataroom-expired' });

    // The facilitator reads the report: exactly what was seen, signed with the vault key.
    await seller.call('vault.unlock', ADMIN);
    const report = await seller.call<DataroomReport>('dataroom.report', { id: session.sessionId });
    expect(report).toMatchObject({ endReason: 'expired', reviewer: { name: 'Rita Reviewer' }, refused: 1, searches: [{ text: '客户', hits: 2 }], questions: [{ client: 'C1', question: '合同何时到期？' }] });
    expect(report.clients.map((c) => [c.code, c.views])).toEqual([['C1', 1], ['C2', 1]]);
    expect(report.clients[0]!.seconds).toBe(40);
    expect(report.documents).toEqual([expect.objectContaining({ client: 'C1', name: '合同.pdf', opens: 1, pages: [2] })]);
    const out = tempDir();
    seller.answers.chooseFolder = [out];
    const { path } = await seller.call<{ path: string }>('dataroom.exportReport', { id: session.sessionId });
    const text = readFileSync(join(path, 'report.json'));
    const ok = verifyParsed(parsePublicKey(readFileSync(join(path, 'vault.pub'), 'utf8')), parseSignature(readFileSync(join(path, 'report.json.minisig'), 'utf8')), { digest: blake2b512(text) });
    expect(ok.ok).toBe(true);
    if (spawnSync('sh', ['-c', 'command -v minisign']).status === 0) {
      expect(spawnSync('minisign', ['-Vm', 'report.json', '-p', 'vault.pub'], { cwd: path }).status).toBe(0);
    }
    expect(readFileSync(join(path, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    // The seller answers the question; a later session sees the answer.
    const qs = await seller.call<{ id: number }[]>('dataroom.allQuestions', { handoverId: h.id });
    await seller.call('dataroom.answer', { id: qs[0]!.id, answer: '2027 年 6 月' });
    await start();
    expect(await seller.call('dataroom.questions')).toEqual([expect.objectContaining({ question: '合同何时到期？', answer: '2027 年 6 月' })]);
    // An OS lock ends it too; the facilitator's passphrase is needed to end it by hand.
    seller.core.lock('os-lock');
    const sessions = await (async () => {
      await seller.call('vault.unlock', ADMIN);
      return seller.call<{ endReason: string }[]>('dataroom.list', { handoverId: h.id });
    })();
    expect(sessions.map((s) => s.endReason)).toEqual(['os-lock', 'expired']);
    await start();
    await expect(seller.call('dataroom.end', { passphrase: 'not the facilitator' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    await seller.call('dataroom.end', { passphrase: ADMIN.passphrase });
    expect((await seller.call('app.info'))).toMatchObject({ state: 'locked', dataroom: null });

    // The CLI lists the sessions and writes a report folder that minisign accepts.
    seller.core.dispose();
    const env = { PATH: process.env.PATH ?? '', HOME: tempDir(), HANDOVER_VAULT: seller.vaultDir, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const cli = (args: string[]) => spawnSync(process.execPath, [TEST_CLI, ...args], { env, encoding: 'utf8' });
    const listed = cli(['dataroom', 'list', '--handover', h.ref, '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { value: { endReason: string }[] }).value.map((s) => s.endReason)).toEqual(['facilitator', 'os-lock', 'expired']);
    const dir = tempDir();
    expect(cli(['dataroom', 'report', session.sessionId, '--out', dir]).status).toBe(0);
    if (spawnSync('sh', ['-c', 'command -v minisign']).status === 0) {
      expect(spawnSync('minisign', ['-Vm', 'report.json', '-p', 'vault.pub'], { cwd: join(dir, `${session.sessionId}-report`) }).status).toBe(0);
    }
  });
});
