import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../electron/core/db/database';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../electron/core/vault/migrations';
import { tempDir } from '../helpers/temp';

describe('migration 10: compensation', () => {
  it('keeps a version-9 vault\'s handovers and gives the administrator the staff-compensation right', () => {
    const db = openEncryptedDb(join(tempDir(), 'vault.db'), new Uint8Array(randomBytes(32)), { create: true, cipher: 'chacha20' });
    migrate(db, 9);
    const at = '2026-11-01T00:00:00Z';
    db.prepare(`INSERT INTO clients (code, name, annual_revenue, created_at, updated_at) VALUES ('C1', '华东贸易', 100000000, ?, ?)`).run(at, at);
    db.prepare(`INSERT INTO handovers (ref, title, created_by, created_at, updated_at) VALUES ('HO-2026-001', '华东业务出售', '王经理', ?, ?)`).run(at, at);
    db.prepare(`INSERT INTO handover_clients (handover_id, client_id) VALUES (1, 1)`).run();
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(10);
    expect(db.prepare('SELECT title FROM handovers').pluck().get()).toBe('华东业务出售');
    const admin = JSON.parse(db.prepare("SELECT permissions FROM roles WHERE name = 'admin'").pluck().get() as string) as string[];
    expect(admin).toContain('compensation.staff');
    const staff = JSON.parse(db.prepare("SELECT permissions FROM roles WHERE name = 'staff'").pluck().get() as string) as string[];
    expect(staff).not.toContain('compensation.staff');

    // A proposal is for a client or for a person, never both; amounts cannot go negative.
    const insert = db.prepare(`INSERT INTO compensation_proposals (handover_id, kind, client_id, person, standard_version, inputs, computed_fen, proposed_fen, method, computed_at)
      VALUES (1, ?, ?, ?, 1, '{}', ?, ?, 'cash', ?)`);
    insert.run('client', 1, null, 5000, 5000, at);
    expect(() => insert.run('client', 1, '王五', 1, 1, at)).toThrow();
    expect(() => insert.run('staff', null, '王五', -1, 0, at)).toThrow();
    expect(() => insert.run('client', 1, null, 1, 1, at)).toThrow(/UNIQUE/);
    db.close();
  });
});
