import { z } from 'zod';
import { COMPLETENESS_ITEMS } from './completeness';

/** Handovers (issue 5): the plan a handover manager builds step by step, and what the wizard shows. */
/** The package checksum (payload.tar.age): BLAKE2b-512 since issue 16, SHA-256 in packages exported before. */
export const packageChecksumAlg = z.enum(['blake2b512', 'sha256']);

export const HANDOVER_STATUSES = ['draft', 'submitted', 'approved', 'exported', 'acknowledged', 'closed'] as const;
export const DATA_CATEGORIES = ['basic', 'contacts', 'transactions', 'documents', 'notes', 'value'] as const;
export const PHASES = ['preparation', 'notices', 'due-diligence', 'transfer', 'follow-up'] as const;
export const DEPARTMENTS = ['sales', 'customer-service', 'finance', 'legal', 'hr', 'marketing'] as const;
export const ARRANGEMENTS = ['business-transfer', 'transition-service', 'compensation', 'training', 'technical-support'] as const;
export const RISK_CATEGORIES = ['information-leak', 'data-loss', 'client-churn', 'legal-dispute', 'service-gap', 'other'] as const;
export const RISK_STATUSES = ['open', 'mitigating', 'closed'] as const;
export const CHECK_STATUSES = ['open', 'done', 'not-applicable'] as const;
export const CHECKLIST_TEMPLATES = ['prc', 'eu'] as const;
export const NOTICE_STATUSES = ['generated', 'sent', 'acknowledged', 'consented', 'objected'] as const;
export const NOTICE_CHANNELS = ['letter', 'email', 'phone', 'in-person'] as const;
export const FOLLOWUP_OUTCOMES = ['contacted', 'retained', 'lost'] as const;
/** What must hold before a package can be exported, in the order the wizard shows them. */
export const GATES = ['recipients', 'nda', 'checklist', 'notices', 'backup', 'approvals'] as const;
/** PIPL cross-border thresholds per calendar year (individuals, sensitive records). */
export const CROSS_BORDER_LIMITS = { individuals: 100_000, sensitive: 10_000 } as const;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().trim().max(max);
const idSchema = z.number().int().positive();

export const scopeFilterSchema = z.strictObject({
  tiers: z.array(z.enum(['A', 'B', 'C'])).max(3),
  regions: z.array(text(100)).max(200),
  industries: z.array(text(100)).max(200),
  owners: z.array(text(100)).max(500),
  tags: z.array(text(50)).max(200),
});

/** Which clients go: everything matching a filter, or a hand-picked list of client ids. */
export const handoverScopeSchema = z.strictObject({
  mode: z.enum(['filter', 'picked']),
  filter: scopeFilterSchema,
  picked: z.array(idSchema).max(200_000),
});
export type HandoverScope = z.infer<typeof handoverScopeSchema>;

export const buyerSchema = z.strictObject({
  name: text(200),
  contact: text(100),
  phone: text(50),
  email: text(254),
  address: text(500),
  overseas: z.boolean(),
});
export type Buyer = z.infer<typeof buyerSchema>;

/**
 * A phase of the plan: its planned start and end (`planned`, the day it is due: the dashboard's overdue and the
 * report's timeliness count from it) and the day it was actually finished. `start` came later and may be absent.
 */
export const phaseSchema = z.strictObject({ start: date.nullable().optional(), planned: date.nullable(), actual: date.nullable() })
  .refine((p) => !p.start || !p.planned || p.start <= p.planned, { message: 'A phase cannot start after its planned end', path: ['start'] });
export const timelineSchema = z.record(z.enum(PHASES), phaseSchema);
export const teamSchema = z.strictObject({
  owner: text(100),
  departments: z.partialRecord(z.enum(DEPARTMENTS), z.strictObject({ lead: text(100), duty: text(1000) })),
});
export const noticeSettingsSchema = z.strictObject({
  startDate: date.nullable(),
  effectiveDate: date.nullable(),
  objectionWeeks: z.number().int().min(1).max(26),
  sellerContact: text(300),
});

export const handoverPatchSchema = z.strictObject({
  title: text(200).min(1).optional(),
  buyer: buyerSchema.optional(),
  recipientKeys: z.array(idSchema).max(20).optional(),
  categories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length).optional(),
  timeline: timelineSchema.optional(),
  team: teamSchema.optional(),
  notice: noticeSettingsSchema.optional(),
});
export type HandoverPatch = z.infer<typeof handoverPatchSchema>;

