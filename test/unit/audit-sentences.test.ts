import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../shared/audit/actions';
import { auditDetailsText } from '../../shared/i18n/audit-details';
import { AUDIT_SENTENCES } from '../../shared/i18n/audit-sentences';

const placeholders = (parts: readonly string[]) => [...parts.join('').matchAll(/\{(!?[A-Za-z0-9_.]+\??)\}/g)].map((m) => m[1]!).sort();

/** What must never show in the 详情 column: `key: value`, a field path, an action id, a raw cipher or JSON. */
function expectNoMachineText(text: string): void {
  expect(text).not.toMatch(/[A-Za-z]+: /);
  expect(text).not.toMatch(/[\u4e00-\u9fff]{1,6}：/);
  expect(text).not.toMatch(/\b[a-z]+\.\d+(\.[a-z]+)?/); // contacts.0.phones.0
  expect(text).not.toMatch(/\b(client|clients|handover|vault|dataroom|compensation)\.[a-z-]+\b/); // action ids
  expect(text).not.toMatch(/[{}[\]"]/);
  expect(text).not.toMatch(/\baegis\b|\bchacha20\b|\btrue\b|\bfalse\b/);
}

describe('access-log details read as sentences (issue 17)', () => {
  it('every action the log records has a sentence in English and in Chinese, naming the same details', () => {
    expect(Object.keys(AUDIT_SENTENCES).sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
    for (const [action, text] of Object.entries(AUDIT_SENTENCES)) {
      expect(Array.isArray(text.en) && Array.isArray(text['zh-CN']), action).toBe(true);
      expect(placeholders(text['zh-CN']), action).toEqual(placeholders(text.en));
    }
  });

  it('the details users meet daily read as sentences in Chinese and English, never as machine text', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['clients.search', { text: '东方', found: 60 }, '搜索「东方」，找到 60 个客户', 'Searched for “东方”, 60 found'],
      ['vault.create', { cipher: 'aegis' }, '页面加密算法为 AEGIS-256', 'Pages encrypted with AEGIS-256'],
      ['vault.create', { cipher: 'chacha20' }, '页面加密算法为 ChaCha20-Poly1305', 'Pages encrypted with ChaCha20-Poly1305'],
      ['vault.unlock', { method: 'passphrase' }, '使用密码', 'With the passphrase'],
      ['vault.unlock', { method: 'create' }, '创建保险库时', 'On creating the vault'],
      ['vault.lock', { reason: 'idle' }, '无操作', 'Idle'],
      ['client.reveal', { field: 'contacts.0.phones.0', reason: '客户来电，核实号码' }, '查看原文（联系人 1 的手机 1），理由为「客户来电，核实号码」', 'Showed the contact 1, phone 1 in full, because “客户来电，核实号码”'],
      ['client.update', { fields: 'name,contacts.0.phones.0' }, '修改了客户名称、联系人 1 的手机 1', 'Changed the client name, contact 1, phone 1'],
      ['handover.update', { steps: ['buyer', 'timeline'] }, '修改了买方信息、时间表', 'Changed the buyer, timeline'],
      ['user.add', { role: 'admin' }, '角色为管理员', 'As administrator'],
      ['handover.notices-decide', { clients: 3, decision: 'exclude' }, '3 个未答复客户移出范围', '3 clients who did not answer taken out of the scope'],
      ['dataroom.refused', { session: 'DR-1', what: 'devtools' }, '阻止了开发者工具（会话 DR-1）', 'Blocked developer tools (session DR-1)'],
      ['audit.verify', { ok: true, problem: '' }, '记录完整，签名有效', 'Complete, signature valid'],
      ['client.archive', {}, '', ''],
    ];
    for (const [action, details, zh, en] of cases) {
      expect(auditDetailsText('zh-CN', details, action), action).toBe(zh);
      expect(auditDetailsText('en', details, action), action).toBe(en);
    }
  });

  it('every sentence, filled with details of the right kinds, is free of machine text in both languages', () => {
    const sample = (key: string): unknown => (/^(ok|masked|selection|document|file|cleared|documents|newRecoveryKey)$/.test(key) ? true : /^(count|found|rows|clients|proposals|changed|size|bytes|minutes|seconds|page|version|level|voided|standing)$/.test(key) ? 12 : '东方');
    // The clients list's bulk actions and the compensation actions have their own sentences (bulk-audit-sentences.ts,
    // compensation-audit-sentences.ts), tested with them.
    const own = new Set(['clients.archive', 'clients.unarchive', 'clients.tag', 'clients.reassign-owner']);
    for (const [action, text] of Object.entries(AUDIT_SENTENCES).filter(([a]) => !own.has(a) && !a.startsWith('compensation.'))) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const details: Record<string, unknown> = {};
        for (const p of placeholders(text[lang])) {
          const path = p.replace(/^!/, '').replace(/\?$/, '').split('.');
          if (path.length === 2) details[path[0]!] = { [path[1]!]: '东方' };
          else details[path[0]!] = sample(path[0]!);
        }
        const sentence = auditDetailsText(lang, details, action);
        expectNoMachineText(sentence);
        if (text[lang].length) expect(sentence, `${action} ${lang}`).not.toBe('');
      }
    }
  });

  it('the check can fail: the old key–value listing is what an unknown action still gets', () => {
    expect(auditDetailsText('zh-CN', { text: '东方', found: 60 }, 'not.an-action')).toBe('搜索内容：东方；结果数：60');
    expect(() => expectNoMachineText('搜索内容：东方；结果数：60')).toThrow();
    expect(() => expectNoMachineText('cipher: aegis')).toThrow();
    expect(() => expectNoMachineText('联系人 contacts.0.phones.0')).toThrow();
  });
});
