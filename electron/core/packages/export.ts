import { basename } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { writeCheckpoint } from '../audit/checkpoint-store';
import { EXCERPT_FILES, logExcerpt } from '../audit/excerpt';
import { parseRecipient } from '../formats/age';
import { fingerprint } from '../formats/minisign';
import { DocumentReader } from '../documents/reader';
import { removeExportLeftovers, writeExportFile } from './export-temp';
import { WorkerPackageSink } from './package-sink';
import type { JobContext } from '../jobs/jobs';
import { makeBag, makeBagTags } from '../formats/bagit';
import { bagParts, inMemory, PackageChangedError, writePackageStream, type OutFile } from './package';
import { backupVault } from '../vault/backup';
import { vaultAgeRecipient, vaultSigningKey } from '../keys/vault-keys';
import type { Clock, OpenVault } from '../vault/vault';
import { scopeDocuments } from './export-clients';
import { clientsTextOnWorker } from './clients-text';
import { archivedNotices } from './read-model';
import { writeBackupRecord, writePackageRecord } from '../handovers/transfer-store';
import { handoverFilesWithData } from '../handovers/records-store';
import { approvals, gatesFor } from '../handovers/gates';
import { applyNoticeWindow, noticeStats } from '../handovers/notices';
import { handoverDetail } from '../handovers/plan';
import { listNdas } from '../handovers/records';
import { renderReport } from '../handovers/report';
import { localDay, loadHandover, logHandover, requireOpen, requirePlanOpen, type HandoverRow } from '../handovers/store';
import { historyOf } from '../audit/store';
import { ageKeyByText, ageKeysByIds } from '../keys/counterparty-store';

/**
 * The end of a handover: the backup it asks for before transfer, the signed
 * and encrypted package (DESIGN.md §5) built from its scope and data
 * categories once every gate holds, the buyer's receipt, and the archive of a
 * closed handover (a package to the vault's own key).
 */
export async function recordBackup(vault: OpenVault, id: number, out: string, job: JobContext, now: Clock) {
  requireOpen(loadHandover(vault.db, id));
  const backup = await backupVault(vault, out, job, now);
  vault.db.transaction(() => {
    const h = loadHandover(vault.db, id);
    const record = { file: basename(backup.path), sha256: backup.sha256, at: now().toISOString(), by: vault.user.name };
    writeBackupRecord(vault.db, id, record);
    logHandover(vault, h, 'handover.backup', record, now());
  }).immediate();
  return backup;
}

/**
 * The notice figures the package carries, when every gate holds (read with
 * gatesFor, not the whole detail); otherwise the refusal names the gates still
 * open. As on every read of the handover, a closed objection window first
 * takes the objectors out.
 */
function requireGates(vault: OpenVault, h: HandoverRow, now: Clock): ReturnType<typeof noticeStats> {
  const current = applyNoticeWindow(vault, h, now) ? loadHandover(vault.db, h.id) : h;
  const today = localDay(now());
  const notices = noticeStats(vault.db, current, today);
  const failing = gatesFor(vault.db, current, today, notices).filter((g) => !g.ok);
  if (failing.length) {
    throw new AppError('HANDOVER_GATES', 'The handover cannot be exported yet', { gates: failing.map((g) => g.gate).join(', ') });
  }
  return notices;
}

/** Recipients: the handover's verified age keys, any extra verified ones named (CLI), and the vault itself if asked. */
function recipientKeys(vault: OpenVault, h: HandoverRow, extra: string[], includeSelf: boolean): Buffer[] {
  const rows = ageKeysByIds(vault.db, h.recipientKeys);
  const texts = new Set(rows.filter((r) => r.verified_at).map((r) => r.key_text));
  for (const e of extra) {
    const known = ageKeyByText(vault.db, e.trim());
    if (!known?.verified_at) throw new AppError('KEY_NOT_VERIFIED', 'A recipient must be a counterparty key verified by phone or in person', { key: e.slice(0, 20) });
    texts.add(e.trim());
  }
  const keys = [...texts].map((t) => parseRecipient(t)!);
  if (includeSelf) keys.push(vaultAgeRecipient(vault));
  if (keys.length === 0) throw new AppError('KEY_NOT_VERIFIED', 'No verified recipient key', { key: '' });
  return keys;
}

export interface ExportResult { path: string; packageId: string; checksum: string; checksumAlg: 'blake2b512' | 'sha256'; senderFingerprint: string; clients: number; documents: number; bytes: number; completeness: number; file: string; at: string; by: string }