export const gateSchema = z.strictObject({
  gate: z.enum(GATES),
  ok: z.boolean(),
  /** Plain-words problems: a message key under `handover.problem.` and its values. */
  problems: z.array(z.strictObject({ code: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) })),
  overridden: z.strictObject({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
});
export type GateView = z.infer<typeof gateSchema>;

export const approvalSchema = z.strictObject({
  user: z.string(),
  at: z.string(),
  comment: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});

export const ndaSchema = z.strictObject({
  id: z.number().int(),
  parties: z.string(),
  signedOn: z.string(),
  expiresOn: z.string().nullable(),
  scope: z.string(),
  file: z.strictObject({ id: z.number().int(), name: z.string(), size: z.number().int(), sha256: z.string() }).nullable(),
  addedBy: z.string(),
});

export const riskInputSchema = z.strictObject({
  title: text(300).min(1),
  category: z.enum(RISK_CATEGORIES),
  likelihood: z.number().int().min(1).max(5),
  impact: z.number().int().min(1).max(5),
  mitigation: text(2000),
  owner: text(100),
  status: z.enum(RISK_STATUSES),
  reviewOn: date.nullable(),
});
export const riskSchema = riskInputSchema.extend({ id: z.number().int(), level: z.number().int() });

export const checklistItemInputSchema = z.strictObject({
  title: text(500),
  owner: text(100),
  status: z.enum(CHECK_STATUSES),
  evidence: text(5000),
});
export const checklistItemSchema = checklistItemInputSchema.extend({
  id: z.number().int(),
  key: z.string(),
  file: z.strictObject({ id: z.number().int(), name: z.string(), sha256: z.string() }).nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const crossBorderSchema = z.strictObject({
  year: z.number().int(),
  /** This handover's individuals (individual clients and contact persons) and sensitive records (their transactions). */
  individuals: z.number().int(),
  sensitive: z.number().int(),
  /** Running totals this calendar year to overseas recipients, including this handover. */
  yearIndividuals: z.number().int(),
  yearSensitive: z.number().int(),
  warn: z.boolean(),
});

export const noticeStatsSchema = z.strictObject({
  inScope: z.number().int(),
  notGenerated: z.number().int(),
  generated: z.number().int(),
  sent: z.number().int(),
  acknowledged: z.number().int(),
  consented: z.number().int(),
  objected: z.number().int(),
  unanswered: z.number().int(),
  undecided: z.number().int(),
  deadline: z.string().nullable(),
  windowClosed: z.boolean(),
});

export const handoverSummarySchema = z.strictObject({
  id: z.number().int(),
  ref: z.string(),
  title: z.string(),
  status: z.enum(HANDOVER_STATUSES),
  buyer: z.string(),
  clients: z.number().int(),
  gatesOpen: z.number().int(),
  nextDate: z.strictObject({ phase: z.enum(PHASES), date: z.string(), days: z.number().int() }).nullable(),
  updatedAt: z.string(),
});

export const handoverDetailSchema = z.strictObject({
  id: z.number().int(),
  ref: z.string(),
  title: z.string(),
  status: z.enum(HANDOVER_STATUSES),
  readOnly: z.boolean(),
  buyer: buyerSchema,
  recipientKeys: z.array(z.number().int()),
  scope: handoverScopeSchema,
  categories: z.array(z.enum(DATA_CATEGORIES)),
  scopeVersion: z.number().int(),
  timeline: timelineSchema,
  team: teamSchema,
  notice: noticeSettingsSchema,
  backup: z.strictObject({ file: z.string(), sha256: z.string(), at: z.string(), by: z.string() }).nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  package: z.strictObject({ packageId: z.string(), checksum: z.string(), checksumAlg: packageChecksumAlg, senderFingerprint: z.string(), file: z.string(), at: z.string(), by: z.string(), clients: z.number().int(), documents: z.number().int(), completeness: z.number() }).nullable(),
  receipt: z.strictObject({ receivedBy: z.string(), receivedAt: z.string(), receiverKey: z.string(), importedAt: z.string() }).nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  included: z.number().int(),
  excluded: z.number().int(),
  /** What an export would carry now: documents of the included clients (when documents go) and their size. */
  contents: z.strictObject({ documents: z.number().int(), bytes: z.number() }),
  revenue: z.array(z.strictObject({ currency: z.string(), amount: z.number() })).nullable(),
  ndas: z.array(ndaSchema),
  risks: z.array(riskSchema),
  checklist: z.array(checklistItemSchema),
  approvals: z.array(approvalSchema),
  /** 驳回: who sent the plan back, when and why (from the access log). */
  rejections: z.array(z.strictObject({ user: z.string(), at: z.string(), reason: z.string() })),
  gates: z.array(gateSchema),
  notices: noticeStatsSchema,
  crossBorder: crossBorderSchema,
  followups: z.strictObject({ contacted: z.number().int(), retained: z.number().int(), lost: z.number().int(), satisfaction: z.number().nullable() }),
});
export type HandoverDetail = z.infer<typeof handoverDetailSchema>;

export const scopePreviewSchema = z.strictObject({
  count: z.number().int(),
  revenue: z.array(z.strictObject({ currency: z.string(), amount: z.number() })).nullable(),
});

export const handoverClientRowSchema = z.strictObject({
  clientId: z.number().int(),
  code: z.string(),
  name: z.string(),
  region: z.string(),
  tier: z.enum(['A', 'B', 'C']).nullable(),
  contact: z.string(),
  included: z.boolean(),
  excludedReason: z.string(),
  receivingOwner: z.string(),
  arrangement: z.string(),
  negotiation: z.string(),
  notice: z.enum(NOTICE_STATUSES).nullable(),
  noticeSha256: z.string().nullable(),
  channel: z.string(),
  sentOn: z.string().nullable(),
  decision: z.string(),
  followup: z.enum(FOLLOWUP_OUTCOMES).nullable(),
});
export const handoverClientQuerySchema = z.strictObject({
  id: idSchema,
  text: text(100).default(''),
  filter: z.enum(['all', 'included', 'excluded', 'not-sent', 'unanswered', 'objected']).default('all'),
  /** Only the clients lacking this item of 资料完整度 (the tooltip's 查看全部). */
  missing: z.enum(COMPLETENESS_ITEMS).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export const handoverClientPageSchema = z.strictObject({ total: z.number().int(), rows: z.array(handoverClientRowSchema) });
/**
 * "Every client of this handover matching the list's filter and search", for a bulk action over all pages
 * (选择全部 N 个符合条件的客户). It names no ids: the router lists them in the caller's scope, exactly as the
 * list showed them, and checks them like picked ones before the handler runs.
 */
export const handoverMatchingSchema = z.strictObject({
  matching: z.strictObject({ filter: handoverClientQuerySchema.shape.filter, text: handoverClientQuerySchema.shape.text }),
});
export type HandoverMatching = z.infer<typeof handoverMatchingSchema>['matching'];

export const handoverIdInput = z.strictObject({ id: idSchema });
export { date as isoDateSchema };
