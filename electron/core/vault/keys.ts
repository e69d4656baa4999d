import { generateIdentity, type AgeIdentity } from '../crypto/age';
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

/** The vault's X25519 identity (age): packages for this vault's organisation are encrypted to it. */
export function vaultAgeIdentity(db: Db, now: Date): AgeIdentity {
  const row = db.prepare("SELECT secret, public FROM vault_keys WHERE kind = 'x25519'").get() as { secret: Buffer; public: Buffer } | undefined;
  if (row) return { secret: row.secret, publicKey: row.public };
  const id = generateIdentity();
  db.prepare("INSERT INTO vault_keys (kind, key_id, secret, public, created_at) VALUES ('x25519', x'', ?, ?, ?) ON CONFLICT(kind) DO NOTHING")
    .run(id.secret, id.publicKey, now.toISOString());
  return vaultAgeIdentity(db, now);
}
