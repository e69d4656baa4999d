import { z } from 'zod';
import { CHANNEL_LIST } from './channel-names';
import { channel, NO_REFS, type Rows } from './refs';
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
  transactionInput,
  communicationInput,
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
import { counterpartyKeySchema, packageImportSchema, packageInfoSchema, packagePreviewSchema, VAULTLESS_PACKAGE_CONTRACT } from './packages';
import {
  checklistItemInputSchema, CHECKLIST_TEMPLATES, FOLLOWUP_OUTCOMES, handoverClientPageSchema, handoverClientQuerySchema, handoverDetailSchema,
  handoverIdInput, handoverMatchingSchema, handoverPatchSchema, handoverScopeSchema, handoverSummarySchema, isoDateSchema, NOTICE_CHANNELS, packageChecksumAlg, riskInputSchema, scopePreviewSchema,
} from './handovers';
import { COMPENSATION_CONTRACT } from './compensation';
import { CLIENTS_BULK_CONTRACT } from './clients-bulk';
import { WORKBENCH_CONTRACT } from './workbench';
import { COMPLETENESS_CONTRACT } from './completeness';
import { dataroomExtendSchema, dataroomInfoSchema, dataroomQuestionSchema, dataroomReportSchema, dataroomSessionSchema, dataroomStartSchema } from './datarooms';

const BY_HANDOVER = { id: 'handover' } as const;
const HANDOVER_CLIENTS = { id: 'handover', clientIds: 'client' } as const;

/** Output lists filtered by scope in the router (refs.ts `Rows`). */
const CLIENT_ROWS = { rows: { kind: 'client', field: 'id' } } as const satisfies Rows;
const QUESTION_LIST = { '': { kind: 'question', field: 'id' } } as const satisfies Rows;
/** A session report names clients by code, in its client, document and question lists. */
const REPORT_ROWS = {
  clients: { kind: 'client', field: 'code' }, documents: { kind: 'client', field: 'client' }, questions: { kind: 'client', field: 'client' },
} as const satisfies Rows;

const picked = z.strictObject({ path: z.string().nullable() });
const sessionIdSchema = z.string().regex(/^DR-\d{8}-[0-9A-F]{6}$/);
const handoverIds = z.array(z.number().int().positive()).min(1).max(200_000);
/** A bulk action's clients: the ones picked, or every one matching the list (the router turns that into ids). */
const handoverSelection = z.union([handoverIds, handoverMatchingSchema]);

/**
 * The one contract between the renderer (untrusted) and the core. Channel
 * names are `domain.verb`; each declares who may call it and the exact shape
 * of its input and output. The router enforces all three.
 */
