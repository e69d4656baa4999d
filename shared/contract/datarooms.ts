import { z } from 'zod';
import { DATA_CATEGORIES, handoverMatchingSchema } from './handovers';
import { MASKABLE_FIELDS } from './permissions';

/** Supervised data-room sessions (issue 7). */
export const DATAROOM_END_REASONS = ['facilitator', 'expired', 'idle', 'os-lock', 'suspend', 'manual', 'switch', 'restore'] as const;

export const dataroomStartSchema = z.strictObject({
  handoverId: z.number().int().positive(),
  reviewer: z.strictObject({ name: z.string().trim().min(1).max(100), organisation: z.string().trim().min(1).max(200), idNumber: z.string().trim().max(50) }),
  /**
   * A subset of the handover's clients (empty = all of them), or every one matching the picker's search
   * (选择全部 N 个符合条件的客户), which the router turns into ids in the facilitator's scope.
   */
  clientIds: z.union([z.array(z.number().int().positive()).max(200_000), handoverMatchingSchema]),
  categories: z.array(z.enum(DATA_CATEGORIES)).min(1),
  masked: z.array(z.enum(MASKABLE_FIELDS)),
  documents: z.boolean(),
  /** Time limit in seconds (30 s to 12 h). */
  seconds: z.number().int().min(30).max(12 * 3600),
  passphrase: z.string().min(1).max(1024),
});

/**
 * Extending a running session: whole minutes each time, a few times, and never past the longest
 * session one may start — a reviewer who needs more gets a new session (and a new report).
 */
export const DATAROOM_EXTENSION_LIMITS = { minutes: [5, 10, 15, 30, 60], extensions: 3, totalHours: 12 } as const;

export const dataroomExtendSchema = z.strictObject({
  minutes: z.number().int().min(1).max(60),
  passphrase: z.string().min(1).max(1024),
});

/** What the reviewer's screen and the facilitator's list both say about a session. */
const sessionFields = {
  handoverRef: z.string(),
  reviewer: z.string(),
  organisation: z.string(),
  facilitator: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
  clients: z.number().int(),
};

export const dataroomInfoSchema = z.strictObject({
  sessionId: z.string(),
  ...sessionFields,
  now: z.string(),
  documents: z.boolean(),
  masked: z.array(z.enum(MASKABLE_FIELDS)),
  categories: z.array(z.enum(DATA_CATEGORIES)),
});
export type DataroomInfo = z.infer<typeof dataroomInfoSchema>;

export const dataroomSessionSchema = z.strictObject({
  id: z.string(),
  handoverId: z.number().int(),
  ...sessionFields,
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  views: z.number().int(),
  questions: z.number().int(),
});

export const dataroomReportSchema = z.strictObject({
  type: z.literal('dataroom-report'),
  version: z.literal(1),
  sessionId: z.string(),
  handover: z.string(),
  reviewer: z.strictObject({ name: z.string(), organisation: z.string(), idNumber: z.string() }),
  facilitator: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  endReason: z.string(),
  seconds: z.number().int(),
  scope: z.strictObject({ clients: z.number().int(), categories: z.array(z.string()), masked: z.array(z.string()), documents: z.boolean() }),
  clients: z.array(z.strictObject({ code: z.string(), name: z.string(), views: z.number().int(), seconds: z.number().int() })),
  documents: z.array(z.strictObject({ client: z.string(), name: z.string(), opens: z.number().int(), pages: z.array(z.number().int()), seconds: z.number().int() })),
  searches: z.array(z.strictObject({ at: z.string(), text: z.string(), hits: z.number().int() })),
  questions: z.array(z.strictObject({ at: z.string(), client: z.string().nullable(), question: z.string() })),
  refused: z.number().int(),
});
export type DataroomReport = z.infer<typeof dataroomReportSchema>;

export const dataroomQuestionSchema = z.strictObject({
  id: z.number().int(),
  sessionId: z.string(),
  client: z.string().nullable(),
  document: z.string().nullable(),
  question: z.string(),
  askedAt: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
