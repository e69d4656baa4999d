import { z } from 'zod';
import { CHANNEL_LIST } from './channel-names';
import type { Access } from './permissions';
import {
  appInfoSchema,
  auditEntryPageSchema,
  backupResultSchema,
  credentialSchema,
  empty,
  jobIdSchema,
  languageSchema,
  passphraseSchema,
  pathSchema,
  roleSchema,
  securityInfoSchema,
  vaultCheckSchema,
  upgradeResultSchema,
  userNameSchema,
  userViewSchema,
} from './schemas';
import {
  clientDetailSchema,
  clientDraftSchema,
  clientPageSchema,
  clientQuerySchema,
  clientValueSchema,
  documentViewSchema,
  facetsSchema,
  importOptionsSchema,
  importPreviewSchema,
  importReportSchema,
  importSourceSchema,
  savedFilterSchema,
  valueWeightsSchema,
  revealPathSchema,
} from './clients';
import {
  auditExportResultSchema,
  auditFilterSchema,
  auditStatsSchema,
  auditVerdictSchema,
  roleInputSchema,
  roleNameSchema,
  roleViewSchema,
  scopeSchema,
  vaultKeysSchema,
} from './access';
import { counterpartyKeySchema, packageImportSchema, packageInfoSchema, packagePreviewSchema } from './packages';
import {
  checklistItemInputSchema, CHECKLIST_TEMPLATES, FOLLOWUP_OUTCOMES, handoverClientPageSchema, handoverClientQuerySchema, handoverDetailSchema,
  handoverIdInput, handoverPatchSchema, handoverScopeSchema, handoverSummarySchema, isoDateSchema, NOTICE_CHANNELS, packageChecksumAlg, riskInputSchema, scopePreviewSchema,
} from './handovers';
import { COMPENSATION_CONTRACT } from './compensation';
import { dataroomInfoSchema, dataroomQuestionSchema, dataroomReportSchema, dataroomSessionSchema, dataroomStartSchema } from './datarooms';

interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  access: Access;
  input: I;
  output: O;
}

function channel<I extends z.ZodType, O extends z.ZodType>(
  access: Access,
  input: I,
  output: O,
): ChannelSpec<I, O> {
  return { access, input, output };
}

const picked = z.strictObject({ path: z.string().nullable() });
const sessionIdSchema = z.string().regex(/^DR-\d{8}-[0-9A-F]{6}$/);
const handoverIds = z.array(z.number().int().positive()).min(1).max(200_000);

