import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentJob } from '../../electron/core/jobs/jobs';
import { searchClients } from '../../electron/core/clients/search-store';
import { checkImport, forgetImportCache, previewImport, runImport, writeRejectedReport } from '../../electron/core/clients/import/service';
import { exportClients, viewClient } from '../../electron/core/clients/service';
import { createVault, type OpenVault } from '../../electron/core/vault/vault';
import { suggestMapping } from '../../shared/clients/fields';
import { csvText, messyRows, writeGbk } from '../helpers/crm-files';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_KDF } from '../helpers/test-kdf';

const now = () => new Date();

async function vault(): Promise<OpenVault> {
  return (await createVault({ dir: join(tempDir(), 'v'), ...ADMIN, now, kdf: TEST_KDF })).vault;
}

function writeUtf8(name: string, text: string, bom = false): string {
  const file = join(tempDir(), name);
  writeFileSync(file, (bom ? '\uFEFF' : '') + text, 'utf8');
  return file;
}

const count = (v: OpenVault) => (v.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;

describe('importing CRM exports', () => {
  it('reads GBK (Chinese Excel\'s default) and suggests the mapping from Chinese headers', async () => {
    const v = await vault();
    const file = writeGbk(tempDir(), 'crm-gbk.csv', csvText(messyRows()));
    const preview = await previewImport(v, file, 'auto');
    expect(preview.encoding).toBe('gb18030');
    expect(preview.headers[1]).toBe('客户名称');
    expect(preview.sample[0]![7]).toBe('浦东新区\n世纪大道100号');
    expect(preview.suggested).toEqual(['code', 'name', 'contactName', 'phone', 'email', 'region', 'city', 'address', 'annualRevenue', 'cooperationStart', 'notes']);
    expect(preview.rowCount).toBe(7);
  });

  it('reports each bad cell by row and column, applies the duplicate choice, and imports the rest in one go', async () => {
    const v = await vault();
    const file = writeUtf8('crm.csv', csvText(messyRows(), ';'), true);
    const preview = await previewImport(v, file, 'auto');
    expect(preview.delimiter).toBe(';');
    const mapping = preview.suggested;
    const check = await checkImport(v, file, 'auto', mapping, 'update');
    expect(count(v)).toBe(0); // a check writes nothing
    expect(check.summary).toEqual({ rows: 7, imported: 4, updated: 0, skipped: 0, rejected: 2 });
    expect(check.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 4, column: '客户名称', field: 'name', reason: 'nameMissing' }),
      expect.objectContaining({ row: 5, column: '手机', field: 'phone', reason: 'phoneMalformed', value: '12345' }),
      expect.objectContaining({ row: 5, column: '邮箱', reason: 'emailMalformed' }),
      expect.objectContaining({ row: 5, column: '年收入', reason: 'numberMalformed' }),
      expect.objectContaining({ row: 5, column: '合作开始日期', reason: 'dateAmbiguous' }),
    ]));
    expect(check.duplicates).toEqual([expect.objectContaining({ row: 7, matchedBy: 'code', otherRow: 2, action: 'updated' })]);

    const result = await runImport(v, { file, encoding: 'auto', mapping, policy: 'update' }, silentJob(), now);
    expect(result.summary.imported).toBe(4);
    expect(count(v)).toBe(4);
    const shanghai = searchClients(v.db, { text: '华东电子' }).rows[0]!;
    const detail = viewClient(v, shanghai.id, now);
    // the duplicate row updated the first: later non-empty values win
    expect(detail).toMatchObject({ code: 'C001', address: '更新后的地址', annualRevenue: 2_000_000, cooperationStart: '2019-07-03' });
    expect(detail.contacts[0]).toMatchObject({ name: '张伟', phones: ['+8613800138000'], emails: ['zhangwei@163.com'] });
    // formula-looking cells are kept as text
    const chengdu = searchClients(v.db, { text: '宏达' }).rows[0]!;
    expect(viewClient(v, chengdu.id, now)).toMatchObject({ notes: '=HYPERLINK("http://x","y")', annualRevenue: 30_000_000_000, contacts: [expect.objectContaining({ phones: ['+862885551234'] })] });
    // a missing code gets one
    expect(searchClients(v.db, { text: '佳美' }).rows[0]!.code).toMatch(/^C\d{6}$/);
  });

  it('skips or keeps duplicates against the vault as asked', async () => {
    const v = await vault();
    const file = writeUtf8('crm.csv', csvText(messyRows()));
    const mapping = suggestMapping(messyRows()[0]!);
    await runImport(v, { file, encoding: 'auto', mapping, policy: 'skip' }, silentJob(), now);
    expect(count(v)).toBe(4);
    const again = await runImport(v, { file, encoding: 'auto', mapping, policy: 'skip' }, silentJob(), now);
    expect(again.summary).toMatchObject({ imported: 0, skipped: 5 });
    expect(count(v)).toBe(4);
    const kept = await runImport(v, { file, encoding: 'auto', mapping, policy: 'keep' }, silentJob(), now);
    expect(kept.summary.imported).toBe(5);
    expect(count(v)).toBe(9);
  });

  it('writes the rejected rows as an Excel-safe CSV report in the user\'s language', async () => {
    const v = await vault();
    const file = writeUtf8('crm.csv', csvText(messyRows()));
    const out = join(tempDir(), 'rejected.csv');
    const n = await writeRejectedReport(v, out, { file, encoding: 'auto', mapping: suggestMapping(messyRows()[0]!), policy: 'skip', language: 'zh-CN' });
    expect(n).toBe(5);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF行,列,字段,问题,内容')).toBe(true);
    expect(text).toContain('5,手机,手机,不是有效的电话号码');
  });

  it('a cancelled import leaves the vault exactly as before', async () => {
    const v = await vault();
    const rows = [['客户名称', '手机'], ...Array.from({ length: 5000 }, (_, i) => [`客户${i}`, `1380000${String(i).padStart(4, '0')}`])];
    const file = writeUtf8('big.csv', csvText(rows));
    const logBefore = (v.db.prepare('SELECT count(*) AS n FROM access_log').get() as { n: number }).n;
    const job = { ...silentJob(), throwIfCancelled: () => { throw Object.assign(new Error('Cancelled'), { code: 'CANCELLED' }); } };
    await expect(runImport(v, { file, encoding: 'auto', mapping: ['name', 'phone'], policy: 'skip' }, job, now)).rejects.toThrow('Cancelled');
    expect(count(v)).toBe(0);
    expect((v.db.prepare('SELECT count(*) AS n FROM client_search').get() as { n: number }).n).toBe(0);
    expect((v.db.prepare('SELECT count(*) AS n FROM access_log').get() as { n: number }).n).toBe(logBefore);
  });

  it('survives 20,000-character cells, CRLF, quoted newlines and refuses forced UTF-8 on GBK bytes', async () => {
    const v = await vault();
    const long = '长'.repeat(20_000);
    const file = writeUtf8('long.csv', csvText([['客户名称', '备注', '地址'], ['长备注公司', long, 'a\r\nb'], [long, 'x', 'y']]));
    const check = await checkImport(v, file, 'auto', ['name', 'notes', 'address'], 'skip');
    expect(check.summary).toMatchObject({ imported: 1, rejected: 1 });
    expect(check.problems[0]).toMatchObject({ row: 3, field: 'name', reason: 'tooLong' });
    forgetImportCache();
    const gbk = writeGbk(tempDir(), 'g.csv', csvText(messyRows()));
    await expect(previewImport(v, gbk, 'utf8')).rejects.toMatchObject({ code: 'FILE_NOT_UTF8' });
  });

  it('finds clients by two Chinese characters, partial phones, e-mail parts and codes; exports neutralise formulas', async () => {
    const v = await vault();
    const file = writeUtf8('crm.csv', csvText(messyRows()));
    await runImport(v, { file, encoding: 'auto', mapping: suggestMapping(messyRows()[0]!), policy: 'skip' }, silentJob(), now);
    const names = (text: string) => searchClients(v.db, { text }).rows.map((r) => r.name);
    expect(names('张伟')).toEqual(['上海华东电子有限公司']);
    // Both matches, whichever comes first (the order is the list's sort, not what this test is about).
    expect(names('华东').sort()).toEqual(['上海华东电子有限公司', '杭州恒信贸易有限公司'].sort());
    expect(names('0013800')).toEqual(['上海华东电子有限公司']);
    expect(names('8555')).toEqual(['成都宏达物流有限公司']);
    expect(names('163.com')).toEqual(['上海华东电子有限公司']);
    expect(names('c005')).toEqual(['成都宏达物流有限公司']);
    expect(names('不存在的')).toEqual([]);
    // Names sort by pinyin: descending, shang… (上海) before hang… (杭州).
    expect(searchClients(v.db, { text: '', region: '华东', sort: 'name', order: 'desc' }).rows.map((r) => r.name)).toEqual(['上海华东电子有限公司', '杭州恒信贸易有限公司']);
    const out = join(tempDir(), 'clients.csv');
    expect(exportClients(v, out, { text: '' }, 'csv', now)).toBe(4);
    const csv = readFileSync(out, 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).toContain("'+8613800138000");
  });
});
