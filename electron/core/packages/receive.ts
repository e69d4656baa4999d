import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { clientDraftSchema, type ClientDraft } from '../../../shared/contract/clients';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { accessOf } from '../roles/authz';
import { clientIdByCode, clientStatements, insertClient } from '../clients/store';
import { recomputeValue } from '../clients/value-store';
import { blake2b512, fingerprint, formatPublicKey, parsePublicKey, signDigest } from '../formats/minisign';
import { indexTar } from '../formats/tar';
import { completeDocument, documentChunkWriter, newDocument } from '../documents/documents';
import { writeFileAtomic } from '../fs-atomic';
import type { JobContext } from '../jobs/jobs';
import { fileSource, inspectPackage, openPackageStream, PackageError, recipientFingerprint, type BagSink, type OpenedBag, type PackageInfo, type PackageSource, type StreamControl } from './package';
import { BAG_HISTORY_PATHS, verifyBagHistory } from '../audit/excerpt';
import { vaultAgeIdentity, vaultAgeRecipient, vaultSigningKey } from '../keys/vault-keys';
import { knownSigner, requireVerifiedSender } from '../keys/counterparties';
import { commitmentsPreview, storeReceivedCommitments } from '../compensation/commitments';
import type { Clock, OpenVault } from '../vault/vault';

/**
 * The buyer's side of a handover package (issue 6, receive): look at a
 * package before decrypting it, open it with this vault's identity, and bring
 * its clients and documents in as a new segment (tagged with the handover),
 * then write a signed receipt. Every step is logged.
 */
const DRAFT_KEYS = Object.keys(clientDraftSchema.shape) as (keyof ClientDraft)[];

function asAppError(err: unknown): never {
  if (err instanceof PackageError) throw new AppError('PACKAGE_REFUSED', err.message, { reason: err.reason, detail: err.detail ?? null });
  throw err;
}

/** A job's progress for one pass of several (each pass reports its own 0..total). */
function passControl(job: JobContext, pass: number, passes: number): StreamControl {
  return {
    progress: (done, total) => job.progress(pass * total + done, passes * total, 'bytes'),
    throwIfCancelled: () => job.throwIfCancelled(),
  };
}

async function withSource<T>(file: string, work: (src: PackageSource) => Promise<T>): Promise<T> {
  let src: PackageSource;
  try {
    src = fileSource(file);
  } catch {
    throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  }
  try {
    return await work(src);
  } catch (err) {
    return asAppError(err);
  } finally {
    src.close();
  }
}

export async function inspectIncoming(vault: OpenVault, file: string, job: JobContext, now: Clock): Promise<PackageInfo & { forThisVault: boolean; senderKey: string; knownSigner: { id: number; label: string; verified: boolean } | null }> {
  const { info, sender } = await withSource(file, (src) => inspectPackage(src, undefined, passControl(job, 0, 1)));
  const own = recipientFingerprint(vaultAgeRecipient(vault));
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'package.inspect', target: info.packageId, details: { file: basename(file), signer: info.senderFingerprint } }, now());
  }).immediate();
  // The signer's key is shown so the user can add it and verify its fingerprint by phone, never trusted for being shipped.
  return { ...info, forThisVault: info.recipientFingerprints.includes(own), senderKey: formatPublicKey(sender).trim(), knownSigner: knownSigner(vault, info.senderFingerprint) };
}

/**
 * The verified key of the signer named by the package's sender.pub, read before anything is hashed or
 * decrypted, or a refusal (SENDER_NOT_VERIFIED). The package is then opened with that key only, so a
 * package re-signed by anyone else fails as 'wrong-signer' even if it names the verified key.
 */
function verifiedSenderKey(vault: OpenVault, src: PackageSource): string {
  let shipped: Buffer | null = null;
  try {
    const entry = indexTar((p, n) => src.read(p, n), src.size).find((e) => e.path === 'sender.pub' && e.size <= 4096);
    if (entry) shipped = src.read(entry.offset, entry.size);
  } catch {
    shipped = null;
  }
  let publicKey: Buffer;
  try {
    publicKey = parsePublicKey(shipped?.toString('utf8') ?? '').publicKey;
  } catch {
    throw new PackageError('not-a-package', 'This is not a handover package (the sender key cannot be read)');
  }
  return requireVerifiedSender(vault, fingerprint(publicKey));
}

