import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../electron/core/formats/canonical-json';
import { formatRecoveryKey, parseRecoveryKey } from '../../electron/core/vault/recovery-key';
import { estimatePassphrase, isAcceptablePassphrase } from '../../shared/passphrase';

describe('recovery key text', () => {
  it('round-trips any 32 bytes, however it is typed back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (key, lower) => {
        const text = formatRecoveryKey(key);
        const typed = lower ? text.toLowerCase().replace(/-/g, ' ') : text;
        expect(parseRecoveryKey(typed)).toEqual(key);
      }),
    );
  });

  it('rejects any single mistyped character (the checksum catches it)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat(55), fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'), (key, pos, ch) => {
        const clean = formatRecoveryKey(key).replace(/-/g, '');
        fc.pre(clean[pos] !== ch);
        const changed = clean.slice(0, pos) + ch + clean.slice(pos + 1);
        expect(parseRecoveryKey(changed)).toBeNull();
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      expect(() => parseRecoveryKey(s)).not.toThrow();
    }));
  });
});

describe('canonical JSON', () => {
  it('is valid JSON that parses back to the same value, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(text).not.toMatch(/\n/);
      }),
    );
    expect(canonicalJson({ b: 1, a: [true, null, '中'] })).toBe('{"a":[true,null,"中"],"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });
});

describe('passphrase strength', () => {
  it('refuses the obviously weak and accepts long phrases, Chinese included', () => {
    for (const weak of ['', 'password', 'password123', 'aaaaaaaaaaaaaaa', 'abcdefghijk', '12345678901', 'admin admin']) {
      expect(isAcceptablePassphrase(weak), weak).toBe(false);
    }
    for (const ok of ['correct horse battery staple', '长城 长江 黄河 泰山 staff', 'Tr0ub4dour&3-horse', 'a brand new admin passphrase']) {
      expect(isAcceptablePassphrase(ok), ok).toBe(true);
    }
  });

  it('scores never go down as a phrase grows with new words', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom(' river', ' 月亮', ' Quartz7'), (base, word) => {
        expect(estimatePassphrase(base + word).bits).toBeGreaterThanOrEqual(estimatePassphrase(base).bits - 1);
      }),
    );
  });
});
