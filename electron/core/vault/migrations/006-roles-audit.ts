import { BUILTIN_ROLE_SEEDS, BUILTIN_ROLES, EMPTY_SCOPE } from '../../../../shared/contract/permissions';
import type { Migration } from './migration';

/**
 * Permissions issue: editable roles (seeded with the built-in ones), scopes on
 * roles and users, the vault's signing keys, signed checkpoints of the access
 * log, and indexes so the log can be listed by client, action and time.
 */
export const rolesAudit: Migration = {
  version: 6,
  name: 'roles-audit',
  up(db) {
    db.exec(`
      CREATE TABLE roles (
        name TEXT PRIMARY KEY,
        label TEXT NOT NULL DEFAULT '',
        builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
        permissions TEXT NOT NULL DEFAULT '[]',
        masked TEXT NOT NULL DEFAULT '[]',
        scope TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
      ) STRICT;
      ALTER TABLE users ADD COLUMN scope TEXT NOT NULL DEFAULT '{}';

      CREATE TABLE vault_keys (
        kind TEXT PRIMARY KEY,
        key_id BLOB NOT NULL,
        secret BLOB NOT NULL,
        public BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE checkpoints (
        size INTEGER PRIMARY KEY,
        root TEXT NOT NULL,
        note TEXT NOT NULL,
        compact TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX access_log_target ON access_log(target, seq);
      CREATE INDEX access_log_action ON access_log(action, seq);
      CREATE INDEX access_log_time ON access_log(time);
    `);
    const insert = db.prepare('INSERT INTO roles (name, label, builtin, permissions, masked, scope, updated_at) VALUES (?, \'\', 1, ?, ?, ?, ?)');
    const at = new Date().toISOString();
    for (const name of BUILTIN_ROLES) {
      const seed = BUILTIN_ROLE_SEEDS[name];
      insert.run(name, JSON.stringify(seed.permissions), JSON.stringify(seed.masked), JSON.stringify(EMPTY_SCOPE), at);
    }
  },
};
