import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HandoverDetail } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

const hasPdftotext = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;

const client = (code: string, name: string) => ({
  code, name, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '', owner: '', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: [{ name: '王芳', title: '', phones: ['+8613800138000'], emails: [] }],
});

/**
 * The session report's PDF is what the facilitator and the buyer's reviewer read (GLOSSARY.md: no machine text on
 * screen or in PDFs, dates as 2026年11月22日). report.json keeps the ids and ISO times; the PDF says them in words.
 */
describe.skipIf(!hasPdftotext)('the data-room session report PDF', () => {
  it('names the data categories and masked fields in words and its times as dates, not ids and ISO timestamps', async () => {
    let clock = new Date('2026-11-22T09:00:00Z');
    const seller = makeCore(() => clock);
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    const ids = [(await seller.call<{ id: number }>('clients.create', client('C1', '东方客户'))).id];
    const h = await seller.call<HandoverDetail>('handovers.create', { title: '华东业务转让', buyerName: '北方收购集团' });
    await seller.call('handovers.setScope', { id: h.id, scope: { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: ids } });
    const { sessionId } = await seller.call<{ sessionId: string }>('dataroom.start', {
      handoverId: h.id, reviewer: { name: 'Rita Reviewer', organisation: '北方收购集团', idNumber: '' }, clientIds: ids,
      categories: ['basic', 'contacts', 'documents'], masked: ['phones', 'amounts'], documents: true, seconds: 1800, passphrase: ADMIN.passphrase,
    });
    await seller.call('dataroom.search', { text: '东方' });
    await seller.call('dataroom.ask', { clientId: ids[0], documentId: null, question: '合同何时到期？' });
    clock = new Date(clock.getTime() + 600_000);
    await seller.call('dataroom.end', { passphrase: ADMIN.passphrase });
    await seller.call('vault.unlock', ADMIN);
    const out = tempDir();
    seller.answers.chooseFolder = [out];
    const { path } = await seller.call<{ path: string }>('dataroom.exportReport', { id: sessionId });
    const text = spawnSync('pdftotext', ['-layout', join(path, 'report.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');

    expect(text).toContain('Rita Reviewer');
    // Data categories and masked fields as words, in both languages.
    for (const words of ['基本信息', '联系人', '文档', '电话', '金额']) expect(text).toContain(words);
    expect(text).not.toMatch(/\b(basic|contacts|documents|phones|amounts)\b/);
    // Times as a person reads them; no ISO timestamp anywhere.
    expect(text).toContain('2026年11月22日');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    // GLOSSARY.md copy rules: no ASCII , ; next to Chinese.
    expect(text).not.toMatch(/[\u3400-\u9fff][,;]|[,;] ?[\u3400-\u9fff]/);
  });
});
