import type { CompensationMethod, CompensationStandardInput } from '../../../shared/contract/compensation';
import type { ProposalInputs } from '../../../shared/compensation/compute';
import { AppError } from '../../../shared/errors';
import { scopeSql, type UserAccess } from '../roles/authz';
import { cached, type Db } from '../db/database';

/** All SQL on the compensation tables (migration 010). Amounts in fen. */
export type Kind = 'client' | 'staff';

export interface StandardRow {
  standard: CompensationStandardInput;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export function loadStandard(db: Db, handoverId: number, kind: Kind): StandardRow | null {
  const r = db.prepare('SELECT standard, version, updated_by, updated_at FROM compensation_standards WHERE handover_id = ? AND kind = ?').get(handoverId, kind) as
    { standard: string; version: number; updated_by: string; updated_at: string } | undefined;
  return r ? { standard: JSON.parse(r.standard) as CompensationStandardInput, version: r.version, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
}

export function saveStandard(db: Db, handoverId: number, kind: Kind, standard: CompensationStandardInput, by: string, at: string): number {
  db.prepare(`INSERT INTO compensation_standards (handover_id, kind, standard, version, updated_by, updated_at) VALUES (?, ?, ?, 1, ?, ?)
    ON CONFLICT (handover_id, kind) DO UPDATE SET standard = excluded.standard, version = version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
    .run(handoverId, kind, JSON.stringify(standard), by, at);
  return loadStandard(db, handoverId, kind)!.version;
}

/** The value data of a handover's included clients the caller may see. */
export interface SubjectClient {
  id: number; code: string; name: string; region: string; owner: string; tier: 'A' | 'B' | 'C' | null;
  annualRevenue: number | null; grossProfit: number | null; renewalRate: number | null; cooperationStart: string | null;
}

export function includedClients(db: Db, handoverId: number, access: UserAccess): SubjectClient[] {
  const scope = scopeSql(access);
  return db.prepare(`SELECT c.id, c.code, c.name, c.region, c.owner, c.tier, c.annual_revenue AS annualRevenue, c.gross_profit AS grossProfit,
      c.renewal_rate AS renewalRate, c.cooperation_start AS cooperationStart
    FROM handover_clients hc JOIN clients c ON c.id = hc.client_id
    WHERE hc.handover_id = ? AND hc.included = 1${scope ? ` AND ${scope.sql}` : ''} ORDER BY c.id`).all(handoverId, ...(scope?.params ?? [])) as SubjectClient[];
}

/** Persons whose whole portfolio (included clients they own) is in the caller's scope: a scoped user never sees a basis they cannot see. */
export function portfolios(db: Db, handoverId: number, access: UserAccess): Map<string, SubjectClient[]> {
  const all = includedClients(db, handoverId, { ...access, scopes: [] });
  const visible = new Set(includedClients(db, handoverId, access).map((c) => c.id));
  const byOwner = new Map<string, SubjectClient[]>();
  for (const c of all) {
    if (!c.owner) continue;
    const list = byOwner.get(c.owner) ?? [];
    list.push(c);
    byOwner.set(c.owner, list);
  }
  for (const [owner, list] of byOwner) if (list.some((c) => !visible.has(c.id))) byOwner.delete(owner);
  return byOwner;
}

export interface ProposalRecord {
  id: number; handoverId: number; kind: Kind; clientId: number | null; person: string | null; standardVersion: number; inputs: ProposalInputs;
  computedFen: number; proposedFen: number; method: CompensationMethod; exceptionReason: string | null; exceptionBy: string | null; exceptionAt: string | null;
  agreedFen: number | null; agreedMethod: CompensationMethod | null; agreedOn: string | null; dueOn: string | null; promise: string;
  agreementDocumentId: number | null; paidFen: number; negotiations: number;
  code: string; name: string; region: string; tier: 'A' | 'B' | 'C' | null;
}

const SELECT = `SELECT p.id, p.handover_id AS handoverId, p.kind, p.client_id AS clientId, p.person, p.standard_version AS standardVersion, p.inputs,
    p.computed_fen AS computedFen, p.proposed_fen AS proposedFen, p.method, p.exception_reason AS exceptionReason, p.exception_by AS exceptionBy,
    p.exception_at AS exceptionAt, p.agreed_fen AS agreedFen, p.agreed_method AS agreedMethod, p.agreed_on AS agreedOn, p.due_on AS dueOn, p.promise,
    p.agreement_document_id AS agreementDocumentId,
    coalesce((SELECT sum(amount_fen) FROM compensation_payments pay WHERE pay.proposal_id = p.id), 0) AS paidFen,
    (SELECT count(*) FROM compensation_negotiations n WHERE n.proposal_id = p.id) AS negotiations,
    coalesce(c.code, '') AS code, coalesce(c.name, p.person) AS name, coalesce(c.region, '') AS region, c.tier
  FROM compensation_proposals p LEFT JOIN clients c ON c.id = p.client_id`;

const parse = (r: Record<string, unknown>): ProposalRecord => ({ ...(r as unknown as ProposalRecord), inputs: JSON.parse(r.inputs as string) as ProposalInputs });

export const FILTER_SQL = {
  all: '1',
  exceptions: 'p.exception_reason IS NOT NULL',
  agreed: 'p.agreed_fen IS NOT NULL',
  owed: 'p.agreed_fen > coalesce((SELECT sum(amount_fen) FROM compensation_payments pay WHERE pay.proposal_id = p.id), 0)',
  overdue: 'p.agreed_fen > coalesce((SELECT sum(amount_fen) FROM compensation_payments pay WHERE pay.proposal_id = p.id), 0) AND p.due_on < @today',
} as const;

/**
 * The proposals of one kind in a handover the caller may see: client proposals
 * of in-scope clients; staff proposals of persons in `persons` (whole portfolio in scope).
 */
function visibleWhere(access: UserAccess, kind: Kind, persons: string[] | null): { sql: string; params: Record<string, unknown> } {
  if (kind === 'staff') {
    if (persons === null) return { sql: "p.kind = 'staff'", params: {} };
    return { sql: "p.kind = 'staff' AND p.person IN (SELECT value FROM json_each(@persons))", params: { persons: JSON.stringify(persons) } };
  }
  const scope = scopeSql(access);
  if (!scope) return { sql: "p.kind = 'client'", params: {} };
  // scopeSql binds positionally; name them so they mix with the named parameters here.
  let i = 0;
  const params: Record<string, unknown> = {};
  const sql = scope.sql.replace(/\?/g, () => {
    const name = `s${i}`;
    params[name] = scope.params[i++];
    return `@${name}`;
  });
  return { sql: `p.kind = 'client' AND ${sql}`, params };
}

export interface ListQuery { handoverId: number; kind: Kind; filter: keyof typeof FILTER_SQL; text: string; offset: number; limit: number; today: string }

export function queryProposals(db: Db, access: UserAccess, q: ListQuery, persons: string[] | null): { total: number; rows: ProposalRecord[] } {
  const vis = visibleWhere(access, q.kind, persons);
  const text = q.text ? " AND (coalesce(c.name, p.person) LIKE @like ESCAPE '\\' OR coalesce(c.code, '') LIKE @like ESCAPE '\\')" : '';
  const params = { ...vis.params, handoverId: q.handoverId, today: q.today, like: `%${q.text.replace(/[%_\\]/g, (m) => `\\${m}`)}%` };
  const usedParams = (sql: string) => Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`)));
  const fullWhere = `WHERE p.handover_id = @handoverId AND ${vis.sql} AND ${FILTER_SQL[q.filter]}${text}`;
  const countSql = `SELECT count(*) FROM compensation_proposals p LEFT JOIN clients c ON c.id = p.client_id ${fullWhere}`;
  const total = db.prepare(countSql).pluck().get(usedParams(countSql)) as number;
  const pageSql = `${SELECT} ${fullWhere} ORDER BY coalesce(c.code, p.person), p.id LIMIT @limit OFFSET @offset`;
  const rows = (db.prepare(pageSql).all({ ...usedParams(pageSql), limit: q.limit, offset: q.offset }) as Record<string, unknown>[]).map(parse);
  return { total, rows };
}

