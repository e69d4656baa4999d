import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { AuditVerdict, AuditProblemKind } from '../../../shared/contract';
import { blake2b512, fingerprint, parsePublicKey, parseSignature, verifyParsed, type PublicKey } from '../crypto/minisign';
import { GENESIS_HASH } from './access-log';
import { verifyCheckpoint, type Checkpoint } from './checkpoint';
import { AUDIT_FILES } from './export';
import { MerkleAccumulator } from './merkle';

/**
 * Verifies an audit export without the vault: signatures (checkpoint and
 * minisign), every entry's own hash, the hash chain, and the Merkle root.
 * When something is wrong the verdict names what kind of change explains it
 * (an edited, deleted or inserted entry, reordering, truncation) and the
 * first line where it shows.
 */
interface Line {
  no: number; // 1-based line number in audit.jsonl
  seq: number;
  prev: string;
  hash: string;
}

type Problem = { kind: AuditProblemKind; line: number | null; seq: number | null; expected?: number };

const HEX64 = /^[0-9a-f]{64}$/;

/** Parse one line and check its own hash; null when the line cannot be an entry of ours. */
function parseLine(text: string, no: number): { line: Line; selfOk: boolean } | null {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof obj !== 'object' || obj === null) return null;
  const e = obj as Record<string, unknown>;
  if (typeof e.seq !== 'number' || !Number.isInteger(e.seq) || typeof e.prev !== 'string' || typeof e.hash !== 'string' || !HEX64.test(e.hash)) return null;
  // The entry hash covers the canonical entry without "hash": exactly this line with that member cut out
  // (the top-level member, which sorts between "details" and "prev").
  const member = `,"hash":"${e.hash}","prev":`;
  const at = text.lastIndexOf(member);
  const body = at < 0 ? '' : `${text.slice(0, at)},"prev":${text.slice(at + member.length)}`;
  const selfOk = at >= 0 && createHash('sha256').update(body).digest('hex') === e.hash;
  return { line: { no, seq: e.seq, prev: e.prev, hash: e.hash }, selfOk };
}

/** Name the change that explains a break in the chain at index i. */
function classifyBreak(lines: Line[], i: number, expected: number, prevHash: string, start: number): Problem {
  const l = lines[i]!;
  const seqs = lines.map((x) => x.seq);
  const sorted = [...seqs].sort((a, b) => a - b);
  const permutation = sorted.every((s, k) => s === start + k) && seqs.some((s, k) => s !== sorted[k]);
  if (permutation) return { kind: 'reordered', line: l.no, seq: l.seq, expected };
  if (l.seq === expected && l.prev !== prevHash) {
    // This entry is in its place but does not follow from the one before: that one was changed.
    return { kind: 'edited', line: i > 0 ? lines[i - 1]!.no : l.no, seq: i > 0 ? lines[i - 1]!.seq : l.seq };
  }
  const next = lines[i + 1];
  if (next && next.seq === expected && next.prev === prevHash) return { kind: 'inserted', line: l.no, seq: l.seq };
  if (l.seq < expected) return { kind: 'inserted', line: l.no, seq: l.seq };
  if (l.seq > expected) {
    const later = lines.slice(i + 1).some((x) => x.seq === expected);
    return later ? { kind: 'reordered', line: l.no, seq: l.seq, expected } : { kind: 'deleted', line: l.no, seq: l.seq, expected };
  }
  return { kind: 'edited', line: l.no, seq: l.seq };
}

export interface VerifyOptions {
  /** The vault key the auditor got out of band (a .pub file's text); without it, the export's own vault.pub is used and reported as unconfirmed. */
  publicKey?: string | undefined;
  /** A checkpoint the auditor already holds (text of an earlier checkpoint.txt). */
  heldCheckpoint?: string | undefined;
}

function readText(dir: string, name: string): string | null {
  const p = join(dir, name);
  return existsSync(p) ? readFileSync(p, 'utf8') : null;
}

