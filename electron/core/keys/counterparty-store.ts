import type { Db } from '../db/database';

/** The counterparty_keys table: the only module with SQL on it (issue 18). */
export interface CounterpartyKeyRow {
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

export function allCounterpartyKeys(db: Db): CounterpartyKeyRow[] {
  return db.prepare('SELECT * FROM counterparty_keys ORDER BY label, id').all() as CounterpartyKeyRow[];
}

export function counterpartyKeyById(db: Db, id: number): CounterpartyKeyRow | undefined {
  return db.prepare('SELECT * FROM counterparty_keys WHERE id = ?').get(id) as CounterpartyKeyRow | undefined;
}

export function counterpartyKeyExists(db: Db, keyText: string): boolean {
  return db.prepare('SELECT 1 FROM counterparty_keys WHERE key_text = ?').get(keyText) !== undefined;
}

export function insertCounterpartyKey(db: Db, k: { label: string; kind: 'minisign' | 'age'; keyText: string; fingerprint: string; addedBy: string; addedAt: string }): void {
  db.prepare('INSERT INTO counterparty_keys (label, kind, key_text, fingerprint, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(k.label, k.kind, k.keyText, k.fingerprint, k.addedBy, k.addedAt);
}

export function markCounterpartyKeyVerified(db: Db, id: number, by: string, at: string, how: 'phone' | 'in-person'): void {
  db.prepare('UPDATE counterparty_keys SET verified_by = ?, verified_at = ?, verified_how = ? WHERE id = ?').run(by, at, how, id);
}

export function deleteCounterpartyKey(db: Db, id: number): void {
  db.prepare('DELETE FROM counterparty_keys WHERE id = ?').run(id);
}

/** The minisign keys with this fingerprint, verified ones first, oldest first. */
export function signerKeysByFingerprint(db: Db, fp: string): CounterpartyKeyRow[] {
  return db.prepare("SELECT * FROM counterparty_keys WHERE kind = 'minisign' AND fingerprint = ? ORDER BY verified_at IS NULL, id").all(fp) as CounterpartyKeyRow[];
}

/** The age recipients among these ids (a handover's chosen recipients), in id order. */
export function ageKeysByIds(db: Db, ids: readonly number[]): CounterpartyKeyRow[] {
  return db.prepare("SELECT * FROM counterparty_keys WHERE kind = 'age' AND id IN (SELECT value FROM json_each(?)) ORDER BY id").all(JSON.stringify(ids)) as CounterpartyKeyRow[];
}

export function ageKeyByText(db: Db, keyText: string): CounterpartyKeyRow | undefined {
  return db.prepare("SELECT * FROM counterparty_keys WHERE kind = 'age' AND key_text = ?").get(keyText) as CounterpartyKeyRow | undefined;
}

export function verifiedSignerKeys(db: Db): CounterpartyKeyRow[] {
  return db.prepare("SELECT * FROM counterparty_keys WHERE kind = 'minisign' AND verified_at IS NOT NULL ORDER BY id").all() as CounterpartyKeyRow[];
}
