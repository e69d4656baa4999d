import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type Workbench } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

const MANAGER = { userName: '李娜', passphrase: 'manager passphrase 经理 2026' };
const APPROVER = { userName: '周审批', passphrase: 'approver passphrase long' };
const EAST = { userName: '王东', passphrase: 'east staff passphrase long' };

const client = (code: string, name: string, region: string) => ({
  code, name, type: 'company', industry: '制造业', region, city: '上海', address: '', owner: '张伟', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});
const noFilter = { tiers: [], regions: [], industries: [], owners: [], tags: [] };

describe('the workbench says what waits for whom', () => {
  it('starts as a first-run checklist, then lists approvals for the approver only, notices to send and the last backup', async () => {
    const h = makeCore(() => new Date('2026-11-29T09:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const as = async (who: { userName: string; passphrase: string }) => {
      await h.call('vault.lock');
      await h.call('vault.unlock', who);
    };

    // A new vault: nothing waits, and the checklist sees one user and nothing else.
    let w = await h.call<Workbench>('workbench.summary');
    expect(w).toMatchObject({ approvals: [], notices: [], objections: [], questions: [], blocked: [], lastBackupAt: null });
    expect(w.setup).toEqual({ users: 1, clients: 0, verifiedKeys: 0, handovers: 0 });

    await h.call('users.add', { name: MANAGER.userName, role: 'handover_manager', passphrase: MANAGER.passphrase });
    await h.call('users.add', { name: APPROVER.userName, role: 'compliance', passphrase: APPROVER.passphrase });
    for (let i = 1; i <= 4; i++) await h.call('clients.create', client(`C-${i}`, `客户${i}`, i <= 2 ? '华东' : '华南'));
    h.answers.chooseSaveTarget = [join(tempDir(), 'vault.hvbackup')];
    await h.call('vault.backup', { jobId: 'job-wb-backup' });
    w = await h.call<Workbench>('workbench.summary');
    expect(w.setup).toEqual({ users: 3, clients: 4, verifiedKeys: 0, handovers: 0 });
    expect(w.lastBackupAt).toBe('2026-11-29T09:00:00.000Z');

    // The manager plans and submits: notices wait for the manager, the approval waits for the approver.
    await as(MANAGER);
    const { id, ref } = await h.call<{ id: number; ref: string }>('handovers.create', { title: '华南业务转让', buyerName: '北方收购集团' });
    await h.call('handovers.setScope', { id, scope: { mode: 'filter', filter: { ...noFilter, regions: ['华南'] }, picked: [] } });
    await h.call('handovers.submit', { id });
    w = await h.call<Workbench>('workbench.summary');
    expect(w.approvals).toEqual([]); // four eyes: never one's own
    expect(w.notices).toEqual([{ handoverId: id, ref, title: '华南业务转让', toGenerate: 2, toSend: 0, dueOn: null }]);
    expect(w.blocked).toEqual([expect.objectContaining({ handoverId: id })]);

    await as(APPROVER);
    w = await h.call<Workbench>('workbench.summary');
    expect(w.approvals).toEqual([expect.objectContaining({ handoverId: id, ref, submittedBy: MANAGER.userName })]);
    await h.call('handovers.approve', { id, comment: '同意' });
    w = await h.call<Workbench>('workbench.summary');
    expect(w.approvals).toEqual([]);
  });

  it('overdue work stays on the list with the day it was due: notices not sent by the notice start date, and a closed objection window whose unanswered clients wait for a decision', async () => {
    const h = makeCore(() => new Date('2026-11-29T09:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    for (let i = 1; i <= 3; i++) await h.call('clients.create', client(`C-${i}`, `客户${i}`, '华南'));
    const { id } = await h.call<{ id: number }>('handovers.create', { title: '华南业务转让', buyerName: '北方收购集团' });
    await h.call('handovers.setScope', { id, scope: { mode: 'filter', filter: { ...noFilter, regions: ['华南'] }, picked: [] } });
    // Notices were to go out from 1 October; the six-week objection window closed on 12 November.
    await h.call('handovers.update', { id, patch: {
      buyer: { name: '北方收购集团', contact: '赵敏', phone: '010-8888 6666', email: '', address: '', overseas: false },
      notice: { startDate: '2026-10-01', effectiveDate: '2027-01-01', objectionWeeks: 6, sellerContact: '法务部' },
    } });
    const clients = await h.call<{ rows: { clientId: number; code: string }[] }>('handovers.clients', { id, filter: 'included', offset: 0, limit: 20 });
    const [first, ...rest] = clients.rows.map((r) => r.clientId);
    h.answers.chooseFolder = [tempDir()];
    await h.call('handovers.generateNotices', { id, jobId: 'job-wb-notice', clientIds: [first] });
    await h.call('handovers.recordNotices', { id, clientIds: [first], status: 'sent', channel: 'letter', date: '2026-10-02', note: '' });

    let w = await h.call<Workbench>('workbench.summary');
    expect(w.notices).toEqual([expect.objectContaining({ handoverId: id, toGenerate: 2, dueOn: '2026-10-01' })]);
    // The window closed 17 days ago; the one client sent a notice never answered.
    expect(w.objections).toEqual([expect.objectContaining({ handoverId: id, deadline: '2026-11-12', days: -17, undecided: 1 })]);

    // Once decided, the closed window leaves the list.
    await h.call('handovers.decide', { id, clientIds: [first], decision: 'keep' });
    w = await h.call<Workbench>('workbench.summary');
    expect(w.objections).toEqual([]);
    expect(rest).toHaveLength(2);
  });

  it('a scoped user sees only handovers that hold their clients, and the auditor has no workbench', async () => {
    const h = makeCore(() => new Date('2026-11-29T09:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('users.add', { name: EAST.userName, role: 'staff', passphrase: EAST.passphrase });
    await h.call('users.add', { name: 'Audrey Auditor', role: 'auditor', passphrase: 'auditor passphrase long', withSlot: true });
    const users = await h.call<{ id: number; name: string }[]>('users.list');
    await h.call('users.setScope', { userId: users.find((u) => u.name === EAST.userName)!.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
    for (let i = 1; i <= 4; i++) await h.call('clients.create', client(`C-${i}`, `客户${i}`, i <= 2 ? '华东' : '华南'));
    const south = await h.call<{ id: number }>('handovers.create', { title: '华南业务转让', buyerName: '' });
    await h.call('handovers.setScope', { id: south.id, scope: { mode: 'filter', filter: { ...noFilter, regions: ['华南'] }, picked: [] } });
    expect((await h.call<Workbench>('workbench.summary')).notices).toHaveLength(1);

    await h.call('vault.lock');
    await h.call('vault.unlock', EAST);
    const w = await h.call<Workbench>('workbench.summary');
    expect(w.notices).toEqual([]);
    expect(w.blocked).toEqual([]);
    expect(w.setup).toMatchObject({ clients: 2, handovers: 0 });

    await h.call('vault.lock');
    await h.call('vault.unlock', { userName: 'Audrey Auditor', passphrase: 'auditor passphrase long' });
    await expect(h.call('workbench.summary')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
