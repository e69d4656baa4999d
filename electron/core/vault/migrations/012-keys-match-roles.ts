import type { Migration } from './migration';

/**
 * Keys that match the roles (issue 14): receiving a package (decrypting with
 * the vault's identity, signing a receipt) becomes its own right, given to
 * the built-in administrator and handover manager; signed checkpoints become
 * append-only like the access log. The signing keyring itself leaves the
 * database at its first unlock by a user whose role signs (vault/unlock.ts),
 * not here: a migration has no slot to seal it to.
 */
export const keysMatchRoles: Migration = {
  version: 12,
  name: 'keys-match-roles',
  up(db) {
    const grant = db.prepare(`UPDATE roles SET permissions = json_insert(permissions, '$[#]', 'packages.receive')
      WHERE builtin = 1 AND name IN ('admin', 'handover_manager')
        AND NOT EXISTS (SELECT 1 FROM json_each(roles.permissions) WHERE value = 'packages.receive')`);
    grant.run();
    db.exec(`
      CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
      BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
      CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
      BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
    `);
  },
};