const CLIENTS_JSON = 'data/clients.json';
const keepSmall = (path: string) => path === CLIENTS_JSON || BAG_HISTORY_PATHS.includes(path);

/**
 * The package's clients.json as rows. A verified sender can still be hostile (or compromised): a
 * file that is not JSON, not a list, or lists something other than objects refuses the package
 * in words, before anything is written.
 */
function incomingRows(json: Buffer | undefined): Record<string, unknown>[] {
  if (!json) return [];
  let rows: unknown;
  try {
    rows = JSON.parse(json.toString('utf8'));
  } catch {
    rows = null;
  }
  if (!Array.isArray(rows) || !rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    throw new AppError('PACKAGE_REFUSED', 'The package\'s client list is not a list of clients', { reason: 'bag-invalid', detail: CLIENTS_JSON });
  }
  return rows as Record<string, unknown>[];
}

/**
 * The handover's history the package carries (its access-log entries with inclusion proofs under the
 * seller's signed checkpoint): the number of entries proven, null when the package carries none.
 * A history that does not verify refuses the package.
 */
function provenHistory(opened: OpenedBag): number | null {
  const verdict = verifyBagHistory(opened.kept, opened.sender.publicKey);
  if (verdict && !verdict.ok) throw new AppError('PACKAGE_REFUSED', 'The handover history in the package does not verify against the seller\'s signed checkpoint', { reason: 'bag-invalid', detail: `audit.jsonl: ${verdict.problem}${verdict.line ? ` (line ${verdict.line})` : ''}` });
  return verdict ? verdict.entries : null;
}

/** Decrypt and check everything; list what is inside. Nothing is written, to the vault or to disk. */
export async function previewIncoming(vault: OpenVault, file: string, job: JobContext, now: Clock) {
  const identity = vaultAgeIdentity(vault);
  const opened = await withSource(file, (src) => openPackageStream(src, [identity], { keep: keepSmall }, undefined, passControl(job, 0, 1)));
  const history = provenHistory(opened);
  const clients = opened.kept.get(CLIENTS_JSON);
  const rows = incomingRows(clients);
  const count = rows.length;
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'package.open', target: opened.info.packageId, details: { files: opened.files.length, clients: count, history } }, now());
  }).immediate();
  return { info: opened.info, clients: count, history, files: opened.files.map((f) => ({ path: f.path.slice(5), size: f.size })), commitments: commitmentsPreview(rows, accessOf(vault).masked.has('amounts')) };
}

const DOC_CHUNK = 1024 * 1024;

/**
 * Import the package's clients and their documents. The first pass decrypts
 * and checks everything without storing anything (only clients.json is kept
 * in memory); the second decrypts again and stores, inside one transaction
 * that commits only when the bag has verified a second time, so a cancel, a
 * failure or a crash leaves the vault as it was. Clients get the tag
 * "handover:<id>" so they form their own segment; a code already in this
 * vault is skipped and reported, never overwritten. The caller runs this as
 * an exclusive job (other calls wait while the transaction is open).
 */
