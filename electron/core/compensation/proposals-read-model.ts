import type { CompensationMethod } from '../../../shared/contract/compensation';
import type { ProposalInputs } from '../../../shared/compensation/compute';
import { AppError } from '../../../shared/errors';
import { scopeSql, type UserAccess } from '../roles/authz';
import type { Db } from '../db/database';
import type { Kind } from './store';

/**
 * A read model (issue 18): the compensation proposals as the screens, the
 * workbench and the package read them, joined with what other domains own —
 * the clients they are for (code, name, region, tier, value data, the
 * caller's scope), the handover's scope, its reference, and the signed
 * agreement's document. It only reads; every write is in store.ts.
 */

/** The value data of a handover's included clients the caller may see. */
export interface SubjectClient {
  id: number; code: string; name: string; region: string; owner: string; tier: 'A' | 'B' | 'C' | null;
  annualRevenue: number | null; grossProfit: number | null; renewalRate: number | null; cooperationStart: string | null;
}

// Joins handover_clients and clients: the value data a standard computes from, narrowed to the caller's scope.
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

// Joins clients: a proposal is shown with its client's code, name, region and tier (a staff proposal has none).
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

/** Agreed promises not fully paid whose due date has passed, across open handovers. */
// Joins handovers: the workbench names each overdue promise's handover, and leaves closed handovers out.
export function overdueProposals(db: Db, today: string): (ProposalRecord & { handoverRef: string })[] {
  return (db.prepare(`${SELECT.replace('FROM compensation_proposals p', ', h.ref AS handoverRef FROM compensation_proposals p JOIN handovers h ON h.id = p.handover_id')}
    WHERE p.agreed_fen IS NOT NULL AND p.due_on < ? AND h.status != 'closed' AND ${FILTER_SQL.owed} ORDER BY p.due_on, p.id`).all(today) as Record<string, unknown>[])
    .map((r) => ({ ...parse(r), handoverRef: r.handoverRef as string }));
}

/** An agreed client compensation, as the package carries it. */
export interface AgreedCommitment {
  clientId: number; code: string; name: string; method: string; promise: string; agreedFen: number; paidFen: number; owedFen: number;
  agreedOn: string | null; dueOn: string | null; agreementSha256: string | null;
}

/**
 * The agreed compensations of the handover's included clients, with what is paid.
 * Joins clients, handover_clients and documents: the package names the client, sends only its scope, and carries the agreement's SHA-256.
 */
export function agreedCommitments(db: Db, handoverId: number): AgreedCommitment[] {
  return db.prepare(`SELECT p.client_id AS clientId, c.code, c.name, coalesce(p.agreed_method, p.method) AS method, p.promise, p.agreed_fen AS agreedFen,
      coalesce((SELECT sum(amount_fen) FROM compensation_payments pay WHERE pay.proposal_id = p.id), 0) AS paidFen, p.agreed_on AS agreedOn, p.due_on AS dueOn,
      (SELECT sha256 FROM documents d WHERE d.id = p.agreement_document_id) AS agreementSha256
    FROM compensation_proposals p JOIN clients c ON c.id = p.client_id
    JOIN handover_clients hc ON hc.handover_id = p.handover_id AND hc.client_id = p.client_id AND hc.included = 1
    WHERE p.handover_id = ? AND p.kind = 'client' AND p.agreed_fen IS NOT NULL ORDER BY p.client_id`).all(handoverId)
    .map((r) => {
      const row = r as Omit<AgreedCommitment, 'owedFen'>;
      return { ...row, owedFen: Math.max(0, row.agreedFen - row.paidFen) };
    });
}
