import { entryHash, entryHashesUpTo, logRowsForTarget } from './store';
import { verifyCheckpoint } from '../formats/checkpoint';
import { entryLine } from './export';
import { inclusionProofs, leafHash, verifyInclusion } from '../formats/merkle';
import type { Db } from '../db/database';

/**
 * An excerpt of the access log that proves itself without the rest of it:
 * the entries about one target (a handover), each with its RFC 9162
 * inclusion proof in the tree a signed checkpoint covers. A handover package
 * carries one (audit.jsonl, audit-proofs.json, checkpoint.txt), so the buyer
 * can check the handover's history against the seller's signed log, offline,
 * without seeing any other entry of that log.
 */
export const EXCERPT_FILES = { log: 'audit.jsonl', proofs: 'audit-proofs.json', checkpoint: 'checkpoint.txt' } as const;

export interface ExcerptProofs {
  format: 'rfc9162-inclusion';
  /** The checkpoint's tree size: every proof is against its root. */
  size: number;
  entries: { seq: number; path: string[] }[];
}

/** The entries about `target` among the first `size` (a checkpoint's), as canonical lines, with their proofs. */
export function logExcerpt(db: Db, target: string, size: number): { jsonl: string; proofs: ExcerptProofs } {
  const rows = logRowsForTarget(db, target, size);
  const leaves = entryHashesUpTo(db, size).map((h) => leafHash(Buffer.from(h, 'hex')));
  const paths = inclusionProofs(leaves, rows.map((r) => r.seq - 1));
  return {
    jsonl: rows.map((r) => `${entryLine(r)}\n`).join(''),
    proofs: { format: 'rfc9162-inclusion', size, entries: rows.map((r, i) => ({ seq: r.seq, path: paths[i]!.map((h) => h.toString('base64')) })) },
  };
}

export type ExcerptVerdict = { ok: true; entries: number; size: number } | { ok: false; problem: 'checkpoint' | 'malformed' | 'entry-hash' | 'not-included'; line?: number };

/** Check an excerpt: the checkpoint's signature by `publicKey`, each entry's own hash, and its inclusion proof. */
export function verifyExcerpt(jsonl: string, proofsText: string, checkpoint: string, publicKey: Buffer): ExcerptVerdict {
  const cp = verifyCheckpoint(checkpoint, publicKey);
  if (!cp.ok) return { ok: false, problem: 'checkpoint' };
  let proofs: ExcerptProofs;
  try {
    proofs = JSON.parse(proofsText) as ExcerptProofs;
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const lines = jsonl.split('\n').filter((l) => l !== '');
  if (proofs.format !== 'rfc9162-inclusion' || proofs.size !== cp.checkpoint.size || !Array.isArray(proofs.entries) || proofs.entries.length !== lines.length) {
    return { ok: false, problem: 'malformed' };
  }
  for (let i = 0; i < lines.length; i++) {
    let e: { seq: number; time: string; actor: string; action: string; target: string; details: unknown; prev: string; hash: string };
    try {
      e = JSON.parse(lines[i]!) as typeof e;
    } catch {
      return { ok: false, problem: 'malformed', line: i + 1 };
    }
    const { hash, ...rest } = e;
    if (typeof hash !== 'string' || entryHash(rest) !== hash) return { ok: false, problem: 'entry-hash', line: i + 1 };
    const proof = proofs.entries[i]!;
    if (proof.seq !== e.seq || !Array.isArray(proof.path)) return { ok: false, problem: 'malformed', line: i + 1 };
    const path = proof.path.map((p) => Buffer.from(p, 'base64'));
    if (!verifyInclusion(leafHash(Buffer.from(hash, 'hex')), e.seq - 1, cp.checkpoint.size, path, cp.checkpoint.root)) return { ok: false, problem: 'not-included', line: i + 1 };
  }
  return { ok: true, entries: lines.length, size: cp.checkpoint.size };
}

/** Where a handover package's bag carries the excerpt. */
export const BAG_HISTORY_PATHS = Object.values(EXCERPT_FILES).map((f) => `data/${f}`);

/** The excerpt among a bag's files (path -> bytes), checked against the sender's key; null when the bag carries none. */
export function verifyBagHistory(files: Map<string, Buffer>, publicKey: Buffer): ExcerptVerdict | null {
  const [log, proofs, checkpoint] = BAG_HISTORY_PATHS.map((p) => files.get(p)?.toString('utf8'));
  if (log === undefined && proofs === undefined) return null;
  return verifyExcerpt(log ?? '', proofs ?? '', checkpoint ?? '', publicKey);
}
