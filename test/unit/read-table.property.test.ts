import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, TABLE_LIMITS } from '../../electron/core/clients/import/table-file';
import { AppError } from '../../shared/errors';

const FILE_ERRORS = ['FILE_NOT_UTF8', 'FILE_UNCLOSED_QUOTE', 'FILE_NO_HEADER', 'FILE_TOO_MANY_COLUMNS', 'FILE_TOO_COMPLEX'];

describe('the CSV reader on any bytes', () => {
  it('gives a table whose every row has the header\'s width, or a file error a user can read — never anything else', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.array(fc.constantFrom(',', ';', '\t', '"', '\n', '\r\n', 'a', '客户', '\uFEFF', ' '), { maxLength: 200 }).map((parts) => new TextEncoder().encode(parts.join(''))),
    );
    fc.assert(
      fc.property(bytes, fc.constantFrom('auto', 'utf8', 'gbk') as fc.Arbitrary<'auto' | 'utf8' | 'gbk'>, (data, encoding) => {
        try {
          const { headers, rows } = parseCsv(decodeCsv(data, encoding).text);
          expect(headers.length).toBeGreaterThan(0);
          expect(headers.length).toBeLessThanOrEqual(TABLE_LIMITS.columns);
          for (const row of rows) expect(row).toHaveLength(headers.length);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect(FILE_ERRORS).toContain((err as AppError).code);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses a header wider than the column cap, naming both numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: TABLE_LIMITS.columns + 1, max: TABLE_LIMITS.columns + 50 }), (n) => {
        const header = Array.from({ length: n }, (_, i) => `c${i}`).join(',');
        expect(() => parseCsv(`${header}\n1\n`)).toThrow(expect.objectContaining({ code: 'FILE_TOO_MANY_COLUMNS', details: { columns: n, limit: TABLE_LIMITS.columns } }));
      }),
      { numRuns: 20 },
    );
  });
});
