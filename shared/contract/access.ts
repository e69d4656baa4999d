import { z } from 'zod';
import { MASKABLE_FIELDS, PERMISSIONS, ROLE_NAME_PATTERN } from './permissions';

/** Roles, scopes and the access log across the boundary (the permissions issue). */
const names = z.array(z.string().trim().min(1).max(100)).max(200);
export const scopeSchema = z.strictObject({
  ownOnly: z.boolean(),
  owners: names,
  departments: names,
  regions: names,
  industries: names,
  tiers: z.array(z.enum(['A', 'B', 'C'])).max(3),
  tags: names,
});

export const roleNameSchema = z.string().regex(ROLE_NAME_PATTERN);
export const roleViewSchema = z.strictObject({
  name: z.string(),
  label: z.string(),
  builtin: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
  masked: z.array(z.enum(MASKABLE_FIELDS)),
  scope: scopeSchema,
  users: z.number().int(),
});
export type RoleView = z.infer<typeof roleViewSchema>;

export const roleInputSchema = z.strictObject({
  name: roleNameSchema,
  label: z.string().trim().max(60),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
  masked: z.array(z.enum(MASKABLE_FIELDS)).max(MASKABLE_FIELDS.length),
  scope: scopeSchema,
});
export type RoleInput = z.infer<typeof roleInputSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/);
export const auditFilterSchema = z.strictObject({
  actor: z.string().max(64).optional(),
  target: z.string().max(200).optional(),
  action: z.string().max(64).optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

const counted = z.array(z.strictObject({ key: z.string(), count: z.number().int() }));
export const auditStatsSchema = z.strictObject({ byUser: counted, byClient: counted, byAction: counted, byDay: counted });

export const AUDIT_PROBLEMS = ['edited', 'deleted', 'inserted', 'reordered', 'truncated', 'rewritten', 'malformed', 'bad-checkpoint', 'bad-signature'] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEMS)[number];

export const auditVerdictSchema = z.strictObject({
  ok: z.boolean(),
  keyFingerprint: z.string(),
  /** False when the key came from the export itself rather than from the auditor. */
  keyConfirmed: z.boolean(),
  entries: z.number().int(),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  signature: z.enum(['ok', 'mismatch', 'wrong-key', 'missing']),
  checkpoint: z.strictObject({ origin: z.string(), size: z.number().int(), root: z.string() }).nullable(),
  held: z.strictObject({ size: z.number().int(), status: z.enum(['ok', 'mismatch', 'truncated', 'not-covered', 'invalid']) }).nullable(),
  problem: z.strictObject({
    kind: z.enum(AUDIT_PROBLEMS),
    line: z.number().int().nullable(),
    seq: z.number().int().nullable(),
    expected: z.number().int().optional(),
  }).nullable(),
  /** Entries whose typed search text was masked for the exporter's role: their hashes are the originals, proven by the chain and checkpoint. */
  redacted: z.number().int(),
});
export type AuditVerdict = z.infer<typeof auditVerdictSchema>;

export const auditExportResultSchema = z.strictObject({
  dir: z.string(),
  entries: z.number().int(),
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  checkpointSize: z.number().int(),
  root: z.string(),
  sha256: z.string(),
  keyFingerprint: z.string(),
});

export const vaultKeysSchema = z.strictObject({
  origin: z.string(),
  keyId: z.string(),
  fingerprint: z.string(),
  minisignPublicKey: z.string(),
  noteVerifierKey: z.string(),
  /** The vault's X25519 identity as an age recipient: what a sender encrypts packages to. */
  ageRecipient: z.string(),
  ageFingerprint: z.string(),
  checkpoints: z.number().int(),
  lastCheckpoint: z.strictObject({ size: z.number().int(), createdAt: z.string(), reason: z.string() }).nullable(),
});
export type VaultKeys = z.infer<typeof vaultKeysSchema>;
