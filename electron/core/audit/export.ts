import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { formatPublicKey, keyIdHex, signDigest, fingerprint, type SigningKey } from '../formats/minisign';
import { fsyncDir, tempSibling, writeAllTo } from '../fs-atomic';
import type { JobContext } from '../jobs/jobs';
import type { Db } from '../db/database';
import { vaultOrigin } from '../formats/checkpoint';
import { appendLog, firstSeqFrom, lastSeqBefore, logRowsBetween, type LogRow as Row } from './store';
import { auditSummaryPdf } from './summary-pdf';
import { accumulatorAt, logSize, writeCheckpoint } from './checkpoint-store';
import { csvCell } from '../formats/csv-cell';
import { AppError } from '../../../shared/errors';
import type { MaskableField } from '../../../shared/contract/permissions';
import { carriesTypedText, maskLogDetails, redactedDetails } from './masked-texts';
import { canonicalJson, type Json } from '../formats/canonical-json';
import { localDay } from '../../../shared/dates';

/**
 * An audit export folder, for an auditor who trusts nothing of ours:
 *   audit.jsonl          one canonical JSON entry per line (seq order)
 *   audit.jsonl.minisig  minisign (prehashed ED) signature by the vault key
 *   checkpoint.txt       C2SP tlog-checkpoint signed note for the last entry
 *   prefix.json          when the export starts after entry 1: the Merkle
 *                        compact range of the entries before it
 *   vault.pub            the vault's minisign public key (check its fingerprint out of band)
 *   audit.csv            the same entries for people (Excel, UTF-8 with BOM)
 *   summary.pdf          totals per user, action and client (summary-pdf.ts; the app and the CLI alike)
 *   README.txt           how to verify, in English and Chinese
 * Written to a temp folder and renamed into place only when complete.
 */
export const AUDIT_FILES = {
  log: 'audit.jsonl',
  signature: 'audit.jsonl.minisig',
  checkpoint: 'checkpoint.txt',
  prefix: 'prefix.json',
  publicKey: 'vault.pub',
  csv: 'audit.csv',
  summary: 'summary.pdf',
  readme: 'README.txt',
} as const;


/**
 * The canonical JSON line of an entry, built directly from the stored row:
 * keys in sorted order, strings escaped as JSON.stringify does, details as
 * stored (already canonical). Equal to canonicalJson of the parsed entry.
 */
export function entryLine(r: Row): string {
  return `{"action":${JSON.stringify(r.action)},"actor":${JSON.stringify(r.actor)},"details":${r.details},"hash":"${r.entry_hash}",` +
    `"prev":"${r.prev_hash}","seq":${r.seq},"target":${JSON.stringify(r.target)},"time":${JSON.stringify(r.time)}}`;
}

/**
 * The line an exporter with masked fields gets: a search text they would see masked everywhere else
 * (phones, e-mails, addresses typed into a search) is masked here too, the entry marked as redacted
 * and its original hash kept, so `audit verify` still checks the chain and the signed checkpoint
 * (issue 14: audit exports carried the raw text of every search to roles that mask phones).
 */
function exportedLine(r: Row, masked: ReadonlySet<MaskableField> | undefined): string {
  if (!masked || masked.size === 0 || !carriesTypedText(r.action)) return entryLine(r);
  const redacted = redactedDetails(r.action, JSON.parse(r.details) as Record<string, unknown>, masked);
  return redacted ? entryLine({ ...r, details: canonicalJson(redacted as Json) }) : entryLine(r);
}

function csvDetails(r: Row, masked: ReadonlySet<MaskableField> | undefined): string {
  if (!masked || masked.size === 0) return r.details;
  const details = JSON.parse(r.details) as Record<string, unknown>;
  const shown = maskLogDetails(r.action, details, masked);
  return shown === details ? r.details : JSON.stringify(shown);
}

export interface AuditExportResult {
  dir: string;
  entries: number;
  firstSeq: number;
  lastSeq: number;
  checkpointSize: number;
  root: string;
  sha256: string;
  keyFingerprint: string;
}

function seqRange(db: Db, since: string | undefined, until: string | undefined): { first: number; last: number } {
  const first = since ? (firstSeqFrom(db, since) ?? 0) : 1;
  const last = until ? (lastSeqBefore(db, until) ?? 0) : logSize(db);
  return { first, last };
}

/** The export folder's name: audit-YYYY-MM-DDTHH-MM-SS (a suffix is added if it exists). */
/** The folder's name: the local day and time of the export (a user looks for 01:30 today, not 17:30 yesterday UTC). */
export const auditExportName = (at: Date) => `audit-${localDay(at)}T${[at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join('-')}`;

