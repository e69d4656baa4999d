import { z } from 'zod';
import { CLIENT_FIELDS } from '../clients/fields';
import { MASKABLE_FIELDS } from './permissions';
import { NOT_ONE_LINE } from '../clients/one-line';

/** Which sensitive fields the core replaced with masked forms for this user. */
export const maskedListSchema = z.array(z.enum(MASKABLE_FIELDS));

/** Client records across the boundary. Money in minor units (fen/cents); dates YYYY-MM-DD. */
const text = (max: number) => z.string().trim().max(max);
/** A field read as one line: no control characters, no bidi overrides (shared/clients/one-line.ts). */
const line = (max: number) => text(max).refine((v) => !NOT_ONE_LINE.test(v), 'one line, no control characters');
export const contactSchema = z.strictObject({
  name: line(100),
  title: line(100),
  phones: z.array(z.string().max(32)).max(10),
  emails: z.array(z.string().max(254)).max(10),
});
export type Contact = z.infer<typeof contactSchema>;

export const clientDraftSchema = z.strictObject({
  code: line(64).min(1),
  name: line(200).min(1),
  type: z.enum(['company', 'individual']),
  industry: line(100),
  region: line(100),
  city: line(100),
  address: text(500),
  owner: line(100),
  department: line(100),
  importance: line(32),
  tags: z.array(line(50).min(1)).max(30),
  cooperationStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  annualRevenue: z.number().int().nullable(),
  grossProfit: z.number().int().nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  renewalRate: z.number().min(0).max(1).nullable(),
  satisfaction: z.number().min(0).max(10).nullable(),
  notes: z.string().max(100_000),
  contacts: z.array(contactSchema).max(50),
});
export type ClientDraft = z.infer<typeof clientDraftSchema>;

export const transactionSchema = z.strictObject({
  id: z.number().int(),
  kind: z.enum(['transaction', 'contract']),
  ref: z.string(),
  date: z.string().nullable(),
  amount: z.number().int().nullable(),
  currency: z.string(),
  status: z.string(),
});
export const communicationSchema = z.strictObject({
  id: z.number().int(),
  date: z.string(),
  channel: z.string(),
  summary: z.string(),
  byUser: z.string(),
});

export const clientDetailSchema = clientDraftSchema.extend({
  id: z.number().int(),
  tier: z.enum(['A', 'B', 'C']).nullable(),
  valueScore: z.number().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  transactions: z.array(transactionSchema),
  communications: z.array(communicationSchema),
  masked: maskedListSchema,
});
export type ClientDetail = z.infer<typeof clientDetailSchema>;

export const clientRowSchema = z.strictObject({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  type: z.enum(['company', 'individual']),
  industry: z.string(),
  region: z.string(),
  city: z.string(),
  owner: z.string(),
  importance: z.string(),
  contact: z.string(),
  phone: z.string(),
  annualRevenue: z.number().nullable(),
  currency: z.string(),
  archived: z.boolean(),
  tier: z.enum(['A', 'B', 'C']).nullable(),
  valueScore: z.number().nullable(),
});
export type ClientRow = z.infer<typeof clientRowSchema>;