/** Every visible proposal of a kind (fairness view, totals, change previews). */
export function allProposals(db: Db, access: UserAccess, handoverId: number, kind: Kind, persons: string[] | null): ProposalRecord[] {
  const vis = visibleWhere(access, kind, persons);
  const sql = `${SELECT} WHERE p.handover_id = @handoverId AND ${vis.sql} ORDER BY p.id`;
  return (db.prepare(sql).all({ ...vis.params, handoverId }) as Record<string, unknown>[]).map(parse);
}

export function proposalById(db: Db, handoverId: number, proposalId: number): ProposalRecord {
  const r = db.prepare(`${SELECT} WHERE p.id = ? AND p.handover_id = ?`).get(proposalId, handoverId) as Record<string, unknown> | undefined;
  if (!r) throw new AppError('COMPENSATION_NOT_FOUND', 'No such compensation proposal');
  return parse(r);
}

export interface ComputedProposal { clientId: number | null; person: string | null; inputs: ProposalInputs; computedFen: number }

/**
 * Write fresh computations: a new proposal takes the computed amount and the
 * standard's default method; an existing one keeps its exception amount and
 * method, its agreement and payments. Returns how many amounts changed.
 */
export function upsertProposals(db: Db, handoverId: number, kind: Kind, version: number, method: CompensationMethod, list: ComputedProposal[], at: string): number {
  const find = kind === 'client'
    ? cached(db, "SELECT id, proposed_fen, exception_reason FROM compensation_proposals WHERE handover_id = ? AND kind = 'client' AND client_id = ?")
    : cached(db, "SELECT id, proposed_fen, exception_reason FROM compensation_proposals WHERE handover_id = ? AND kind = 'staff' AND person = ?");
  const insert = cached(db, `INSERT INTO compensation_proposals (handover_id, kind, client_id, person, standard_version, inputs, computed_fen, proposed_fen, method, computed_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = cached(db, `UPDATE compensation_proposals SET standard_version = ?, inputs = ?, computed_fen = ?, computed_at = ?,
    proposed_fen = CASE WHEN exception_reason IS NULL THEN ? ELSE proposed_fen END WHERE id = ?`);
  let changed = 0;
  for (const p of list) {
    const existing = find.get(handoverId, kind === 'client' ? p.clientId : p.person) as { id: number; proposed_fen: number; exception_reason: string | null } | undefined;
    if (!existing) {
      insert.run(handoverId, kind, p.clientId, p.person, version, JSON.stringify(p.inputs), p.computedFen, p.computedFen, method, at);
      changed++;
    } else {
      update.run(version, JSON.stringify(p.inputs), p.computedFen, at, p.computedFen, existing.id);
      if (existing.exception_reason === null && existing.proposed_fen !== p.computedFen) changed++;
    }
  }
  return changed;
}

/** Proposals of subjects no longer in the handover go, unless something was agreed or paid on them. */
export function dropStale(db: Db, handoverId: number, kind: Kind, keep: { clientIds: number[]; persons: string[] }, visibleIds: number[]): number {
  const keepKey = kind === 'client' ? JSON.stringify(keep.clientIds) : JSON.stringify(keep.persons);
  return db.prepare(`DELETE FROM compensation_proposals WHERE handover_id = ? AND kind = ? AND agreed_fen IS NULL
      AND ${kind === 'client' ? 'client_id' : 'person'} NOT IN (SELECT value FROM json_each(?))
      AND id IN (SELECT value FROM json_each(?))
      AND NOT EXISTS (SELECT 1 FROM compensation_payments pay WHERE pay.proposal_id = compensation_proposals.id)`)
    .run(handoverId, kind, keepKey, JSON.stringify(visibleIds)).changes;
}

export function setException(db: Db, id: number, amountFen: number | null, method: CompensationMethod, reason: string, by: string, at: string): void {
  if (amountFen === null) {
    db.prepare('UPDATE compensation_proposals SET proposed_fen = computed_fen, method = ?, exception_reason = NULL, exception_by = NULL, exception_at = NULL WHERE id = ?')
      .run(method, id);
  } else {
    db.prepare('UPDATE compensation_proposals SET proposed_fen = ?, method = ?, exception_reason = ?, exception_by = ?, exception_at = ? WHERE id = ?')
      .run(amountFen, method, reason, by, at, id);
  }
}

export function insertNegotiation(db: Db, proposalId: number, n: { kind: string; date: string; amountFen: number | null; method: string; ourSide: string; theirSide: string; note: string }, by: string, at: string): void {
  db.prepare(`INSERT INTO compensation_negotiations (proposal_id, kind, date, amount_fen, method, our_side, their_side, note, recorded_by, recorded_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(proposalId, n.kind, n.date, n.amountFen, n.method, n.ourSide, n.theirSide, n.note, by, at);
}

export function saveAgreement(db: Db, proposalId: number, a: { amountFen: number; method: string; agreedOn: string; dueOn: string; promise: string; documentId: number | null }, by: string): void {
  db.prepare(`UPDATE compensation_proposals SET agreed_fen = ?, agreed_method = ?, agreed_on = ?, due_on = ?, promise = ?, agreement_document_id = ?, agreed_by = ? WHERE id = ?`)
    .run(a.amountFen, a.method, a.agreedOn, a.dueOn, a.promise, a.documentId, by, proposalId);
}

export function insertPayment(db: Db, proposalId: number, p: { paidOn: string; amountFen: number; evidence: string; documentId: number | null }, by: string, at: string): void {
  db.prepare(`INSERT INTO compensation_payments (proposal_id, paid_on, amount_fen, evidence, document_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(proposalId, p.paidOn, p.amountFen, p.evidence, p.documentId, by, at);
}

export function negotiationsOf(db: Db, proposalId: number) {
  return db.prepare(`SELECT id, kind, date, amount_fen AS amountFen, method, our_side AS ourSide, their_side AS theirSide, note, recorded_by AS recordedBy, recorded_at AS recordedAt
    FROM compensation_negotiations WHERE proposal_id = ? ORDER BY date, id`).all(proposalId) as {
    id: number; kind: 'offer' | 'counter-offer' | 'note'; date: string; amountFen: number | null; method: string; ourSide: string; theirSide: string; note: string; recordedBy: string; recordedAt: string;
  }[];
}

export function paymentsOf(db: Db, proposalId: number) {
  return db.prepare(`SELECT id, paid_on AS paidOn, amount_fen AS amountFen, evidence, document_id AS documentId, recorded_by AS recordedBy
    FROM compensation_payments WHERE proposal_id = ? ORDER BY paid_on, id`).all(proposalId) as {
    id: number; paidOn: string; amountFen: number; evidence: string; documentId: number | null; recordedBy: string;
  }[];
}

/** Agreed promises not fully paid whose due date has passed, across open handovers. */
export function overdueProposals(db: Db, today: string): (ProposalRecord & { handoverRef: string })[] {
  return (db.prepare(`${SELECT.replace('FROM compensation_proposals p', ', h.ref AS handoverRef FROM compensation_proposals p JOIN handovers h ON h.id = p.handover_id')}
    WHERE p.agreed_fen IS NOT NULL AND p.due_on < ? AND h.status != 'closed' AND ${FILTER_SQL.owed} ORDER BY p.due_on, p.id`).all(today) as Record<string, unknown>[])
    .map((r) => ({ ...parse(r), handoverRef: r.handoverRef as string }));
}

export function documentClient(db: Db, documentId: number): number | null {
  return (db.prepare("SELECT client_id FROM documents WHERE id = ? AND state = 'complete'").pluck().get(documentId) as number | undefined) ?? null;
}
