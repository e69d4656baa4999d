import { describe, expect, it } from 'vitest';
import type { HandoverDetail, Workbench } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

const MANAGER = { userName: '李娜', passphrase: 'manager passphrase 经理 2026' };
const FIRST = { userName: 'Chen Compliance', passphrase: 'compliance passphrase one' };
const SECOND = { userName: '周审批', passphrase: 'second approver passphrase' };

const client = (code: string) => ({
  code, name: `客户${code}`, type: 'company', industry: '', region: '华东', city: '', address: '', owner: '', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});

describe('驳回: an approver sends a submitted handover back with a reason', () => {
  it('voids the approvals, makes it a draft again, logs the reason and shows it; a short reason or a planner changes nothing', async () => {
    const h = makeCore(() => new Date('2026-11-29T09:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    for (const u of [[MANAGER, 'handover_manager'], [FIRST, 'compliance'], [SECOND, 'compliance']] as const) {
      await h.call('users.add', { name: u[0].userName, role: u[1], passphrase: u[0].passphrase });
    }
    for (const code of ['A1', 'A2']) await h.call('clients.create', client(code));
    const as = async (who: { userName: string; passphrase: string }) => {
      await h.call('vault.lock');
      await h.call('vault.unlock', who);
    };
    await as(MANAGER);
    const { id } = await h.call<HandoverDetail>('handovers.create', { title: '华东业务转让', buyerName: '' });
    await h.call('handovers.setScope', { id, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } });
    await h.call('handovers.submit', { id });
    // Sending back is the approvers' right, not the planner's.
    await expect(h.call('handovers.reject', { id, reason: '范围不完整，请补充' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await as(FIRST);
    await h.call('handovers.approve', { id, comment: '同意' });
    await as(SECOND);
    // A reason is required: too short is refused and nothing changes.
    await expect(h.call('handovers.reject', { id, reason: '不行' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    let d = await h.call<HandoverDetail>('handovers.get', { id });
    expect(d.status).toBe('submitted');
    expect(d.approvals.filter((a) => a.voidedAt === null)).toHaveLength(1);

    d = await h.call<HandoverDetail>('handovers.reject', { id, reason: '保密协议尚未签署，请先完成' });
    expect(d.status).toBe('draft');
    expect(d.submittedBy).toBeNull();
    expect(d.approvals).toEqual([expect.objectContaining({ user: FIRST.userName, voidReason: 'rejected' })]);
    expect(d.approvals[0]!.voidedAt).not.toBeNull();
    expect(d.rejections).toEqual([{ user: SECOND.userName, at: '2026-11-29T09:00:00.000Z', reason: '保密协议尚未签署，请先完成' }]);
    const db = h.core.openVaultForTests!.db;
    const logged = db.prepare("SELECT actor, target, details FROM access_log WHERE action = 'handover.reject'").all() as { actor: string; target: string; details: string }[];
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor: SECOND.userName, target: d.ref });
    expect(JSON.parse(logged[0]!.details)).toMatchObject({ reason: '保密协议尚未签署，请先完成', voided: 1 });
    // Nothing waits for the approvers any more; a draft cannot be sent back twice.
    expect((await h.call<Workbench>('workbench.summary')).approvals).toEqual([]);
    await expect(h.call('handovers.reject', { id, reason: '再次驳回的理由' })).rejects.toMatchObject({ code: 'HANDOVER_STATE' });

    // The planner fixes and submits again: the approval round starts over.
    await as(MANAGER);
    d = await h.call<HandoverDetail>('handovers.submit', { id });
    expect(d.status).toBe('submitted');
    await as(FIRST);
    expect((await h.call<Workbench>('workbench.summary')).approvals).toEqual([expect.objectContaining({ handoverId: id })]);
  });
});
