import { z } from 'zod';
import { channel, NO_REFS } from './refs';
import { jobIdSchema, pathSchema } from './schemas';

/** Receiving a handover package (issue 6, the buyer's side). */
export const packageInfoSchema = z.strictObject({
  packageId: z.string(),
  handoverId: z.string(),
  created: z.string(),
  recipientFingerprints: z.array(z.string()),
  recipientCount: z.number().int(),
  senderFingerprint: z.string(),
  senderKeyConfirmed: z.boolean(),
  /** BLAKE2b-512 of payload.tar.age (hex): the signed prehash, what `b2sum` prints and the receipt names. */
  payloadBlake2b512: z.string(),
  payloadBytes: z.number().int(),
});
export type PackageInfo = z.infer<typeof packageInfoSchema>;

/** Why a package is refused (PACKAGE_REFUSED's `reason`): the reader in core throws exactly these. */
export const PACKAGE_REFUSALS = [
  'not-a-package', 'unsupported-version', 'wrong-signer', 'bad-signature', 'comment-edited',
  'not-for-us', 'ciphertext-damaged', 'bag-invalid', 'unsafe-path', 'unlisted-file', 'too-large',
] as const;
export type PackageRefusal = (typeof PACKAGE_REFUSALS)[number];
/**
 * The largest payload file the receiving side reads whole into memory (clients.json, the handover's
 * history): a verified sender can still be hostile, so a bigger one is refused ('too-large') from its
 * tar header, before a byte of it is read. Documents stream and are not bound by it.
 */
export const READ_WHOLE_MAX_BYTES = 256 * 1024 * 1024;

export const packagePreviewSchema = z.strictObject({
  info: packageInfoSchema,
  clients: z.number().int(),
  /** Access-log entries of the handover proven against the seller's signed checkpoint; null when the package carries none. */
  history: z.number().int().nullable(),
  files: z.array(z.strictObject({ path: z.string(), size: z.number().int() })),
  /** What the seller promised clients and still owes them (待履行承诺), in fen; amounts null for a role that masks them. */
  commitments: z.array(z.strictObject({
    code: z.string(), name: z.string(), method: z.string(), promise: z.string(), agreedFen: z.number().int().nullable(), paidFen: z.number().int().nullable(), owedFen: z.number().int().nullable(), dueOn: z.string().nullable(),
  })),
});

export const packageImportSchema = z.strictObject({
  info: packageInfoSchema,
  imported: z.number().int(),
  documents: z.number().int(),
  skipped: z.array(z.string()),
  rejected: z.array(z.strictObject({ index: z.number().int(), code: z.string(), field: z.string() })),
  tag: z.string(),
});

export const counterpartyKeySchema = z.strictObject({
  id: z.number().int(),
  label: z.string(),
  kind: z.enum(['minisign', 'age']),
  key: z.string(),
  fingerprint: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedHow: z.enum(['phone', 'in-person']).nullable(),
});
export type CounterpartyKey = z.infer<typeof counterpartyKeySchema>;

/** A package checked by anyone who holds it, with no vault open (`handover package verify`, issue 14: through the router). */
export const packageVerdictSchema = z.strictObject({
  ok: z.boolean(),
  info: packageInfoSchema.nullable(),
  /** Why it was refused, when it was: a reason of PACKAGE_REFUSALS, in words, and what was found. */
  refusal: z.strictObject({ reason: z.enum(PACKAGE_REFUSALS), message: z.string(), detail: z.string().nullable() }).nullable(),
});
export type PackageVerdict = z.infer<typeof packageVerdictSchema>;

/** A package opened with no vault (`handover package open`): the verdict, and where the checked bag was written. */
export const packageOpenedSchema = packageVerdictSchema.extend({
  dir: z.string().nullable(),
  files: z.number().int(),
  /** Access-log entries of the handover's history, each proven against the seller's signed checkpoint (null: none in the package). */
  history: z.number().int().nullable(),
});
export type PackageOpened = z.infer<typeof packageOpenedSchema>;

/** Channels that need no vault: they read only the files the caller picked. */
export const VAULTLESS_PACKAGE_CONTRACT = {
  'packages.verifyFile': channel('public', z.strictObject({ file: pathSchema, senderKeyFile: pathSchema.optional() }), packageVerdictSchema, NO_REFS),
  /** Verify, decrypt with a picked age identity, check the bag, write it into a picked empty folder. */
  'packages.openFile': channel(
    'public',
    z.strictObject({ jobId: jobIdSchema, file: pathSchema, identityFile: pathSchema, outDir: pathSchema, senderKeyFile: pathSchema.optional() }),
    packageOpenedSchema,
    NO_REFS,
  ),
} as const;
