import { z } from 'zod';
import { COMPENSATION_BASES } from '../compensation/compute';
import { NO_ROWS, type Rows } from './refs';

/**
 * Client compensation (issue 19) across the boundary. Amounts are integers in
 * fen; for a role that masks `amounts` every amount — and every input an
 * amount was computed from — arrives as null, decided in the core.
 */
export const COMPENSATION_METHODS = ['cash', 'discount', 'business-transfer', 'transition-service', 'training', 'technical-support', 'equity'] as const;
export type CompensationMethod = (typeof COMPENSATION_METHODS)[number];
/** `client`: the handover's clients; `staff`: the seller's own people handing over the clients they own. */
export const COMPENSATION_KINDS = ['client', 'staff'] as const;
export const NEGOTIATION_KINDS = ['offer', 'counter-offer', 'note'] as const;
export const PROPOSAL_STATUSES = ['proposed', 'negotiating', 'agreed', 'paid', 'overdue'] as const;
export const PROPOSAL_FILTERS = ['all', 'exceptions', 'agreed', 'owed', 'overdue'] as const;

const id = z.number().int().positive();
const fen = z.number().int().min(0).max(1e15);
const permille = z.number().int().min(0).max(10_000);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const words = (max: number) => z.string().trim().max(max);
const tiers = <T extends z.ZodType>(t: T) => z.strictObject({ A: t, B: t, C: t });
const kind = z.enum(COMPENSATION_KINDS);

export const compensationStandardSchema = z.strictObject({
  basis: z.enum(COMPENSATION_BASES),
  rateBp: z.number().int().min(0).max(10_000),
  fixedFen: tiers(fen),
  tierFactors: tiers(permille),
  loyalty: z.strictObject({ minRenewalPercent: z.number().int().min(0).max(100), factorPermille: permille }),
  stability: z.strictObject({ minYears: z.number().int().min(0).max(100), factorPermille: permille }),
  floorFen: fen,
  capFen: fen,
  methods: z.array(z.enum(COMPENSATION_METHODS)).min(1).max(COMPENSATION_METHODS.length),
  defaultMethod: z.enum(COMPENSATION_METHODS),
  budgetFen: fen,
}).refine((s) => s.capFen >= s.floorFen, { message: 'The cap must not be below the floor', path: ['capFen'] })
  .refine((s) => s.methods.includes(s.defaultMethod), { message: 'The default method must be one of the allowed methods', path: ['defaultMethod'] });
export type CompensationStandardInput = z.infer<typeof compensationStandardSchema>;

export const proposalInputsSchema = z.strictObject({
  v: z.literal(1),
  basis: z.enum(COMPENSATION_BASES),
  basisFen: z.number().int(),
  rateBp: z.number().int(),
  tier: z.enum(['A', 'B', 'C']).nullable(),
  tierFactor: z.number().int(),
  renewalPercent: z.number().int().nullable(),
  loyaltyFactor: z.number().int(),
  years: z.number().int().nullable(),
  stabilityFactor: z.number().int(),
  floorFen: z.number().int(),
  capFen: z.number().int(),
  clients: z.number().int().optional(),
});

const byHandover = z.strictObject({ handoverId: id, kind });

/**
 * "Every proposal matching the list's filter and search" (选择全部 N 个符合条件的客户), for a bulk action over
 * all pages. It names no ids: the router lists the proposals the caller may see, as the list showed them.
 */
export const proposalMatchingSchema = z.strictObject({
  matching: z.strictObject({ kind, filter: z.enum(PROPOSAL_FILTERS), text: words(100) }),
});
export type ProposalMatching = z.infer<typeof proposalMatchingSchema>['matching'];
const proposalSelection = z.union([z.array(id).min(1).max(200_000), proposalMatchingSchema]);
const proposalRef = z.strictObject({ handoverId: id, proposalId: id });

export const standardViewSchema = z.strictObject({
  standard: compensationStandardSchema.nullable(),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** The standard holds amounts; a role that masks amounts sees that one is set, not what it says. */
  masked: z.boolean(),
});

export const standardChangeSchema = z.strictObject({
  proposals: z.number().int(),
  changed: z.number().int(),
  increased: z.number().int(),
  decreased: z.number().int(),
  /** Exceptions keep their amount whatever the standard says. */
  exceptionsKept: z.number().int(),
  totalBeforeFen: fen.nullable(),
  totalAfterFen: fen.nullable(),
  budgetFen: fen.nullable(),
  examples: z.array(z.strictObject({ name: z.string(), code: z.string(), beforeFen: fen.nullable(), afterFen: fen.nullable() })),
  voidedApprovals: z.number().int(),
});

