import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { AuditVerdict, AuditProblemKind } from '../../../shared/contract';
import { blake2b512, fingerprint, parsePublicKey, parseSignature, verifyParsed, type PublicKey } from '../formats/minisign';
import { GENESIS_HASH } from './store';
import { verifyCheckpoint, type Checkpoint } from '../formats/checkpoint';
import { AUDIT_FILES } from './export';
import { isAllowedRedaction } from './masked-texts';
import { compactSizes, MerkleAccumulator } from '../formats/merkle';
import { scanRange } from '../formats/log-scan';
import type { AuditScanResult, AuditScanSetup } from '../workers/audit-scan';
import { startWorker } from '../workers/start';

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
function parseLine(text: string, no: number): { line: Line; selfOk: boolean; redacted: boolean } | null {
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
  // A search text masked for the exporter's role (export.ts, exportedLine): the line keeps its original hash, which
  // the chain and the signed checkpoint still prove; what it shows instead is covered by the export's signature.
  const redacted = !selfOk && at >= 0 && isAllowedRedaction(e.action, e.details);
  return { line: { no, seq: e.seq, prev: e.prev, hash: e.hash }, selfOk: selfOk || redacted, redacted };
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
  /** Files at least this large are first checked on two threads (default 4 MiB). */
  parallelAboveBytes?: number;
}

/**
 * An export is handed over by someone else (the unlock screen's verify view reads one with no vault): its
 * files are sized before they are read. A checkpoint, key, signature or prefix is a few hundred bytes; the
 * log is about 300 bytes an entry — a gigabyte is three million entries, three times the largest log measured.
 */
export const AUDIT_SMALL_FILE_MAX = 64 * 1024;
export const AUDIT_LOG_MAX = 1024 ** 3;
const tooLarge = (name: string, max: number) =>
  new AppError('FILE_TOO_LARGE', `${name} is larger than an access-log export's can be`, { limit: `${name} ${max >= 1024 ** 3 ? `${max / 1024 ** 3} GB` : `${max / 1024} KB`}` });