const transactionInput = z.strictObject({
  clientId: z.number().int().positive(),
  kind: z.enum(['transaction', 'contract']),
  ref: z.string().trim().min(1).max(100),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  amount: z.number().int().nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  status: z.string().trim().max(50),
});
const communicationInput = z.strictObject({
  clientId: z.number().int().positive(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  channel: z.string().trim().min(1).max(50),
  summary: z.string().trim().min(1).max(5000),
});

/**
 * The one contract between the renderer (untrusted) and the core. Channel
 * names are `domain.verb`; each declares who may call it and the exact shape
 * of its input and output. The router enforces all three.
 */
export const CONTRACT = {
  'app.info': channel('public', empty, appInfoSchema),
  'app.setLanguage': channel('public', z.strictObject({ language: languageSchema }), empty),
  'dialog.chooseVaultFolder': channel('public', empty, picked),
  'dialog.chooseBackupFile': channel('public', empty, picked),
  'dialog.chooseRestoreFolder': channel('public', empty, picked),

  'vault.create': channel(
    'public',
    z.strictObject({ dir: pathSchema, userName: userNameSchema, passphrase: passphraseSchema }),
    z.strictObject({ recoveryKey: z.string(), user: userViewSchema }),
  ),
  'vault.open': channel('public', z.strictObject({ dir: pathSchema }), appInfoSchema),
  'vault.unlock': channel(
    'public',
    z.strictObject({ userName: userNameSchema, passphrase: passphraseSchema }),
    z.strictObject({ user: userViewSchema }),
  ),
  'vault.recover': channel(
    'public',
    z.strictObject({
      userName: userNameSchema,
      recoveryKey: z.string().min(1).max(256),
      newPassphrase: passphraseSchema,
    }),
    z.strictObject({ user: userViewSchema }),
  ),
  'vault.lock': channel('unlocked', empty, empty),
  'vault.security': channel('unlocked', empty, securityInfoSchema),
  /** Integrity of every page, the access-log chain and its signed checkpoints (`handover vault check`). */
  'vault.check': channel('unlocked', empty, vaultCheckSchema),
  'vault.backup': channel(
    'vault.backup',
    z.strictObject({ jobId: jobIdSchema }),
    z.strictObject({ backup: backupResultSchema.nullable() }),
  ),
  'vault.restore': channel(
    'public',
    z.strictObject({
      jobId: jobIdSchema,
      from: pathSchema,
      to: pathSchema,
      credential: credentialSchema,
    }),
    z.strictObject({ dir: z.string() }),
  ),
  /** Moves the vault to the faster page cipher for this computer (a job: progress, cancel until the swap). */
  'vault.upgrade': channel('users.manage', z.strictObject({ jobId: jobIdSchema }), upgradeResultSchema),
  'job.cancel': channel('public', z.strictObject({ jobId: jobIdSchema }), empty),

  'users.list': channel('users.manage', empty, z.array(userViewSchema)),
  'users.add': channel(
    'users.manage',
    z.strictObject({ name: userNameSchema, role: roleSchema, passphrase: passphraseSchema }),
    userViewSchema,
  ),
  'users.setDisabled': channel(
    'users.manage',
    z.strictObject({
      userId: z.number().int().positive(),
      disabled: z.boolean(),
      passphrase: passphraseSchema.optional(),
    }),
    userViewSchema,
  ),
  'users.changePassphrase': channel(
    'unlocked',
    z.strictObject({ current: passphraseSchema, next: passphraseSchema }),
    empty,
  ),
  'settings.setIdleMinutes': channel(
    'unlocked',
    z.strictObject({ minutes: z.number().int().min(1).max(240) }),
    userViewSchema,
  ),
  'session.activity': channel('unlocked', empty, empty),

  'dialog.chooseImportFile': channel('clients.import', empty, picked),
  'clients.search': channel('clients.read', clientQuerySchema, clientPageSchema),
  'clients.facets': channel('clients.read', empty, facetsSchema),
  'clients.get': channel('clients.read', z.strictObject({ id: z.number().int().positive() }), clientDetailSchema),
  /** A client code as the CLI is given it: its id, if the client exists for this user (missing and out of scope answer alike). */
  'clients.byCode': channel(
    'clients.read',
    z.strictObject({ code: z.string().trim().min(1).max(64) }),
    z.strictObject({ id: z.number().int().positive(), archived: z.boolean() }),
  ),
  'clients.create': channel('clients.edit', clientDraftSchema, clientDetailSchema),
  'clients.update': channel('clients.edit', z.strictObject({ id: z.number().int().positive(), draft: clientDraftSchema }), clientDetailSchema),
  'clients.archive': channel('clients.edit', z.strictObject({ id: z.number().int().positive(), archived: z.boolean() }), empty),
  'clients.importPreview': channel('clients.import', importSourceSchema, importPreviewSchema),
  'clients.importCheck': channel('clients.import', importOptionsSchema, importReportSchema),
  'clients.importRun': channel(
    'clients.import',
    importOptionsSchema.extend({ jobId: jobIdSchema, saveMappingAs: z.string().trim().min(1).max(100).optional() }),
    importReportSchema,
  ),
  'clients.saveRejected': channel(
    'clients.import',
    importOptionsSchema.extend({ language: languageSchema }),
    z.strictObject({ path: z.string().nullable(), count: z.number().int() }),
  ),
  'clients.export': channel(
    'clients.export',
    z.strictObject({ query: clientQuerySchema, format: z.enum(['csv', 'json']) }),
    z.strictObject({ path: z.string().nullable(), count: z.number().int() }),
  ),

  'dialog.chooseDocumentFile': channel('documents.manage', empty, picked),
  'documents.list': channel('clients.read', z.strictObject({ clientId: z.number().int().positive() }), z.array(documentViewSchema)),
  'documents.attach': channel(
    'documents.manage',
    z.strictObject({ jobId: jobIdSchema, clientId: z.number().int().positive(), file: pathSchema }),
    documentViewSchema,
  ),
  'documents.export': channel(
    'documents.manage',
    z.strictObject({ jobId: jobIdSchema, id: z.number().int().positive() }),
    z.strictObject({ path: z.string().nullable() }),
  ),
  'documents.preview': channel(
    'clients.read',
    z.strictObject({ id: z.number().int().positive() }),
    z.strictObject({ name: z.string(), mime: z.string(), data: z.string() }),
  ),
  'clients.value': channel('clients.read', empty, clientValueSchema),
  'clients.setValueWeights': channel('clients.value', valueWeightsSchema, z.strictObject({ updated: z.number().int() })),
  'clients.addTransaction': channel('clients.edit', transactionInput, clientDetailSchema),
  'clients.updateTransaction': channel('clients.edit', transactionInput.extend({ id: z.number().int().positive() }), clientDetailSchema),
  'clients.addCommunication': channel('clients.edit', communicationInput, clientDetailSchema),
  'clients.updateCommunication': channel('clients.edit', communicationInput.extend({ id: z.number().int().positive() }), clientDetailSchema),
  'clients.removeEntry': channel(
    'clients.edit',
    z.strictObject({ clientId: z.number().int().positive(), entry: z.enum(['transaction', 'communication']), id: z.number().int().positive() }),
    clientDetailSchema,
  ),
  'clients.purge': channel('clients.purge', z.strictObject({ id: z.number().int().positive(), confirmCode: z.string().max(64) }), empty),
  'clients.savedFilters': channel('clients.read', empty, z.array(savedFilterSchema)),
  'clients.saveFilter': channel('clients.read', savedFilterSchema, z.array(savedFilterSchema)),
  'clients.deleteFilter': channel('clients.read', z.strictObject({ name: z.string().max(60) }), z.array(savedFilterSchema)),

  'clients.reveal': channel(
    'clients.sensitive',
    z.strictObject({ id: z.number().int().positive(), path: revealPathSchema, reason: z.string().trim().min(2).max(500) }),
    z.strictObject({ value: z.string() }),
  ),
  'roles.list': channel('users.manage', empty, z.array(roleViewSchema)),
  'roles.save': channel('users.manage', roleInputSchema, z.array(roleViewSchema)),
  'roles.delete': channel('users.manage', z.strictObject({ name: roleNameSchema }), z.array(roleViewSchema)),
  'users.setRole': channel('users.manage', z.strictObject({ userId: z.number().int().positive(), role: roleSchema }), userViewSchema),
  'users.setScope': channel('users.manage', z.strictObject({ userId: z.number().int().positive(), scope: scopeSchema }), userViewSchema),

  'audit.query': channel(
    'audit.read',
    z.strictObject({ filter: auditFilterSchema, offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    auditEntryPageSchema,
  ),
  'audit.stats': channel('audit.read', z.strictObject({ filter: auditFilterSchema }), auditStatsSchema),
  'audit.facets': channel('audit.read', empty, z.strictObject({ actors: z.array(z.string()), actions: z.array(z.string()) })),
  'dialog.chooseAuditFolder': channel('audit.read', z.strictObject({ purpose: z.enum(['audit-export', 'audit-verify']) }), picked),
  'dialog.chooseKeyFile': channel('unlocked', z.strictObject({ kind: z.enum(['public-key', 'checkpoint', 'receipt']) }), picked),
  'audit.export': channel(
    'audit.export',
    z.strictObject({ jobId: jobIdSchema, dir: pathSchema, since: auditFilterSchema.shape.since, until: auditFilterSchema.shape.until }),
    auditExportResultSchema,
  ),
  'audit.verify': channel(
    'audit.read',
    z.strictObject({ dir: pathSchema, publicKeyFile: pathSchema.optional(), checkpointFile: pathSchema.optional() }),
    auditVerdictSchema,
  ),
  'dialog.choosePackageFile': channel('clients.import', empty, picked),
  'packages.inspect': channel(
    'clients.import',
    z.strictObject({ file: pathSchema, jobId: jobIdSchema }),
    packageInfoSchema.extend({ forThisVault: z.boolean(), senderKey: z.string(), knownSigner: z.strictObject({ id: z.number().int(), label: z.string(), verified: z.boolean() }).nullable() }),
  ),
  'keys.counterparties': channel('unlocked', empty, z.array(counterpartyKeySchema)),
  'keys.addCounterparty': channel('handover.plan', z.strictObject({ label: z.string().trim().min(1).max(100), key: z.string().min(1).max(2000) }), z.array(counterpartyKeySchema)),
  'keys.verifyCounterparty': channel(
    'handover.plan',
    z.strictObject({ id: z.number().int().positive(), how: z.enum(['phone', 'in-person']), fingerprint: z.string().max(200) }),
    z.array(counterpartyKeySchema),
  ),
  'keys.removeCounterparty': channel('handover.plan', z.strictObject({ id: z.number().int().positive() }), z.array(counterpartyKeySchema)),
  'packages.preview': channel('clients.import', z.strictObject({ file: pathSchema, jobId: jobIdSchema }), packagePreviewSchema),
  'packages.import': channel('clients.import', z.strictObject({ file: pathSchema, jobId: jobIdSchema }), packageImportSchema),
  'packages.receipt': channel(
    'clients.import',
    z.strictObject({ file: pathSchema, jobId: jobIdSchema, organisation: z.string().trim().min(1).max(200) }),
    z.strictObject({ path: z.string().nullable(), sha256: z.string().nullable() }),
  ),
  'keys.show': channel('unlocked', empty, vaultKeysSchema),
  'keys.exportPub': channel('unlocked', empty, z.strictObject({ path: z.string().nullable() })),
  'keys.exportIdentity': channel('users.manage', empty, z.strictObject({ path: z.string().nullable() })),
  'handovers.list': channel('clients.read', empty, z.array(handoverSummarySchema)),
  'handovers.get': channel('clients.read', handoverIdInput, handoverDetailSchema),
  'handovers.create': channel('handover.plan', z.strictObject({ title: z.string().trim().min(1).max(200), buyerName: z.string().trim().max(200) }), handoverDetailSchema),
  'handovers.update': channel('handover.plan', handoverIdInput.extend({ patch: handoverPatchSchema }), handoverDetailSchema),
  'handovers.scopePreview': channel('handover.plan', z.strictObject({ scope: handoverScopeSchema }), scopePreviewSchema),
  'handovers.setScope': channel('handover.plan', handoverIdInput.extend({ scope: handoverScopeSchema }), handoverDetailSchema),
  'handovers.clients': channel('clients.read', handoverClientQuerySchema, handoverClientPageSchema),
  /** Every client of a handover matching a filter, as id and code only (the CLI names clients by code). */
  'handovers.clientCodes': channel(
    'clients.read',
    handoverIdInput.extend({ filter: handoverClientQuerySchema.shape.filter }),
    z.array(z.strictObject({ clientId: z.number().int(), code: z.string() })),
  ),
  'handovers.setIncluded': channel(
    'handover.plan',
    handoverIdInput.extend({ clientIds: handoverIds, included: z.boolean(), reason: z.string().trim().max(500) }),
    handoverDetailSchema,
  ),
  'handovers.setArrangement': channel(
    'handover.plan',
    handoverIdInput.extend({ clientIds: handoverIds, receivingOwner: z.string().trim().max(100), arrangement: z.string().max(50), negotiation: z.string().trim().max(5000) }),
    z.strictObject({ updated: z.number().int() }),
  ),
  'dialog.chooseHandoverFile': channel('handover.plan', empty, picked),
  'handovers.addNda': channel(
    'handover.plan',
    handoverIdInput.extend({
      parties: z.string().trim().min(1).max(500), signedOn: isoDateSchema, expiresOn: isoDateSchema.nullable(), scope: z.string().trim().max(2000), file: pathSchema.nullable(),
    }),
    handoverDetailSchema,
  ),
  'handovers.removeNda': channel('handover.plan', handoverIdInput.extend({ ndaId: z.number().int().positive() }), handoverDetailSchema),
  'handovers.saveRisk': channel('handover.plan', handoverIdInput.extend({ riskId: z.number().int().positive().nullable(), risk: riskInputSchema }), handoverDetailSchema),
  'handovers.removeRisk': channel('handover.plan', handoverIdInput.extend({ riskId: z.number().int().positive() }), handoverDetailSchema),
  'handovers.applyTemplate': channel('handover.plan', handoverIdInput.extend({ template: z.enum(CHECKLIST_TEMPLATES) }), handoverDetailSchema),
  /** Mark open checklist items done with one piece of evidence: those named (template key or item number), or all. */
  'handovers.completeChecklist': channel(
    'handover.plan',
    handoverIdInput.extend({ items: z.array(z.string().trim().min(1).max(100)).max(200), all: z.boolean(), evidence: z.string().trim().min(1).max(2000) }),
    handoverDetailSchema,
  ),
  'handovers.saveCheck': channel(
    'handover.plan',
    handoverIdInput.extend({ itemId: z.number().int().positive().nullable(), item: checklistItemInputSchema, file: pathSchema.nullable() }),
    handoverDetailSchema,
  ),
  'handovers.removeCheck': channel('handover.plan', handoverIdInput.extend({ itemId: z.number().int().positive() }), handoverDetailSchema),
  'handovers.generateNotices': channel(
    'handover.plan',
    handoverIdInput.extend({ jobId: jobIdSchema, clientIds: handoverIds.nullable() }),
    z.strictObject({ dir: z.string().nullable(), generated: z.number().int(), skipped: z.number().int() }),
  ),
  'handovers.noticePdf': channel(
    'clients.read',
    handoverIdInput.extend({ clientId: z.number().int().positive() }),
    z.strictObject({ name: z.string(), mime: z.string(), data: z.string(), sha256: z.string() }),
  ),
  'handovers.recordNotices': channel(
    'clients.edit',
    handoverIdInput.extend({
      clientIds: handoverIds, status: z.enum(['sent', 'acknowledged', 'consented', 'objected']), channel: z.enum(NOTICE_CHANNELS).nullable(),
      date: isoDateSchema, note: z.string().trim().max(2000),
    }),
    z.strictObject({ updated: z.number().int() }),
  ),
  'handovers.decide': channel('handover.plan', handoverIdInput.extend({ clientIds: handoverIds, decision: z.enum(['keep', 'exclude']) }), z.strictObject({ updated: z.number().int() })),
  'handovers.backup': channel('vault.backup', handoverIdInput.extend({ jobId: jobIdSchema }), z.strictObject({ backup: backupResultSchema.nullable() })),
  'handovers.submit': channel('handover.plan', handoverIdInput, handoverDetailSchema),
  'handovers.approve': channel('handover.approve', handoverIdInput.extend({ comment: z.string().trim().max(1000) }), handoverDetailSchema),
  'handovers.override': channel('users.manage', handoverIdInput.extend({ gate: z.literal('notices'), reason: z.string().trim().min(10).max(2000) }), handoverDetailSchema),
  'handovers.followup': channel(
    'clients.edit',
    handoverIdInput.extend({
      clientId: z.number().int().positive(), date: isoDateSchema, outcome: z.enum(FOLLOWUP_OUTCOMES), satisfaction: z.number().min(0).max(10).nullable(), note: z.string().trim().max(2000),
    }),
    handoverDetailSchema,
  ),
  'handovers.report': channel('clients.read', handoverIdInput.extend({ language: languageSchema }), z.strictObject({ path: z.string().nullable() })),
  'handovers.close': channel('handover.plan', handoverIdInput, handoverDetailSchema),
  'handovers.export': channel(
    'packages.export',
    handoverIdInput.extend({ jobId: jobIdSchema, includeSelf: z.boolean(), recipients: z.array(z.string().trim().min(1).max(200)).max(50).default([]) }),
    z.strictObject({
      result: z.strictObject({
        path: z.string(), packageId: z.string(), checksum: z.string(), checksumAlg: packageChecksumAlg, senderFingerprint: z.string(), clients: z.number().int(), documents: z.number().int(),
        bytes: z.number().int(), completeness: z.number(), file: z.string(), at: z.string(), by: z.string(),
      }).nullable(),
    }),
  ),
  'handovers.importReceipt': channel('handover.plan', handoverIdInput.extend({ file: pathSchema }), handoverDetailSchema),
  /** Which handover exported the package a receipt names (a picked file). */
  'handovers.receiptHandover': channel('handover.plan', z.strictObject({ file: pathSchema }), z.strictObject({ id: z.number().int().positive() })),
  'handovers.archive': channel('handover.plan', handoverIdInput, z.strictObject({ path: z.string().nullable(), packageId: z.string().nullable(), checksum: z.string().nullable() })),
  'dataroom.start': channel('dataroom.run', dataroomStartSchema, dataroomInfoSchema),
  'dataroom.list': channel('clients.read', z.strictObject({ handoverId: z.number().int().positive().nullable() }), z.array(dataroomSessionSchema)),
  'dataroom.report': channel('clients.read', z.strictObject({ id: sessionIdSchema }), dataroomReportSchema),
  'dataroom.exportReport': channel('clients.read', z.strictObject({ id: sessionIdSchema }), z.strictObject({ path: z.string().nullable() })),
  'dataroom.allQuestions': channel('clients.read', z.strictObject({ handoverId: z.number().int().positive() }), z.array(dataroomQuestionSchema)),
  'dataroom.answer': channel('handover.plan', z.strictObject({ id: z.number().int().positive(), answer: z.string().trim().min(1).max(5000) }), z.array(dataroomQuestionSchema)),
  'dataroom.info': channel('dataroom', empty, dataroomInfoSchema),
  'dataroom.search': channel(
    'dataroom',
    z.strictObject({ text: z.string().max(100).default(''), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }),
    z.strictObject({ total: z.number().int(), rows: z.array(z.strictObject({ id: z.number().int(), code: z.string(), name: z.string(), region: z.string(), industry: z.string(), city: z.string() })) }),
  ),
  'dataroom.client': channel('dataroom', z.strictObject({ id: z.number().int().positive() }), z.strictObject({ client: clientDetailSchema, documents: z.array(documentViewSchema) })),
  'dataroom.document': channel('dataroom', z.strictObject({ id: z.number().int().positive() }), z.strictObject({ name: z.string(), mime: z.string(), data: z.string() })),
  'dataroom.page': channel('dataroom', z.strictObject({ id: z.number().int().positive(), page: z.number().int().min(1).max(100_000) }), empty),
  'dataroom.ask': channel(
    'dataroom',
    z.strictObject({ clientId: z.number().int().positive().nullable(), documentId: z.number().int().positive().nullable(), question: z.string().trim().min(1).max(2000) }),
    z.array(dataroomQuestionSchema),
  ),
  'dataroom.questions': channel('dataroom', empty, z.array(dataroomQuestionSchema)),
  'dataroom.refused': channel('dataroom', z.strictObject({ what: z.enum(['copy', 'print', 'save', 'navigate', 'context-menu', 'devtools']) }), empty),
  'dataroom.end': channel('dataroom', z.strictObject({ passphrase: z.string().min(1).max(1024) }), empty),
  ...COMPENSATION_CONTRACT,
} as const;

export type Contract = typeof CONTRACT;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(CONTRACT) as ChannelName[];

// The preload's plain list must name exactly the contract's channels.
type Listed = (typeof CHANNEL_LIST)[number];
const sameChannels: [Exclude<ChannelName, Listed>, Exclude<Listed, ChannelName>] extends [never, never] ? true : false = true;
void sameChannels;

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, name);
}

/** Events the core pushes to the renderer. */
export type LockReason = 'manual' | 'idle' | 'os-lock' | 'suspend' | 'restore' | 'switch' | 'dataroom-expired' | 'dataroom-ended';
export type AppEvent =
  | { type: 'vault.locked'; reason: LockReason }
  | { type: 'dataroom.started'; sessionId: string }
  | { type: 'job.progress'; jobId: string; done: number; total: number; unit?: 'bytes' | 'items' }
  // From the Electron shell: its menu's About, a .handover file opened with the app (the Receive
  // page asks for it through dialog.choosePackageFile), a shortcut its keyboard guard refused.
  | { type: 'shell.about' }
  | { type: 'shell.packageOpened' }
  | { type: 'shell.refused'; what: 'copy' | 'print' | 'save' | 'navigate' | 'devtools' };

/** The only thing the preload puts on `window`. */
export interface Bridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}