export const SORT_KEYS = ['name', 'code', 'region', 'industry', 'owner', 'annualRevenue', 'valueScore'] as const;
export const clientQuerySchema = z.strictObject({
  text: z.string().max(200).default(''),
  region: z.string().max(100).optional(),
  industry: z.string().max(100).optional(),
  owner: z.string().max(100).optional(),
  type: z.enum(['company', 'individual']).optional(),
  tag: z.string().max(50).optional(),
  tier: z.enum(['A', 'B', 'C']).optional(),
  includeArchived: z.boolean().default(false),
  sort: z.enum(SORT_KEYS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ClientQuery = z.input<typeof clientQuerySchema>;

export const clientPageSchema = z.strictObject({
  total: z.number().int(),
  /** True when a text search matched more than the search cap: refine the query. */
  capped: z.boolean(),
  rows: z.array(clientRowSchema),
  masked: maskedListSchema,
});
export type ClientPage = z.infer<typeof clientPageSchema>;

export const facetsSchema = z.strictObject({
  regions: z.array(z.string()),
  industries: z.array(z.string()),
  owners: z.array(z.string()),
  tags: z.array(z.string()),
  total: z.number().int(),
});

export const importSourceSchema = z.strictObject({
  file: z.string().min(1).max(4096),
  encoding: z.enum(['auto', 'utf8', 'gbk']).default('auto'),
});
export const clientFieldOrNull = z.enum(CLIENT_FIELDS).nullable();
export const importOptionsSchema = importSourceSchema.extend({
  mapping: z.array(clientFieldOrNull).max(500),
  onDuplicate: z.enum(['skip', 'update', 'keep']),
});

export const importPreviewSchema = z.strictObject({
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  rowCount: z.number().int(),
  suggested: z.array(clientFieldOrNull),
  saved: z.array(z.strictObject({ name: z.string(), mapping: z.array(clientFieldOrNull) })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const rowProblemSchema = z.strictObject({
  row: z.number().int(),
  column: z.string(),
  field: z.union([z.enum(CLIENT_FIELDS), z.literal('row')]),
  reason: z.string(),
  value: z.string(),
});
export const importReportSchema = z.strictObject({
  summary: z.strictObject({ rows: z.number().int(), imported: z.number().int(), updated: z.number().int(), skipped: z.number().int(), rejected: z.number().int() }),
  encoding: z.string(),
  problemCount: z.number().int(),
  problems: z.array(rowProblemSchema),
  duplicates: z.array(z.strictObject({
    row: z.number().int(), code: z.string(), name: z.string(), matchedBy: z.enum(['code', 'nameContact']),
    otherRow: z.number().int().nullable(), action: z.enum(['skipped', 'updated', 'kept']),
  })),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const documentViewSchema = z.strictObject({
  id: z.number().int(),
  clientId: z.number().int(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type DocumentView = z.infer<typeof documentViewSchema>;

const weight = z.number().min(0).max(100);
export const valueWeightsSchema = z.strictObject({ revenue: weight, profit: weight, satisfaction: weight, renewal: weight, years: weight })
  .refine((w) => w.revenue + w.profit + w.satisfaction + w.renewal + w.years > 0, { message: 'at least one weight above 0' });
const distribution = z.array(z.strictObject({ key: z.string(), clients: z.number().int(), revenue: z.number() }));
export const clientValueSchema = z.strictObject({
  weights: z.strictObject({ revenue: z.number(), profit: z.number(), satisfaction: z.number(), renewal: z.number(), years: z.number() }),
  distribution: z.strictObject({ byTier: distribution, byRegion: distribution, byIndustry: distribution }),
  masked: maskedListSchema,
});

/** A path to one sensitive value of one client, for a reveal. */
export const revealPathSchema = z.string().regex(/^(address|annualRevenue|grossProfit|contacts\.\d{1,2}\.(phones|emails)\.\d{1,2}|transactions\.\d{1,12}\.amount)$/);

export const savedFilterSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  filter: z.strictObject({
    text: z.string().max(200).optional(),
    region: z.string().max(100).optional(),
    industry: z.string().max(100).optional(),
    owner: z.string().max(100).optional(),
    tag: z.string().max(50).optional(),
    tier: z.enum(['A', 'B', 'C']).optional(),
    includeArchived: z.boolean().optional(),
    sort: z.enum(SORT_KEYS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
  }),
});
export type SavedFilter = z.infer<typeof savedFilterSchema>;

/** A transaction or contract on a client's record (amount in minor units). */
export const transactionInput = z.strictObject({
  clientId: z.number().int().positive(),
  kind: z.enum(['transaction', 'contract']),
  ref: z.string().trim().min(1).max(100),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  amount: z.number().int().nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  status: z.string().trim().max(50),
});
export const communicationInput = z.strictObject({
  clientId: z.number().int().positive(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  channel: z.string().trim().min(1).max(50),
  summary: z.string().trim().min(1).max(5000),
});
