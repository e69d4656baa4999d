import { readFileSync, writeFileSync } from 'node:fs';
import { compensationReport } from '../../electron/core/compensation/report-lines';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type HandoverDetail, type ProposalDetail, type ProposalRow } from '../../shared/contract';
import { amountFromInputs } from '../../shared/compensation/compute';
import { auditDetailsText } from '../../shared/i18n/audit-details';
import { makeCore } from '../helpers/core';
import { makePdf } from '../helpers/pdf';
import { ADMIN, tempDir } from '../helpers/temp';

const MANAGER = { userName: '李娜', passphrase: 'manager passphrase 经理 2026' };
const APPROVER1 = { userName: '周审批', passphrase: 'first approver passphrase' };
const APPROVER2 = { userName: '吴合规', passphrase: 'second approver passphrase' };
const SOUTH_STAFF = { userName: '华南销售', passphrase: 'south sales passphrase long' };
const MASKED = { userName: '财务观察员', passphrase: 'masked reader passphrase' };

export const STANDARD = {
  basis: 'revenue', rateBp: 500, fixedFen: { A: 0, B: 0, C: 0 }, tierFactors: { A: 1200, B: 1000, C: 800 },
  loyalty: { minRenewalPercent: 80, factorPermille: 1100 }, stability: { minYears: 3, factorPermille: 1050 },
  floorFen: 1_000_00, capFen: 200_000_00, methods: ['cash', 'discount', 'transition-service'], defaultMethod: 'cash', budgetFen: 2_000_000_00,
} as const;

const client = (i: number) => ({
  code: `K-${String(i).padStart(3, '0')}`, name: `客户${i}`, type: 'company', industry: '制造业', region: i % 2 ? '华东' : '华南', city: '', address: '',
  owner: i % 3 ? '张伟' : '王芳', department: '', importance: '', tags: [], cooperationStart: `${2010 + (i % 15)}-03-01`,
  annualRevenue: i * 123_457_01, grossProfit: i * 20_000_00, currency: 'CNY', renewalRate: (i % 10) / 10, satisfaction: 7, notes: '', contacts: [],
});

async function setup(n = 20) {
  let clock = new Date('2026-11-22T09:00:00Z');
  const h = makeCore(() => clock);
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  await h.call('users.add', { name: MANAGER.userName, role: 'handover_manager', passphrase: MANAGER.passphrase });
  await h.call('users.add', { name: APPROVER1.userName, role: 'compliance', passphrase: APPROVER1.passphrase });
  await h.call('users.add', { name: APPROVER2.userName, role: 'compliance', passphrase: APPROVER2.passphrase });
  await h.call('roles.save', { name: 'south_sales', label: '华南销售', permissions: ['clients.read', 'clients.edit', 'documents.manage'], masked: [], scope: EMPTY_SCOPE });
  const south = await h.call<{ id: number }>('users.add', { name: SOUTH_STAFF.userName, role: 'south_sales', passphrase: SOUTH_STAFF.passphrase });
  await h.call('users.setScope', { userId: south.id, scope: { ...EMPTY_SCOPE, regions: ['华南'] } });
  await h.call('roles.save', { name: 'finance_watch', label: '财务观察', permissions: ['clients.read'], masked: ['amounts'], scope: EMPTY_SCOPE });
  await h.call('users.add', { name: MASKED.userName, role: 'finance_watch', passphrase: MASKED.passphrase });
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) ids.push((await h.call<{ id: number }>('clients.create', client(i))).id);
  const as = async (who: { userName: string; passphrase: string }) => {
    await h.call('vault.lock');
    await h.call('vault.unlock', who);
  };
  await as(MANAGER);
  const ho = await h.call<HandoverDetail>('handovers.create', { title: '华东华南业务出售', buyerName: '北方收购集团' });
  await h.call('handovers.setScope', { id: ho.id, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } });
  return { h, ids, id: ho.id, as, advance: (days: number) => { clock = new Date(clock.getTime() + days * 86_400_000); } };
}

