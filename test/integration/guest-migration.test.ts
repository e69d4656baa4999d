import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../electron/core/db/database';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../electron/core/vault/migrations';
import { tempDir } from '../helpers/temp';

describe('migration 11: the data-room reviewer role reads nothing', () => {
  it('takes clients.read from a version-10 vault\'s reviewer role as seeded, and leaves one an administrator changed', () => {
    const vault = () => openEncryptedDb(join(tempDir(), 'vault.db'), new Uint8Array(randomBytes(32)), { create: true });
    const guest = (db: ReturnType<typeof vault>) => db.prepare("SELECT permissions FROM roles WHERE name = 'data_room_guest'").pluck().get();
    const seeded = vault();
    migrate(seeded, 10);
    // What versions up to 10 seeded.
    seeded.prepare(`UPDATE roles SET permissions = '["clients.read"]' WHERE name = 'data_room_guest'`).run();
    migrate(seeded);
    expect(schemaVersion(seeded)).toBe(SCHEMA_VERSION);
    expect(guest(seeded)).toBe('[]');
    expect(JSON.parse(seeded.prepare("SELECT permissions FROM roles WHERE name = 'staff'").pluck().get() as string)).toContain('clients.read');
    seeded.close();

    const changed = vault();
    migrate(changed, 10);
    changed.prepare(`UPDATE roles SET permissions = '["clients.read","audit.read"]' WHERE name = 'data_room_guest'`).run();
    migrate(changed);
    expect(guest(changed)).toBe('["clients.read","audit.read"]');
    changed.close();
  });
});