export async function importIncoming(vault: OpenVault, file: string, job: JobContext, now: Clock) {
  const db = vault.db;
  const identity = vaultAgeIdentity(vault);
  // Refused before anything is decrypted or written; both passes accept only the verified key's signature.
  const senderKey = await withSource(file, (src) => Promise.resolve(verifiedSenderKey(vault, src)));
  const first = await withSource(file, (src) => openPackageStream(src, [identity], { keep: keepSmall }, senderKey, passControl(job, 0, 2)));
  provenHistory(first);
  const json = first.kept.get(CLIENTS_JSON);
  if (!json) throw new AppError('PACKAGE_REFUSED', 'The package holds no clients.json', { reason: 'bag-invalid', detail: CLIENTS_JSON });
  const info = first.info;
  const rows = incomingRows(json);
  const tag = `handover:${info.handoverId}`.slice(0, 50);
  const skipped: string[] = [];
  const rejected: { index: number; code: string; field: string }[] = [];
  const at = now().toISOString();
  const clientIds = new Map<string, number>();
  const documentIds = new Map<string, number>();
  db.exec('BEGIN IMMEDIATE');
  try {
    const statements = clientStatements(db);
    rows.forEach((row, index) => {
      const picked = Object.fromEntries(DRAFT_KEYS.map((k) => [k, row[k]]));
      const parsed = clientDraftSchema.safeParse({ ...picked, tags: [...new Set([...(Array.isArray(row.tags) ? (row.tags as string[]) : []), tag])] });
      if (!parsed.success) {
        rejected.push({ index: index + 1, code: String(row.code ?? ''), field: parsed.error.issues[0]?.path.join('.') ?? '' });
        return;
      }
      if (clientIdByCode(db, parsed.data.code) !== null || clientIds.has(parsed.data.code)) {
        skipped.push(parsed.data.code);
        return;
      }
      clientIds.set(parsed.data.code, insertClient(statements, parsed.data, at));
    });
    // Documents go straight into the open transaction, 1 MiB per chunk row, as they are decrypted.
    const sink: BagSink = {
      file: (path, size) => {
        const m = /^data\/documents\/([^/]+)\/(.+)$/.exec(path);
        const clientId = m ? clientIds.get(m[1]!) : undefined;
        if (!m || clientId === undefined) return null;
        const docId = newDocument(db, clientId, m[2]!, size, vault.user.name, at);
        documentIds.set(path, docId);
        const chunks = documentChunkWriter(db, docId);
        let pending: Buffer[] = [];
        let bytes = 0;
        const flush = () => {
          chunks.write(Buffer.concat(pending, bytes));
          pending = [];
          bytes = 0;
        };
        return {
          write: (piece) => {
            pending.push(piece);
            bytes += piece.length;
            if (bytes >= DOC_CHUNK) flush();
          },
          end: () => {
            if (bytes > 0 || chunks.count === 0) flush();
          },
        };
      },
    };
    const second = await withSource(file, (src) => openPackageStream(src, [identity], sink, senderKey, passControl(job, 1, 2)));
    if (second.info.packageId !== info.packageId) throw new AppError('PACKAGE_REFUSED', 'The package changed while it was imported', { reason: 'bag-invalid', detail: null });
    for (const f of second.files) {
      const docId = documentIds.get(f.path);
      if (docId !== undefined) completeDocument(db, docId, f.sha256);
    }
    recomputeValue(db, now());
    const commitments = storeReceivedCommitments(db, rows, clientIds, info.packageId, info.handoverId, at);
    appendLog(db, {
      actor: vault.user.name,
      action: 'package.import',
      target: info.packageId,
      details: { handover: info.handoverId, imported: clientIds.size, skipped: skipped.length, rejected: rejected.length, documents: documentIds.size, commitments, payloadBlake2b512: second.info.payloadBlake2b512 },
    }, now());
    db.exec('COMMIT');
  } catch (err) {
    if (db.open && db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return { info, imported: clientIds.size, documents: documentIds.size, skipped, rejected, tag };
}

/**
 * NAME.receipt: JSON naming the package and the BLAKE2b-512 of its payload
 * (payload.tar.age, as `b2sum` prints it: the signed prehash, computed once), the
 * receiving organisation and time, with a minisign signature (by this vault's
 * key) appended after a line "-----BEGIN MINISIGN-----" so one file carries both.
 */
export async function writeReceipt(vault: OpenVault, file: string, out: string, organisation: string, job: JobContext, now: Clock): Promise<{ receiptSha256: string }> {
  // A receipt says "we received this from you": only for a package whose signer this vault verified.
  const { info } = await withSource(file, (src) => inspectPackage(src, verifiedSenderKey(vault, src), passControl(job, 0, 1)));
  const key = vaultSigningKey(vault);
  const body = `${JSON.stringify({
    type: 'handover-receipt',
    version: 1,
    packageId: info.packageId,
    handoverId: info.handoverId,
    payloadBlake2b512: info.payloadBlake2b512,
    receivedBy: organisation,
    receivedAt: now().toISOString(),
    receiverKey: fingerprint(key.publicKey),
  }, null, 2)}\n`;
  const sig = signDigest(key, blake2b512(body), `handover-receipt package=${info.packageId} payload=${info.payloadBlake2b512}`);
  const text = `${body}-----BEGIN MINISIGN-----\n${sig}`;
  writeFileAtomic(out, text);
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'package.receipt', target: info.packageId, details: { file: basename(out) } }, now());
  }).immediate();
  return { receiptSha256: createHash('sha256').update(text).digest('hex') };
}