type Page = { total: number; totals: Record<string, number | null>; rows: ProposalRow[] };

describe('client compensation, from value to paid', () => {
  it('computes a proposal per client from one standard, each recomputable from its recorded inputs, and shows what a change would do before it applies', async () => {
    const { h, id } = await setup();
    await expect(h.call('compensation.compute', { handoverId: id, kind: 'client' })).rejects.toMatchObject({ code: 'COMPENSATION_NO_STANDARD' });
    const set = await h.call<{ proposals: number; changed: number }>('compensation.setStandard', { handoverId: id, kind: 'client', standard: STANDARD });
    expect(set).toMatchObject({ proposals: 20, changed: 20 });
    const page = await h.call<Page>('compensation.list', { handoverId: id, kind: 'client', limit: 500 });
    expect(page.total).toBe(20);
    let sum = 0;
    for (const row of page.rows) {
      const d = await h.call<ProposalDetail>('compensation.proposal', { handoverId: id, proposalId: row.id });
      expect(amountFromInputs(d.inputs!)).toBe(row.proposedFen);
      expect(row.proposedFen).toBeGreaterThanOrEqual(STANDARD.floorFen);
      expect(row.proposedFen).toBeLessThanOrEqual(STANDARD.capFen);
      sum += row.proposedFen!;
    }
    expect(page.totals).toMatchObject({ proposals: 20, proposedFen: sum, budgetFen: STANDARD.budgetFen });

    // A higher rate: the preview says who changes and by how much, and writes nothing.
    const preview = await h.call<{ changed: number; increased: number; totalAfterFen: number }>('compensation.previewStandard', {
      handoverId: id, kind: 'client', standard: { ...STANDARD, rateBp: 800 },
    });
    expect(preview.changed).toBeGreaterThan(0);
    expect(preview.increased).toBe(preview.changed);
    expect(preview.totalAfterFen).toBeGreaterThan(sum);
    const again = await h.call<Page>('compensation.list', { handoverId: id, kind: 'client', limit: 500 });
    expect(again.totals.proposedFen).toBe(sum);

    // A method the standard does not allow is refused; an exception needs a written reason.
    await expect(h.call('compensation.setException', { handoverId: id, proposalId: page.rows[0]!.id, amountFen: 5, method: 'equity', reason: '特殊情况说明' }))
      .rejects.toMatchObject({ code: 'COMPENSATION_METHOD' });
    await expect(h.call('compensation.setException', { handoverId: id, proposalId: page.rows[0]!.id, amountFen: 5, method: 'cash', reason: '' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const fair = await h.call<{ byTier: { count: number }[]; byRegion: { key: string; count: number }[]; exceptions: unknown[]; totalFen: number }>('compensation.fairness', { handoverId: id, kind: 'client' });
    expect(fair.byRegion.map((g) => [g.key, g.count])).toEqual([['华东', 10], ['华南', 10]]);
    expect(fair.byTier.reduce((a, g) => a + g.count, 0)).toBe(20);
    expect(fair).toMatchObject({ exceptions: [], totalFen: sum });
  });

  it('makes the standard and exceptions part of the four-eyes approval: changing either after approval voids it; negotiation, agreement and payment do not', async () => {
    const { h, id, as, advance } = await setup(8);
    await h.call('compensation.setStandard', { handoverId: id, kind: 'client', standard: STANDARD });
    await h.call('handovers.submit', { id });
    await as(APPROVER1);
    await h.call('handovers.approve', { id, comment: '同意' });
    await as(APPROVER2);
    let ho = await h.call<HandoverDetail>('handovers.approve', { id, comment: '同意' });
    expect(ho.status).toBe('approved');

    await as(MANAGER);
    const [first] = (await h.call<Page>('compensation.list', { handoverId: id, kind: 'client' })).rows;
    const ex = await h.call<ProposalDetail>('compensation.setException', { handoverId: id, proposalId: first!.id, amountFen: 88_888_00, method: 'transition-service', reason: '长期战略客户，提供过渡期服务' });
    expect(ex.row).toMatchObject({ proposedFen: 88_888_00, exception: { reason: '长期战略客户，提供过渡期服务', by: MANAGER.userName } });
    ho = await h.call<HandoverDetail>('handovers.get', { id });
    expect(ho.status).toBe('submitted');
    expect(ho.approvals.every((a) => a.voidedAt !== null)).toBe(true);
    const fair = await h.call<{ exceptions: { reason: string }[] }>('compensation.fairness', { handoverId: id, kind: 'client' });
    expect(fair.exceptions).toEqual([expect.objectContaining({ reason: '长期战略客户，提供过渡期服务', computedFen: first!.computedFen })]);

    await as(APPROVER1);
    await h.call('handovers.approve', { id, comment: '例外已审' });
    await as(APPROVER2);
    await h.call('handovers.approve', { id, comment: '例外已审' });
    await as(MANAGER);

    // Payment before agreement is refused; the agreement's document must belong to the client.
    await expect(h.call('compensation.recordPayment', { handoverId: id, proposalId: first!.id, paidOn: '2026-11-23', amountFen: 100, evidence: '银行回单', documentId: null }))
      .rejects.toMatchObject({ code: 'COMPENSATION_NOT_AGREED' });
    await h.call('compensation.recordNegotiation', { handoverId: id, proposalId: first!.id, kind: 'offer', date: '2026-11-22', amountFen: 80_000_00, method: 'cash', ourSide: '李娜', theirSide: '客户1 采购总监', note: '首次报价' });
    await h.call('compensation.recordNegotiation', { handoverId: id, proposalId: first!.id, kind: 'counter-offer', date: '2026-11-23', amountFen: 90_000_00, method: 'transition-service', ourSide: '李娜', theirSide: '客户1 采购总监', note: '' });
    const pdf = join(tempDir(), '补偿协议.pdf');
    writeFileSync(pdf, makePdf(['agreement']));
    h.answers.chooseDocumentFile = [pdf];
    await h.call('dialog.chooseDocumentFile');
    const doc = await h.call<{ id: number }>('documents.attach', { jobId: 'attach-agr', clientId: first!.clientId, file: pdf });
    const other = (await h.call<Page>('compensation.list', { handoverId: id, kind: 'client' })).rows[1]!;
    await expect(h.call('compensation.recordAgreement', { handoverId: id, proposalId: other.id, amountFen: 1, method: 'cash', agreedOn: '2026-11-24', dueOn: '2026-12-31', promise: 'x', documentId: doc.id }))
      .rejects.toMatchObject({ code: 'COMPENSATION_DOCUMENT' });
    let d = await h.call<ProposalDetail>('compensation.recordAgreement', {
      handoverId: id, proposalId: first!.id, amountFen: 85_000_00, method: 'transition-service', agreedOn: '2026-11-24', dueOn: '2026-12-31', promise: '六个月过渡期服务及现金补偿', documentId: doc.id,
    });
    expect(d.row).toMatchObject({ status: 'agreed', agreedFen: 85_000_00, owedFen: 85_000_00, agreementDocumentId: doc.id });
    expect(d.negotiations.map((n) => n.kind)).toEqual(['offer', 'counter-offer']);
    await expect(h.call('compensation.recordPayment', { handoverId: id, proposalId: first!.id, paidOn: '2026-11-25', amountFen: 85_000_01, evidence: '银行回单', documentId: null }))
      .rejects.toMatchObject({ code: 'COMPENSATION_OVERPAID', details: { owedFen: 85_000_00 } });
    d = await h.call<ProposalDetail>('compensation.recordPayment', { handoverId: id, proposalId: first!.id, paidOn: '2026-11-25', amountFen: 35_000_00, evidence: '银行回单 20261125-001', documentId: null });
    expect(d.row).toMatchObject({ paidFen: 35_000_00, owedFen: 50_000_00 });
    ho = await h.call<HandoverDetail>('handovers.get', { id });
    expect(ho.status).toBe('approved');

    // The report lists the standard, the exception with its reason, and the evaluation.
    const pdfOut = join(tempDir(), 'report.pdf');
    h.answers.chooseSaveTarget = [pdfOut];
    expect(await h.call('handovers.report', { id, language: 'zh-CN' })).toEqual({ path: pdfOut });
    expect(readFileSync(pdfOut).subarray(0, 5).toString()).toBe('%PDF-');
    expect(compensationReport(h.core.openVaultForTests!, id, 'zh-CN').lines).toEqual(expect.arrayContaining([
      expect.stringContaining('长期战略客户，提供过渡期服务'), expect.stringMatching(/^共 8 条建议补偿：建议补偿 [\d.]+ 万元，约定补偿 8\.50 万元，已支付 3\.50 万元，尚欠 5\.00 万元$/),
    ]));

    // Past its due date, the promise shows as overdue on the workbench.
    expect(await h.call('compensation.overdue', {})).toEqual([]);
    advance(45);
    expect(await h.call('compensation.overdue', {})).toEqual([expect.objectContaining({ proposalId: first!.id, owedFen: 50_000_00, daysOverdue: 6, handoverRef: ho.ref })]);

    // Changing the standard after approval voids the approvals, as a scope change does — and the preview says so before.
    const raised = { ...STANDARD, rateBp: STANDARD.rateBp + 100 };
    const preview = await h.call<{ voidedApprovals: number; exceptionsKept: number }>('compensation.previewStandard', { handoverId: id, kind: 'client', standard: raised });
    expect(preview).toMatchObject({ voidedApprovals: 2, exceptionsKept: 1 });
    expect((await h.call<HandoverDetail>('handovers.get', { id })).status).toBe('approved');
    expect(await h.call('compensation.setStandard', { handoverId: id, kind: 'client', standard: raised })).toMatchObject({ voidedApprovals: 2 });
    ho = await h.call<HandoverDetail>('handovers.get', { id });
    expect(ho.status).toBe('submitted');
    expect(ho.approvals.filter((a) => a.voidedAt === null)).toEqual([]);
    // The exception, the agreement and the payment stand: only the rule changed.
    d = await h.call<ProposalDetail>('compensation.proposal', { handoverId: id, proposalId: first!.id });
    expect(d.row).toMatchObject({ proposedFen: 88_888_00, agreedFen: 85_000_00, paidFen: 35_000_00 });
  });

  it('shows a masked role no amount and no input, and a scoped user only the proposals of clients in their scope', async () => {
    const { h, id, as } = await setup(10);
    await h.call('compensation.setStandard', { handoverId: id, kind: 'client', standard: STANDARD });
    const all = (await h.call<Page>('compensation.list', { handoverId: id, kind: 'client' })).rows;
    const east = all.find((r) => r.region === '华东')!;
    const south = all.find((r) => r.region === '华南')!;
    await h.call('compensation.recordAgreement', { handoverId: id, proposalId: south.id, amountFen: 20_000_00, method: 'cash', agreedOn: '2026-11-01', dueOn: '2026-11-10', promise: '现金补偿', documentId: null });

    await as(MASKED);
    const raw = JSON.stringify(await h.core.handle('compensation.list', { handoverId: id, kind: 'client' }));
    const page = JSON.parse(raw).value as Page;
    expect(page.total).toBe(10);
    for (const r of page.rows) expect([r.computedFen, r.proposedFen, r.agreedFen, r.paidFen, r.owedFen]).toEqual([null, null, null, null, null]);
    expect(Object.values(page.totals).filter((v) => typeof v === 'number' && v > 1000)).toEqual([]);
    const d = await h.call<ProposalDetail>('compensation.proposal', { handoverId: id, proposalId: south.id });
    expect(d.inputs).toBeNull();
    expect(raw).not.toContain(String(south.proposedFen));
    expect(await h.call('compensation.fairness', { handoverId: id, kind: 'client' })).toMatchObject({ masked: true, byTier: [], totalFen: 0 });
    expect(await h.call('compensation.standard', { handoverId: id, kind: 'client' })).toMatchObject({ standard: null, masked: true, version: 1 });
    expect(await h.call('compensation.overdue', {})).toEqual([expect.objectContaining({ proposalId: south.id, owedFen: null })]);

    // Each view of amounts leaves one entry with counts, never an amount (masked ones say so).
    await as(ADMIN);
    type Entry = { actor: string; target: string; details: Record<string, unknown> };
    const logged = async (action: string) => (await h.call<{ rows: Entry[] }>('audit.query', { filter: { action } })).rows;
    const [fair] = await logged('compensation.fairness');
    expect(fair).toMatchObject({ actor: MASKED.userName, target: expect.any(String), details: { handover: fair!.target, kind: 'client', proposals: 10, masked: true } });
    const [overdue, ...more] = await logged('compensation.overdue');
    expect(more).toEqual([]);
    expect(overdue).toMatchObject({ actor: MASKED.userName, details: { handovers: [fair!.target], promises: 1, masked: true } });
    expect(JSON.stringify([fair, overdue])).not.toContain(String(20_000_00));
    expect(auditDetailsText('zh-CN', fair!.details, 'compensation.fairness')).toBe(`交接项目 ${fair!.target} 的客户补偿公平性分析（10 条建议补偿）（金额已脱敏）`);
    expect(auditDetailsText('en', overdue!.details, 'compensation.overdue')).toBe(`overdue compensation promises: 1; handovers: ${fair!.target} (amounts masked)`);

    await as(SOUTH_STAFF);
    const mine = await h.call<Page>('compensation.list', { handoverId: id, kind: 'client' });
    expect(mine.total).toBe(5);
    expect(mine.rows.every((r) => r.region === '华南')).toBe(true);
    await expect(h.call('compensation.proposal', { handoverId: id, proposalId: east.id })).rejects.toMatchObject({ code: 'COMPENSATION_NOT_FOUND' });
    await expect(h.call('compensation.recordPayment', { handoverId: id, proposalId: east.id, paidOn: '2026-11-25', amountFen: 1, evidence: '回单', documentId: null }))
      .rejects.toMatchObject({ code: 'COMPENSATION_NOT_FOUND' });
    const paid = await h.call<ProposalDetail>('compensation.recordPayment', { handoverId: id, proposalId: south.id, paidOn: '2026-11-25', amountFen: 20_000_00, evidence: '回单', documentId: null });
    expect(paid.row.status).toBe('paid');
    // Staff exit compensation needs its own right.
    await expect(h.call('compensation.list', { handoverId: id, kind: 'staff' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('computes staff exit compensation from the portfolio each person owns, for the administrator only', async () => {
    const { h, id, as } = await setup(9);
    await expect(h.call('compensation.setStandard', { handoverId: id, kind: 'staff', standard: { ...STANDARD, methods: ['cash', 'equity'], defaultMethod: 'equity' } }))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
    await as(ADMIN);
    const r = await h.call<{ proposals: number }>('compensation.setStandard', { handoverId: id, kind: 'staff', standard: { ...STANDARD, capFen: 1e12, methods: ['cash', 'equity'], defaultMethod: 'equity' } });
    expect(r.proposals).toBe(2);
    const page = await h.call<Page>('compensation.list', { handoverId: id, kind: 'staff' });
    expect(page.rows.map((row) => [row.name, row.method])).toEqual([['张伟', 'equity'], ['王芳', 'equity']]);
    // 王芳 owns clients 3, 6, 9: 5 % of their revenue.
    const wang = page.rows.find((row) => row.name === '王芳')!;
    expect(wang.proposedFen).toBe(Math.round((3 + 6 + 9) * 123_457_01 * 0.05));
    expect((await h.call<Page>('compensation.list', { handoverId: id, kind: 'client' })).total).toBe(0);
  });
});
