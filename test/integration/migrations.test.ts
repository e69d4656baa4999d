import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../electron/core/db/database';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../electron/core/vault/migrations';
import { tempDir } from '../helpers/temp';

function freshDb() {
  const key = new Uint8Array(randomBytes(32));
  const file = join(tempDir(), 'vault.db');
  return { db: openEncryptedDb(file, key, { create: true, cipher: 'chacha20' }), file, key };
}

// Each step with data: migration-steps.test.ts.
describe('migrations', () => {
  it('refuses a database from a newer app, changing nothing', () => {
    const { db } = freshDb();
    migrate(db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'VAULT_FROM_FUTURE' }));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    db.close();
  });

  it('rolls a failing step back whole', () => {
    const { db } = freshDb();
    migrate(db, 1);
    db.exec('CREATE TABLE blocker (x INTEGER) STRICT; CREATE INDEX access_log_actor ON blocker(x);');
    expect(() => migrate(db)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) AS n FROM pragma_table_info('users') WHERE name = 'idle_minutes'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('uses the pragmas the design requires on every open', () => {
    const { db } = freshDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('cipher', { simple: true })).toBe('chacha20');
    db.close();
  });
});