/** A small text file the auditor picked (a public key, an earlier checkpoint): sized first, then read. */
export function readSmallText(path: string, name: string): string {
  const fd = openSync(path, 'r');
  try {
    if (fstatSync(fd).size > AUDIT_SMALL_FILE_MAX) throw tooLarge(name, AUDIT_SMALL_FILE_MAX);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function readText(dir: string, name: string): string | null {
  const p = join(dir, name);
  return existsSync(p) ? readSmallText(p, name) : null;
}

/** The file in shared memory, so a worker thread reads the same bytes without a copy. */
function readShared(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > AUDIT_LOG_MAX) throw tooLarge(basename(path), AUDIT_LOG_MAX);
    const buf = Buffer.from(new SharedArrayBuffer(size));
    for (let off = 0; off < size; ) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** Perfect subtrees the worker hands back are this many leaves (a power of two). */
const CHUNK = 1024;

function runWorker(data: Buffer, from: number): Promise<AuditScanResult> {
  return new Promise((resolve, reject) => {
    const setup: AuditScanSetup = { sab: data.buffer as SharedArrayBuffer, length: data.length, from, chunk: CHUNK };
    const worker = startWorker('audit-scan', { workerData: setup });
    worker.once('message', (m: AuditScanResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

const split32 = (b: Uint8Array): Buffer[] => {
  const out: Buffer[] = [];
  for (let i = 0; i + 32 <= b.length; i += 32) out.push(Buffer.from(b.buffer, b.byteOffset + i, 32));
  return out;
};

/**
 * The fast path for a large, intact export: two threads each check half the
 * entries (own hash, chain) and hash their half of the Merkle tree; the cut
 * falls where the global leaf index is a multiple of CHUNK, so the worker's
 * perfect subtrees are the tree's own. Returns the finished verdict when
 * everything holds, or null to let the careful verifier find and name what
 * does not.
 */
async function verifyParallel(data: Buffer, acc: MerkleAccumulator, checkpoint: Checkpoint, verdict: AuditVerdict): Promise<{ verdict: AuditVerdict; blake: Buffer } | null> {
  const P = acc.size;
  // Count the lines of the first half, then move the cut on to the next multiple of CHUNK in global leaf index.
  let at = 0;
  let lines = 0;
  const half = Math.floor(data.length / 2);
  while (at < data.length && (at < half || (P + lines) % CHUNK !== 0)) {
    const nl = data.indexOf(10, at);
    at = nl < 0 ? data.length : nl + 1;
    lines++;
  }
  const from = at;
  const worker = runWorker(data, from);
  worker.catch(() => undefined);
  const mine = scanRange(data, 0, from);
  if (mine.ok) for (const leaf of mine.leaves) acc.pushLeafHash(leaf);
  const theirs = await worker;
  const blake = Buffer.from(theirs.blake);
  if (!mine.ok || !theirs.ok) return null;
  const first = mine.count > 0 ? mine : theirs.count > 0 ? theirs : null;
  if (first && (first.firstSeq !== P + 1 || (P === 0 && first.firstPrev !== GENESIS_HASH))) return null;
  if (mine.count > 0 && theirs.count > 0 && (theirs.firstSeq !== mine.lastSeq + 1 || theirs.firstPrev !== mine.lastHash)) return null;
  for (const root of split32(theirs.roots)) acc.pushSubtree(CHUNK, root);
  for (const leaf of split32(theirs.rest)) acc.pushLeafHash(leaf);
  if (acc.size !== checkpoint.size || !acc.root().equals(checkpoint.root)) return null;
  const last = theirs.count > 0 ? theirs : mine;
  verdict.entries = mine.count + theirs.count;
  verdict.firstSeq = first ? first.firstSeq : null;
  verdict.lastSeq = first ? last.lastSeq : null;
  verdict.ok = true;
  return { verdict, blake };
}

export async function verifyAuditExport(dir: string, opts: VerifyOptions = {}): Promise<AuditVerdict> {
  const { verdict, key, data, blake } = await verifyEntries(dir, opts);
  // The minisign signature over the file as a whole.
  const sigText = readText(dir, AUDIT_FILES.signature);
  if (sigText !== null) {
    try {
      const r = verifyParsed(key, parseSignature(sigText), { digest: blake ?? blake2b512(data) });
      verdict.signature = r.ok ? 'ok' : r.reason === 'wrong-key' ? 'wrong-key' : 'mismatch';
    } catch {
      verdict.signature = 'mismatch';
    }
  }
  if (verdict.ok && verdict.signature !== 'ok') {
    verdict.ok = false;
    verdict.problem = { kind: 'bad-signature', line: null, seq: null };
  }
  return verdict;
}

/** Everything but the file signature; `ok` here means the entries, chain and checkpoints hold. */
async function verifyEntries(dir: string, opts: VerifyOptions): Promise<{ verdict: AuditVerdict; key: PublicKey; data: Buffer; blake: Buffer | null }> {
  const logPath = join(dir, AUDIT_FILES.log);
  if (!existsSync(logPath)) throw new AppError('AUDIT_EXPORT_INVALID', 'This folder holds no audit.jsonl', { file: AUDIT_FILES.log });
  const shipped = readText(dir, AUDIT_FILES.publicKey);
  let key: PublicKey;
  try {
    key = parsePublicKey(opts.publicKey ?? shipped ?? '');
  } catch {
    throw new AppError('AUDIT_EXPORT_INVALID', 'No readable vault public key', { file: AUDIT_FILES.publicKey });
  }
  const data = readShared(logPath);
  const verdict: AuditVerdict = {
    ok: false,
    keyFingerprint: fingerprint(key.publicKey),
    keyConfirmed: opts.publicKey !== undefined,
    entries: 0,
    firstSeq: null,
    lastSeq: null,
    signature: 'missing',
    checkpoint: null,
    held: null,
    problem: null,
    redacted: 0,
  };
  const done = (v: AuditVerdict) => ({ verdict: v, key, data, blake: null });

  // 1. The signed checkpoint that closes the export.
  const cpText = readText(dir, AUDIT_FILES.checkpoint);
  const cp = cpText === null ? null : verifyCheckpoint(cpText, key.publicKey);
  if (!cp?.ok) {
    verdict.problem = { kind: 'bad-checkpoint', line: null, seq: null };
    return done(verdict);
  }
  const checkpoint = cp.checkpoint;
  verdict.checkpoint = { origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root.toString('hex') };

  let held: Checkpoint | null = null;
  if (opts.heldCheckpoint !== undefined) {
    const r = verifyCheckpoint(opts.heldCheckpoint, key.publicKey);
    if (!r.ok || r.checkpoint.origin !== checkpoint.origin) {
      verdict.problem = { kind: 'bad-checkpoint', line: null, seq: null };
      verdict.held = { size: r.ok ? r.checkpoint.size : 0, status: 'invalid' };
      return done(verdict);
    }
    held = r.checkpoint;
  }

  // 2. Where the export starts: after a prefix of earlier entries, or at the first entry.
  const prefixText = readText(dir, AUDIT_FILES.prefix);
  let prefix: { size: number; hashes: Buffer[] } | undefined;
  if (prefixText !== null) {
    try {
      const p = JSON.parse(prefixText) as { size: number; hashes: string[] };
      prefix = { size: p.size, hashes: p.hashes.map((h) => Buffer.from(h, 'hex')) };
      if (compactSizes(p.size).length !== prefix.hashes.length || prefix.hashes.some((h) => h.length !== 32)) throw new RangeError('prefix');
    } catch {
      verdict.problem = { kind: 'malformed', line: null, seq: null };
      return done(verdict);
    }
  }

  // 3. A large export without an earlier checkpoint to compare: try the two-thread path first.
  if (!held && data.length > 0 && data.length >= (opts.parallelAboveBytes ?? 4 * 1024 * 1024)) {
    const fast = await verifyParallel(data, new MerkleAccumulator(prefix), checkpoint, verdict);
    if (fast) return { verdict: fast.verdict, key, data, blake: fast.blake };
  }
  return done(verifyCarefully(data, new MerkleAccumulator(prefix), checkpoint, held, verdict));
}

/** Line by line, naming the first place and the kind of any change. */
function verifyCarefully(data: Buffer, acc: MerkleAccumulator, checkpoint: Checkpoint, held: Checkpoint | null, verdict: AuditVerdict): AuditVerdict {
  const start = acc.size + 1;
  // 4. Every line: parse and check its own hash.
  const lines: Line[] = [];
  const text = data.toString('utf8');
  const raw = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  for (let i = 0; i < raw.length; i++) {
    const parsed = parseLine(raw[i]!, i + 1);
    if (!parsed) {
      verdict.problem = { kind: 'malformed', line: i + 1, seq: null };
      return finish(verdict, lines);
    }
    lines.push(parsed.line);
    if (parsed.redacted) verdict.redacted++;
    if (!parsed.selfOk) {
      verdict.problem = { kind: 'edited', line: i + 1, seq: parsed.line.seq };
      return finish(verdict, lines);
    }
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
    acc.push(Buffer.from(l.hash, 'hex'));
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
