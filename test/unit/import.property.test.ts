import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../electron/core/clients/import/table-file';
import { validateRow } from '../../electron/core/clients/import/validate';
import { CLIENT_FIELDS, suggestMapping } from '../../shared/clients/fields';
import { normalizeAmount, normalizeDate, normalizeEmail, normalizePhone } from '../../shared/clients/normalize';
import { csvText } from '../helpers/crm-files';

const anyCell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('', '=cmd|/C calc', '+86 138 0013 8000', '¥1.2万', '2019年7月3日', '"', '\r\n', '张伟', 'a@b.cn', '1,234.5', '\u0000', '𠀀𠀁'),
);

describe('the importer never crashes on any cell', () => {
  it('every row either becomes a draft or is reported, per cell, with row and column', () => {
    // The name is always mapped: the wizard and the CLI refuse a mapping without it (MAPPING_NO_NAME).
    const others = CLIENT_FIELDS.filter((f) => f !== 'name');
    fc.assert(
      fc.property(fc.array(anyCell, { minLength: 6, maxLength: 6 }), fc.shuffledSubarray(others, { minLength: 5, maxLength: 5 }), fc.nat(5), (cells, rest, at) => {
        const fields = [...rest.slice(0, at), 'name' as const, ...rest.slice(at)];
        const headers = fields.map((f) => `col-${f}`);
        const { draft, problems } = validateRow(cells, headers, fields, 7);
        if (draft === null) {
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) {
            expect(p.row).toBe(7);
            expect(headers).toContain(p.column);
          }
        } else {
          expect(problems).toEqual([]);
          expect(draft.name.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('whatever a CSV file holds, what is written comes back cell for cell', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 20 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }), (rows) => {
        fc.pre(rows.every((r) => r.some((c) => c.trim() !== '')));
        const parsed = parseCsv(csvText([['名称', '手机', '备注'], ...rows]));
        expect(parsed.headers).toEqual(['名称', '手机', '备注']);
        expect(parsed.rows).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('normalisers never throw, and accept what they produce', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const norm of [normalizePhone, normalizeEmail, normalizeDate]) {
          const r = norm(s);
          if (r.ok) expect(norm(r.value)).toEqual(r);
        }
        normalizeAmount(s);
      }),
      { numRuns: 3000 },
    );
  });

  it('suggests the obvious mappings in both languages', () => {
    expect(suggestMapping(['Company', 'Mobile', 'E-mail', 'Contact Name', 'Customer Since'])).toEqual(['name', 'phone', 'email', 'contactName', 'cooperationStart']);
    expect(suggestMapping(['客户名称', '手机', '邮箱', '备注', '不认识的列'])).toEqual(['name', 'phone', 'email', 'notes', null]);
  });
});
