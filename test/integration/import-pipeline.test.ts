import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/core/clients/import/service';
import { rebuildClientSearch } from '../../electron/core/clients/store';
import { recomputeValue } from '../../electron/core/clients/value-store';
import { pinyinForms } from '../../electron/core/formats/pinyin';
import { silentJob, type JobContext } from '../../electron/core/jobs/jobs';
import type { OpenVault } from '../../electron/core/vault/vault';
import { suggestMapping } from '../../shared/clients/fields';
import { CRM_HEADERS, generateCrmRows } from '../helpers/crm-generate';
import { emptyVault as vault, searchCodes as codes, writeCsv } from '../helpers/import-vault';
import { ADMIN } from '../helpers/temp';

/**
 * Issue 16: the import prepares rows (validate, normalise, tokenise with pinyin) on a worker thread
 * while the main thread writes them, computes tiers once at the end and, when it writes most of the
 * client table, rebuilds the table's indexes and merges the search index once (into a vault without
 * clients, the search index is built on a thread of its own and put in finished). Everything a user
 * needs must be right the moment it returns: search, tiers, duplicates, the log.
 */
const now = () => new Date();
const mapping = suggestMapping(CRM_HEADERS);

const count = (v: OpenVault, sql: string) => v.db.prepare(sql).pluck().get() as number;
const searchSettings = (v: OpenVault) => v.db.prepare('SELECT k, v FROM client_search_config ORDER BY k').raw().all();
const clientIndexes = (v: OpenVault) => v.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'clients' AND sql IS NOT NULL ORDER BY name").pluck().all();