export const proposalRowSchema = z.strictObject({
  id,
  kind,
  clientId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  region: z.string(),
  tier: z.enum(['A', 'B', 'C']).nullable(),
  method: z.enum(COMPENSATION_METHODS),
  status: z.enum(PROPOSAL_STATUSES),
  computedFen: fen.nullable(),
  proposedFen: fen.nullable(),
  exception: z.strictObject({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  agreedFen: fen.nullable(),
  agreedMethod: z.enum(COMPENSATION_METHODS).nullable(),
  agreedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  paidFen: fen.nullable(),
  owedFen: fen.nullable(),
  agreementDocumentId: z.number().int().nullable(),
});
export type ProposalRow = z.infer<typeof proposalRowSchema>;

export const totalsSchema = z.strictObject({
  proposals: z.number().int(), exceptions: z.number().int(), agreed: z.number().int(), overdue: z.number().int(),
  proposedFen: fen.nullable(), agreedFen: fen.nullable(), paidFen: fen.nullable(), owedFen: fen.nullable(), budgetFen: fen.nullable(),
});

export const proposalDetailSchema = z.strictObject({
  row: proposalRowSchema,
  inputs: proposalInputsSchema.nullable(),
  promise: z.string(),
  negotiations: z.array(z.strictObject({
    id, kind: z.enum(NEGOTIATION_KINDS), date: z.string(), amountFen: fen.nullable(), method: z.string(), ourSide: z.string(), theirSide: z.string(),
    note: z.string(), recordedBy: z.string(), recordedAt: z.string(),
  })),
  payments: z.array(z.strictObject({ id, paidOn: z.string(), amountFen: fen.nullable(), evidence: z.string(), documentId: z.number().int().nullable(), recordedBy: z.string() })),
});
export type ProposalDetail = z.infer<typeof proposalDetailSchema>;

const groupSchema = z.strictObject({ key: z.string(), count: z.number().int(), totalFen: fen, minFen: fen, medianFen: fen, maxFen: fen });
export const fairnessSchema = z.strictObject({
  masked: z.boolean(),
  byTier: z.array(groupSchema),
  byRegion: z.array(groupSchema),
  outliers: z.array(z.strictObject({ id, name: z.string(), code: z.string(), tier: z.string(), proposedFen: fen, why: z.enum(['high', 'low']) })),
  atFloor: z.number().int(),
  atCap: z.number().int(),
  exceptions: z.array(z.strictObject({ id, name: z.string(), code: z.string(), computedFen: fen, proposedFen: fen, reason: z.string(), by: z.string() })),
  totalFen: fen,
  budgetFen: fen,
});
export type Fairness = z.infer<typeof fairnessSchema>;

export const overdueRowSchema = z.strictObject({
  handoverId: id, handoverRef: z.string(), proposalId: id, kind, clientId: z.number().int().nullable(), name: z.string(), code: z.string(),
  dueOn: z.string(), daysOverdue: z.number().int(), owedFen: fen.nullable(), method: z.enum(COMPENSATION_METHODS),
});

const cohort = z.strictObject({ clients: z.number().int(), followedUp: z.number().int(), retained: z.number().int(), retention: z.number().nullable(), satisfaction: z.number().nullable() });
export const evaluationSchema = z.strictObject({
  compensated: cohort,
  others: cohort,
  paidFen: fen.nullable(),
  retainedRevenueFen: fen.nullable(),
  /** Compensation paid per unit of the retained clients' annual revenue (0.05: 5 fen per 元); null when none retained or masked. */
  costPerRetainedRevenue: z.number().nullable(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const receivedCommitmentSchema = z.strictObject({
  handoverRef: z.string(), method: z.string(), promise: z.string(), agreedFen: fen.nullable(), paidFen: fen.nullable(), owedFen: fen.nullable(), dueOn: z.string().nullable(),
});

const summary = z.strictObject({ proposals: z.number().int(), totalFen: fen.nullable(), voidedApprovals: z.number().int() });

/**
 * The compensation channels, spread into the CONTRACT. `refs` says which input
 * fields name ids; the router checks them against the caller's scope, and the
 * compensation service checks the same ids itself too (authz.ts).
 * `proposalId` is a child (`item`) of `handoverId`: the service looks it up only there,
 * and only if its client is in the caller's scope.
 */
export const COMPENSATION_REFS = {
  handoverId: 'handover',
  proposalId: 'item',
  proposalIds: 'item',
  clientId: 'client',
  documentId: 'document',
} as const;
type RefKind = (typeof COMPENSATION_REFS)[keyof typeof COMPENSATION_REFS];
const refs = (...fields: (keyof typeof COMPENSATION_REFS)[]): Readonly<Record<string, RefKind>> => Object.fromEntries(fields.map((f) => [f, COMPENSATION_REFS[f]]));
const spec = <I extends z.ZodType, O extends z.ZodType>(
  access: 'clients.read' | 'clients.edit' | 'handover.plan', input: I, output: O, r: Readonly<Record<string, RefKind>>, rows: Rows = NO_ROWS,
) => ({ access, input, output, refs: r, rows });
/** Preview examples, outliers and exceptions name clients by code; proposal rows by id (null for a staff member's). */
const EXAMPLE_ROWS = { examples: { kind: 'client', field: 'code' } } as const satisfies Rows;

export const COMPENSATION_CONTRACT = {
  'compensation.standard': spec('clients.read', byHandover, standardViewSchema, refs('handoverId')),
  'compensation.previewStandard': spec('handover.plan', byHandover.extend({ standard: compensationStandardSchema }), standardChangeSchema, refs('handoverId'), EXAMPLE_ROWS),
  'compensation.setStandard': spec('handover.plan', byHandover.extend({ standard: compensationStandardSchema }), standardChangeSchema, refs('handoverId'), EXAMPLE_ROWS),
  'compensation.compute': spec('handover.plan', byHandover, summary, refs('handoverId')),
  'compensation.list': spec(
    'clients.read',
    byHandover.extend({
      filter: z.enum(PROPOSAL_FILTERS).default('all'), text: words(100).default(''),
      offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50),
    }),
    z.strictObject({ total: z.number().int(), totals: totalsSchema, rows: z.array(proposalRowSchema) }),
    refs('handoverId'),
    { rows: { kind: 'client', field: 'clientId' } },
  ),
  'compensation.proposal': spec('clients.read', proposalRef, proposalDetailSchema, refs('handoverId', 'proposalId')),
  'compensation.fairness': spec('clients.read', byHandover, fairnessSchema, refs('handoverId'), {
    outliers: { kind: 'client', field: 'code' }, exceptions: { kind: 'client', field: 'code' },
  }),
  'compensation.setException': spec(
    'handover.plan',
    proposalRef.extend({ amountFen: fen.nullable(), method: z.enum(COMPENSATION_METHODS), reason: z.string().trim().min(5).max(2000) }),
    proposalDetailSchema,
    refs('handoverId', 'proposalId'),
  ),
  'compensation.recordNegotiation': spec(
    'clients.edit',
    proposalRef.extend({
      kind: z.enum(NEGOTIATION_KINDS), date: day, amountFen: fen.nullable(), method: z.enum(COMPENSATION_METHODS).nullable(),
      ourSide: z.string().trim().min(1).max(200), theirSide: z.string().trim().min(1).max(200), note: words(5000),
    }),
    proposalDetailSchema,
    refs('handoverId', 'proposalId'),
  ),
  /** 发出补偿方案: an offer at each selected proposal's amount and method, recorded in one call and one log entry. */
  'compensation.recordOffers': spec(
    'clients.edit',
    z.strictObject({
      handoverId: id, proposalIds: proposalSelection, date: day, ourSide: z.string().trim().min(1).max(200), theirSide: z.string().trim().min(1).max(200), note: words(5000),
    }),
    z.strictObject({ recorded: z.number().int(), skipped: z.number().int() }),
    refs('handoverId', 'proposalIds'),
  ),
  'compensation.recordAgreement': spec(
    'clients.edit',
    proposalRef.extend({
      amountFen: fen, method: z.enum(COMPENSATION_METHODS), agreedOn: day, dueOn: day, promise: z.string().trim().min(1).max(2000), documentId: id.nullable(),
    }),
    proposalDetailSchema,
    refs('handoverId', 'proposalId', 'documentId'),
  ),
  'compensation.recordPayment': spec(
    'clients.edit',
    proposalRef.extend({ paidOn: day, amountFen: fen.min(1), evidence: z.string().trim().min(2).max(2000), documentId: id.nullable() }),
    proposalDetailSchema,
    refs('handoverId', 'proposalId', 'documentId'),
  ),
  'compensation.overdue': spec('clients.read', z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }), z.array(overdueRowSchema), {}, {
    '': [{ kind: 'handover', field: 'handoverId' }, { kind: 'client', field: 'clientId' }],
  }),
  'compensation.evaluation': spec('clients.read', z.strictObject({ handoverId: id }), evaluationSchema, refs('handoverId')),
  'compensation.received': spec('clients.read', z.strictObject({ clientId: id }), z.array(receivedCommitmentSchema), refs('clientId')),
} as const;
