import type { VaultKeys } from '../../../shared/contract';
import { latestCheckpoint } from '../audit/checkpoints';
import { noteVerifierKey } from '../audit/checkpoint';
import { fingerprint, formatPublicKey, keyIdHex } from '../crypto/minisign';
import type { Db } from '../vault/database';
import { vaultOrigin, vaultSigningKey } from '../vault/keys';

/** The vault's public key in the forms an auditor or buyer needs, with its fingerprint to read back by phone. */
export function showVaultKeys(db: Db, now: Date): VaultKeys {
  const key = db.transaction(() => vaultSigningKey(db, now)).immediate();
  const origin = vaultOrigin(key);
  const last = latestCheckpoint(db);
  return {
    origin,
    keyId: keyIdHex(key.keyId),
    fingerprint: fingerprint(key.publicKey),
    minisignPublicKey: formatPublicKey(key),
    noteVerifierKey: noteVerifierKey(origin, key.publicKey),
    checkpoints: db.prepare('SELECT count(*) FROM checkpoints').pluck().get() as number,
    lastCheckpoint: last ? { size: last.size, createdAt: last.created_at, reason: last.reason } : null,
  };
}
