import { generateSigningKey, keyIdHex, type SigningKey } from '../crypto/minisign';
import type { Db } from './database';

/**
 * The vault's Ed25519 signing key (minisign key id + seed), made on first use
 * and kept inside the encrypted database (DESIGN.md §4): it signs log
 * checkpoints, audit exports and, later, packages. Only public parts leave
 * the core. Caller must not be inside a read-only transaction.
 */
export function vaultSigningKey(db: Db, now: Date): SigningKey {
  const row = db.prepare("SELECT key_id, secret, public FROM vault_keys WHERE kind = 'ed25519'").get() as
    | { key_id: Buffer; secret: Buffer; public: Buffer }
    | undefined;
  if (row) return { keyId: row.key_id, seed: row.secret, publicKey: row.public };
  const key = generateSigningKey();
  db.prepare("INSERT INTO vault_keys (kind, key_id, secret, public, created_at) VALUES ('ed25519', ?, ?, ?, ?) ON CONFLICT(kind) DO NOTHING")
    .run(key.keyId, key.seed, key.publicKey, now.toISOString());
  return vaultSigningKey(db, now);
}

/** The checkpoint origin (and signed-note key name): unique per vault, stable across backups. */
export function vaultOrigin(key: { keyId: Buffer }): string {
  return `handover-vault/${keyIdHex(key.keyId)}`;
}