export async function exportAuditLog(
  db: Db,
  opts: {
    parent: string;
    name: string;
    since?: string | undefined;
    until?: string | undefined;
    actor: string;
    /** The vault's signing key: only a keyring holder can export (vault/keys.ts). */
    key: SigningKey;
    /** The exporter's masked fields: audit.csv and audit.jsonl show search texts masked for them (exportedLine). */
    masked?: ReadonlySet<MaskableField>;
  },
  job: JobContext,
  now: () => Date,
): Promise<AuditExportResult> {
  // The export is itself logged, and a checkpoint of the whole log is kept in the vault.
  const plan = db.transaction(() => {
    appendLog(db, { actor: opts.actor, action: 'audit.export', target: opts.name, details: { since: opts.since ?? '', until: opts.until ?? '' } }, now());
    writeCheckpoint(db, opts.key, 'export', now());
    const { first, last } = seqRange(db, opts.since, opts.until);
    const empty = first === 0 || last === 0 || last < first;
    const lastSeq = empty ? 0 : last;
    const firstSeq = empty ? 1 : first;
    const checkpoint = writeCheckpoint(db, opts.key, 'export', now(), lastSeq);
    const prefix = accumulatorAt(db, firstSeq - 1).compactRange().map((h) => h.toString('hex'));
    return { firstSeq, lastSeq, checkpoint, prefix };
  }).immediate();

  const key = opts.key;
  let target = join(opts.parent, opts.name);
  for (let n = 2; existsSync(target); n++) {
    if (n > 99) throw new AppError('TARGET_EXISTS', 'A folder with that name already exists', { path: target });
    target = join(opts.parent, `${opts.name}-${n}`);
  }
  const tmp = tempSibling(target);
  mkdirSync(tmp, { mode: 0o700 });
  try {
    const blake = createHash('blake2b512');
    const sha = createHash('sha256');
    const csvHead = '\uFEFFseq,time,actor,action,target,details\r\n';
    const jsonl = await open(join(tmp, AUDIT_FILES.log), 'wx', 0o600);
    const csv = await open(join(tmp, AUDIT_FILES.csv), 'wx', 0o600);
    await writeAllTo(csv, csvHead);
    const total = Math.max(plan.lastSeq - plan.firstSeq + 1, 0);
    let done = 0;
    try {
      const batch = 20_000;
      for (let from = plan.firstSeq; from <= plan.lastSeq; from += batch) {
        job.throwIfCancelled();
        const rows = logRowsBetween(db, from, Math.min(from + batch - 1, plan.lastSeq));
        const text = rows.map((r) => `${exportedLine(r, opts.masked)}\n`).join('');
        blake.update(text);
        sha.update(text);
        await writeAllTo(jsonl, text);
        await writeAllTo(csv, rows.map((r) => `${r.seq},${r.time},${csvCell(r.actor)},${csvCell(r.action)},${csvCell(r.target)},${csvCell(csvDetails(r, opts.masked))}\r\n`).join(''));
        done += rows.length;
        job.progress(done, total);
      }
      await jsonl.sync();
      await csv.sync();
    } finally {
      await jsonl.close();
      await csv.close();
    }
    const root = plan.checkpoint.root.toString('base64');
    const comment = `handover audit export origin=${vaultOrigin(key)} entries=${plan.firstSeq}-${plan.lastSeq} size=${plan.lastSeq} root=${root}`;
    const files: [string, string | Buffer][] = [
      [AUDIT_FILES.signature, signDigest(key, blake.digest(), comment, `signature from handover vault key ${keyIdHex(key.keyId)}`)],
      [AUDIT_FILES.checkpoint, plan.checkpoint.note],
      [AUDIT_FILES.publicKey, formatPublicKey(key)],
      [AUDIT_FILES.readme, readme(fingerprint(key.publicKey))],
    ];
    if (plan.firstSeq > 1) files.push([AUDIT_FILES.prefix, `${JSON.stringify({ size: plan.firstSeq - 1, hashes: plan.prefix })}\n`]);
    files.push([
      AUDIT_FILES.summary,
      auditSummaryPdf(db, { ...plan, origin: vaultOrigin(key), fingerprint: fingerprint(key.publicKey), root: plan.checkpoint.root.toString('hex'), by: opts.actor, at: now() }),
    ]);
    for (const [name, content] of files) {
      const fh = await open(join(tmp, name), 'wx', 0o600);
      await fh.writeFile(content);
      await fh.sync();
      await fh.close();
    }
    renameSync(tmp, target);
    fsyncDir(opts.parent);
    return {
      dir: target,
      entries: total,
      firstSeq: plan.firstSeq,
      lastSeq: plan.lastSeq,
      checkpointSize: plan.checkpoint.size,
      root: plan.checkpoint.root.toString('hex'),
      sha256: sha.digest('hex'),
      keyFingerprint: fingerprint(key.publicKey),
    };
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

function readme(fp: string): string {
  return `Handover Vault - access log export / 访问日志导出

Vault key fingerprint / 保险库密钥指纹: ${fp}
Compare it with the fingerprint the seller gave you in person or by phone.
请与卖方当面或电话告知的指纹核验。

Verify / 验证:
  minisign -Vm audit.jsonl -p vault.pub
  handover audit verify . --pubkey vault.pub [--checkpoint EARLIER-checkpoint.txt]

audit.jsonl: one canonical JSON entry per line: seq, time, actor, action, target, details,
prev (the previous entry's hash), hash = SHA-256 of the entry without "hash".
checkpoint.txt: C2SP tlog-checkpoint (signed note); the RFC 9162 Merkle tree's leaf data are the
entries' 32-byte hashes in seq order. prefix.json (exports that start later): the compact range
of the entries before the first line.
audit.jsonl：每行一条规范 JSON 记录；hash 为去掉 "hash" 字段后记录的 SHA-256，prev 为上一条记录的 hash。
checkpoint.txt：C2SP tlog-checkpoint 签名说明，RFC 9162 Merkle 树的叶子为各条记录的 32 字节哈希。
`;
}