describe('the import pipeline', () => {
  it('leaves search, tiers, duplicates and the log right the moment a large import returns', async () => {
    const v = await vault();
    const generated = generateCrmRows(3000);
    const indexesBefore = clientIndexes(v);
    const settingsBefore = searchSettings(v);
    // A row that repeats an earlier one's code far apart (another batch), and a rejected row.
    const rows = [...generated, [...generated[5]!.slice(0, 2), '重复联系人', ...generated[5]!.slice(3)], ['C999999', '', '', '', '', '', '', '', '', '', '', '', '']];
    const file = writeCsv(rows);
    const report = await runImport(v, { file, encoding: 'auto', mapping, policy: 'skip' }, silentJob(), now);
    expect(report.summary).toEqual({ rows: 3002, imported: 3000, updated: 0, skipped: 1, rejected: 1 });
    expect(report.duplicates).toEqual([expect.objectContaining({ row: 3002, code: 'C000005', matchedBy: 'code', otherRow: 6, action: 'skipped' })]);
    expect(report.problems).toEqual([expect.objectContaining({ row: 3003, field: 'name', reason: 'nameMissing' })]);
    expect(count(v, 'SELECT count(*) FROM clients')).toBe(3000);

    // Search right away: two Chinese characters, a partial phone, full pinyin and initials.
    const row = generated[1234]!;
    const code = row[0]!;
    const contact = row[2]!;
    const phoneDigits = row[3]!.replace(/-/g, '');
    expect(codes(v, phoneDigits.slice(2, 9))).toContain(code);
    expect(codes(v, row[1]!.slice(2, 4))).toContain(code);
    expect(codes(v, pinyinForms(row[1]!.slice(0, 4), false)!.initials)).toContain(code);
    if (pinyinForms(contact, true)) expect(codes(v, pinyinForms(contact, true)!.full)).toContain(code);
    expect(codes(v, contact.slice(0, 2))).toContain(code);
    // The index the worker made finds exactly what the one-client-at-a-time path finds.
    const queries = ['张伟', '华东', '138', '0013', 'zhang', 'shhx', 'hangzhou', 'c0012', '163com', 'smith', '长安街', 'dfkh', 'sh恒信'];
    const found = queries.map((q) => codes(v, q));
    expect(found.filter((f) => f.length > 0).length).toBeGreaterThan(10);
    rebuildClientSearch(v.db);
    expect(queries.map((q) => codes(v, q))).toEqual(found);

    // Tiers and scores are there, and computing them again changes nothing.
    const tiers = v.db.prepare('SELECT tier, count(*) AS n FROM clients GROUP BY tier ORDER BY tier').all() as { tier: string | null; n: number }[];
    expect(tiers.map((t) => t.tier)).toEqual(['A', 'B', 'C']);
    const scores = v.db.prepare('SELECT id, value_score, tier FROM clients ORDER BY id').all();
    recomputeValue(v.db, now());
    expect(v.db.prepare('SELECT id, value_score, tier FROM clients ORDER BY id').all()).toEqual(scores);

    // One log entry with the summary; the table's indexes and the search index's settings are back.
    const log = v.db.prepare("SELECT actor, target, details FROM access_log WHERE action = 'clients.import'").all() as { actor: string; target: string; details: string }[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: ADMIN.userName, target: 'crm.csv' });
    expect(JSON.parse(log[0]!.details)).toMatchObject({ imported: 3000, skipped: 1, rejected: 1, policy: 'skip' });
    expect(clientIndexes(v)).toEqual(indexesBefore);
    expect(searchSettings(v)).toEqual(settingsBefore);
    // The search index the import's own thread built (the vault had no clients) is whole in FTS5's own check.
    expect(() => v.db.prepare("INSERT INTO client_search (client_search, rank) VALUES ('integrity-check', 0)").run()).not.toThrow();
    expect(v.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('merges a later duplicate into a row already written (policy update), and its new phone is found', async () => {
    const v = await vault();
    const generated = generateCrmRows(1200);
    const first = generated[3]!;
    const later = [first[0]!, first[1]!, first[2]!, '13912345678', '', '', '', '', '', '', '', '', ''];
    const file = writeCsv([...generated, later]);
    const report = await runImport(v, { file, encoding: 'auto', mapping, policy: 'update' }, silentJob(), now);
    expect(report.summary).toMatchObject({ imported: 1200, updated: 0, skipped: 0 });
    expect(report.duplicates).toEqual([expect.objectContaining({ row: 1202, otherRow: 4, action: 'updated' })]);
    expect(codes(v, '1391234')).toEqual([first[0]]);
    const phones = v.db.prepare('SELECT phones FROM client_contacts k JOIN clients c ON c.id = k.client_id WHERE c.code = ?').pluck().get(first[0]) as string;
    expect(JSON.parse(phones)).toContain('+8613912345678');
  });

  it('a large import cancelled half way leaves the vault, its indexes and the log exactly as before', async () => {
    const v = await vault();
    await runImport(v, { file: writeCsv(generateCrmRows(20)), encoding: 'auto', mapping, policy: 'skip' }, silentJob(), now);
    const before = { clients: count(v, 'SELECT count(*) FROM clients'), log: count(v, 'SELECT count(*) FROM access_log'), indexes: clientIndexes(v) };
    let batches = 0;
    const job: JobContext = {
      ...silentJob(),
      progress: () => void batches++,
      throwIfCancelled: () => {
        if (batches >= 2) throw Object.assign(new Error('Cancelled'), { code: 'CANCELLED' });
      },
    };
    const file = writeCsv(generateCrmRows(6000, 7).map((r, i) => (i === 0 ? r : [`N${r[0]}`, ...r.slice(1)])));
    await expect(runImport(v, { file, encoding: 'auto', mapping, policy: 'skip' }, job, now)).rejects.toThrow('Cancelled');
    expect(batches).toBe(2);
    expect({ clients: count(v, 'SELECT count(*) FROM clients'), log: count(v, 'SELECT count(*) FROM access_log'), indexes: clientIndexes(v) }).toEqual(before);
    expect(codes(v, 'C000003')).toEqual(['C000003']);
    expect(v.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
