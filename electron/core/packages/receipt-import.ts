import { readFileSync, statSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { blake2b512, parsePublicKey, parseSignature, verifyParsed, type ParsedSignature } from '../formats/minisign';
import { foldUserName } from '../formats/user-names';
import { writeReceiptRecord } from '../handovers/transfer-store';
import { changeHandover } from '../handovers/change';
import { handoverDetail } from '../handovers/plan';
import { allHandovers, type HandoverRow } from '../handovers/store';
import { ageKeysByIds, verifiedSignerKeys, type CounterpartyKeyRow } from '../keys/counterparty-store';
import { accessOf } from '../roles/authz';
import { visibleHandoverIds } from '../roles/scope-read-model';
import type { Db } from '../db/database';
import type { Clock, OpenVault } from '../vault/vault';

/** A receipt is a few hundred bytes; the buyer sends it, so a huge or unreadable file is refused before it is read whole. */
const RECEIPT_MAX_BYTES = 64 * 1024;
function readReceipt(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  }
  if (size > RECEIPT_MAX_BYTES) throw new AppError('RECEIPT_INVALID', 'This is not a handover receipt', { reason: 'format' });
  return readFileSync(file, 'utf8');
}

/** The handover a receipt answers, found by the package id it names (the CLI's `receipt import`). */
export function handoverForReceipt(vault: OpenVault, file: string): number {
  const packageId = /"packageId":\s*"([^"]+)"/.exec(readReceipt(file))?.[1];
  // Only among the handovers this user can see: another region's handover answers like none.
  const visible = visibleHandoverIds(vault.db, accessOf(vault));
  const row = allHandovers(vault.db).find((h) => h.package?.packageId === packageId && (visible === null || visible.has(h.id)));
  if (!row) throw new AppError('RECEIPT_INVALID', 'No handover exported the package this receipt names', { reason: 'package' });
  return row.id;
}

/**
 * Who may acknowledge a handover: the buyer it went to. The handover records the counterparty age keys
 * its package was encrypted to; the buyer's signing key is the verified minisign key filed under the
 * same name as one of them (a buyer's vault gives out both, and they are added together). A receipt
 * signed by any other key — another counterparty's, verified for another deal — is not this buyer's word.
 */
const FINGERPRINT = /^[0-9A-F]{4}( [0-9A-F]{4}){7}$/;

function buyerSigner(db: Db, h: HandoverRow, body: string, sig: ParsedSignature, claimed: string): CounterpartyKeyRow {
  const buyers = new Set(ageKeysByIds(db, h.recipientKeys).map((k) => foldUserName(k.label)));
  const digest = blake2b512(Buffer.from(body));
  const signer = verifiedSignerKeys(db).find((k) => {
    try {
      return verifyParsed(parsePublicKey(k.key_text), sig, { digest }).ok;
    } catch {
      return false;
    }
  });
  if (!signer || !buyers.has(foldUserName(signer.label))) {
    throw new AppError('RECEIPT_WRONG_SIGNER', 'The receipt is not signed by a verified key of the buyer this handover\'s package was encrypted to', {
      // The key that did sign, when this vault holds it verified; else the key the receipt claims — only when it has
      // a fingerprint's form: the text is the sender's, and an error message must not carry 64 KB of their words.
      fingerprint: signer?.fingerprint ?? (FINGERPRINT.test(claimed) ? claimed : '?'),
      label: signer?.label ?? '',
      buyer: [...new Set(ageKeysByIds(db, h.recipientKeys).map((k) => k.label))].join(', '),
    });
  }
  return signer;
}

/** The seller takes the buyer's signed receipt in: checked against the package and the verified key of that buyer. */
export function importReceipt(vault: OpenVault, id: number, file: string, now: Clock) {
  const text = readReceipt(file);
  const at = text.indexOf('-----BEGIN MINISIGN-----\n');
  if (at < 0) throw new AppError('RECEIPT_INVALID', 'This is not a handover receipt', { reason: 'format' });
  const body = text.slice(0, at);
  let receipt: { type?: string; packageId?: string; payloadBlake2b512?: string; payloadSha256?: string; receivedBy?: string; receivedAt?: string; receiverKey?: string };
  let sig: ParsedSignature;
  try {
    receipt = JSON.parse(body) as typeof receipt;
    sig = parseSignature(text.slice(at + '-----BEGIN MINISIGN-----\n'.length));
  } catch {
    throw new AppError('RECEIPT_INVALID', 'This is not a handover receipt', { reason: 'format' });
  }
  return changeHandover(vault, id, now, (h, log) => {
    if (receipt.type !== 'handover-receipt' || !h.package) throw new AppError('RECEIPT_INVALID', 'This is not a receipt for this handover', { reason: 'format' });
    if (receipt.packageId !== h.package.packageId) throw new AppError('RECEIPT_INVALID', 'The receipt is for another package', { reason: 'package' });
    // A receipt names the checksum the package was exported with: BLAKE2b-512 now, SHA-256 for packages made before.
    const named = h.package.checksumAlg === 'blake2b512' ? receipt.payloadBlake2b512 : receipt.payloadSha256;
    if (named !== h.package.checksum) throw new AppError('RECEIPT_INVALID', 'The receipt names another payload than the one exported', { reason: 'payload' });
    const signer = buyerSigner(vault.db, h, body, sig, String(receipt.receiverKey ?? ''));
    const record = { receivedBy: receipt.receivedBy ?? '', receivedAt: receipt.receivedAt ?? '', receiverKey: signer.fingerprint, importedAt: now().toISOString() };
    writeReceiptRecord(vault.db, id, record);
    log('handover.receipt', { ...record, signer: signer.label });
    return handoverDetail(vault, id, now);
  }, { stage: 'records' });
}
