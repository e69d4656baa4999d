import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareRow, type PreparedRow } from '../../electron/core/clients/import/prepare';
import { decodeBatch, encodeBatch } from '../../electron/core/clients/import/prepared-batch';
import { CLIENT_FIELDS } from '../../shared/clients/fields';

const anyCell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '张伟', '单雄信', '13800138000; 13912345678', 'a@b.cn, c@d.cn', '¥1.2万', '85%', '2019年7月3日', '个人', 'x;y;z', '\u0000', '𠀀𠀁', '-1'),
);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const plain = (rows: PreparedRow[]) => rows.map((r) => ({ ...r, index: text(r.index) }));

describe('a batch of prepared rows crosses from the import worker to the main thread unchanged', () => {
  it('whatever the rows hold (accepted or rejected, any text), they come back as they went, search text byte for byte', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyCell, { minLength: CLIENT_FIELDS.length, maxLength: CLIENT_FIELDS.length }), { maxLength: 12 }),
        fc.boolean(),
        (rows, derive) => {
          const headers = CLIENT_FIELDS.map((f) => `col-${f}`);
          const prepared = rows.map((cells, i) => prepareRow(cells, headers, [...CLIENT_FIELDS], i + 2, derive));
          const batch = encodeBatch(prepared);
          // It crosses as a structured clone with its buffers transferred, as the worker posts it.
          const received = structuredClone(batch, { transfer: [batch.index.buffer as ArrayBuffer, batch.indexEnds.buffer as ArrayBuffer] });
          expect(plain(decodeBatch(received))).toEqual(plain(prepared));
        },
      ),
      { numRuns: 500 },
    );
  });
});
