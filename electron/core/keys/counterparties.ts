import type { CounterpartyKey } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { parseRecipient } from '../formats/age';
import { fingerprint, formatPublicKey, parsePublicKey } from '../formats/minisign';
import { recipientFingerprint } from '../package/package';
import type { Clock, OpenVault } from '../vault/vault';

/**
 * Counterparties' public keys: a minisign key (who signs packages or
 * receipts) or an age recipient (who packages are encrypted to). A key is
 * "verified" only after a user confirms the fingerprint was read back to
 * them by phone or in person; who did it and how is kept and logged.
 */
interface Row {
  id: number;
  label: string;
  kind: 'minisign' | 'age';
  key_text: string;
  fingerprint: string;
  added_by: string;
  added_at: string;
  verified_by: string | null;
  verified_at: string | null;
  verified_how: 'phone' | 'in-person' | null;
}

const view = (r: Row): CounterpartyKey => ({
  id: r.id, label: r.label, kind: r.kind, key: r.key_text, fingerprint: r.fingerprint, addedBy: r.added_by, addedAt: r.added_at,
  verifiedBy: r.verified_by, verifiedAt: r.verified_at, verifiedHow: r.verified_how,
});

export function listCounterpartyKeys(vault: OpenVault): CounterpartyKey[] {
  return (vault.db.prepare('SELECT * FROM counterparty_keys ORDER BY label, id').all() as Row[]).map(view);
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
  const exists = vault.db.prepare('SELECT 1 FROM counterparty_keys WHERE key_text = ?').get(k.keyText);
  if (exists) throw new AppError('KEY_EXISTS', 'This key is already in the list');
  vault.db.transaction(() => {
    vault.db.prepare('INSERT INTO counterparty_keys (label, kind, key_text, fingerprint, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(label, k.kind, k.keyText, k.fingerprint, vault.user.name, now().toISOString());
    appendLog(vault.db, { actor: vault.user.name, action: 'key.add', target: label, details: { kind: k.kind, fingerprint: k.fingerprint } }, now());
  }).immediate();
  return listCounterpartyKeys(vault);
}

export function verifyCounterpartyKey(vault: OpenVault, id: number, how: 'phone' | 'in-person', fingerprintReadBack: string, now: Clock): CounterpartyKey[] {
  const row = vault.db.prepare('SELECT * FROM counterparty_keys WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new AppError('KEY_NOT_FOUND', 'No such key');
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  if (norm(fingerprintReadBack) !== norm(row.fingerprint)) throw new AppError('FINGERPRINT_MISMATCH', 'The fingerprint read back does not match this key');
  vault.db.transaction(() => {
    vault.db.prepare('UPDATE counterparty_keys SET verified_by = ?, verified_at = ?, verified_how = ? WHERE id = ?').run(vault.user.name, now().toISOString(), how, id);
    appendLog(vault.db, { actor: vault.user.name, action: 'key.verify', target: row.label, details: { fingerprint: row.fingerprint, how } }, now());
  }).immediate();
  return listCounterpartyKeys(vault);
}

export function removeCounterpartyKey(vault: OpenVault, id: number, now: Clock): CounterpartyKey[] {
  const row = vault.db.prepare('SELECT * FROM counterparty_keys WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new AppError('KEY_NOT_FOUND', 'No such key');
  vault.db.transaction(() => {
    vault.db.prepare('DELETE FROM counterparty_keys WHERE id = ?').run(id);
    appendLog(vault.db, { actor: vault.user.name, action: 'key.remove', target: row.label, details: { fingerprint: row.fingerprint } }, now());
  }).immediate();
  return listCounterpartyKeys(vault);
}

/** The stored minisign key with this fingerprint, if any (for "signed by a key you verified"). */
export function knownSigner(vault: OpenVault, fp: string): { id: number; label: string; verified: boolean } | null {
  const rows = vault.db.prepare("SELECT id, label, verified_at FROM counterparty_keys WHERE kind = 'minisign' AND fingerprint = ? ORDER BY verified_at IS NULL, id").all(fp) as
    { id: number; label: string; verified_at: string | null }[];
  const row = rows[0];
  return row ? { id: row.id, label: row.label, verified: row.verified_at !== null } : null;
}

/**
 * The verified minisign key text for a package's signer, or a refusal (issue 14, finding 6): a package
 * proves only that whoever holds the key it carries signed it, so importing it or signing a receipt for
 * it requires that key to be one this vault verified out of band (by fingerprint, as `keys verify`).
 */
export function requireVerifiedSender(vault: OpenVault, fp: string): string {
  const row = vault.db.prepare("SELECT label, key_text FROM counterparty_keys WHERE kind = 'minisign' AND fingerprint = ? AND verified_at IS NOT NULL ORDER BY id").get(fp) as
    | { label: string; key_text: string }
    | undefined;
  if (row) return row.key_text;
  const known = knownSigner(vault, fp);
  throw new AppError('SENDER_NOT_VERIFIED', 'The package was signed by a key this vault has not verified: add the sender\'s key (keys add) and verify its fingerprint (keys verify)', {
    fingerprint: fp,
    label: known?.label ?? null,
  });
}
