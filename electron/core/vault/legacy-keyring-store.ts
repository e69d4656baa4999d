import type { Db } from '../db/database';

/**
 * The vault_keys table, where version 1 vaults kept the signing keyring (issue 14 moved it into the
 * slots, sealed to the users entitled to it): the only module with SQL on it (issue 18).
 */
export interface LegacyKeyRow {
  kind: string;
  key_id: Buffer;
  secret: Buffer;
  public: Buffer;
}

export function legacyKeyRows(db: Db): LegacyKeyRow[] {
  return db.prepare('SELECT kind, key_id, secret, public FROM vault_keys').all() as LegacyKeyRow[];
}

export function putLegacyKey(db: Db, row: LegacyKeyRow, at: string): void {
  db.prepare('INSERT OR REPLACE INTO vault_keys (kind, key_id, secret, public, created_at) VALUES (?, ?, ?, ?, ?)').run(row.kind, row.key_id, row.secret, row.public, at);
}

/** Once the keyring lives in the slot file, the database keeps no copy (secure_delete zeroes the pages). */
export function dropLegacyKeyring(db: Db): void {
  db.prepare('DELETE FROM vault_keys').run();
}

export function legacyKeyringInDb(db: Db): boolean {
  return (db.prepare('SELECT count(*) FROM vault_keys').pluck().get() as number) > 0;
}
