import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deflate, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

/** The parts of a one-sheet workbook that ExcelJS reads, with the sheet and shared strings given. */
function workbook(sheet: string, sharedStrings: string): Record<string, Uint8Array> {
  return {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheet}</sheetData></worksheet>`),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sharedStrings}</sst>`),
  };
}

/** A real zip bomb: one part of `mib` MiB of zeros, deflated (about 1 KB per MiB), next to a valid workbook. */
function zipBomb(mib: number): Uint8Array {
  const pieces: Uint8Array[] = [];
  const deflate = new Deflate({ level: 1 }, (chunk) => pieces.push(chunk));
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mib; i++) deflate.push(zeros, i === mib - 1);
  const compressed = Buffer.concat(pieces);
  // zipSync stores what it is given; the bomb part is then patched in by hand: a stored entry of the
  // compressed bytes whose header says deflate and the inflated size.
  const parts = workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>', '');
  const zip = Buffer.from(zipSync({ ...parts, 'xl/media/padding.bin': compressed }, { level: 0 }));
  return patchAsDeflated(zip, 'xl/media/padding.bin', mib * 1024 * 1024);
}

/** Turn a stored entry into a deflated one of `inflated` bytes (local header and central directory). */
function patchAsDeflated(zip: Buffer, name: string, inflated: number): Buffer {
  const patch = (sig: number, methodAt: number, sizeAt: number, nameLenAt: number, nameAt: number) => {
    for (let at = zip.indexOf(Buffer.from([sig & 0xff, (sig >> 8) & 0xff, (sig >> 16) & 0xff, sig >>> 24])); at >= 0; at = zip.indexOf(Buffer.from([sig & 0xff, (sig >> 8) & 0xff, (sig >> 16) & 0xff, sig >>> 24]), at + 4)) {
      const len = zip.readUInt16LE(at + nameLenAt);
      if (zip.toString('utf8', at + nameAt, at + nameAt + len) !== name) continue;
      zip.writeUInt16LE(8, at + methodAt);
      zip.writeUInt32LE(inflated, at + sizeAt);
    }
  };
  patch(0x04034b50, 8, 22, 26, 30); // local file header
  patch(0x02014b50, 10, 24, 28, 46); // central directory header
  return zip;
}

describe('hostile import files are parsed off the main thread, refused with a clear error, and the app keeps running', () => {
  it('a zip bomb, a billion-laughs workbook, a DTD bomb and a CSV of 10^7 columns are each refused; a normal file still imports after them', async () => {
    const app = makeCore();
    await app.call('vault.create', { dir: app.vaultDir, ...ADMIN });
    const dir = tempDir();
    const preview = async (name: string, bytes: Uint8Array | string) => {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      app.answers.chooseImportFile = [file];
      await app.call('dialog.chooseImportFile');
      return app.call<{ rowCount: number; headers: string[] }>('clients.importPreview', { file, encoding: 'auto' });
    };

    // 300 KB that inflates to 300 MB: refused from the zip directory, before anything is inflated.
    const bomb = zipBomb(300);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(preview('bomb.xlsx', bomb)).rejects.toMatchObject({ code: 'FILE_UNPACKS_TOO_LARGE', details: { size: "300 MB" } });

    // One 1 MB shared string used by 300 cells: 300 MB of text from a 1 MB file.
    const cells = Array.from({ length: 300 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>0</v></c></row>`).join('');
    const laughs = zipSync(workbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>${cells}`, `<si><t>${'哈'.repeat(1024 * 1024)}</t></si>`));
    // (Refused either from the directory, the string packing 1000x, or by the text cap once read.)
    await expect(preview('laughs.xlsx', laughs)).rejects.toMatchObject({ code: expect.stringMatching(/^FILE_(UNPACKS_TOO_LARGE|TOO_COMPLEX)$/) });

    // The classic billion laughs, with XML entities: not expanded, the workbook is unreadable.
    const dtd = `<!DOCTYPE sst [<!ENTITY a "${'哈'.repeat(100)}">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('')}]>`;
    const entities = workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', '<si><t>&j;</t></si>');
    entities['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>${dtd}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&j;</t></si></sst>`);
    await expect(preview('entities.xlsx', zipSync(entities))).rejects.toMatchObject({ code: expect.stringMatching(/^FILE_(NOT_XLSX|TOO_COMPLEX)$/) });

    // A CSV header of ten million columns.
    await expect(preview('wide.csv', `${',a'.repeat(10_000_000)}\n`)).rejects.toMatchObject({ code: 'FILE_TOO_MANY_COLUMNS', details: { limit: 1000 } });

    // The app is still there and reads a normal workbook and CSV.
    const fine = zipSync(workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>', '<si><t>东方精密</t></si>'));
    expect(await preview('fine.xlsx', fine)).toMatchObject({ rowCount: 1, headers: ['客户名称'] });
    expect(await preview('fine.csv', '客户名称,手机\n东方精密,13800138000\n')).toMatchObject({ rowCount: 1 });
  });
});
