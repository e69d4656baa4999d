import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientPage, ImportReport } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { csvText } from '../helpers/crm-files';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * The attack on the import with a hostile CSV: cells of a megabyte (a name, and a column header that
 * every problem of the column repeats), ten thousand columns, formulas, a name written right-to-left
 * with U+202E. The import must refuse what it must with a clear error, report each bad row by row and
 * column without carrying the megabyte along (1,500 problems naming a 1 MB header were 1.5 GB of answer for
 * the window: test below), keep the vault as it was for a file it refuses, and write nothing outside
 * the vault — no file in the system's temp folder, none beside the vault — while it reads and writes.
 */
const MB = 1024 * 1024;
let privateTmp = '';
const systemTmp = process.env.TMPDIR;
afterEach(() => {
  if (systemTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = systemTmp;
  if (privateTmp) rmSync(privateTmp, { recursive: true, force: true });
});

describe('attack: an import file of hostile cells', () => {
  it('reports each bad row without its megabyte, refuses 10,000 columns, imports formulas as text, and writes nothing outside the vault', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const dir = tempDir();
    // From here on, the system's temp folder is one this test watches (worker threads started now inherit it).
    privateTmp = mkdtempSync(join(tmpdir(), 'hv-import-tmp-'));
    process.env.TMPDIR = privateTmp;
    expect(tmpdir()).toBe(privateTmp);
    const pick = async (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      h.answers.chooseImportFile = [file];
      await h.call('dialog.chooseImportFile');
      return file;
    };

    // Ten thousand columns: refused at the preview, by name, with the limit.
    const wide = await pick('wide.csv', `${Array.from({ length: 10_000 }, (_, i) => `列${i}`).join(',')}\n`);
    expect(await h.core.handle('clients.importPreview', { file: wide, encoding: 'auto' })).toMatchObject({ ok: false, error: { code: 'FILE_TOO_MANY_COLUMNS', details: { limit: 1000 } } });

    // 1,500 rows whose e-mail column, headed by a megabyte of text, holds no e-mail; a 1 MB name; formulas; a reversed name.
    const hugeHeader = `邮箱${'长'.repeat(MB / 3)}`;
    const rows = [['客户编号', '客户名称', hugeHeader]];
    for (let i = 1; i <= 1500; i++) rows.push([`H-${String(i).padStart(4, '0')}`, `恶意客户${i}`, `not-an-email-${i}`]);
    rows.push(['H-9001', '名'.repeat(MB / 3), '']);
    rows.push(['H-9002', '=HYPERLINK("http://evil.example","点我")', '']);
    rows.push(['H-9003', '@SUM(1+1)*cmd|\' /C calc\'!A0', '']);
    rows.push(['H-9004', '\u202E司公限有密精方东', '']);
    const file = await pick('hostile.csv', csvText(rows));
    const preview = await h.call<{ rowCount: number; headers: string[] }>('clients.importPreview', { file, encoding: 'auto' });
    expect(preview.rowCount).toBe(1504);
    const mapping = ['code', 'name', 'email'];
    const checked = await h.call<ImportReport>('clients.importCheck', { file, encoding: 'auto', mapping, onDuplicate: 'skip' });
    expect(checked.problemCount).toBeGreaterThanOrEqual(1502);
    // Each problem names its row and column; the report stays small whatever the cells hold.
    expect(checked.problems.find((p) => p.row === 2 && p.field === 'email')).toBeDefined();
    expect(JSON.stringify(checked).length).toBeLessThan(2 * MB);

    // The run, watched: nothing appears in the temp folder or beside the vault while it works.
    const seen = new Set<string>();
    const watch = setInterval(() => {
      for (const f of readdirSync(privateTmp)) seen.add(`tmp/${f}`);
      for (const f of readdirSync(h.vaultDir)) seen.add(`vault/${f}`);
    }, 2);
    let report: ImportReport;
    try {
      report = (await h.call<ImportReport>('clients.importRun', { jobId: 'import-hostile', file, encoding: 'auto', mapping, onDuplicate: 'skip' }));
    } finally {
      clearInterval(watch);
    }
    expect(JSON.stringify(report).length).toBeLessThan(2 * MB);
    expect([...seen].filter((f) => !/^vault\/vault\.(db|db-wal|db-shm|slots\.json)$/.test(f))).toEqual([]);
    expect(readdirSync(privateTmp)).toEqual([]);

    // Formulas are kept as the text they were (neutralised when exported), never evaluated; the megabyte name and the reversed one are not imported.
    const byCode = async (code: string) => (await h.call<ClientPage>('clients.search', { text: code, limit: 5 })).rows.find((r) => r.code === code);
    expect((await byCode('H-9002'))?.name).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(await byCode('H-9001')).toBeUndefined();
    expect(await byCode('H-9004')).toBeUndefined();
    expect(report.problems.some((p) => p.row === 1502 && p.field === 'name')).toBe(true);
    expect(report.problems.some((p) => p.row === 1505 && p.field === 'name')).toBe(true);
  }, 120_000);
});
