import type { CounterpartyKey } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { parseRecipient } from '../formats/age';
import { fingerprint, formatPublicKey, parsePublicKey } from '../formats/minisign';
import { recipientFingerprint } from '../packages/package';
import type { Clock, OpenVault } from '../vault/vault';
import {
  allCounterpartyKeys, counterpartyKeyById, counterpartyKeyExists, deleteCounterpartyKey, insertCounterpartyKey, markCounterpartyKeyVerified, signerKeysByFingerprint, type CounterpartyKeyRow,
} from './counterparty-store';

/**
 * Counterparties' public keys: a minisign key (who signs packages or
 * receipts) or an age recipient (who packages are encrypted to). A key is
 * "verified" only after a user confirms the fingerprint was read back to
 * them by phone or in person; who did it and how is kept and logged.
 */
const view = (r: CounterpartyKeyRow): CounterpartyKey => ({
  id: r.id, label: r.label, kind: r.kind, key: r.key_text, fingerprint: r.fingerprint, addedBy: r.added_by, addedAt: r.added_at,
  verifiedBy: r.verified_by, verifiedAt: r.verified_at, verifiedHow: r.verified_how,
});

export function listCounterpartyKeys(vault: OpenVault): CounterpartyKey[] {
  return allCounterpartyKeys(vault.db).map(view);
}

/** Accepts a minisign public key (file text or the base64 line) or an age1… recipient. */
function parseKey(text: string): { kind: 'minisign' | 'age'; keyText: string; fingerprint: string } {
  const trimmed = text.trim();
  const age = parseRecipient(trimmed);
  if (age) return { kind: 'age', keyText: trimmed, fingerprint: recipientFingerprint(age).toUpperCase().match(/.{4}/g)!.join(' ') };
  try {
    const pub = parsePublicKey(trimmed);
    return { kind: 'minisign', keyText: formatPublicKey(pub).trim(), fingerprint: fingerprint(pub.publicKey) };
  } catch {
    throw new AppError('KEY_UNREADABLE', 'Not a minisign public key or an age1… recipient');
  }
}

export function addCounterpartyKey(vault: OpenVault, label: string, text: string, now: Clock): CounterpartyKey[] {
  const k = parseKey(text);
  if (counterpartyKeyExists(vault.db, k.keyText)) throw new AppError('KEY_EXISTS', 'This key is already in the list');
  vault.db.transaction(() => {
    insertCounterpartyKey(vault.db, { label, ...k, addedBy: vault.user.name, addedAt: now().toISOString() });
    appendLog(vault.db, { actor: vault.user.name, action: 'key.add', target: label, details: { kind: k.kind, fingerprint: k.fingerprint } }, now());
  }).immediate();
  return listCounterpartyKeys(vault);
}

export function verifyCounterpartyKey(vault: OpenVault, id: number, how: 'phone' | 'in-person', fingerprintReadBack: string, now: Clock): CounterpartyKey[] {
  const row = counterpartyKeyById(vault.db, id);
  if (!row) throw new AppError('KEY_NOT_FOUND', 'No such key');
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  if (norm(fingerprintReadBack) !== norm(row.fingerprint)) throw new AppError('FINGERPRINT_MISMATCH', 'The fingerprint read back does not match this key');
  vault.db.transaction(() => {
    markCounterpartyKeyVerified(vault.db, id, vault.user.name, now().toISOString(), how);
    appendLog(vault.db, { actor: vault.user.name, action: 'key.verify', target: row.label, details: { fingerprint: row.fingerprint, how } }, now());
  }).immediate();
  return listCounterpartyKeys(vault);
}

export function removeCounterpartyKey(vault: OpenVault, id: number, now: Clock): CounterpartyKey[] {
  const row = counterpartyKeyById(vault.db, id);
  if (!row) throw new AppError('KEY_NOT_FOUND', 'No such key');
  vault.db.transaction(() => {
    deleteCounterpartyKey(vault.db, id);
    appendLog(vault.db, { actor: vault.user.name, action: 'key.remove', target: row.label, details: { fingerprint: row.fingerprint } }, now());
  }).immediate();
  return listCounterpartyKeys(vault);
}

/** The stored minisign key with this fingerprint, if any (for "signed by a key you verified"). */
export function knownSigner(vault: OpenVault, fp: string): { id: number; label: string; verified: boolean } | null {
  const row = signerKeysByFingerprint(vault.db, fp)[0];
  return row ? { id: row.id, label: row.label, verified: row.verified_at !== null } : null;
}

/**
 * The verified minisign key text for a package's signer, or a refusal (issue 14, finding 6): a package
 * proves only that whoever holds the key it carries signed it, so importing it or signing a receipt for
 * it requires that key to be one this vault verified out of band (by fingerprint, as `keys verify`).
 */
export function requireVerifiedSender(vault: OpenVault, fp: string): string {
  const row = signerKeysByFingerprint(vault.db, fp).find((r) => r.verified_at !== null);
  if (row) return row.key_text;
  const known = knownSigner(vault, fp);
  throw new AppError('SENDER_NOT_VERIFIED', 'The package was signed by a key this vault has not verified: add the sender\'s key (keys add) and verify its fingerprint (keys verify)', {
    fingerprint: fp,
    label: known?.label ?? null,
  });
}