export const CONTRACT = {
  'app.info': channel('public', empty, appInfoSchema, NO_REFS),
  'app.setLanguage': channel('public', z.strictObject({ language: languageSchema }), empty, NO_REFS),
  'dialog.chooseVaultFolder': channel('public', empty, picked, NO_REFS),
  'dialog.chooseBackupFile': channel('public', empty, picked, NO_REFS),
  'dialog.chooseRestoreFolder': channel('public', empty, picked, NO_REFS),

  'vault.create': channel(
    'public',
    z.strictObject({ dir: pathSchema, userName: userNameSchema, passphrase: passphraseSchema }),
    z.strictObject({ recoveryKey: z.string(), user: userViewSchema }),
    NO_REFS,
  ),
  'vault.open': channel('public', z.strictObject({ dir: pathSchema }), appInfoSchema, NO_REFS),
  'vault.unlock': channel(
    'public',
    z.strictObject({ userName: userNameSchema, passphrase: passphraseSchema }),
    // What a person can check against memory: a vault rolled back as a whole shows an older last unlock and fewer checkpoints.
    // recoveryKey: a new one a key rotation made (perhaps cut short and resumed), shown to an administrator until one acknowledges it.
    z.strictObject({
      user: userViewSchema, since: z.strictObject({ previousUnlockAt: z.string().nullable(), checkpoints: z.number().int() }), recoveryKey: z.string().nullable(),
    }),
    NO_REFS,
  ),
  'vault.recover': channel(
    'public',
    z.strictObject({
      userName: userNameSchema,
      recoveryKey: z.string().min(1).max(256),
      newPassphrase: passphraseSchema,
    }),
    z.strictObject({ user: userViewSchema }),
    NO_REFS,
  ),
  'vault.lock': channel('unlocked', empty, empty, NO_REFS),
  'vault.security': channel('unlocked', empty, securityInfoSchema, NO_REFS),
  /** Integrity of every page, the access-log chain and its signed checkpoints (`handover vault check`). */
  'vault.check': channel('unlocked', empty, vaultCheckSchema, NO_REFS),
  'vault.backup': channel(
    'vault.backup',
    z.strictObject({ jobId: jobIdSchema }),
    z.strictObject({ backup: backupResultSchema.nullable() }),
    NO_REFS,
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
    NO_REFS,
  ),
  /** Moves the vault to the faster page cipher for this computer (a job: progress, cancel until the swap). */
  'vault.upgrade': channel('users.manage', z.strictObject({ jobId: jobIdSchema }), upgradeResultSchema, NO_REFS),
  /** The administrator wrote down the recovery key a rotation made: it is no longer kept for them. */
  'vault.acknowledgeRecoveryKey': channel('users.manage', empty, empty, NO_REFS),
  'job.cancel': channel('public', z.strictObject({ jobId: jobIdSchema }), empty, NO_REFS),

  'users.list': channel('users.manage', empty, z.array(userViewSchema), NO_REFS),
  'users.add': channel(
    'users.manage',
    // withSlot: auditors and data-room reviewers get a key slot only when an administrator confirms it.
    z.strictObject({ name: userNameSchema, role: roleSchema, passphrase: passphraseSchema, withSlot: z.boolean().optional() }),
    userViewSchema,
    NO_REFS,
  ),
  'users.setDisabled': channel(
    'users.manage',
    z.strictObject({
      userId: z.number().int().positive(),
      disabled: z.boolean(),
      passphrase: passphraseSchema.optional(),
      /** Disabling rotates the data key (the whole vault is re-encrypted): progress goes to this job. */
      jobId: jobIdSchema.optional(),
    }),
    userViewSchema.extend({
      rotation: z.strictObject({ lostUsers: z.array(z.string()), newRecoveryKey: z.string().nullable() }).optional(),
    }),
    NO_REFS,
  ),
  'users.changePassphrase': channel(
    'unlocked',
    z.strictObject({ current: passphraseSchema, next: passphraseSchema }),
    empty,
    NO_REFS,
  ),
  'settings.setIdleMinutes': channel(
    'unlocked',
    z.strictObject({ minutes: z.number().int().min(1).max(240) }),
    userViewSchema,
    NO_REFS,
  ),
  'session.activity': channel('unlocked', empty, empty, NO_REFS),

  'dialog.chooseImportFile': channel('clients.import', empty, picked, NO_REFS),
  'clients.search': channel('clients.read', clientQuerySchema, clientPageSchema, NO_REFS, CLIENT_ROWS),
  'clients.facets': channel('clients.read', empty, facetsSchema, NO_REFS),
  'clients.get': channel('clients.read', z.strictObject({ id: z.number().int().positive() }), clientDetailSchema, { id: 'client' }),
  /** A client code as the CLI is given it: its id, if the client exists for this user (missing and out of scope answer alike). */
  'clients.byCode': channel(
    'clients.read',
    z.strictObject({ code: z.string().trim().min(1).max(64) }),
    z.strictObject({ id: z.number().int().positive(), archived: z.boolean() }),
    NO_REFS,
  ),
  'clients.create': channel('clients.edit', clientDraftSchema, clientDetailSchema, NO_REFS),
  'clients.update': channel('clients.edit', z.strictObject({ id: z.number().int().positive(), draft: clientDraftSchema }), clientDetailSchema, { id: 'client' }),
  'clients.archive': channel('clients.edit', z.strictObject({ id: z.number().int().positive(), archived: z.boolean() }), empty, { id: 'client' }),
  'clients.importPreview': channel('clients.import', importSourceSchema, importPreviewSchema, NO_REFS),
  'clients.importCheck': channel('clients.import', importOptionsSchema, importReportSchema, NO_REFS),
  'clients.importRun': channel(
    'clients.import',
    importOptionsSchema.extend({ jobId: jobIdSchema, saveMappingAs: z.string().trim().min(1).max(100).optional() }),
    importReportSchema,
    NO_REFS,
  ),
  'clients.saveRejected': channel(
    'clients.import',
    importOptionsSchema.extend({ language: languageSchema }),
    z.strictObject({ path: z.string().nullable(), count: z.number().int() }),
    NO_REFS,
  ),
  'clients.export': channel(
    'clients.export',
    /** `ids`: the rows picked in the list (bulk export) instead of every match of `query`. */
    z.strictObject({ query: clientQuerySchema, format: z.enum(['csv', 'json', 'xlsx']), ids: z.array(z.number().int().positive()).min(1).max(200_000).optional() }),
    z.strictObject({ path: z.string().nullable(), count: z.number().int() }),
    { ids: 'client' },
  ),

  'dialog.chooseDocumentFile': channel('documents.manage', empty, picked, NO_REFS),
  'documents.list': channel('clients.read', z.strictObject({ clientId: z.number().int().positive() }), z.array(documentViewSchema), { clientId: 'client' }, {
    '': { kind: 'document', field: 'id' },
  }),
  'documents.attach': channel(
    'documents.manage',
    z.strictObject({ jobId: jobIdSchema, clientId: z.number().int().positive(), file: pathSchema }),
    documentViewSchema,
    { clientId: 'client' },
  ),
  'documents.export': channel(
    'documents.manage',
    z.strictObject({ jobId: jobIdSchema, id: z.number().int().positive() }),
    z.strictObject({ path: z.string().nullable() }),
    { id: 'document' },
  ),
  'documents.preview': channel(
    'clients.read',
    z.strictObject({ id: z.number().int().positive() }),
    z.strictObject({ name: z.string(), mime: z.string(), data: z.string() }),
    { id: 'document' },
  ),
  'clients.value': channel('clients.read', empty, clientValueSchema, NO_REFS),
  'clients.setValueWeights': channel('clients.value', valueWeightsSchema, z.strictObject({ updated: z.number().int() }), NO_REFS),
  'clients.addTransaction': channel('clients.edit', transactionInput, clientDetailSchema, { clientId: 'client' }),
  'clients.updateTransaction': channel('clients.edit', transactionInput.extend({ id: z.number().int().positive() }), clientDetailSchema, { clientId: 'client', id: 'entry' }),
  'clients.addCommunication': channel('clients.edit', communicationInput, clientDetailSchema, { clientId: 'client' }),
  'clients.updateCommunication': channel('clients.edit', communicationInput.extend({ id: z.number().int().positive() }), clientDetailSchema, { clientId: 'client', id: 'entry' }),
  'clients.removeEntry': channel(
    'clients.edit',
    z.strictObject({ clientId: z.number().int().positive(), entry: z.enum(['transaction', 'communication']), id: z.number().int().positive() }),
    clientDetailSchema,
    { clientId: 'client', id: 'entry' },
  ),
  'clients.purge': channel('clients.purge', z.strictObject({ id: z.number().int().positive(), confirmCode: z.string().max(64) }), empty, { id: 'client' }),
  'clients.savedFilters': channel('clients.read', empty, z.array(savedFilterSchema), NO_REFS),
  'clients.saveFilter': channel('clients.read', savedFilterSchema, z.array(savedFilterSchema), NO_REFS),
  'clients.deleteFilter': channel('clients.read', z.strictObject({ name: z.string().max(60) }), z.array(savedFilterSchema), NO_REFS),

  'clients.reveal': channel(
    'clients.sensitive',
    z.strictObject({ id: z.number().int().positive(), path: revealPathSchema, reason: z.string().trim().min(2).max(500) }),
    z.strictObject({ value: z.string() }),
    { id: 'client' },
  ),
  'roles.list': channel('users.manage', empty, z.array(roleViewSchema), NO_REFS),
  'roles.save': channel('users.manage', roleInputSchema, z.array(roleViewSchema), NO_REFS),
  'roles.delete': channel('users.manage', z.strictObject({ name: roleNameSchema }), z.array(roleViewSchema), NO_REFS),
  'users.setRole': channel('users.manage', z.strictObject({ userId: z.number().int().positive(), role: roleSchema }), userViewSchema, NO_REFS),
  'users.setScope': channel('users.manage', z.strictObject({ userId: z.number().int().positive(), scope: scopeSchema }), userViewSchema, NO_REFS),

  'audit.query': channel(
    'audit.read',
    z.strictObject({ filter: auditFilterSchema, offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    auditEntryPageSchema,
    NO_REFS,
  ),
  'audit.stats': channel('audit.read', z.strictObject({ filter: auditFilterSchema }), auditStatsSchema, NO_REFS),
  'audit.facets': channel('audit.read', empty, z.strictObject({ actors: z.array(z.string()), actions: z.array(z.string()) }), NO_REFS),
  'dialog.chooseAuditFolder': channel('audit.read', z.strictObject({ purpose: z.enum(['audit-export', 'audit-verify']) }), picked, NO_REFS),
  'dialog.chooseKeyFile': channel('unlocked', z.strictObject({ kind: z.enum(['public-key', 'checkpoint', 'receipt']) }), picked, NO_REFS),
  'audit.export': channel(
    'audit.export',
    z.strictObject({ jobId: jobIdSchema, dir: pathSchema, since: auditFilterSchema.shape.since, until: auditFilterSchema.shape.until }),
    auditExportResultSchema,
    NO_REFS,
  ),
  'audit.verify': channel(
    'audit.read',
    z.strictObject({ dir: pathSchema, publicKeyFile: pathSchema.optional(), checkpointFile: pathSchema.optional() }),
    auditVerdictSchema,
    NO_REFS,
  ),
  // Verifying what someone handed over needs no vault (an auditor's export, a package): the files are picked, then read.
  'dialog.chooseToVerify': channel('public', z.strictObject({ kind: z.enum(['audit-export', 'public-key', 'checkpoint', 'package', 'identity', 'package-open']) }), picked, NO_REFS),
  'audit.verifyExport': channel(
    'public',
    z.strictObject({ dir: pathSchema, publicKeyFile: pathSchema.optional(), checkpointFile: pathSchema.optional() }),
    auditVerdictSchema,
    NO_REFS,
  ),
  'dialog.choosePackageFile': channel('clients.import', empty, picked, NO_REFS),
  'packages.inspect': channel(
    'clients.import',
    z.strictObject({ file: pathSchema, jobId: jobIdSchema }),
    packageInfoSchema.extend({ forThisVault: z.boolean(), senderKey: z.string(), knownSigner: z.strictObject({ id: z.number().int(), label: z.string(), verified: z.boolean() }).nullable() }),
    NO_REFS,
  ),
  'keys.counterparties': channel('unlocked', empty, z.array(counterpartyKeySchema), NO_REFS),
  'keys.addCounterparty': channel('handover.plan', z.strictObject({ label: z.string().trim().min(1).max(100), key: z.string().min(1).max(2000) }), z.array(counterpartyKeySchema), NO_REFS),
  'keys.verifyCounterparty': channel(
    'handover.plan',
    z.strictObject({ id: z.number().int().positive(), how: z.enum(['phone', 'in-person']), fingerprint: z.string().max(200) }),
    z.array(counterpartyKeySchema),
    NO_REFS,
  ),
  'keys.removeCounterparty': channel('handover.plan', z.strictObject({ id: z.number().int().positive() }), z.array(counterpartyKeySchema), NO_REFS),
  // Receiving decrypts with the vault's identity and signs a receipt: its own right, held with the signing keyring.
  'packages.preview': channel('packages.receive', z.strictObject({ file: pathSchema, jobId: jobIdSchema }), packagePreviewSchema, NO_REFS),
  'packages.import': channel('packages.receive', z.strictObject({ file: pathSchema, jobId: jobIdSchema }), packageImportSchema, NO_REFS),
  'packages.receipt': channel(
    'packages.receive',
    z.strictObject({ file: pathSchema, jobId: jobIdSchema, organisation: z.string().trim().min(1).max(200) }),
    z.strictObject({ path: z.string().nullable(), sha256: z.string().nullable() }),
    NO_REFS,
  ),
  'keys.show': channel('unlocked', empty, vaultKeysSchema, NO_REFS),
  'keys.exportPub': channel('unlocked', empty, z.strictObject({ path: z.string().nullable() }), NO_REFS),
  'keys.exportIdentity': channel('users.manage', empty, z.strictObject({ path: z.string().nullable() }), NO_REFS),
  'handovers.list': channel('clients.read', empty, z.array(handoverSummarySchema), NO_REFS, { '': { kind: 'handover', field: 'id' } }),
  'handovers.get': channel('clients.read', handoverIdInput, handoverDetailSchema, BY_HANDOVER),
  'handovers.create': channel('handover.plan', z.strictObject({ title: z.string().trim().min(1).max(200), buyerName: z.string().trim().max(200) }), handoverDetailSchema, NO_REFS),
  'handovers.update': channel('handover.plan', handoverIdInput.extend({ patch: handoverPatchSchema }), handoverDetailSchema, BY_HANDOVER),
  'handovers.scopePreview': channel('handover.plan', z.strictObject({ scope: handoverScopeSchema }), scopePreviewSchema, { 'scope.picked': 'client' }),
  'handovers.setScope': channel('handover.plan', handoverIdInput.extend({ scope: handoverScopeSchema }), handoverDetailSchema, { id: 'handover', 'scope.picked': 'client' }),
  'handovers.clients': channel('clients.read', handoverClientQuerySchema, handoverClientPageSchema, BY_HANDOVER, { rows: { kind: 'client', field: 'clientId' } }),
  /** Every client of a handover matching a filter, as id and code only (the CLI names clients by code). */
  'handovers.clientCodes': channel(
    'clients.read',
    handoverIdInput.extend({ filter: handoverClientQuerySchema.shape.filter }),
    z.array(z.strictObject({ clientId: z.number().int(), code: z.string() })),
    BY_HANDOVER,
    { '': { kind: 'client', field: 'clientId' } },
  ),
  'handovers.setIncluded': channel(
    'handover.plan',
    handoverIdInput.extend({ clientIds: handoverIds, included: z.boolean(), reason: z.string().trim().max(500) }),
    handoverDetailSchema,
    HANDOVER_CLIENTS,
  ),
  'handovers.setArrangement': channel(
    'handover.plan',
    handoverIdInput.extend({ clientIds: handoverSelection, receivingOwner: z.string().trim().max(100), arrangement: z.string().max(50), negotiation: z.string().trim().max(5000) }),
    z.strictObject({ updated: z.number().int() }),
    HANDOVER_CLIENTS,
  ),
  'dialog.chooseHandoverFile': channel('handover.plan', empty, picked, NO_REFS),
  'handovers.addNda': channel(
    'handover.plan',
    handoverIdInput.extend({
      parties: z.string().trim().min(1).max(500), signedOn: isoDateSchema, expiresOn: isoDateSchema.nullable(), scope: z.string().trim().max(2000), file: pathSchema.nullable(),
    }),
    handoverDetailSchema,
    BY_HANDOVER,
  ),
  'handovers.removeNda': channel('handover.plan', handoverIdInput.extend({ ndaId: z.number().int().positive() }), handoverDetailSchema, { id: 'handover', ndaId: 'item' }),
  'handovers.saveRisk': channel('handover.plan', handoverIdInput.extend({ riskId: z.number().int().positive().nullable(), risk: riskInputSchema }), handoverDetailSchema, { id: 'handover', riskId: 'item' }),
  'handovers.removeRisk': channel('handover.plan', handoverIdInput.extend({ riskId: z.number().int().positive() }), handoverDetailSchema, { id: 'handover', riskId: 'item' }),
  'handovers.applyTemplate': channel('handover.plan', handoverIdInput.extend({ template: z.enum(CHECKLIST_TEMPLATES) }), handoverDetailSchema, BY_HANDOVER),
  /** Mark open checklist items done with one piece of evidence: those named (template key or item number), or all. */
  'handovers.completeChecklist': channel(
    'handover.plan',
    handoverIdInput.extend({ items: z.array(z.string().trim().min(1).max(100)).max(200), all: z.boolean(), evidence: z.string().trim().min(1).max(2000) }),
    handoverDetailSchema,
    BY_HANDOVER,
  ),
  'handovers.saveCheck': channel(
    'handover.plan',
    handoverIdInput.extend({ itemId: z.number().int().positive().nullable(), item: checklistItemInputSchema, file: pathSchema.nullable() }),
    handoverDetailSchema,
    { id: 'handover', itemId: 'item' },
  ),
  'handovers.removeCheck': channel('handover.plan', handoverIdInput.extend({ itemId: z.number().int().positive() }), handoverDetailSchema, { id: 'handover', itemId: 'item' }),
  'handovers.generateNotices': channel(
    'handover.plan',
    handoverIdInput.extend({ jobId: jobIdSchema, clientIds: handoverSelection.nullable() }),
    z.strictObject({ dir: z.string().nullable(), generated: z.number().int(), skipped: z.number().int() }),
    HANDOVER_CLIENTS,
  ),
  'handovers.noticePdf': channel(
    'clients.read',
    handoverIdInput.extend({ clientId: z.number().int().positive() }),
    z.strictObject({ name: z.string(), mime: z.string(), data: z.string(), sha256: z.string() }),
    { id: 'handover', clientId: 'client' },
  ),
  'handovers.recordNotices': channel(
    'clients.edit',
    handoverIdInput.extend({
      clientIds: handoverSelection, status: z.enum(['sent', 'acknowledged', 'consented', 'objected']), channel: z.enum(NOTICE_CHANNELS).nullable(),
      date: isoDateSchema, note: z.string().trim().max(2000),
    }),
    z.strictObject({ updated: z.number().int() }),
    HANDOVER_CLIENTS,
  ),
  'handovers.decide': channel('handover.plan', handoverIdInput.extend({ clientIds: handoverSelection, decision: z.enum(['keep', 'exclude']) }), z.strictObject({ updated: z.number().int() }), HANDOVER_CLIENTS),
  'handovers.backup': channel('vault.backup', handoverIdInput.extend({ jobId: jobIdSchema }), z.strictObject({ backup: backupResultSchema.nullable() }), BY_HANDOVER),
  'handovers.submit': channel('handover.plan', handoverIdInput, handoverDetailSchema, BY_HANDOVER),
  'handovers.approve': channel('handover.approve', handoverIdInput.extend({ comment: z.string().trim().max(1000) }), handoverDetailSchema, BY_HANDOVER),
  'handovers.reject': channel('handover.approve', handoverIdInput.extend({ reason: z.string().trim().min(5).max(2000) }), handoverDetailSchema, BY_HANDOVER),
  'handovers.override': channel('users.manage', handoverIdInput.extend({ gate: z.literal('notices'), reason: z.string().trim().min(10).max(2000) }), handoverDetailSchema, BY_HANDOVER),
  'handovers.followup': channel(
    'clients.edit',
    handoverIdInput.extend({
      clientId: z.number().int().positive(), date: isoDateSchema, outcome: z.enum(FOLLOWUP_OUTCOMES), satisfaction: z.number().min(0).max(10).nullable(), note: z.string().trim().max(2000),
    }),
    handoverDetailSchema,
    { id: 'handover', clientId: 'client' },
  ),
  'handovers.report': channel('clients.read', handoverIdInput.extend({ language: languageSchema }), z.strictObject({ path: z.string().nullable() }), BY_HANDOVER),
  'handovers.close': channel('handover.plan', handoverIdInput, handoverDetailSchema, BY_HANDOVER),
  'handovers.export': channel(
    'packages.export',
    handoverIdInput.extend({ jobId: jobIdSchema, includeSelf: z.boolean(), recipients: z.array(z.string().trim().min(1).max(200)).max(50).default([]) }),
    z.strictObject({
      result: z.strictObject({
        path: z.string(), packageId: z.string(), checksum: z.string(), checksumAlg: packageChecksumAlg, senderFingerprint: z.string(), clients: z.number().int(), documents: z.number().int(),
        bytes: z.number().int(), completeness: z.number(), file: z.string(), at: z.string(), by: z.string(),
      }).nullable(),
    }),
    BY_HANDOVER,
  ),
  'handovers.importReceipt': channel('handover.plan', handoverIdInput.extend({ file: pathSchema }), handoverDetailSchema, BY_HANDOVER),
  /** Which handover exported the package a receipt names (a picked file). */
  'handovers.receiptHandover': channel('handover.plan', z.strictObject({ file: pathSchema }), z.strictObject({ id: z.number().int().positive() }), NO_REFS),
  'handovers.archive': channel('handover.plan', handoverIdInput, z.strictObject({ path: z.string().nullable(), packageId: z.string().nullable(), checksum: z.string().nullable() }), BY_HANDOVER),
  'dataroom.start': channel('dataroom.run', dataroomStartSchema, dataroomInfoSchema, { handoverId: 'handover', clientIds: 'client' }),
  'dataroom.list': channel('clients.read', z.strictObject({ handoverId: z.number().int().positive().nullable() }), z.array(dataroomSessionSchema), { handoverId: 'handover' }, {
    '': { kind: 'session', field: 'id' },
  }),
  'dataroom.report': channel('clients.read', z.strictObject({ id: sessionIdSchema }), dataroomReportSchema, { id: 'session' }, REPORT_ROWS),
  'dataroom.exportReport': channel('clients.read', z.strictObject({ id: sessionIdSchema }), z.strictObject({ path: z.string().nullable() }), { id: 'session' }),
  'dataroom.allQuestions': channel('clients.read', z.strictObject({ handoverId: z.number().int().positive() }), z.array(dataroomQuestionSchema), { handoverId: 'handover' }, QUESTION_LIST),
  'dataroom.answer': channel('handover.plan', z.strictObject({ id: z.number().int().positive(), answer: z.string().trim().min(1).max(5000) }), z.array(dataroomQuestionSchema), { id: 'question' }, QUESTION_LIST),
  'dataroom.info': channel('dataroom', empty, dataroomInfoSchema, NO_REFS),
  'dataroom.search': channel(
    'dataroom',
    z.strictObject({ text: z.string().max(100).default(''), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) }),
    z.strictObject({ total: z.number().int(), rows: z.array(z.strictObject({ id: z.number().int(), code: z.string(), name: z.string(), region: z.string(), industry: z.string(), city: z.string() })) }),
    NO_REFS,
    CLIENT_ROWS,
  ),
  'dataroom.client': channel('dataroom', z.strictObject({ id: z.number().int().positive() }), z.strictObject({ client: clientDetailSchema, documents: z.array(documentViewSchema) }), { id: 'client' }, {
    documents: { kind: 'document', field: 'id' },
  }),
  'dataroom.document': channel('dataroom', z.strictObject({ id: z.number().int().positive() }), z.strictObject({ name: z.string(), mime: z.string(), data: z.string() }), { id: 'document' }),
  'dataroom.page': channel('dataroom', z.strictObject({ id: z.number().int().positive(), page: z.number().int().min(1).max(100_000) }), empty, { id: 'document' }),
  'dataroom.ask': channel(
    'dataroom',
    z.strictObject({ clientId: z.number().int().positive().nullable(), documentId: z.number().int().positive().nullable(), question: z.string().trim().min(1).max(2000) }),
    z.array(dataroomQuestionSchema),
    { clientId: 'client', documentId: 'document' },
    QUESTION_LIST,
  ),
  'dataroom.questions': channel('dataroom', empty, z.array(dataroomQuestionSchema), NO_REFS, QUESTION_LIST),
  'dataroom.refused': channel('dataroom', z.strictObject({ what: z.enum(['copy', 'print', 'save', 'navigate', 'context-menu', 'devtools']) }), empty, NO_REFS),
  'dataroom.end': channel('dataroom', z.strictObject({ passphrase: z.string().min(1).max(1024) }), empty, NO_REFS),
  /** The facilitator adds time with their passphrase (issue 17); capped by DATAROOM_EXTENSION_LIMITS. */
  'dataroom.extend': channel('dataroom', dataroomExtendSchema, dataroomInfoSchema, NO_REFS),
  ...CLIENTS_BULK_CONTRACT,
  ...COMPENSATION_CONTRACT,
  ...WORKBENCH_CONTRACT,
  ...COMPLETENESS_CONTRACT,
  ...VAULTLESS_PACKAGE_CONTRACT,
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
