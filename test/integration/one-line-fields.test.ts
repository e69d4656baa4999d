import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRow } from '../../electron/core/clients/import/validate';
import { NOT_ONE_LINE } from '../../shared/clients/one-line';
import type { ClientPage } from '../../shared/contract';
import { PROBLEM_MESSAGES } from '../../shared/i18n/problems';
import { makeCore } from '../helpers/core';
import { ADMIN } from '../helpers/temp';

const client = (code: string, owner: string, tags: string[] = []) => ({
  code, name: `华东客户${code}`, type: 'company', industry: '制造业', region: '华东', city: '', address: '上海市\n浦东新区', owner, department: '', importance: '',
  tags, cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '第一行\n第二行', contacts: [],
});

/**
 * A newline in an owner or a tag forged a line in the CLI's tab-separated output and in the access log's sentences,
 * and a bidi override shows a name in another order than it is stored (red team, issue 17). One-line fields refuse
 * both, on every way in: a single edit, a bulk action, an import cell. Address and notes keep their line breaks.
 */
describe('one-line client fields hold no control characters (attack)', () => {
  it('a forged owner or tag is refused on create, edit and the bulk actions, and nothing changes', async () => {
    const h = makeCore(() => new Date('2026-11-30T09:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const { id } = await h.call<{ id: number }>('clients.create', client('K-1', '张伟'));
    const forged = '李娜\t华东\n2026-11-30\tadmin\tclients.reveal';
    for (const bad of [client('K-2', forged), client('K-3', '张伟\u202E娜李'), client('K-4', '张伟', ['重点\n客户'])]) {
      expect(await h.core.handle('clients.create', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await h.core.handle('clients.update', { id, draft: client('K-1', forged) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h.core.handle('clients.reassignOwner', { jobId: 'one-line-1', clientIds: [id], owner: forged })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h.core.handle('clients.tag', { jobId: 'one-line-2', clientIds: [id], add: ['\u2066重点'], remove: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const all = await h.call<ClientPage>('clients.search', { limit: 10 });
    expect(all.rows.map((c) => [c.code, c.owner])).toEqual([['K-1', '张伟']]);
    // Multi-line fields keep their lines; the refused tag never arrived.
    const kept = await h.call<{ address: string; notes: string; tags: string[] }>('clients.get', { id });
    expect([kept.address, kept.notes, kept.tags]).toEqual(['上海市\n浦东新区', '第一行\n第二行', []]);
  });

  it('an import cell\'s line breaks read as a space; any other control character is a problem at its row and column, in Chinese', () => {
    const headers = ['客户名称', '负责人', '标签'];
    const fields = ['name', 'owner', 'tags'] as const;
    const wrapped = validateRow(['东方\r\n客户', '张\n伟', '重点\n战略'], headers, [...fields], 2);
    expect(wrapped.problems).toEqual([]);
    expect(wrapped.draft).toMatchObject({ name: '东方 客户', owner: '张 伟', tags: ['重点', '战略'] });
    const hostile = validateRow(['东方客户', '张伟\u202E', '重点\u0007'], headers, [...fields], 1234);
    expect(hostile.draft).toBeNull();
    expect(hostile.problems.map((p) => [p.row, p.column, PROBLEM_MESSAGES['zh-CN'][p.reason]])).toEqual([
      [1234, '负责人', '含有控制字符或文字方向控制符（只能填写一行普通文字）'],
      [1234, '标签', '含有控制字符或文字方向控制符（只能填写一行普通文字）'],
    ]);
  });

  it('whatever a cell holds, an accepted draft\'s one-line fields hold none of it (property)', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('a\u202Eb', '张\r\n伟', '\u2067x', 'x\u0000y', '重点\n战略'));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 4, maxLength: 4 }), (cells) => {
        const { draft } = validateRow(['东方客户', ...cells], ['名称', '负责人', '区域', '标签', '联系人'], ['name', 'owner', 'region', 'tags', 'contactName'], 3);
        if (draft === null) return;
        for (const v of [draft.name, draft.owner, draft.region, ...draft.tags, ...draft.contacts.map((c) => c.name)]) expect(v).not.toMatch(NOT_ONE_LINE);
      }),
      { numRuns: 2000 },
    );
  });
});