type ExportRecord = Omit<ExportResult, 'path' | 'bytes'>;

/**
 * Export an approved handover as a package, streamed into a temp file that
 * becomes `out` only when everything is written and recorded. The documents
 * go first, read from the vault on a worker thread as they are encrypted
 * (memory stays flat whatever their size); meanwhile another worker thread
 * turns the clients into text (clients-text.ts), and then the log entry and the
 * checkpoint that covers it are written (the checkpoint travels in the
 * package). A failed or cancelled export leaves those, truthfully, and
 * nothing else. `checksum` is the BLAKE2b-512 of payload.tar.age (the minisign
 * prehash, computed once; `b2sum` prints it), the figure the buyer's receipt names.
 */
export async function exportPackage(vault: OpenVault, id: number, out: string, opts: { includeSelf: boolean; recipients?: string[] }, job: JobContext, now: Clock): Promise<ExportResult> {
  const h = loadHandover(vault.db, id);
  requirePlanOpen(h);
  const notices = requireGates(vault, h, now);
  // A killed export's temp file goes now at the latest (the next unlock removes it too).
  removeExportLeftovers(vault);
  const recipients = recipientKeys(vault, h, opts.recipients ?? [], opts.includeSelf);
  const categories = new Set(h.categories);
  const key = vaultSigningKey(vault);
  const created = now().toISOString();
  const scopeDocs = scopeDocuments(vault.db, id, categories);
  // The documents are read, and their whole age chunks sealed, on a worker thread with its own connection (started with the first one).
  // The chunks it seals go straight to the package's writer thread over this channel, never through the main thread.
  const relay = new MessageChannel();
  const reader = new DocumentReader(vault, relay.port1);
  const documents: OutFile[] = scopeDocs.map((d) => ({
    path: `data/documents/${d.clientCode}/${d.name}`, size: d.size, sha256: d.sha256,
    chunks: () => reader.chunks(d.id),
    sealed: (plan) => reader.pieces(d.id, plan),
  }));
  let stopped = false;
  let clients = 0;
  let ratio = 1;
  // handover.json but its clients: the plan and its records as they are now; the worker adds each client's part.
  const handover = {
    ref: h.ref, title: h.title, buyer: h.buyer, categories: h.categories, timeline: h.timeline, team: h.team,
    notice: { ...h.notice, deadline: notices.deadline }, noticeStats: notices,
    approvals: approvals(vault.db, id).filter((a) => !a.voidedAt), ndas: listNdas(vault.db, id).map(({ file, ...n }) => ({ ...n, fileSha256: file?.sha256 ?? null })),
  };
  // The clients' text is made on a worker thread with its own connection while the documents stream.
  const text = clientsTextOnWorker(vault, { handoverId: id, categories: h.categories, documents: scopeDocs, handover }, job.signal);
  const late = (async (): Promise<OutFile[]> => {
    const scope = await text.result.catch((err: unknown) => {
      // A cancel ends the thread: the export says it was cancelled, not that the thread ended.
      job.throwIfCancelled();
      throw err;
    });
    clients = scope.count;
    ratio = scope.completeness;
    if (stopped) throw new Error('the export stopped');
    job.throwIfCancelled();
    // The log entry and the checkpoint that covers it: the package carries the checkpoint.
    const { checkpoint, excerpt } = vault.db.transaction(() => {
      logHandover(vault, h, 'handover.export', { clients: scope.count, documents: documents.length, recipients: recipients.length, file: basename(out) }, now());
      const cp = writeCheckpoint(vault.db, key, `export ${h.ref}`, now());
      // The handover's own history, each entry with its inclusion proof under that checkpoint (no other entry leaves).
      return { checkpoint: cp, excerpt: logExcerpt(vault.db, h.ref, cp.size) };
    }).immediate();
    return [
      ...scope.files,
      ...[
        { path: `data/${EXCERPT_FILES.checkpoint}`, data: Buffer.from(checkpoint.note) },
        { path: `data/${EXCERPT_FILES.log}`, data: Buffer.from(excerpt.jsonl) },
        { path: `data/${EXCERPT_FILES.proofs}`, data: Buffer.from(JSON.stringify(excerpt.proofs, null, 1)) },
      ].map(inMemory),
    ];
  })();
  // Awaited once the documents are written; until then a failure here must not go unhandled.
  late.catch(() => undefined);
  // About 800 bytes of JSON and CSV per client, for the progress bar until the text is made.
  const lateEstimate = 800 * notices.inScope;
  const bagInfo: [string, string][] = [['Source-Organization', h.team.owner || vault.user.name], ['External-Identifier', h.ref], ['Bagging-Date', localDay(now())], ['External-Description', h.title]];
  let record!: ExportRecord;
  const control = { progress: (done: number, total: number) => job.progress(done, total, 'bytes'), throwIfCancelled: () => job.throwIfCancelled() };
  try {
    const pkg = await writeExportFile(
      vault.dir,
      out,
      // Written, and its ciphertext hashed, on a thread of its own: the main thread only hands buffers on.
      (_write, _patch, fd) => writePackageStream(new WorkerPackageSink(fd, relay.port2), { data: documents, late, lateEstimate, tags: (payload) => makeBagTags(payload, bagInfo) }, recipients, key, { handoverId: h.ref, created }, control),
      (written) => {
        record = { packageId: written.meta.packageId, checksum: written.payloadBlake2b512, checksumAlg: 'blake2b512', senderFingerprint: fingerprint(key.publicKey), file: basename(out), at: created, by: vault.user.name, clients, documents: documents.length, completeness: ratio };
        vault.db.transaction(() => {
          const tl = { ...h.timeline, transfer: { planned: h.timeline.transfer?.planned ?? null, actual: h.timeline.transfer?.actual ?? localDay(now()) } };
          writePackageRecord(vault.db, id, record, tl);
          logHandover(vault, h, 'handover.exported', { packageId: record.packageId, payloadBlake2b512: record.checksum, bytes: written.bytes }, now());
        }).immediate();
      },
      (written) => written.meta.packageId,
    );
    return { path: out, ...record, bytes: pkg.bytes };
  } catch (err) {
    if (err instanceof PackageChangedError) throw new AppError('VAULT_CORRUPT', 'A document changed or is damaged in the vault', { document: err.path });
    throw err;
  } finally {
    stopped = true;
    await text.stop();
    await late.catch(() => undefined);
    await reader.close();
    relay.port1.close();
    relay.port2.close();
  }
}

