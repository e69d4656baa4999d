import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDb, type Db } from '../../electron/core/db/database';
import { RewriteFailed, rewriteDatabaseFile } from '../../electron/core/db/rewrite';
import { tempDir } from '../helpers/temp';

/** Every kind of object SQLite keeps, with the awkward cases a logical copy can get wrong. */
function awkwardDatabase(file: string, key: Uint8Array): void {
  const db = openEncryptedDb(file, key, { create: true, cipher: 'chacha20' });
  db.exec(`
    CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT NOT NULL) STRICT;
    CREATE TABLE plain (a TEXT, b BLOB);
    CREATE TABLE keyed (k TEXT PRIMARY KEY, v INTEGER) STRICT, WITHOUT ROWID;
    CREATE TABLE priced (net INTEGER, gross INTEGER GENERATED ALWAYS AS (net * 2) STORED);
    CREATE INDEX plain_a ON plain (a);
    CREATE VIEW recent AS SELECT what FROM events ORDER BY id DESC LIMIT 2;
    CREATE TRIGGER events_append_only BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'append only'); END;
    CREATE VIRTUAL TABLE search USING fts5(name, tokenize = 'trigram');
  `);
  for (let i = 1; i <= 50; i++) db.prepare('INSERT INTO events (what) VALUES (?)').run(`event ${i}`);
  db.exec('DROP TRIGGER events_append_only');
  db.prepare('DELETE FROM events WHERE id > 40').run();
  db.exec("CREATE TRIGGER events_append_only BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'append only'); END");
  for (let i = 0; i < 30; i++) db.prepare('INSERT INTO plain (rowid, a, b) VALUES (?, ?, ?)').run(i * 1000 + 7, `row ${i}`, randomBytes(3000 + i * 500));
  for (let i = 0; i < 10; i++) db.prepare('INSERT INTO keyed VALUES (?, ?)').run(`k${i}`, i);
  db.prepare('INSERT INTO priced (net) VALUES (21)').run();
  for (const name of ['上海华东电子有限公司', '北京华北贸易', 'Shenzhen Nanfang Ltd']) db.prepare('INSERT INTO search (name) VALUES (?)').run(name);
  db.pragma('user_version = 13');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function contents(db: Db) {
  return {
    events: db.prepare('SELECT id, what FROM events ORDER BY id').all(),
    plain: db.prepare('SELECT rowid, a, hex(b) AS b FROM plain ORDER BY rowid').all(),
    keyed: db.prepare('SELECT * FROM keyed ORDER BY k').all(),
    priced: db.prepare('SELECT net, gross FROM priced').all(),
    recent: db.prepare('SELECT * FROM recent').all(),
    search: db.prepare("SELECT name FROM search WHERE search MATCH '华东电'").pluck().all(),
    userVersion: db.pragma('user_version', { simple: true }),
    schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all(),
  };
}

describe('rewriting a database file under a new key and cipher', () => {
  it('the new file holds the same rows, rowids, schema and search index; the next id is not one given out before; triggers hold', async () => {
    const dir = tempDir();
    const oldKey = new Uint8Array(randomBytes(32));
    const newKey = new Uint8Array(randomBytes(32));
    awkwardDatabase(join(dir, 'old.db'), oldKey);
    const source = openEncryptedDb(join(dir, 'old.db'), oldKey, { create: false, cipher: 'chacha20' });
    const before = contents(source);
    source.close();

    const result = await rewriteDatabaseFile(join(dir, 'old.db'), join(dir, 'new.db'), { key: oldKey, cipher: 'chacha20' }, { key: newKey, cipher: 'aegis' });
    expect(result.rows).toBeGreaterThan(40 + 30 + 10);
    expect(() => openEncryptedDb(join(dir, 'new.db'), oldKey, { create: false, cipher: 'aegis' })).toThrow(/key does not open/);
    const rewritten = openEncryptedDb(join(dir, 'new.db'), newKey, { create: false, cipher: 'aegis' });
    try {
      expect(contents(rewritten)).toEqual(before);
      expect(before.search).toEqual(['上海华东电子有限公司']);
      expect(rewritten.prepare('INSERT INTO events (what) VALUES (?)').run('after').lastInsertRowid).toBe(51);
      expect(() => rewritten.prepare('DELETE FROM events WHERE id = 1').run()).toThrow(/append only/);
      expect(rewritten.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      rewritten.close();
    }
  });

  it('a wrong key for the source fails cleanly and leaves no new file', async () => {
    const dir = tempDir();
    awkwardDatabase(join(dir, 'old.db'), new Uint8Array(randomBytes(32)));
    const wrong = new Uint8Array(randomBytes(32));
    await expect(rewriteDatabaseFile(join(dir, 'old.db'), join(dir, 'new.db'), { key: wrong, cipher: 'chacha20' }, { key: wrong, cipher: 'aegis' }))
      .rejects.toBeInstanceOf(RewriteFailed);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
  });
});
