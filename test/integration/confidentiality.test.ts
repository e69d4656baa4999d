import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type ClientPage, type HandoverDetail } from '../../shared/contract';
import { scopedVault } from '../helpers/scoped-vault';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';

const REVIEWER = { name: 'Rita', organisation: '北方收购集团', idNumber: '' };

/**
 * Issue 14 findings 2, 3, 4 and the smaller items of 7, as an attacker tried them: a user limited to
 * 华东 whose role masks every sensitive field (but holds every right) against a vault that also holds
 * 华南 clients, a handover with one of them, a data-room report and a question about it.
 */
describe('confidentiality that holds for a scoped, masked user', () => {
  it('finding 2: no handover, data-room session or client list takes a client outside the scope; a session keeps the facilitator\'s masks', async () => {
    let clock = new Date('2026-11-22T09:00:00Z');
    const v = await scopedVault(() => clock);
    const { h } = v;
    const inside = v.inScope.handover;
    const south = v.outOfScope.client;
    for (const [channel, input] of [
      ['handovers.setIncluded', { id: inside, clientIds: [south], included: true, reason: '' }],
      ['handovers.setArrangement', { id: inside, clientIds: [south], receivingOwner: 'x', arrangement: 'business-transfer', negotiation: '' }],
      ['handovers.decide', { id: inside, clientIds: [south], decision: 'keep' }],
      ['handovers.setScope', { id: inside, scope: { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [south] } }],
      ['dataroom.start', { handoverId: inside, reviewer: REVIEWER, clientIds: [south], categories: ['basic'], masked: [], documents: false, seconds: 600, passphrase: STAFF.passphrase }],
    ] as const) {
      expect(await h.core.handle(channel, input), channel).toEqual({ ok: false, error: { code: 'CLIENT_NOT_FOUND', message: 'No such client' } });
    }
    const detail = await h.call<HandoverDetail>('handovers.get', { id: inside });
    expect(detail.included).toBe(2);
    // The handover that holds a 华南 client, its sessions and questions do not exist for this user.
    const list = await h.call<{ id: number }[]>('handovers.list');
    expect(list.map((x) => x.id)).toEqual([inside]);
    expect(await h.call<unknown[]>('dataroom.list', { handoverId: null })).toEqual([]);
    expect(await h.core.handle('dataroom.report', { id: v.outOfScope.session })).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_FOUND' } });
    expect(await h.core.handle('dataroom.allQuestions', { handoverId: v.outOfScope.handover })).toMatchObject({ ok: false, error: { code: 'HANDOVER_NOT_FOUND' } });
    expect(await h.core.handle('dataroom.answer', { id: v.outOfScope.question, answer: 'x' })).toMatchObject({ ok: false, error: { code: 'QUESTION_NOT_FOUND' } });
    // Asking for no masks gives the reviewer no more than the facilitator sees.
    await h.call('dataroom.start', { handoverId: inside, reviewer: REVIEWER, clientIds: [], categories: ['basic', 'contacts', 'value'], masked: [], documents: false, seconds: 600, passphrase: STAFF.passphrase });
    const seen = await h.call<{ client: { contacts: { phones: string[]; emails: string[] }[]; address: string; annualRevenue: number | null } }>('dataroom.client', { id: v.inScope.client });
    expect(seen.client.contacts[0]!.phones).toEqual(['138****8000']);
    expect(seen.client.contacts[0]!.emails).toEqual(['w***@dongfang.cn']);
    expect(seen.client.address).not.toContain('世纪大道');
    expect(seen.client.annualRevenue).toBeNull();
    // Finding 7: ending takes the facilitator's passphrase, three wrong tries, then each further try waits.
    for (let i = 0; i < 3; i++) expect(await h.core.handle('dataroom.end', { passphrase: 'a guess' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await h.core.handle('dataroom.end', { passphrase: STAFF.passphrase })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { seconds: 15 } } });
    clock = new Date(clock.getTime() + 15_000);
    expect(await h.core.handle('dataroom.end', { passphrase: 'a guess' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await h.core.handle('dataroom.end', { passphrase: STAFF.passphrase })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { seconds: 30 } } });
    clock = new Date(clock.getTime() + 30_000);
    expect(await h.core.handle('dataroom.end', { passphrase: STAFF.passphrase })).toEqual({ ok: true, value: {} });
    await h.call('vault.unlock', STAFF);
    const [session] = await h.call<{ id: string }[]>('dataroom.list', { handoverId: inside });
    const report = await h.call<{ refused: number; scope: { masked: string[] } }>('dataroom.report', { id: session!.id });
    expect(report.scope.masked).toEqual(expect.arrayContaining(['phones', 'emails', 'address', 'amounts']));
    expect(report.refused).toBe(6); // four wrong passphrases, two tries refused while waiting
  });

  it('a handover that also holds clients outside the scope shows a scoped user totals over their own clients only', async () => {
    const v = await scopedVault();
    const { h } = v;
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    const mixed = await h.call<HandoverDetail>('handovers.create', { title: '混合交接', buyerName: '北方收购集团' });
    const filter = { tiers: [], regions: [], industries: [], owners: [], tags: [] };
    await h.call('handovers.setScope', { id: mixed.id, scope: { mode: 'picked', filter, picked: [v.inScope.client, v.outOfScope.client] } });
    const asAdmin = await h.call<HandoverDetail>('handovers.get', { id: mixed.id });
    expect(asAdmin.included).toBe(2);
    expect(asAdmin.contents.documents).toBe(2);
    await h.call('vault.lock');
    await h.call('vault.unlock', STAFF);
    const asStaff = await h.call<HandoverDetail>('handovers.get', { id: mixed.id });
    // The 华南 client is not counted, its document is not in "what an export would carry", its revenue is not summed.
    expect(asStaff.included).toBe(1);
    expect(asStaff.contents.documents).toBe(1);
    expect(asStaff.revenue).toBeNull();
  });

  it('finding 3: masked phones, e-mails and addresses find nothing; masked amounts sort nothing and no score gives them away', async () => {
    const { h } = await scopedVault();
    const search = (query: Record<string, unknown>) => h.core.handle('clients.search', query);
    expect(await search({ text: '东方' })).toMatchObject({ ok: true, value: { total: 1 } });
    for (const text of ['13800138000', '138 0013 8000', '0013800', 'wang@dongfang.cn', 'dongfang.cn', '世纪大道', '浦东新区世纪']) {
      expect(await search({ text }), text).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
    }
    for (const sort of ['annualRevenue', 'valueScore']) {
      expect(await search({ sort }), sort).toMatchObject({ ok: false, error: { code: 'SORT_MASKED' } });
    }
    const page = (await search({})) as { ok: true; value: ClientPage };
    expect(page.value.rows.map((r) => [r.annualRevenue, r.valueScore])).toEqual([[null, null], [null, null]]);
    const detail = await h.call<{ valueScore: number | null; tier: string | null }>('clients.get', { id: page.value.rows[0]!.id });
    expect(detail.valueScore).toBeNull();
  });

  it('finding 4: the data-room reviewer role reads nothing outside a session', async () => {
    const { h, outOfScope } = await scopedVault();
    // Reviewers hold no login unless an administrator insists; the one who does still reads nothing.
    await h.call('users.add', { name: 'reviewer', role: 'data_room_guest', passphrase: 'a reviewer passphrase 42', withSlot: true });
    await h.call('vault.lock');
    await h.call('vault.unlock', { userName: 'reviewer', passphrase: 'a reviewer passphrase 42' });
    for (const [channel, input] of [
      ['clients.search', {}], ['clients.get', { id: outOfScope.client }], ['handovers.list', {}], ['handovers.get', { id: outOfScope.handover }],
      ['dataroom.list', { handoverId: null }], ['dataroom.report', { id: outOfScope.session }], ['dataroom.allQuestions', { handoverId: outOfScope.handover }],
      ['documents.list', { clientId: outOfScope.client }],
    ] as const) {
      expect(await h.core.handle(channel, input), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('finding 7: the rejected-rows report needs an unscoped account; audit views and exports show typed phone numbers masked', async () => {
    const { h, user } = await scopedVault();
    expect(await h.core.handle('clients.saveRejected', { file: '/tmp/x.csv', encoding: 'auto', mapping: ['name'], onDuplicate: 'skip', language: 'en' }))
      .toMatchObject({ ok: false, error: { code: 'SCOPED_IMPORT' } });
    await h.call('clients.search', { text: '13700137000' });
    await h.call('clients.search', { text: 'chen@nanhai.cn' });
    // The log names every client, so a scoped account reads none of it; the same role, unscoped, reads it masked.
    expect(await h.core.handle('audit.query', { filter: {} })).toMatchObject({ ok: false, error: { code: 'SCOPED_AUDIT' } });
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    await h.call('users.setScope', { userId: user, scope: EMPTY_SCOPE });
    await h.call('vault.lock');
    await h.call('vault.unlock', STAFF);
    const log = await h.call<{ rows: { action: string; details: { text?: string } }[] }>('audit.query', { filter: { action: 'clients.search' } });
    expect(log.rows.map((r) => r.details.text)).toEqual(['c***@nanhai.cn', '137********']);
    const parent = tempDir();
    h.answers.chooseFolder = [parent];
    const picked = await h.call<{ path: string }>('dialog.chooseAuditFolder', { purpose: 'audit-export' });
    const result = await h.call<{ dir: string }>('audit.export', { jobId: 'audit-export-1', dir: picked.path });
    const csv = readFileSync(join(result.dir, 'audit.csv'), 'utf8');
    expect(csv).toContain('137********');
    expect(csv).not.toContain('13700137000');
    expect(csv).not.toContain('chen@nanhai.cn');
  });
});
