import type { VaultKeys } from '../../../shared/contract';
import { latestCheckpoint } from '../audit/checkpoints';
import { noteVerifierKey } from '../audit/checkpoint';
import { fingerprint, formatPublicKey, keyIdHex } from '../crypto/minisign';
import type { Db } from '../vault/database';
import { vaultAgeIdentity, vaultOrigin, vaultSigningKey } from '../vault/keys';
import { formatRecipient } from '../crypto/age';
import { recipientFingerprint } from '../package/package';

/** The vault's public key in the forms an auditor or buyer needs, with its fingerprint to read back by phone. */
export function showVaultKeys(db: Db, now: Date): VaultKeys {
  const [key, identity] = db.transaction(() => [vaultSigningKey(db, now), vaultAgeIdentity(db, now)] as const).immediate();
  const origin = vaultOrigin(key);
  const last = latestCheckpoint(db);
  return {
    origin,
    keyId: keyIdHex(key.keyId),
    fingerprint: fingerprint(key.publicKey),
    minisignPublicKey: formatPublicKey(key),
    noteVerifierKey: noteVerifierKey(origin, key.publicKey),
    ageRecipient: formatRecipient(identity.publicKey),
    ageFingerprint: recipientFingerprint(identity.publicKey),
    checkpoints: db.prepare('SELECT count(*) FROM checkpoints').pluck().get() as number,
    lastCheckpoint: last ? { size: last.size, createdAt: last.created_at, reason: last.reason } : null,
  };
}
