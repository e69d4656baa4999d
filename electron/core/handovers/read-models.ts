import type { SqlCondition } from '../clients/selection-store';
import type { Db } from '../db/database';
import type { CompletenessItem } from '../../../shared/contract/completeness';
import { MISSING } from './completeness-read-model';

/**
 * Read models of a handover's screens that join several domains (issue 18's named exception): the
 * handover's client rows (handovers) with the clients' names, contacts and figures (clients) and their
 * documents (documents). Each query says why it joins. `own` is the scoped user's condition over the
 * clients (roles/authz scopeSql, alias `c`), or null when they see every client.
 */
type Own = SqlCondition | null;

/** The clients of a handover a scoped user may count (only their own: they see nothing of the others, totals included), as a condition on `hc`. */
export interface ClientFilter { sql: string; params: (string | number)[] }

/** Joins clients: a scoped user's share of a handover is the handover's rows whose client lies in their scope. */
export function ownClientsFilter(own: Own): ClientFilter {
  if (!own || !own.sql) return { sql: '', params: [] };
  return { sql: ` AND hc.client_id IN (SELECT c.id FROM clients c WHERE ${own.sql})`, params: own.params };
}

/** Joins clients (through the filter): the detail's included and excluded counts, of the user's own clients. */
export function includedAndExcluded(db: Db, id: number, own: ClientFilter): { inc: number; exc: number } {
  return db.prepare(`SELECT coalesce(sum(included), 0) AS inc, coalesce(sum(1 - included), 0) AS exc FROM handover_clients hc
    WHERE hc.handover_id = ?${own.sql}`).get(id, ...own.params) as { inc: number; exc: number };
}

/** Joins clients: the detail's revenue is the included clients' annual revenue, per currency. */
export function includedRevenue(db: Db, id: number, own: ClientFilter): { currency: string; amount: number }[] {
  return db.prepare(`SELECT c.currency AS currency, sum(c.annual_revenue) AS amount FROM handover_clients hc JOIN clients c ON c.id = hc.client_id
    WHERE hc.handover_id = ? AND hc.included = 1 AND c.annual_revenue IS NOT NULL${own.sql} GROUP BY c.currency ORDER BY amount DESC`).all(id, ...own.params) as { currency: string; amount: number }[];
}

/** Joins documents: what the package would hold is the included clients' complete documents. */
export function includedDocuments(db: Db, id: number, own: ClientFilter): { documents: number; bytes: number } {
  return db.prepare(`SELECT count(*) AS documents, coalesce(sum(size), 0) AS bytes FROM documents WHERE state = 'complete'
    AND client_id IN (SELECT hc.client_id FROM handover_clients hc WHERE hc.handover_id = ? AND hc.included = 1${own.sql})`).get(id, ...own.params) as { documents: number; bytes: number };
}

/** Joins clients, contacts and transactions: the PIPL counter counts the individuals and sensitive records among the included clients. */
export function personalCounts(db: Db, handoverId: number): { individuals: number; sensitive: number } {
  const inc = 'SELECT client_id FROM handover_clients WHERE handover_id = ? AND included = 1';
  const people = db.prepare(`SELECT count(*) FROM clients WHERE type = 'individual' AND id IN (${inc})`).pluck().get(handoverId) as number;
  const contacts = db.prepare(`SELECT count(*) FROM client_contacts WHERE client_id IN (${inc})`).pluck().get(handoverId) as number;
  const sensitive = db.prepare(`SELECT count(*) FROM client_transactions t JOIN clients c ON c.id = t.client_id WHERE c.type = 'individual' AND t.client_id IN (${inc})`)
    .pluck().get(handoverId) as number;
  return { individuals: people + contacts, sensitive };
}

/** Joins clients: the log entry of objectors leaving the scope names them by client code. */
export function includedObjectorCodes(db: Db, id: number): string[] {
  return db.prepare(`SELECT c.code FROM handover_clients hc JOIN handover_notices n ON n.handover_id = hc.handover_id AND n.client_id = hc.client_id
      JOIN clients c ON c.id = hc.client_id WHERE hc.handover_id = ? AND hc.included = 1 AND n.status = 'objected'`).pluck().all(id) as string[];
}

