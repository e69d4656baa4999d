import type { SigningKey } from '../formats/minisign';
import type { Db } from '../db/database';
import { signCheckpoint, vaultOrigin, verifyCheckpoint } from '../formats/checkpoint';
import { MerkleAccumulator } from '../formats/merkle';

/**
 * Signed checkpoints of the access log. The Merkle leaves are the entries'
 * 32-byte hashes in seq order (each entry hash already commits to the whole
 * entry and its predecessor), so a root can be recomputed from the log alone.
 * Every checkpoint is kept with the compact range it ended on, so the next
 * one continues from there instead of re-reading the whole log.
 */
interface CheckpointRow {
  size: number;
  root: string;
  note: string;
  compact: string;
  reason: string;
  created_at: string;
}

export const DAILY_MS = 24 * 60 * 60 * 1000;

export function latestCheckpoint(db: Db): CheckpointRow | undefined {
  return db.prepare('SELECT * FROM checkpoints ORDER BY size DESC LIMIT 1').get() as CheckpointRow | undefined;
}

export function checkpointCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM checkpoints').pluck().get() as number;
}

export function logSize(db: Db): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) FROM access_log').pluck().get() as number);
}

/** Feed entry hashes for seq in (from, to] into the accumulator. */
export function accumulate(db: Db, acc: MerkleAccumulator, to: number): void {
  const rows = db.prepare('SELECT entry_hash FROM access_log WHERE seq > ? AND seq <= ? ORDER BY seq').pluck().iterate(acc.size, to) as IterableIterator<string>;
  // RFC 9162 leaf: SHA-256(0x00 || the entry's 32-byte hash).
  for (const hash of rows) acc.push(Buffer.from(hash, 'hex'));
}

/** An accumulator at `size`, started from the nearest kept checkpoint at or below it. */
export function accumulatorAt(db: Db, size: number): MerkleAccumulator {
  const base = db.prepare('SELECT size, compact FROM checkpoints WHERE size <= ? ORDER BY size DESC LIMIT 1').get(size) as
    | { size: number; compact: string }
    | undefined;
  const acc = base
    ? new MerkleAccumulator({ size: base.size, hashes: (JSON.parse(base.compact) as string[]).map((h) => Buffer.from(h, 'hex')) })
    : new MerkleAccumulator();
  accumulate(db, acc, size);
  return acc;
}

/**
 * Sign and keep a checkpoint of the first `size` entries (default: all) with
 * the vault's key (only a keyring holder has it: see vault/keys.ts). Caller
 * holds a write transaction.
 */
export function writeCheckpoint(db: Db, key: SigningKey, reason: string, now: Date, size = logSize(db)): { size: number; root: Buffer; note: string } {
  const existing = db.prepare('SELECT size, root, note FROM checkpoints WHERE size = ?').get(size) as { size: number; root: string; note: string } | undefined;
  if (existing) return { size, root: Buffer.from(existing.root, 'hex'), note: existing.note };
  return storeCheckpoint(db, key, reason, now, accumulatorAt(db, size));
}

/** Sign the root of `acc` (already at the size to sign) and keep it with its compact range. Caller holds a write transaction. */
export function storeCheckpoint(db: Db, key: SigningKey, reason: string, now: Date, acc: MerkleAccumulator): { size: number; root: Buffer; note: string } {
  const size = acc.size;
  const existing = db.prepare('SELECT size, root, note FROM checkpoints WHERE size = ?').get(size) as { size: number; root: string; note: string } | undefined;
  const root = acc.root();
  if (existing?.root === root.toString('hex')) return { size, root, note: existing.note };
  const note = signCheckpoint({ origin: vaultOrigin(key), size, root, extensions: [] }, key);
  // A row already there with another root was put there by someone else: rows are append-only, `vault check` reports it.
  if (!existing) {
    db.prepare('INSERT INTO checkpoints (size, root, note, compact, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      size, root.toString('hex'), note, JSON.stringify(acc.compactRange().map((h) => h.toString('hex'))), reason, now.toISOString(),
    );
  }
  return { size, root, note };
}

/** The daily checkpoint: at most one a day, and only when the log has grown. */
export function checkpointIfDue(db: Db, key: SigningKey, now: Date): boolean {
  const last = latestCheckpoint(db);
  const size = logSize(db);
  if (size === 0 || (last && (last.size >= size || now.getTime() - Date.parse(last.created_at) < DAILY_MS))) return false;
  db.transaction(() => writeCheckpoint(db, key, 'daily', now)).immediate();
  return true;
}

export type CheckpointsVerdict =
  | { ok: true; checkpoints: number }
  | { ok: false; checkpoints: number; size: number; reason: 'root-mismatch' | 'bad-signature' | 'truncated' };

/**
 * Recompute the log's Merkle tree from the first entry and compare it with
 * every kept checkpoint: a rewritten or truncated history inside the vault
 * no longer matches what was signed earlier.
 */
export function verifyAgainstCheckpoints(db: Db, key: Buffer): CheckpointsVerdict {
  const rows = db.prepare('SELECT size, root, note FROM checkpoints ORDER BY size').all() as { size: number; root: string; note: string }[];
  if (rows.length === 0) return { ok: true, checkpoints: 0 };
  const size = logSize(db);
  const acc = new MerkleAccumulator();
  for (const cp of rows) {
    const verdict = verifyCheckpoint(cp.note, key);
    if (!verdict.ok || verdict.checkpoint.size !== cp.size || verdict.checkpoint.root.toString('hex') !== cp.root) {
      return { ok: false, checkpoints: rows.length, size: cp.size, reason: 'bad-signature' };
    }
    if (cp.size > size) return { ok: false, checkpoints: rows.length, size: cp.size, reason: 'truncated' };
    accumulate(db, acc, cp.size);
    if (acc.root().toString('hex') !== cp.root) return { ok: false, checkpoints: rows.length, size: cp.size, reason: 'root-mismatch' };
  }
  return { ok: true, checkpoints: rows.length };
}
