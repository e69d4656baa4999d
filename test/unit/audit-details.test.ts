import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditDetailsText, fieldPathText } from '../../shared/i18n/audit-details';

describe('access-log details as sentences', () => {
  it('shows a search, an unlock and a field path in words, in both languages', () => {
    expect(auditDetailsText('zh-CN', { text: '东方', found: 60 })).toBe('搜索内容：东方；结果数：60');
    expect(auditDetailsText('en', { text: '东方', found: 60 })).toBe('Search: 东方; results: 60');
    expect(auditDetailsText('zh-CN', { method: 'passphrase' })).toBe('方式：密码');
    expect(fieldPathText('zh-CN', 'contacts.0.phones.0')).toBe('联系人 1 的手机 1');
    expect(fieldPathText('en', 'contacts.1.emails.0')).toBe('contact 2, e-mail 1');
    expect(auditDetailsText('zh-CN', { field: 'address', reason: '客户来电，核实号码' })).toBe('字段：地址；理由：客户来电，核实号码');
    expect(auditDetailsText('zh-CN', { fields: 'name,contacts.0.phones.0' })).toBe('字段：客户名称、联系人 1 的手机 1');
    // A key's kind is a word a user understands; the tool's name only in brackets.
    expect(auditDetailsText('zh-CN', { kind: 'age' })).toBe('类型：加密（age，X25519）');
    expect(auditDetailsText('zh-CN', { kind: 'age', fingerprint: 'AB12CD34' }, 'key.add')).toBe('公钥用于加密（age，X25519），指纹 AB12CD34');
    expect(auditDetailsText('en', { kind: 'minisign', fingerprint: 'AB12CD34' }, 'key.add')).toBe('A key for signature (minisign, Ed25519), fingerprint AB12CD34');
    // A stored day reads as prose, never as 2026-11-10 (GLOSSARY.md).
    expect(auditDetailsText('zh-CN', { signedOn: '2026-11-10' })).toBe('签署日期：2026年11月10日');
    expect(auditDetailsText('en', { signedOn: '2026-11-10' })).toContain('10 November 2026');
    expect(auditDetailsText('zh-CN', { parties: '卖方 / 买方', signedOn: '2026-11-10' }, 'handover.nda-add')).toContain('签署于 2026年11月10日');
  });

  it('never hides or drops what it does not know: every entry is shown, with its value', () => {
    const key = fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('toString', 'constructor', 'text')).filter((k) => k !== 'field' && k !== 'fields');
    const value = fc.string().map((v) => `x-${v.replaceAll('；', '')}`);
    fc.assert(fc.property(fc.dictionary(key, value), (details) => {
      const text = auditDetailsText('zh-CN', details);
      for (const v of Object.values(details)) expect(text).toContain(v);
      expect(text ? text.split('；').length : 0).toBe(Object.keys(details).length);
    }));
  });
});
