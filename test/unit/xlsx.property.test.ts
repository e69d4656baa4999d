import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { columnName, xlsxWorkbook, type XlsxCell } from '../../electron/core/formats/xlsx';
import { readTableFile } from '../../electron/core/clients/import/table-file';
import { neutralizeCsvCell } from '../../shared/clients/normalize';
import { tempDir } from '../helpers/temp';

/** What the import reader should give back for a written cell: text neutralised like a CSV cell, numbers as written. */
const expected = (v: XlsxCell): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : neutralizeCsvCell(v));

/** Any text a client record may hold: Chinese, latin, control characters, XML and OOXML escapes, formulas. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.array(fc.constantFrom('客户', '张伟', 'a', ' ', '&', '<', '>', '"', "'", '\n', '\r', '\t', '\u0001', '\u001f', '_x0041_', '_x00', '=', '+', '-', '@', '=HYPERLINK("http://x")', '\uFFFF'), { maxLength: 12 })
    .map((parts) => parts.join('')),
);
const cell: fc.Arbitrary<XlsxCell> = fc.oneof(text, fc.integer({ min: -1e12, max: 1e12 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), fc.constant(null));

describe('the .xlsx writer', () => {
  it('writes cells that the import reader reads back the same (text formula-neutralised like a CSV cell)', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }).chain((width) => fc.record({
          // The reader trims header names and names blank ones: headers are plain, distinct words.
          headers: fc.uniqueArray(fc.stringMatching(/^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_]{0,10}$/), { minLength: width, maxLength: width }),
          // The reader skips empty rows: every row has its first cell.
          rows: fc.array(fc.tuple(fc.stringMatching(/^[A-Z]{1,3}-\d{1,4}$/), fc.array(cell, { minLength: width - 1, maxLength: width - 1 })).map(([code, rest]) => [code, ...rest]), { maxLength: 8 }),
        })),
        async ({ headers, rows }) => {
          const file = join(dir, `t${n++}.xlsx`);
          writeFileSync(file, xlsxWorkbook('客户', [headers, ...rows]));
          const table = await readTableFile(file, 'auto');
          expect(table.headers).toEqual(headers);
          expect(table.rows).toEqual(rows.map((r) => r.map(expected)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never writes a formula, and a cell that looks like one reads as text starting with an apostrophe', async () => {
    const bytes = xlsxWorkbook('Clients', [['name', 'note'], ['=1+1', '@SUM(A1)'], ['ok', '+86 138']]);
    const parts = unzipSync(bytes);
    expect(Object.keys(parts).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(strFromU8(parts['xl/worksheets/sheet1.xml']!)).not.toContain('<f>');
    const file = join(tempDir(), 'f.xlsx');
    writeFileSync(file, bytes);
    expect((await readTableFile(file, 'auto')).rows).toEqual([["'=1+1", "'@SUM(A1)"], ['ok', "'+86 138"]]);
  });

  it('names columns A … Z, AA … AZ, BA like a spreadsheet', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