export interface NoticeClient { id: number; code: string; name: string; contact: string | null; status: string | null }

/** Joins clients and contacts: a notice is addressed to the client by name, to its first contact. */
export function noticeClients(db: Db, id: number, clientIds: number[] | null, onlyUnsent: boolean, own: Own): NoticeClient[] {
  return db.prepare(`SELECT c.id, c.code, c.name, (SELECT k.name FROM client_contacts k WHERE k.client_id = c.id ORDER BY k.id LIMIT 1) AS contact, n.status
    FROM handover_clients hc JOIN clients c ON c.id = hc.client_id
    LEFT JOIN handover_notices n ON n.handover_id = hc.handover_id AND n.client_id = hc.client_id
    WHERE hc.handover_id = ? AND hc.included = 1 ${clientIds ? 'AND c.id IN (SELECT value FROM json_each(?))' : ''}
    ${onlyUnsent ? "AND (n.status IS NULL OR n.status = 'generated')" : ''} ${own ? `AND ${own.sql}` : ''} ORDER BY c.code`)
    .all(id, ...(clientIds ? [JSON.stringify(clientIds)] : []), ...(own?.params ?? [])) as NoticeClient[];
}

const CLIENT_FILTERS: Record<string, string> = {
  included: 'hc.included = 1', excluded: 'hc.included = 0', 'not-sent': "hc.included = 1 AND (n.status IS NULL OR n.status = 'generated')",
  unanswered: "hc.included = 1 AND n.status = 'sent'", objected: "n.status = 'objected'",
};

/** Joins clients, contacts and follow-ups: the wizard's client table shows each client with its notice, arrangement and latest follow-up. */
export function handoverClientsPage(db: Db, q: { id: number; text: string; filter: string; missing?: CompletenessItem | undefined; offset: number; limit: number }, own: Own) {
  const where = ['hc.handover_id = ?'];
  const params: (string | number)[] = [q.id];
  if (CLIENT_FILTERS[q.filter]) where.push(CLIENT_FILTERS[q.filter]!);
  if (q.missing) where.push(MISSING[q.missing]);
  if (q.text.trim()) {
    where.push("(c.code LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')");
    const like = `%${q.text.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    params.push(like, like);
  }
  if (own) {
    where.push(own.sql);
    params.push(...own.params);
  }
  const from = `FROM handover_clients hc JOIN clients c ON c.id = hc.client_id LEFT JOIN handover_notices n ON n.handover_id = hc.handover_id AND n.client_id = hc.client_id WHERE ${where.join(' AND ')}`;
  const total = db.prepare(`SELECT count(*) ${from}`).pluck().get(...params) as number;
  const rows = db.prepare(`SELECT c.id AS clientId, c.code, c.name, c.region, c.tier,
      (SELECT k.name FROM client_contacts k WHERE k.client_id = c.id ORDER BY k.id LIMIT 1) AS contact,
      hc.included, hc.excluded_reason AS excludedReason, hc.receiving_owner AS receivingOwner, hc.arrangement, hc.negotiation,
      n.status AS notice, n.sha256 AS noticeSha256, n.channel, n.sent_on AS sentOn, n.decision,
      (SELECT f.outcome FROM handover_followups f WHERE f.handover_id = hc.handover_id AND f.client_id = c.id ORDER BY f.id DESC LIMIT 1) AS followup
    ${from} ORDER BY c.code LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as (Record<string, unknown> & { included: number })[];
  return { total, rows };
}

/** Joins clients: a data-room session may show only the facilitator's own clients among the handover's included ones. */
export function ownIncludedClientIds(db: Db, id: number, own: Own): number[] {
  return db.prepare(`SELECT hc.client_id FROM handover_clients hc JOIN clients c ON c.id = hc.client_id
    WHERE hc.handover_id = ? AND hc.included = 1${own ? ` AND ${own.sql}` : ''}`).pluck().all(id, ...(own?.params ?? [])) as number[];
}
