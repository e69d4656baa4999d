import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchClients } from '../../electron/core/clients/search-store';
import { openEncryptedDb, type Db } from '../../electron/core/db/database';
import { searchTokens } from '../../electron/core/formats/search-tokens';
import { migrate, MIGRATIONS, SCHEMA_VERSION, schemaVersion } from '../../electron/core/vault/migrations';
import { bigramTokens } from '../helpers/bigram-search';
import { tempDir } from '../helpers/temp';

/**
 * Every migration with data: a vault seeded with representative rows at version N-1 is migrated to N,
 * and what a user would notice is asserted — their records are still there and read the same, and
 * what the step adds works on them. A new migration needs an entry here (the last test says so).
 */
interface Step {
  version: number;
  /** What a user of a vault at N-1 finds after the upgrade. */
  title: string;
  seed(db: Db): void;
  check(db: Db): void;
}

const AT = '2026-11-01T00:00:00Z';
const value = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params);
const rows = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);
const permissionsOf = (db: Db, role: string) => JSON.parse(value(db, 'SELECT permissions FROM roles WHERE name = ?', role) as string) as string[];

function addClient(db: Db, code: string, name: string, extra: Record<string, string | number | null> = {}): number {
  const cols = ['code', 'name', 'created_at', 'updated_at', ...Object.keys(extra)];
  const vals = [code, name, AT, AT, ...Object.values(extra)];
  return Number(db.prepare(`INSERT INTO clients (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...vals).lastInsertRowid);
}

function addHandover(db: Db): number {
  const id = Number(db.prepare(`INSERT INTO handovers (ref, title, created_by, created_at, updated_at) VALUES ('HO-2026-001', '华东业务出售', '王经理', ?, ?)`).run(AT, AT).lastInsertRowid);
  for (const client of db.prepare('SELECT id FROM clients').pluck().all()) db.prepare('INSERT INTO handover_clients (handover_id, client_id) VALUES (?, ?)').run(id, client);
  return id;
}

const STEPS: Step[] = [
  {
    version: 1,
    title: 'an empty database gets users, settings and an append-only access log',
    seed: () => {},
    check: (db) => {
      db.prepare(`INSERT INTO users (name, role, slot_id, created_at) VALUES ('老李', 'admin', 'u-1', ?)`).run(AT);
      db.prepare(`INSERT INTO access_log (time, actor, action, target, details, prev_hash, entry_hash) VALUES (?, '老李', 'vault.create', '', '{}', 'p', 'h')`).run(AT);
      expect(() => db.prepare("UPDATE access_log SET actor = 'someone else'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
      expect(value(db, 'SELECT name FROM users WHERE name = ?', '老李')).toBe('老李');
    },
  },
  {
    version: 2,
    title: 'users are kept, with the new columns defaulted (auto-lock after 5 minutes, never unlocked yet)',
    seed: (db) => {
      db.prepare(`INSERT INTO users (name, role, slot_id, created_at) VALUES ('老李', 'staff', 'u-x', '2026-01-01T00:00:00Z')`).run();
    },
    check: (db) => {
      expect(db.prepare('SELECT name, role, idle_minutes, last_unlock_at FROM users').get()).toEqual({ name: '老李', role: 'staff', idle_minutes: 5, last_unlock_at: null });
    },
  },
  {
    version: 3,
    title: 'users, settings and the log are kept; clients with contacts can be recorded',
    seed: (db) => {
      db.prepare(`INSERT INTO users (name, role, slot_id, created_at) VALUES ('老李', 'admin', 'u-1', ?)`).run(AT);
      db.prepare(`INSERT INTO settings (key, value) VALUES ('language', '"zh-CN"')`).run();
      db.prepare(`INSERT INTO access_log (time, actor, action, target, details, prev_hash, entry_hash) VALUES (?, '老李', 'vault.create', '', '{}', 'p', 'h')`).run(AT);
    },
    check: (db) => {
      expect(rows(db, 'SELECT name, role FROM users')).toEqual([{ name: '老李', role: 'admin' }]);
      expect(value(db, "SELECT value FROM settings WHERE key = 'language'")).toBe('"zh-CN"');
      expect(value(db, 'SELECT action FROM access_log')).toBe('vault.create');
      const id = addClient(db, 'C1', '东方精密', { annual_revenue: 1_200_000_00 });
      db.prepare(`INSERT INTO client_contacts (client_id, name, phones) VALUES (?, '王芳', '["+8613800138000"]')`).run(id);
      expect(db.prepare('SELECT name, currency, annual_revenue, archived FROM clients').get()).toEqual({ name: '东方精密', currency: 'CNY', annual_revenue: 1_200_000_00, archived: 0 });
    },
  },
  {
    version: 4,
    title: 'clients with their contacts, transactions and communications are kept; a document can be attached',
    seed: (db) => {
      const id = addClient(db, 'C1', '东方精密', { region: '华东' });
      db.prepare(`INSERT INTO client_contacts (client_id, name, phones) VALUES (?, '王芳', '["+8613800138000"]')`).run(id);
      db.prepare(`INSERT INTO client_transactions (client_id, kind, ref, amount) VALUES (?, 'contract', 'HT-1', 500000)`).run(id);
      db.prepare(`INSERT INTO client_communications (client_id, date, summary) VALUES (?, '2026-10-01', '续约洽谈')`).run(id);
    },
    check: (db) => {
      expect(db.prepare('SELECT code, name, region FROM clients').get()).toEqual({ code: 'C1', name: '东方精密', region: '华东' });
      expect(value(db, 'SELECT phones FROM client_contacts')).toBe('["+8613800138000"]');
      expect(value(db, 'SELECT amount FROM client_transactions')).toBe(500000);
      expect(value(db, 'SELECT summary FROM client_communications')).toBe('续约洽谈');
      const doc = db.prepare(`INSERT INTO documents (client_id, name, mime, size, state, added_by, added_at) VALUES (1, '合同.pdf', 'application/pdf', 3, 'complete', '老李', ?)`).run(AT);
      db.prepare('INSERT INTO document_chunks (document_id, seq, data) VALUES (?, 0, ?)').run(doc.lastInsertRowid, Buffer.from('pdf'));
      expect(value(db, 'SELECT name FROM documents WHERE client_id = 1')).toBe('合同.pdf');
    },
  },
  {
    version: 5,
    title: 'clients are kept, without a score or tier until they are computed',
    seed: (db) => {
      addClient(db, 'C1', '东方精密', { annual_revenue: 9_000_000_00 });
      addClient(db, 'C2', '南海贸易', { archived: 1 });
    },
    check: (db) => {
      expect(rows(db, 'SELECT code, archived, value_score, tier FROM clients ORDER BY code')).toEqual([
        { code: 'C1', archived: 0, value_score: null, tier: null },
        { code: 'C2', archived: 1, value_score: null, tier: null },
      ]);
      db.prepare("UPDATE clients SET value_score = 87.5, tier = 'A' WHERE code = 'C1'").run();
      expect(() => db.prepare("UPDATE clients SET tier = 'D' WHERE code = 'C2'").run()).toThrow();
    },
  },
  {
    version: 6,
    title: 'users keep their roles, unscoped; the built-in roles appear with their rights; the log is kept',
    seed: (db) => {
      db.prepare(`INSERT INTO users (name, role, slot_id, created_at) VALUES ('老李', 'admin', 'u-1', ?), ('张伟', 'staff', 'u-2', ?)`).run(AT, AT);
      db.prepare(`INSERT INTO access_log (time, actor, action, target, details, prev_hash, entry_hash) VALUES (?, '张伟', 'client.view', 'C1', '{}', 'p', 'h')`).run(AT);
    },
    check: (db) => {
      expect(rows(db, 'SELECT name, role, scope FROM users ORDER BY id')).toEqual([{ name: '老李', role: 'admin', scope: '{}' }, { name: '张伟', role: 'staff', scope: '{}' }]);
      expect(db.prepare('SELECT name FROM roles WHERE builtin = 1 ORDER BY name').pluck().all()).toEqual(
        ['admin', 'auditor', 'compliance', 'data_room_guest', 'handover_manager', 'staff'],
      );
      expect(permissionsOf(db, 'staff')).toContain('clients.read');
      expect(permissionsOf(db, 'auditor')).not.toContain('clients.read');
      expect(value(db, "SELECT target FROM access_log WHERE action = 'client.view'")).toBe('C1');
    },
  },
  {
    version: 7,
    title: 'roles and users are kept; a counterparty key can be recorded, verified only by phone or in person',
    seed: (db) => {
      db.prepare(`INSERT INTO roles (name, label, permissions, updated_at) VALUES ('east_sales', '华东销售', '["clients.read"]', ?)`).run(AT);
      db.prepare(`INSERT INTO users (name, role, slot_id, created_at) VALUES ('王磊', 'east_sales', 'u-3', ?)`).run(AT);
    },
    check: (db) => {
      expect(value(db, "SELECT role FROM users WHERE name = '王磊'")).toBe('east_sales');
      expect(value(db, "SELECT label FROM roles WHERE name = 'east_sales'")).toBe('华东销售');
      const insert = db.prepare(`INSERT INTO counterparty_keys (label, kind, key_text, fingerprint, added_by, added_at, verified_how) VALUES ('北方收购', 'age', ?, 'fp', '老李', ?, ?)`);
      insert.run('age1one', AT, 'phone');
      expect(() => insert.run('age1two', AT, 'e-mail')).toThrow();
    },
  },
  {
    version: 8,
    title: 'clients and verified keys are kept; a handover can take them into its scope',
    seed: (db) => {
      addClient(db, 'C1', '东方精密', { region: '华东', tier: 'A' });
      addClient(db, 'C2', '南海贸易', { region: '华南', tier: 'C' });
      db.prepare(`INSERT INTO counterparty_keys (label, kind, key_text, fingerprint, added_by, added_at, verified_by, verified_at, verified_how)
        VALUES ('北方收购', 'age', 'age1buyer', 'fp', '老李', ?, '老李', ?, 'in-person')`).run(AT, AT);
    },
    check: (db) => {
      expect(rows(db, 'SELECT code, region, tier FROM clients ORDER BY code')).toEqual([{ code: 'C1', region: '华东', tier: 'A' }, { code: 'C2', region: '华南', tier: 'C' }]);
      expect(value(db, 'SELECT verified_how FROM counterparty_keys')).toBe('in-person');
      const id = addHandover(db);
      expect(value(db, 'SELECT status FROM handovers WHERE id = ?', id)).toBe('draft');
      expect(value(db, 'SELECT count(*) FROM handover_clients WHERE handover_id = ? AND included = 1', id)).toBe(2);
    },
  },
  {
    version: 9,
    title: 'handovers with their scope are kept; a data-room session can be held on one',
    seed: (db) => {
      addClient(db, 'C1', '东方精密');
      const id = addHandover(db);
      db.prepare(`INSERT INTO handover_risks (handover_id, title, category, likelihood, impact) VALUES (?, '核心客户流失', 'commercial', 3, 4)`).run(id);
    },
    check: (db) => {
      expect(db.prepare('SELECT ref, title, status FROM handovers').get()).toEqual({ ref: 'HO-2026-001', title: '华东业务出售', status: 'draft' });
      expect(db.prepare('SELECT title, likelihood, impact FROM handover_risks').get()).toEqual({ title: '核心客户流失', likelihood: 3, impact: 4 });
      db.prepare(`INSERT INTO dataroom_sessions (id, handover_id, reviewer_name, reviewer_org, facilitator, client_ids, categories, masked, documents, minutes, started_at, expires_at)
        VALUES ('s1', 1, '赵律师', '北方收购', '老李', '[1]', '[]', '[]', 0, 30, ?, ?)`).run(AT, AT);
      expect(value(db, 'SELECT reviewer_name FROM dataroom_sessions WHERE handover_id = 1')).toBe('赵律师');
    },
  },
  {
    version: 10,
    title: "keeps a version-9 vault's handovers and gives the administrator the staff-compensation right",
    seed: (db) => {
      db.prepare(`INSERT INTO clients (code, name, annual_revenue, created_at, updated_at) VALUES ('C1', '华东贸易', 100000000, ?, ?)`).run(AT, AT);
      db.prepare(`INSERT INTO handovers (ref, title, created_by, created_at, updated_at) VALUES ('HO-2026-001', '华东业务出售', '王经理', ?, ?)`).run(AT, AT);
      db.prepare(`INSERT INTO handover_clients (handover_id, client_id) VALUES (1, 1)`).run();
    },
    check: (db) => {
      expect(value(db, 'SELECT title FROM handovers')).toBe('华东业务出售');
      expect(permissionsOf(db, 'admin')).toContain('compensation.staff');
      expect(permissionsOf(db, 'staff')).not.toContain('compensation.staff');
      // A proposal is for a client or for a person, never both; amounts cannot go negative.
      const insert = db.prepare(`INSERT INTO compensation_proposals (handover_id, kind, client_id, person, standard_version, inputs, computed_fen, proposed_fen, method, computed_at)
        VALUES (1, ?, ?, ?, 1, '{}', ?, ?, 'cash', ?)`);
      insert.run('client', 1, null, 5000, 5000, AT);
      expect(() => insert.run('client', 1, '王五', 1, 1, AT)).toThrow();
      expect(() => insert.run('staff', null, '王五', -1, 0, AT)).toThrow();
      expect(() => insert.run('client', 1, null, 1, 1, AT)).toThrow(/UNIQUE/);
    },
  },
  {
    version: 11,
    title: 'the data-room reviewer role as seeded loses clients.read; staff keep it',
    seed: (db) => {
      // What versions up to 10 seeded.
      db.prepare(`UPDATE roles SET permissions = '["clients.read"]' WHERE name = 'data_room_guest'`).run();
    },
    check: (db) => {
      expect(value(db, "SELECT permissions FROM roles WHERE name = 'data_room_guest'")).toBe('[]');
      expect(permissionsOf(db, 'staff')).toContain('clients.read');
    },
  },
  {
    version: 11,
    title: 'a reviewer role an administrator changed is left as they made it',
    seed: (db) => {
      db.prepare(`UPDATE roles SET permissions = '["clients.read","audit.read"]' WHERE name = 'data_room_guest'`).run();
    },
    check: (db) => {
      expect(value(db, "SELECT permissions FROM roles WHERE name = 'data_room_guest'")).toBe('["clients.read","audit.read"]');
    },
  },
  {
    version: 12,
    title: 'administrators and handover managers may receive packages, others not; checkpoints are kept and become append-only',
    seed: (db) => {
      // What versions up to 11 seeded: no packages.receive anywhere.
      for (const role of ['admin', 'handover_manager', 'staff']) {
        db.prepare('UPDATE roles SET permissions = ? WHERE name = ?').run(JSON.stringify(permissionsOf(db, role).filter((p) => p !== 'packages.receive')), role);
      }
      db.prepare(`INSERT INTO roles (name, label, permissions, updated_at) VALUES ('east_sales', '华东销售', '["clients.read","packages.export"]', ?)`).run(AT);
      db.prepare(`INSERT INTO checkpoints (size, root, note, compact, reason, created_at) VALUES (5, 'root', 'note', 'compact', 'lock', ?)`).run(AT);
    },
    check: (db) => {
      expect(permissionsOf(db, 'admin')).toContain('packages.receive');
      expect(permissionsOf(db, 'handover_manager')).toContain('packages.receive');
      expect(permissionsOf(db, 'staff')).not.toContain('packages.receive');
      expect(permissionsOf(db, 'east_sales')).toEqual(['clients.read', 'packages.export']);
      expect(db.prepare('SELECT size, reason FROM checkpoints').get()).toEqual({ size: 5, reason: 'lock' });
      expect(() => db.prepare("UPDATE checkpoints SET root = 'forged'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM checkpoints').run()).toThrow(/append-only/);
    },
  },
  {
    version: 13,
    title: 'clients are found by full pinyin and initials and listed in pinyin order, numbers in natural order',
    seed: (db) => {
      for (const [code, name] of [['D10', '东方客户10'], ['D2', '东方客户2'], ['B1', '北辰科技'], ['Z1', '中国银行上海分行']] as const) addClient(db, code, name);
      db.prepare(`INSERT INTO client_contacts (client_id, name) VALUES (3, '张伟')`).run();
    },
    check: (db) => {
      expect(searchClients(db, { sort: 'name' }).rows.map((r) => r.name)).toEqual(['北辰科技', '东方客户2', '东方客户10', '中国银行上海分行']);
      expect(searchClients(db, { text: 'dfkh' }).rows.map((r) => r.code).sort()).toEqual(['D10', 'D2']);
      expect(searchClients(db, { text: 'zhangwei' }).rows.map((r) => r.code)).toEqual(['B1']);
      expect(searchClients(db, { text: 'zg银行' }).rows.map((r) => r.code)).toEqual(['Z1']);
    },
  },
  {
    version: 14,
    title: 'everything found before is found, and a user who sees phones, e-mails or the address masked cannot find a client by them',
    seed: (db) => {
      const id = addClient(db, 'E1', '东方电子', { address: '浦东新区世纪大道 8 号' });
      db.prepare(`INSERT INTO client_contacts (client_id, name, phones, emails) VALUES (?, '王芳', '["+8613800138000"]', '["wang@dongfang.cn"]')`).run(id);
      // What the app before 14 wrote: one column of everything.
      db.prepare('INSERT INTO client_search (rowid, t) VALUES (?, ?)').run(id, searchTokens(['E1', '东方电子', '浦东新区世纪大道 8 号', '王芳', '+8613800138000', 'wang@dongfang.cn']));
    },
    check: (db) => {
      const found = (text: string, hidden: ('phones' | 'emails' | 'address')[] = []) => searchClients(db, { text }, null, hidden).rows.map((r) => r.code);
      for (const text of ['东方', 'dfdz', '王芳', '0013800', 'dongfang.cn', '世纪大道']) expect(found(text), text).toEqual(['E1']);
      expect(found('0013800', ['phones'])).toEqual([]);
      expect(found('dongfang.cn', ['emails'])).toEqual([]);
      expect(found('世纪大道', ['address'])).toEqual([]);
      expect(found('东方 0013800', ['emails', 'address'])).toEqual(['E1']);
      expect(found('东方 0013800', ['phones'])).toEqual([]);
      expect(found('东方', ['phones', 'emails', 'address'])).toEqual(['E1']);
    },
  },
  {
    version: 15,
    title: 'everything found before is found again, with Latin words and pinyin indexed as trigrams',
    seed: (db) => {
      const id = addClient(db, 'G1', '中国银行上海分行', { address: '浦东新区世纪大道 8 号', owner: '曾志伟' });
      db.prepare(`INSERT INTO client_contacts (client_id, name, phones, emails) VALUES (?, '张伟', '["+8613800138000"]', '["wang@dongfang.cn"]')`).run(id);
      addClient(db, 'A1', 'Acme Trading');
      // What the app before 15 wrote: Latin words and pinyin as bigrams (the four columns of 014).
      const old = db.prepare('INSERT INTO client_search (rowid, t, phones, emails, address) VALUES (?, ?, ?, ?, ?)');
      old.run(id, bigramTokens(['G1', '中国银行上海分行', '曾志伟', '张伟', 'zhongguoyinhangshanghaifenhang', 'zgyhshfh', 'zengzhiwei', 'zzw', 'zhangwei', 'zw']),
        bigramTokens(['+8613800138000']), bigramTokens(['wang@dongfang.cn']), bigramTokens(['浦东新区世纪大道 8 号']));
      old.run(2, bigramTokens(['A1', 'Acme Trading']), '', '', '');
      // The queries are made for trigrams: the old index does not answer full pinyin.
      expect(searchClients(db, { text: 'zhangwei' }).total).toBe(0);
    },
    check: (db) => {
      const found = (text: string) => searchClients(db, { text }).rows.map((r) => r.code);
      for (const text of ['zhangwei', 'zengzhiwei', 'zgyh', 'zg银行', 'zg', '银行', '张伟', '0013800', 'dongfang.cn', '世纪大道']) expect(found(text), text).toEqual(['G1']);
      for (const text of ['acme', 'trading', 'ac']) expect(found(text), text).toEqual(['A1']);
      expect(found('a').sort()).toEqual(['A1', 'G1']);
    },
  },
];

function vaultAt(version: number): Db {
  const db = openEncryptedDb(join(tempDir(), 'vault.db'), new Uint8Array(randomBytes(32)), { create: true, cipher: 'chacha20' });
  migrate(db, version);
  expect(schemaVersion(db)).toBe(version);
  return db;
}

describe('each migration, on a vault with data', () => {
  it.each(STEPS.map((s) => [s.version, s.title, s] as const))('%i: %s', (version, _title, step) => {
    const db = vaultAt(version - 1);
    step.seed(db);
    migrate(db, version);
    expect(schemaVersion(db)).toBe(version);
    step.check(db);
    db.close();
  });

  it('has a step with data for every registered migration, and the schema version is the last one', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(new Set(STEPS.map((s) => s.version))).toEqual(new Set(versions));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(SCHEMA_VERSION).toBe(versions[versions.length - 1]);
    const db = vaultAt(SCHEMA_VERSION);
    db.close();
  });
});
