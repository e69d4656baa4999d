import type { VaultKeys } from '../../../shared/contract';
import { checkpointCount, latestCheckpoint } from '../audit/checkpoint-store';
import { noteVerifierKey } from '../formats/checkpoint';
import { fingerprint, formatPublicKey, keyIdHex } from '../formats/minisign';
import { vaultAgeIdentity, vaultAgeRecipient, vaultPublicKey } from './vault-keys';
import { vaultOrigin } from '../formats/checkpoint';
import { chmodSync } from 'node:fs';
import { basename } from 'node:path';
import { formatIdentity, formatRecipient } from '../formats/age';
import { appendLog } from '../audit/store';
import { writeFileAtomic } from '../fs-atomic';
import type { Clock, OpenVault } from '../vault/vault';
import { recipientFingerprint } from '../packages/package';

/** The vault's public key in the forms an auditor or buyer needs, with its fingerprint to read back by phone. */
export function showVaultKeys(vault: OpenVault): VaultKeys {
  const db = vault.db;
  const key = vaultPublicKey(vault);
  const identity = { publicKey: vaultAgeRecipient(vault) };
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
    checkpoints: checkpointCount(db),
    lastCheckpoint: last ? { size: last.size, createdAt: last.created_at, reason: last.reason } : null,
  };
}

/**
 * This vault's age identity as an `age-keygen` file, for the age CLI: a
 * secret (whoever holds it opens every package addressed to this vault), so
 * it is written owner-only and the export is logged.
 */
export function exportIdentity(vault: OpenVault, out: string, now: Clock): void {
  const identity = vaultAgeIdentity(vault);
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'keys.export-identity', target: 'vault', details: { file: basename(out) } }, now());
  }).immediate();
  writeFileAtomic(out, `# Handover Vault identity: SECRET, opens every package addressed to this vault\n# public key: ${formatRecipient(identity.publicKey)}\n${formatIdentity(identity.secret)}\n`);
  chmodSync(out, 0o600);
}
