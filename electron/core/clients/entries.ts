import type { ClientDetail } from '../../../shared/contract/clients';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { maskDetail } from './mask';
import { deleteEntryRow, getClient, insertCommunication, insertTransaction, updateCommunicationRow, updateTransactionRow, type TransactionFields } from './store';
import { accessOf } from '../roles/authz';
import type { Clock, OpenVault } from '../vault/vault';
import { storedClient } from './service';

/**
 * A client's transactions and contracts, and its communication log: add,
 * correct, remove. Each change is logged; answers are the client as this
 * user may see it (in scope, masked).
 */
const visible = (vault: OpenVault, clientId: number) => maskDetail(getClient(vault.db, clientId)!, accessOf(vault).masked);


/** A transaction or contract on a client's record (amount in minor units). */
export function addTransaction(
  vault: OpenVault,
  clientId: number,
  t: TransactionFields,
  now: Clock,
): ClientDetail {
  const c = storedClient(vault, clientId);
  vault.db.transaction(() => {
    insertTransaction(vault.db, clientId, t);
    appendLog(vault.db, { actor: vault.user.name, action: 'client.transaction-add', target: c.code, details: { kind: t.kind, ref: t.ref } }, now());
  }).immediate();
  return visible(vault, clientId);
}

/** An entry in the communication log; "by whom" is the signed-in user. */
export function addCommunication(vault: OpenVault, clientId: number, m: { date: string; channel: string; summary: string }, now: Clock): ClientDetail {
  const c = storedClient(vault, clientId);
  vault.db.transaction(() => {
    insertCommunication(vault.db, clientId, m, vault.user.name);
    appendLog(vault.db, { actor: vault.user.name, action: 'client.communication-add', target: c.code, details: { channel: m.channel } }, now());
  }).immediate();
  return visible(vault, clientId);
}

/** Change one transaction or contract; a user who sees amounts masked keeps the stored amount by leaving it empty. */
export function updateTransaction(vault: OpenVault, clientId: number, id: number, t: TransactionFields, now: Clock): ClientDetail {
  const c = storedClient(vault, clientId);
  const before = c.transactions.find((x) => x.id === id);
  if (!before) throw new AppError('FIELD_NOT_FOUND', 'No such entry', { field: 'transactions' });
  const access = accessOf(vault);
  const amount = access.masked.has('amounts') && t.amount === null ? before.amount : t.amount;
  vault.db.transaction(() => {
    updateTransactionRow(vault.db, clientId, id, { ...t, amount });
    appendLog(vault.db, { actor: vault.user.name, action: 'client.transaction-update', target: c.code, details: { ref: t.ref, was: before.ref } }, now());
  }).immediate();
  return visible(vault, clientId);
}

/** Correct an entry of the communication log; who wrote it first stays, the log records who changed it. */
export function updateCommunication(vault: OpenVault, clientId: number, id: number, m: { date: string; channel: string; summary: string }, now: Clock): ClientDetail {
  const c = storedClient(vault, clientId);
  if (!c.communications.some((x) => x.id === id)) throw new AppError('FIELD_NOT_FOUND', 'No such entry', { field: 'communications' });
  vault.db.transaction(() => {
    updateCommunicationRow(vault.db, clientId, id, m);
    appendLog(vault.db, { actor: vault.user.name, action: 'client.communication-update', target: c.code, details: { id, channel: m.channel } }, now());
  }).immediate();
  return visible(vault, clientId);
}

/** Remove a transaction or a communication entry (a mistake); logged with what it was. */
export function removeEntry(vault: OpenVault, clientId: number, entry: 'transaction' | 'communication', id: number, now: Clock): ClientDetail {
  const c = storedClient(vault, clientId);
  const found = entry === 'transaction' ? c.transactions.find((x) => x.id === id) : c.communications.find((x) => x.id === id);
  if (!found) throw new AppError('FIELD_NOT_FOUND', 'No such entry', { field: `${entry}s` });
  vault.db.transaction(() => {
    deleteEntryRow(vault.db, entry, clientId, id);
    appendLog(vault.db, {
      actor: vault.user.name,
      action: `client.${entry}-remove`,
      target: c.code,
      details: 'ref' in found ? { ref: found.ref, date: found.date } : { date: found.date, channel: found.channel, by: found.byUser },
    }, now());
  }).immediate();
  return visible(vault, clientId);
}
