import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pinyinSearchFields } from '../../electron/core/formats/pinyin';
import { searchQuery, searchTokens } from '../../electron/core/formats/search-tokens';
import { bigramQuery, bigramTokens } from '../helpers/bigram-search';

/**
 * Migration 015 indexes Latin words as trigrams (issue 16). Whatever a user typed found a client
 * before, it still finds: names (Chinese, Latin, digits, punctuation) with their pinyin, full and
 * initials, indexed both ways in real FTS5 tables of the vault's definition, and every query that is
 * a piece of one of them — one character or more, or initials joined to Chinese as in zg银行 — finds
 * the same clients in both.
 */
const TABLE = "USING fts5(t, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='1', detail=full)";
const nameChar = fc.constantFrom(...'张伟单曾解东方客户中国银行上海恒信重庆长乐ab Zxyhngiou-@.1２3'.split(''));
const name = fc.array(nameChar, { minLength: 1, maxLength: 14 }).map((a) => a.join(''));
const client = fc.record({ names: fc.array(name, { minLength: 1, maxLength: 3 }), person: fc.boolean() });

/** A client's name fields as the index holds them: the names, then each name's full pinyin and initials. */
const fieldsOf = (c: { names: string[]; person: boolean }) => [...c.names, ...pinyinSearchFields(c.names.map((text) => ({ text, person: c.person })))];

/** A piece of one of the fields: from `start`, 1 to 9 characters, sometimes followed by a piece of another field. */
function pieceOf(fields: string[], [f, start, len, g, len2]: number[]): string {
  const a = Array.from(fields[f! % fields.length]!);
  const from = start! % a.length;
  const first = a.slice(from, from + 1 + (len! % 9)).join('');
  if (g! % 3 !== 0) return first;
  const b = Array.from(fields[g! % fields.length]!);
  return first + b.slice(0, 1 + (len2! % 3)).join('');
}

function matches(db: Database.Database, table: string, query: string | null): number[] {
  if (query === null) return [];
  return db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(query) as number[];
}

describe('the Latin trigram index (migration 015)', () => {
  it('finds every client the bigram index found, for any piece of a name, its pinyin or initials', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE old ${TABLE}; CREATE VIRTUAL TABLE new ${TABLE}`);
    let nonEmpty = 0;
    fc.assert(
      fc.property(fc.array(client, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), fc.nat(), (clients, pick, which) => {
        db.exec('DELETE FROM old; DELETE FROM new');
        const fields = clients.map(fieldsOf);
        fields.forEach((f, i) => {
          db.prepare('INSERT INTO old (rowid, t) VALUES (?, ?)').run(i + 1, bigramTokens(f));
          db.prepare('INSERT INTO new (rowid, t) VALUES (?, ?)').run(i + 1, searchTokens(f));
        });
        const typed = pieceOf(fields[which % fields.length]!, pick);
        const before = matches(db, 'old', bigramQuery(typed));
        if (before.length) nonEmpty++;
        expect(matches(db, 'new', searchQuery(typed)), typed).toEqual(before);
      }),
      { numRuns: 300 },
    );
    // The pieces are taken from the names, so nearly every query finds something: the test compares real matches.
    expect(nonEmpty).toBeGreaterThan(220);
    db.close();
  });

  it('finds the same clients for the queries a user types: two letters, initials, full pinyin, mixed with Chinese', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE old ${TABLE}; CREATE VIRTUAL TABLE new ${TABLE}`);
    const names = [['东方客户10', '张伟'], ['中国银行上海分行', '曾国藩'], ['北辰科技', 'Peter Wong'], ['单雄信'], ['Acme Trading', 'zhang@163.com']];
    names.forEach((n, i) => {
      const f = fieldsOf({ names: n, person: i === 3 });
      db.prepare('INSERT INTO old (rowid, t) VALUES (?, ?)').run(i + 1, bigramTokens(f));
      db.prepare('INSERT INTO new (rowid, t) VALUES (?, ?)').run(i + 1, searchTokens(f));
    });
    const expected: Record<string, number[]> = {
      dk: [], df: [1], zg: [2], 'zg银行': [2], dfkh: [1], zhangwei: [1], zhang: [1, 5], zh: [1, 2, 5], sxx: [4], shanxiongxin: [4], 'peter wong': [3], ng: [1, 2, 3, 4, 5], w: [1, 3], '163': [5], '东方': [1], '10': [1],
    };
    for (const [typed, ids] of Object.entries(expected)) {
      expect(matches(db, 'old', bigramQuery(typed)), typed).toEqual(ids);
      expect(matches(db, 'new', searchQuery(typed)), typed).toEqual(ids);
    }
    db.close();
  });
});
