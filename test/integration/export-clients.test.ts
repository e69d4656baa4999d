import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientDetail, ClientDraft } from '../../shared/contract';
import { clientsCsvRows } from '../../electron/core/formats/csv-cell';
import { getClient } from '../../electron/core/clients/store';
import { packageScope } from '../../electron/core/packages/export-clients';
import { createHandover, setScope, updateHandover } from '../../electron/core/handovers/plan';
import { addCommunication, addTransaction } from '../../electron/core/clients/entries';
import { createClient } from '../../electron/core/clients/service';
import { createVault, lockVault } from '../../electron/core/vault/vault';
import { tempDir } from '../helpers/temp';
import { TEST_KDF } from '../helpers/test-kdf';

const now = () => new Date('2026-11-23T08:00:00Z');

const draft = (code: string, over: Partial<ClientDraft> = {}): ClientDraft => ({
  code, name: `客户 ${code}`, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '浦东新区张江路 1 号', owner: '张伟', department: '华东销售部',
  importance: '重要', tags: ['VIP', '长期'], cooperationStart: '2019-07-03', annualRevenue: 1_234_567_00, grossProfit: 234_500_00, currency: 'CNY', renewalRate: 0.85,
  satisfaction: 4.5, notes: '第一行\n"第二行", 逗号', contacts: [
    { name: '张伟', title: '采购经理', phones: ['+8613800138000', '+862155550000'], emails: ['zw@example.cn'] },
    { name: 'Li "Lee"', title: '', phones: [], emails: ['li@example.com', 'lee@example.com'] },
  ], ...over,
});

/**
 * What a buyer receives for one client, written the plain way from the
 * client's detail: the oracle the SQL-built text must equal.
 */
function expected(c: ClientDetail, categories: Set<string>) {
  return {
    code: c.code, name: c.name, type: c.type, industry: c.industry, region: c.region, city: c.city, address: c.address, owner: c.owner,
    department: c.department, importance: c.importance, tags: c.tags,
    contacts: categories.has('contacts') ? c.contacts : [],
    ...(categories.has('transactions') ? { transactions: c.transactions.map(({ id: _id, ...t }) => t) } : {}),
    ...(categories.has('notes') ? { notes: c.notes, communications: c.communications.map(({ id: _id, ...m }) => m) } : { notes: '' }),
    ...(categories.has('value')
      ? { cooperationStart: c.cooperationStart, annualRevenue: c.annualRevenue, grossProfit: c.grossProfit, currency: c.currency, renewalRate: c.renewalRate, satisfaction: c.satisfaction, tier: c.tier }
      : { cooperationStart: null, annualRevenue: null, grossProfit: null, currency: c.currency, renewalRate: null, satisfaction: null }),
  };
}

describe('the clients a package carries', () => {
  it('are, field for field, the clients in scope with only the categories sent, as JSON and as Excel-safe CSV', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir: join(dir, 'vault'), userName: 'admin', passphrase: 'a long enough passphrase', now, kdf: TEST_KDF });
    try {
      const a = createClient(vault, draft('A-001'), now);
      const b = createClient(vault, draft('=B-002', { name: '+张三', type: 'individual', tags: [], contacts: [], notes: '', annualRevenue: null, renewalRate: null, satisfaction: null, cooperationStart: null }), now);
      createClient(vault, draft('C-003', { region: '华南' }), now);
      addTransaction(vault, a.id, { kind: 'contract', ref: 'HT-2019-07', date: '2019-07-03', amount: 5_000_00, currency: 'CNY', status: '履行中' }, now);
      addTransaction(vault, a.id, { kind: 'transaction', ref: 'TX-1', date: null, amount: null, currency: 'USD', status: '' }, now);
      addTransaction(vault, a.id, { kind: 'transaction', ref: 'TX-2', date: '2024-01-02', amount: 12_50, currency: 'USD', status: 'paid' }, now);
      addCommunication(vault, a.id, { date: '2026-10-01', channel: '电话', summary: '续约意向\n下周回复' }, now);
      addCommunication(vault, a.id, { date: '2026-11-01', channel: 'email', summary: '@SUM(A1)' }, now);
      const h = createHandover(vault, { title: '华东', buyerName: '北方' }, now);
      setScope(vault, h.id, { mode: 'filter', filter: { tiers: [], regions: ['华东'], industries: [], owners: [], tags: [] }, picked: [] }, now);

      for (const categories of [['basic', 'contacts', 'transactions', 'documents', 'notes', 'value'], ['basic'], ['basic', 'notes']]) {
        updateHandover(vault, h.id, { categories: categories as never }, now);
        const sent = new Set(categories);
        const scope = await packageScope(vault.db, h.id, sent, [], async () => undefined);
        const details = [a.id, b.id].map((id) => getClient(vault.db, id)!);
        expect(scope.count).toBe(2);
        expect(JSON.parse(Buffer.concat(scope.json).toString())).toEqual(details.map((c) => expected(c, sent)));
        // The CSV row is the one the app's own clients export writes for that JSON: formulas neutralised, quotes and line breaks quoted.
        const csv = Buffer.concat(scope.csv).toString();
        expect(csv).toBe(clientsCsvRows(details.map((c) => expected(c, sent))));
        expect(csv).toContain("'=B-002,'+张三");
        expect(scope.perClient.map((p) => p.code)).toEqual(['A-001', '=B-002']);
      }
      // Completeness with every category: A has every field (its contacts reach someone, it has transactions and notes), B lacks
      // its contacts, transactions, communications, notes, three value fields and documents; neither has documents.
      updateHandover(vault, h.id, { categories: ['basic', 'contacts', 'transactions', 'documents', 'notes', 'value'] as never }, now);
      const all = await packageScope(vault.db, h.id, new Set(['basic', 'contacts', 'transactions', 'documents', 'notes', 'value']), [], async () => undefined);
      expect([all.present, all.expected]).toEqual([6 + 1 + 1 + 1 + 4 + 0 + (6 + 0 + 0 + 0 + 1 + 0), 2 * 14]);
    } finally {
      lockVault(vault, 'test', now);
    }
  });
});
