import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { clientDraftSchema, type ClientDraft } from '../../../shared/contract/clients';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/access-log';
import { clientIdByCode, clientStatements, insertClient } from '../clients/repository';
import { recomputeValue } from '../clients/value';
import { blake2b512, fingerprint, signDigest } from '../crypto/minisign';
import { storeDocument } from '../documents/documents';
import { writeFileAtomic } from '../fs-atomic';
import { inspectPackage, openPackage, PackageError, recipientFingerprint, type PackageInfo } from '../package/package';
import { vaultAgeIdentity, vaultSigningKey } from '../vault/keys';
import { knownSigner } from './counterparty-keys';
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

export function inspectIncoming(vault: OpenVault, file: string, now: Clock): PackageInfo & { forThisVault: boolean; knownSigner: { label: string; verified: boolean } | null } {
  let info: PackageInfo;
  try {
    info = inspectPackage(readFileSync(file)).info;
  } catch (err) {
    return asAppError(err);
  }
  const own = recipientFingerprint(vault.db.transaction(() => vaultAgeIdentity(vault.db, now())).immediate().publicKey);
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'package.inspect', target: info.packageId, details: { file: basename(file), signer: info.senderFingerprint } }, now());
  }).immediate();
  return { ...info, forThisVault: info.recipientFingerprints.includes(own), knownSigner: knownSigner(vault, info.senderFingerprint) };
}

function open(vault: OpenVault, file: string, now: Clock) {
  try {
    return openPackage(readFileSync(file), [vaultAgeIdentity(vault.db, now())]);
  } catch (err) {
    return asAppError(err);
  }
}

/** Decrypt and check everything; list what is inside. Nothing is written to the vault. */
export function previewIncoming(vault: OpenVault, file: string, now: Clock) {
  const { info, files } = open(vault, file, now);
  const clients = files.find((f) => f.path === 'data/clients.json');
  const count = clients ? (JSON.parse(clients.data.toString('utf8')) as unknown[]).length : 0;
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'package.open', target: info.packageId, details: { files: files.length, clients: count } }, now());
  }).immediate();
  return { info, clients: count, files: files.filter((f) => f.path.startsWith('data/')).map((f) => ({ path: f.path.slice(5), size: f.data.length })) };
}

/**
 * Import the package's clients (and their documents) in one transaction.
 * Clients get the tag "handover:<id>" so they form their own segment; a code
 * already in this vault is skipped and reported, never overwritten.
 */
export function importIncoming(vault: OpenVault, file: string, now: Clock) {
  const { info, files } = open(vault, file, now);
  const json = files.find((f) => f.path === 'data/clients.json');
  if (!json) throw new AppError('PACKAGE_REFUSED', 'The package holds no clients.json', { reason: 'bag-invalid', detail: 'data/clients.json' });
  const rows = JSON.parse(json.data.toString('utf8')) as Record<string, unknown>[];
  const tag = `handover:${info.handoverId}`.slice(0, 50);
  const skipped: string[] = [];
  const rejected: { index: number; code: string; field: string }[] = [];
  let imported = 0;
  let documents = 0;
  const at = now().toISOString();
  vault.db.transaction(() => {
    const statements = clientStatements(vault.db);
    rows.forEach((row, index) => {
      const picked = Object.fromEntries(DRAFT_KEYS.map((k) => [k, row[k]]));
      const parsed = clientDraftSchema.safeParse({ ...picked, tags: [...new Set([...(Array.isArray(row.tags) ? (row.tags as string[]) : []), tag])] });
      if (!parsed.success) {
        rejected.push({ index: index + 1, code: String(row.code ?? ''), field: parsed.error.issues[0]?.path.join('.') ?? '' });
        return;
      }
      if (clientIdByCode(vault.db, parsed.data.code) !== null) {
        skipped.push(parsed.data.code);
        return;
      }
      const id = insertClient(statements, parsed.data, at);
      imported++;
      const prefix = `data/documents/${parsed.data.code}/`;
      for (const f of files.filter((x) => x.path.startsWith(prefix))) {
        storeDocument(vault.db, id, f.path.slice(prefix.length), f.data, vault.user.name, at);
        documents++;
      }
    });
    recomputeValue(vault.db, now());
    appendLog(vault.db, {
      actor: vault.user.name,
      action: 'package.import',
      target: info.packageId,
      details: { handover: info.handoverId, imported, skipped: skipped.length, rejected: rejected.length, documents, payloadSha256: info.payloadSha256 },
    }, now());
  }).immediate();
  return { info, imported, documents, skipped, rejected, tag };
}

/**
 * NAME.receipt: JSON naming the package and the SHA-256 of its payload, the
 * receiving organisation and time, with a minisign signature (by this vault's
 * key) appended after a line "-----BEGIN MINISIGN-----" so one file carries both.
 */
export function writeReceipt(vault: OpenVault, file: string, out: string, organisation: string, now: Clock): { receiptSha256: string } {
  let info: PackageInfo;
  try {
    info = inspectPackage(readFileSync(file)).info;
  } catch (err) {
    return asAppError(err);
  }
  const key = vault.db.transaction(() => vaultSigningKey(vault.db, now())).immediate();
  const body = `${JSON.stringify({
    type: 'handover-receipt',
    version: 1,
    packageId: info.packageId,
    handoverId: info.handoverId,
    payloadSha256: info.payloadSha256,
    receivedBy: organisation,
    receivedAt: now().toISOString(),
    receiverKey: fingerprint(key.publicKey),
  }, null, 2)}\n`;
  const sig = signDigest(key, blake2b512(body), `handover-receipt package=${info.packageId} payload=${info.payloadSha256}`);
  const text = `${body}-----BEGIN MINISIGN-----\n${sig}`;
  writeFileAtomic(out, text);
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'package.receipt', target: info.packageId, details: { file: basename(out) } }, now());
  }).immediate();
  return { receiptSha256: createHash('sha256').update(text).digest('hex') };
}
