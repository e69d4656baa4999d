import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/core/clients/import/service';
import { clientIdByCode, clientStatements, deleteClient, getClient, insertClient, rebuildClientSearch, updateClient } from '../../electron/core/clients/store';
import { silentJob, type JobContext } from '../../electron/core/jobs/jobs';
import type { OpenVault } from '../../electron/core/vault/vault';
import { suggestMapping } from '../../shared/clients/fields';
import { CRM_HEADERS, generateCrmRows } from '../helpers/crm-generate';
import { emptyVault as vault, searchCodes as codes, writeCsv } from '../helpers/import-vault';

/**
 * Issue 16: a large first import (the vault has no clients yet) builds the search index on a thread
 * of its own, in memory, and puts the finished index into the vault in the import's transaction. The
 * index must then be the vault's own in every way a user notices: edits, deletes and new clients are
 * found (or no longer found) right away, a cancelled import leaves an empty index that works.
 */
const now = () => new Date();
const mapping = suggestMapping(CRM_HEADERS);

const ftsCheck = (v: OpenVault) => v.db.prepare("INSERT INTO client_search (client_search, rank) VALUES ('integrity-check', 0)").run();
const count = (v: OpenVault, sql: string) => v.db.prepare(sql).pluck().get() as number;

describe("the first large import's search index, built on its own thread", () => {
  it('finds edited, new and no longer deleted clients right after the import, as an index written client by client would', async () => {
    const v = await vault();
    const rows = generateCrmRows(1500);
    // Rows without a code get one while duplicates are resolved: their code's tokens are made on the main thread.
    rows[10] = ['', '无编号贸易公司', '钱多多', '13700001111', '', '', '', '', '', '', '', '', ''];
    await runImport(v, { file: writeCsv(rows), encoding: 'auto', mapping, policy: 'skip' }, silentJob(), now);
    expect(count(v, 'SELECT count(*) FROM clients')).toBe(1500);
    expect(codes(v, '无编号')).toHaveLength(1);
    expect(codes(v, codes(v, '无编号')[0]!)).toEqual(codes(v, '无编号'));

    const s = clientStatements(v.db);
    const edited = rows[100]!;
    const id = clientIdByCode(v.db, edited[0]!)!;
    const gone = rows[200]![0]!;
    v.db.transaction(() => {
      const draft = getClient(v.db, id)!;
      updateClient(s, id, { ...draft, name: '改名后的星辰公司', contacts: [{ name: '欧阳锋', title: '', phones: ['+8613999990000'], emails: [] }] }, now().toISOString());
      deleteClient(v.db, clientIdByCode(v.db, gone)!);
      insertClient(s, { ...getClient(v.db, id)!, code: 'NEW1', name: '新来的月亮公司', contacts: [] }, now().toISOString());
    })();
    expect(codes(v, '星辰')).toEqual([edited[0]]);
    expect(codes(v, '13999990')).toEqual([edited[0]]);
    expect(codes(v, 'oyf')).toContain(edited[0]);
    expect(codes(v, edited[1]!)).not.toContain(edited[0]);
    expect(codes(v, gone)).toEqual([]);
    expect(codes(v, '月亮')).toEqual(['NEW1']);
    expect(() => ftsCheck(v)).not.toThrow();

    // The same answers as the index written again client by client.
    const queries = ['张伟', '华东', '138', '0013', 'zhang', 'hangzhou', 'c0012', '163com', 'smith', '长安街', '星辰', gone, 'NEW1'];
    const found = queries.map((q) => codes(v, q));
    rebuildClientSearch(v.db);
    expect(queries.map((q) => codes(v, q))).toEqual(found);
  });

  it('a first large import cancelled half way leaves no client and an empty index that the next import fills', async () => {
    const v = await vault();
    const logBefore = count(v, 'SELECT count(*) FROM access_log');
    let batches = 0;
    const job: JobContext = {
      ...silentJob(),
      progress: () => void batches++,
      throwIfCancelled: () => {
        if (batches >= 2) throw Object.assign(new Error('Cancelled'), { code: 'CANCELLED' });
      },
    };
    const big = generateCrmRows(6000);
    await expect(runImport(v, { file: writeCsv(big), encoding: 'auto', mapping, policy: 'skip' }, job, now)).rejects.toThrow('Cancelled');
    expect(count(v, 'SELECT count(*) FROM clients')).toBe(0);
    expect(count(v, 'SELECT count(*) FROM client_search_docsize')).toBe(0);
    expect(count(v, 'SELECT count(*) FROM access_log')).toBe(logBefore);
    expect(codes(v, big[3]![1]!.slice(0, 4))).toEqual([]);

    await runImport(v, { file: writeCsv(big.slice(0, 1200)), encoding: 'auto', mapping, policy: 'skip' }, silentJob(), now);
    expect(codes(v, big[3]![0]!)).toEqual([big[3]![0]]);
    expect(() => ftsCheck(v)).not.toThrow();
    expect(v.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