/** A closed handover's records as a package to the vault's own key: plan, NDAs, evidence, report, log checkpoint. */
export async function exportArchive(vault: OpenVault, id: number, out: string, now: Clock): Promise<{ path: string; packageId: string; checksum: string }> {
  const h = loadHandover(vault.db, id);
  if (h.status !== 'closed') throw new AppError('HANDOVER_STATE', 'Close the handover before archiving it', { status: h.status });
  const detail = handoverDetail(vault, id, now);
  const files = handoverFilesWithData(vault.db, id);
  const notices = archivedNotices(vault.db, id);
  const key = vaultSigningKey(vault);
  const { checkpoint, log } = vault.db.transaction(() => {
    logHandover(vault, h, 'handover.archive', { file: basename(out) }, now());
    return {
      checkpoint: writeCheckpoint(vault.db, key, `archive ${h.ref}`, now()),
      log: historyOf(vault.db, h.ref),
    };
  }).immediate();
  const bag = makeBag([
    { path: 'handover.json', data: Buffer.from(JSON.stringify(detail, null, 1)) },
    { path: 'notices.json', data: Buffer.from(JSON.stringify(notices, null, 1)) },
    { path: 'access-log.json', data: Buffer.from(JSON.stringify(log, null, 1)) },
    { path: 'report-en.pdf', data: renderReport(vault, detail, 'en', now) },
    { path: 'report-zh-CN.pdf', data: renderReport(vault, detail, 'zh-CN', now) },
    { path: 'checkpoint.txt', data: Buffer.from(checkpoint.note) },
    ...files.map((f) => ({ path: `files/${f.id}-${f.name}`, data: f.data })),
  ], [['External-Identifier', `${h.ref}-archive`], ['Bagging-Date', localDay(now())], ['External-Description', h.title]]);
  removeExportLeftovers(vault);
  const pkg = await writeExportFile(vault.dir, out, (write, patch) =>
    writePackageStream({ write, patch }, bagParts(bag), [vaultAgeRecipient(vault)], key, { handoverId: `${h.ref}-archive`, created: now().toISOString() }));
  return { path: out, packageId: pkg.meta.packageId, checksum: pkg.payloadBlake2b512 };
}
