import { dataroomInfoSchema } from './datarooms';
import { z } from 'zod';
import { MASKABLE_FIELDS, ROLE_NAME_PATTERN } from './permissions';
import { scopeSchema } from './access';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const userNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, 'no control characters');
/** Bounded so a hostile renderer cannot make the KDF hash megabytes. */
export const passphraseSchema = z.string().min(1).max(1024);
export const roleSchema = z.string().regex(ROLE_NAME_PATTERN);
export const pathSchema = z.string().min(1).max(4096);
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);
export const empty = z.strictObject({});

export const userViewSchema = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastUnlockAt: z.string().nullable(),
  idleMinutes: z.number().int(),
  permissions: z.array(z.string()),
  masked: z.array(z.enum(MASKABLE_FIELDS)),
  scope: scopeSchema,
});
export type UserView = z.infer<typeof userViewSchema>;

export const auditEntryViewSchema = z.strictObject({
  seq: z.number().int(),
  time: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;
export const auditEntryPageSchema = z.strictObject({ total: z.number().int(), rows: z.array(auditEntryViewSchema) });

export const vaultStateSchema = z.enum(['absent', 'locked', 'unlocked']);

export const appInfoSchema = z.strictObject({
  vaultDir: z.string(),
  defaultVaultDir: z.string(),
  state: vaultStateSchema,
  language: languageSchema,
  user: userViewSchema.nullable(),
  /** Seconds the unlock screen must wait after repeated failures. */
  unlockDelaySeconds: z.number(),
  /** A running data-room session: the app shows only the reviewer's read-only view. */
  dataroom: dataroomInfoSchema.nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const kdfInfoSchema = z.strictObject({
  slot: z.string(),
  kind: z.enum(['user', 'recovery']),
  algorithm: z.string(),
  opsLimit: z.number(),
  memLimitBytes: z.number(),
});

/**
 * `vault.check`'s verdict: loose objects on purpose, so a check that learns to
 * name one more broken part (a kept tree head, say) reaches the CLI's --json
 * unchanged; it names parts of the vault, never client data.
 */
export const vaultCheckSchema = z.looseObject({
  ok: z.boolean(),
  integrity: z.string(),
  accessLog: z.looseObject({ ok: z.boolean(), entries: z.number().int() }),
  checkpoints: z.looseObject({ ok: z.boolean(), checkpoints: z.number().int() }),
  /** The log against the signed tree head kept outside the database (with the key slots). */
  treeHead: z.strictObject({ ok: z.boolean(), size: z.number().int(), reason: z.enum(['missing', 'bad-signature', 'log-shorter', 'log-differs']).optional() }),
});

export const vaultCipherSchema = z.enum(['chacha20', 'aegis']);

export const upgradeResultSchema = z.strictObject({
  from: vaultCipherSchema,
  to: vaultCipherSchema,
  bytes: z.number(),
  rows: z.number(),
});
export type UpgradeResult = z.infer<typeof upgradeResultSchema>;

export const securityInfoSchema = z.strictObject({
  vaultDir: z.string(),
  cipher: z.string(),
  /** The faster page cipher for this computer when the vault does not use it yet (the app offers `vault.upgrade`). */
  cipherUpgrade: vaultCipherSchema.nullable(),
  schemaVersion: z.number().int(),
  dbBytes: z.number(),
  slots: z.array(kdfInfoSchema),
  users: z.array(userViewSchema),
  recentLog: z.array(auditEntryViewSchema).nullable(),
  logChainValid: z.boolean().nullable(),
});
export type SecurityInfo = z.infer<typeof securityInfoSchema>;

export const backupResultSchema = z.strictObject({
  path: z.string(),
  bytes: z.number(),
  sha256: z.string(),
});
export type BackupResult = z.infer<typeof backupResultSchema>;

export const credentialSchema = z.union([
  z.strictObject({ kind: z.literal('passphrase'), userName: userNameSchema, passphrase: passphraseSchema }),
  z.strictObject({ kind: z.literal('recovery'), recoveryKey: z.string().min(1).max(256) }),
]);
export type Credential = z.infer<typeof credentialSchema>;
