import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HandoverDetail } from '../../shared/contract';
import { scopedVault } from '../helpers/scoped-vault';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';

type Report = { clients: { code: string }[]; documents: { client: string }[]; questions: { client: string | null; question: string }[]; searches: { text: string }[] };
type Question = { id: number; client: string | null; question: string };

/**
 * The attack: a handover that holds a client of 华东 and one of 华南 is visible to a 华东-only user
 * (one of its clients is theirs). An administrator ran a data-room session over the whole handover;
 * the reviewer looked at the 华南 client, opened its contract, asked about it and searched for a
 * phone number. Reading that session's report, its questions and answering one must not give the
 * 华东 user the 华南 client's name, code, contract or question, nor the typed phone their role masks.
 */
describe('attack: a data-room report of a handover the user only partly sees', () => {
  it('shows a scoped, masked user only their own clients\' part of the report and questions, and refuses the signed export', async () => {
    const v = await scopedVault();
    const { h } = v;
    const east = v.inScope.client;
    const south = v.outOfScope.client;
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    const mixed = await h.call<HandoverDetail>('handovers.create', { title: '混合交接', buyerName: '北方收购集团' });
    await h.call('handovers.setScope', { id: mixed.id, scope: { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [east, south] } });
    const session = await h.call<{ sessionId: string }>('dataroom.start', {
      handoverId: mixed.id, reviewer: { name: 'Rita', organisation: '北方收购集团', idNumber: '' }, clientIds: [], categories: ['basic', 'contacts', 'documents'],
      masked: [], documents: true, seconds: 600, passphrase: ADMIN.passphrase,
    });
    await h.call('dataroom.search', { text: '13700137000' });
    await h.call('dataroom.client', { id: east });
    await h.call('dataroom.client', { id: south });
    await h.call('dataroom.document', { id: v.outOfScope.document });
    await h.call('dataroom.ask', { clientId: south, documentId: null, question: '南海贸易的合同何时到期？' });
    await h.call('dataroom.ask', { clientId: null, documentId: v.outOfScope.document, question: '这份合同有附件吗？' });
    await h.call('dataroom.ask', { clientId: east, documentId: null, question: '东方精密续约了吗？' });
    await h.call('dataroom.end', { passphrase: ADMIN.passphrase });
    await h.call('vault.unlock', ADMIN);
    // The administrator sees the whole session, so what follows is about scope, not an empty report.
    const whole = await h.call<Report>('dataroom.report', { id: session.sessionId });
    expect(whole.clients.map((c) => c.code).sort()).toEqual(['E-001', 'S-001']);
    expect(whole.questions).toHaveLength(3);
    const all = await h.call<Question[]>('dataroom.allQuestions', { handoverId: mixed.id });
    const southQuestion = all.find((q) => q.client === 'S-001')!.id;
    await h.call('vault.lock');
    await h.call('vault.unlock', STAFF);

    const seen = await h.call<Report>('dataroom.report', { id: session.sessionId });
    expect(seen.clients.map((c) => c.code)).toEqual(['E-001']);
    expect(seen.documents).toEqual([]);
    expect(seen.questions.map((q) => q.question)).toEqual(['东方精密续约了吗？']);
    expect(seen.searches.map((s) => s.text)).toEqual(['137********']);
    expect(JSON.stringify(seen)).not.toMatch(/南海贸易|S-001|south-contract|13700137000/);

    const questions = await h.call<Question[]>('dataroom.allQuestions', { handoverId: mixed.id });
    expect(questions.map((q) => q.question)).toEqual(['东方精密续约了吗？']);
    // Answering the 华南 question: exactly as if it did not exist, and nothing recorded.
    const outside = await h.core.handle('dataroom.answer', { id: southQuestion, answer: '明年' });
    const missing = await h.core.handle('dataroom.answer', { id: 9_999_999, answer: '明年' });
    expect(outside).toEqual(missing);
    expect(outside).toMatchObject({ ok: false, error: { code: 'QUESTION_NOT_FOUND' } });

    // The signed report cannot be cut without breaking its signature: its export is refused, nothing written.
    const folder = tempDir();
    h.answers.chooseFolder = [folder];
    expect(await h.core.handle('dataroom.exportReport', { id: session.sessionId })).toMatchObject({ ok: false, error: { code: 'REPORT_BEYOND_SCOPE' } });
    expect(readdirSync(folder)).toEqual([]);

    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    expect((await h.call<Question[]>('dataroom.allQuestions', { handoverId: mixed.id })).find((q) => q.id === southQuestion)).toMatchObject({ answer: null });
    h.answers.chooseFolder = [folder];
    const exported = await h.call<{ path: string }>('dataroom.exportReport', { id: session.sessionId });
    expect(existsSync(exported.path)).toBe(true);
  });
});
