import { clientStatements, insertClient } from '../../electron/core/clients/store';
import type { Db } from '../../electron/core/db/database';
import { searchTokens } from '../../electron/core/formats/search-tokens';

/** Client i of a plain seed; client `special` is 东方电子 with a contact's phone, e-mail and an address to search for. */
export const draftClient = (i: number, special: number) => ({
  code: `R${String(i).padStart(5, '0')}`, name: i === special ? '东方电子' : `客户${i}`, type: 'company' as const, industry: '', region: '华东', city: '', address: i === special ? '浦东新区世纪大道 8 号' : '',
  owner: '', department: '', importance: '', tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: i === special ? [{ name: '王芳', title: '', phones: ['+8613800138000'], emails: ['wang@dongfang.cn'] }] : [],
});

/**
 * Seeds `n` clients into an open vault and leaves it as the app before migration 014 did: version 13, the search
 * index one column of everything. With `specialFullyIndexed` the special client's old index row also holds its
 * phone, e-mail and address, as that old index did.
 */
export function seedBefore014(db: Db, n: number, special: number, specialFullyIndexed = false): void {
  db.transaction(() => {
    const s = clientStatements(db);
    for (let i = 1; i <= n; i++) insertClient(s, draftClient(i, special), '2026-11-01T00:00:00Z');
    db.exec("DROP TABLE client_search; CREATE VIRTUAL TABLE client_search USING fts5(t, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='1', detail=full)");
    const ins = db.prepare('INSERT INTO client_search (rowid, t) VALUES (?, ?)');
    const code = `R${String(special).padStart(5, '0')}`;
    if (specialFullyIndexed) ins.run(special, searchTokens([code, '东方电子', '+8613800138000', 'wang@dongfang.cn', '浦东新区世纪大道 8 号']));
    const rows = db.prepare('SELECT id, code, name FROM clients').raw().all() as [number, string, string][];
    for (const [id, c, name] of rows) if (!(specialFullyIndexed && id === special)) ins.run(id, searchTokens([c, name]));
    db.pragma('user_version = 13');
  })();
}