export function verifyAuditExport(dir: string, opts: VerifyOptions = {}): AuditVerdict {
  const logPath = join(dir, AUDIT_FILES.log);
  if (!existsSync(logPath)) throw new AppError('AUDIT_EXPORT_INVALID', 'This folder holds no audit.jsonl', { file: AUDIT_FILES.log });
  const shipped = readText(dir, AUDIT_FILES.publicKey);
  let key: PublicKey;
  try {
    key = parsePublicKey(opts.publicKey ?? shipped ?? '');
  } catch {
    throw new AppError('AUDIT_EXPORT_INVALID', 'No readable vault public key', { file: AUDIT_FILES.publicKey });
  }
  const keyConfirmed = opts.publicKey !== undefined;
  const data = readFileSync(logPath);
  const verdict: AuditVerdict = {
    ok: false,
    keyFingerprint: fingerprint(key.publicKey),
    keyConfirmed,
    entries: 0,
    firstSeq: null,
    lastSeq: null,
    signature: 'missing',
    checkpoint: null,
    held: null,
    problem: null,
  };

  // 1. The minisign signature over the file as a whole.
  const sigText = readText(dir, AUDIT_FILES.signature);
  if (sigText !== null) {
    try {
      const r = verifyParsed(key, parseSignature(sigText), { digest: blake2b512(data) });
      verdict.signature = r.ok ? 'ok' : r.reason === 'wrong-key' ? 'wrong-key' : 'mismatch';
    } catch {
      verdict.signature = 'mismatch';
    }
  }

  // 2. The signed checkpoint that closes the export.
  const cpText = readText(dir, AUDIT_FILES.checkpoint);
  let checkpoint: Checkpoint | null = null;
  if (cpText !== null) {
    const r = verifyCheckpoint(cpText, key.publicKey);
    if (r.ok) {
      checkpoint = r.checkpoint;
      verdict.checkpoint = { origin: r.checkpoint.origin, size: r.checkpoint.size, root: r.checkpoint.root.toString('hex') };
    } else {
      verdict.problem = { kind: 'bad-checkpoint', line: null, seq: null };
      return verdict;
    }
  } else {
    verdict.problem = { kind: 'bad-checkpoint', line: null, seq: null };
    return verdict;
  }

  let held: Checkpoint | null = null;
  if (opts.heldCheckpoint !== undefined) {
    const r = verifyCheckpoint(opts.heldCheckpoint, key.publicKey);
    if (!r.ok || r.checkpoint.origin !== checkpoint.origin) {
      verdict.problem = { kind: 'bad-checkpoint', line: null, seq: null };
      verdict.held = { size: r.ok ? r.checkpoint.size : 0, status: 'invalid' };
      return verdict;
    }
    held = r.checkpoint;
  }

  // 3. Where the export starts: after a prefix of earlier entries, or at the first entry.
  let acc = new MerkleAccumulator();
  const prefixText = readText(dir, AUDIT_FILES.prefix);
  if (prefixText !== null) {
    try {
      const p = JSON.parse(prefixText) as { size: number; hashes: string[] };
      acc = new MerkleAccumulator({ size: p.size, hashes: p.hashes.map((h) => Buffer.from(h, 'hex')) });
    } catch {
      verdict.problem = { kind: 'malformed', line: null, seq: null };
      return verdict;
    }
  }
  const start = acc.size + 1;

  // 4. Every line: parse and check its own hash.
  const text = data.toString('utf8');
  const raw = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text === '' ? [] : text.split('\n');
  const lines: Line[] = [];
  for (let i = 0; i < raw.length; i++) {
    const parsed = parseLine(raw[i]!, i + 1);
    if (!parsed) {
      verdict.problem = { kind: 'malformed', line: i + 1, seq: null };
      return finish(verdict, lines);
    }
    if (!parsed.selfOk) {
      lines.push(parsed.line);
      verdict.problem = { kind: 'edited', line: i + 1, seq: parsed.line.seq };
      return finish(verdict, lines);
    }
    lines.push(parsed.line);
  }

  // 5. The chain, and the Merkle tree as it grows.
  let expected = start;
  let prevHash = start === 1 ? GENESIS_HASH : lines[0]?.prev ?? GENESIS_HASH;
  let heldRoot: Buffer | null = held && held.size === acc.size ? acc.root() : null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.seq !== expected || l.prev !== prevHash) {
      verdict.problem = classifyBreak(lines, i, expected, prevHash, start);
      return finish(verdict, lines);
    }
    acc.pushLeafHash(Buffer.from(l.hash, 'hex'));
    if (held && acc.size === held.size) heldRoot = acc.root();
    prevHash = l.hash;
    expected++;
  }
  finish(verdict, lines);

  // 6. Against the export's checkpoint, and against one the auditor held from before.
  if (held) {
    if (held.size > acc.size) {
      verdict.held = { size: held.size, status: 'truncated' };
      verdict.problem = { kind: 'truncated', line: lines.length || null, seq: acc.size, expected: held.size };
      return verdict;
    }
    if (heldRoot === null) verdict.held = { size: held.size, status: 'not-covered' };
    else if (!heldRoot.equals(held.root)) {
      verdict.held = { size: held.size, status: 'mismatch' };
      verdict.problem = { kind: 'rewritten', line: null, seq: held.size };
      return verdict;
    } else verdict.held = { size: held.size, status: 'ok' };
  }
  if (acc.size < checkpoint.size) {
    verdict.problem = { kind: 'truncated', line: lines.length || null, seq: acc.size, expected: checkpoint.size };
  } else if (acc.size > checkpoint.size) {
    const extra = lines[checkpoint.size - start + 1];
    verdict.problem = { kind: 'inserted', line: extra?.no ?? null, seq: extra?.seq ?? null };
  } else if (!acc.root().equals(checkpoint.root)) {
    verdict.problem = { kind: 'edited', line: null, seq: null };
  } else if (verdict.signature !== 'ok') {
    verdict.problem = { kind: 'bad-signature', line: null, seq: null };
  } else {
    verdict.ok = true;
  }
  return verdict;
}

function finish(verdict: AuditVerdict, lines: Line[]): AuditVerdict {
  verdict.entries = lines.length;
  verdict.firstSeq = lines[0]?.seq ?? null;
  verdict.lastSeq = lines[lines.length - 1]?.seq ?? null;
  return verdict;
}
