import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_SCOPE, MASKABLE_FIELDS, PERMISSIONS, type HandoverDetail } from '../../shared/contract';
import { makeCore } from './core';
import { makePdf } from './pdf';
import { ADMIN, STAFF, tempDir } from './temp';

const client = (code: string, name: string, region: string, phone: string, email: string, address: string, revenue: number) => ({
  code, name, type: 'company', industry: '制造业', region, city: '', address, owner: '', department: '', importance: '', tags: [],
  cooperationStart: '2020-01-01', annualRevenue: revenue, grossProfit: null, currency: 'CNY', renewalRate: 0.8, satisfaction: 8, notes: '内部备注',
  contacts: [{ name: '联系人', title: '', phones: [phone], emails: [email] }],
});
export const EAST = client('E-001', '东方精密', '华东', '+8613800138000', 'wang@dongfang.cn', '上海市浦东新区世纪大道100号', 5_000_000_00);
export const EAST2 = client('E-002', '江南纺织', '华东', '+8613900139000', 'zhao@jiangnan.cn', '杭州市西湖区文三路8号', 9_000_000_00);
export const SOUTH = client('S-001', '南海贸易', '华南', '+8613700137000', 'chen@nanhai.cn', '广州市天河区体育西路1号', 7_000_000_00);
const ALL_FILTER = { tiers: [], regions: [], industries: [], owners: [], tags: [] };

/**
 * A vault with clients in 华东 and 华南, each with a document, a transaction and a communication;
 * a handover of only 华东 clients (`inside`) and one that also holds a 华南 client (`outside`), with an
 * NDA, a risk and a checklist item, and a finished data-room session on it with a question. The
 * admin builds it; then `STAFF` — a role with every right and every field masked, limited to 华东 —
 * is signed in.
 */
export async function scopedVault(now?: () => Date) {
  const h = makeCore(now);
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  const created = async (c: typeof EAST) => (await h.call<{ id: number }>('clients.create', c)).id;
  const east = await created(EAST);
  const east2 = await created(EAST2);
  const south = await created(SOUTH);
  const attach = async (clientId: number, name: string) => {
    const pdf = join(tempDir(), name);
    writeFileSync(pdf, makePdf([name]));
    h.answers.chooseDocumentFile = [pdf];
    await h.call('dialog.chooseDocumentFile');
    return (await h.call<{ id: number }>('documents.attach', { jobId: `job-${clientId}-doc`, clientId, file: pdf })).id;
  };
  const eastDoc = await attach(east, 'east-contract.pdf');
  const southDoc = await attach(south, 'south-contract.pdf');
  const entry = { kind: 'contract', ref: 'HT-1', date: null, amount: 100_00, currency: 'CNY', status: '' };
  const southTx = (await h.call<{ transactions: { id: number }[] }>('clients.addTransaction', { clientId: south, ...entry })).transactions[0]!.id;
  const southComm = (await h.call<{ communications: { id: number }[] }>('clients.addCommunication', { clientId: south, date: '2026-01-01', channel: 'phone', summary: '续约' }))
    .communications[0]!.id;
  const handover = async (title: string, picked: number[]) => {
    const d = await h.call<HandoverDetail>('handovers.create', { title, buyerName: '北方收购集团' });
    await h.call('handovers.setScope', { id: d.id, scope: { mode: 'picked', filter: ALL_FILTER, picked } });
    return d.id;
  };
  const inside = await handover('华东交接', [east, east2]);
  const outside = await handover('华南交接', [south]);
  const withRecords = await h.call<HandoverDetail>('handovers.saveRisk', { id: outside, riskId: null, risk: { title: '泄密', category: 'information-leak', likelihood: 3, impact: 4, mitigation: '', owner: '', status: 'open', reviewOn: null } });
  await h.call('handovers.addNda', { id: outside, parties: '甲方, 乙方', signedOn: '2026-01-01', expiresOn: null, scope: '', file: null });
  const detail = await h.call<HandoverDetail>('handovers.applyTemplate', { id: outside, template: 'prc' });
  const session = await h.call<{ sessionId: string }>('dataroom.start', {
    handoverId: outside, reviewer: { name: 'Rita', organisation: '北方收购集团', idNumber: '110101199001011234' }, clientIds: [],
    categories: ['basic', 'contacts', 'documents'], masked: [], documents: true, seconds: 1800, passphrase: ADMIN.passphrase,
  });
  await h.call('dataroom.ask', { clientId: south, documentId: null, question: '南海贸易的合同何时到期？' });
  await h.call('dataroom.end', { passphrase: ADMIN.passphrase }); // ending a session locks the vault
  await h.call('vault.unlock', ADMIN);
  const question = (await h.call<{ id: number }[]>('dataroom.allQuestions', { handoverId: outside }))[0]!.id;
  await h.call('roles.save', { name: 'east_all', label: '华东全权', permissions: [...PERMISSIONS], masked: [...MASKABLE_FIELDS], scope: EMPTY_SCOPE });
  const user = await h.call<{ id: number }>('users.add', { name: STAFF.userName, role: 'east_all', passphrase: STAFF.passphrase });
  await h.call('users.setScope', { userId: user.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
  await h.call('vault.lock');
  await h.call('vault.unlock', STAFF);
  return {
    h, user: user.id,
    inScope: { client: east, client2: east2, document: eastDoc, handover: inside },
    outOfScope: {
      client: south, document: southDoc, handover: outside, session: session.sessionId, question,
      transaction: southTx, communication: southComm, nda: detail.ndas[0]!.id, risk: withRecords.risks[0]!.id, checkItem: detail.checklist[0]!.id,
    },
  };
}
