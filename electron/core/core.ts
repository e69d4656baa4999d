import { readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type AppEvent, type AppInfo, type Language, type LockReason } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { recentLog, verifyLogChain } from './audit/store';
import { relaxArgon2, warmArgon2 } from './crypto/argon2-worker';
import { attachDocument, exportDocument, getDocument, listDocuments, previewDocument, removePartialDocuments } from './documents/documents';
import { JobRegistry } from './jobs/jobs';
import { defaultVaultDir } from './paths';
import { readPreferences, writePreferences, type Preferences } from './preferences';
import { route, type Caller, type Handlers } from './router';
import { accessOf, accessOfUser, can } from './roles/authz';
import { idsInScope, visibleHandoverIds } from './roles/scope-read-model';
import { addUser, changeOwnPassphrase, listUsers, setIdleMinutes, setUserDisabled } from './users/service';
import { clientIdByCode, warmClientCache, warmSearchSlice } from './clients/repository';
import {
  facetsForUser, revealField, searchForUser, archiveClient, purgeClient, saveFilter, savedFilters, checkImport, clientValue, setValueWeights, createClient, editClient, exportClients, forgetImportCache, previewImport, requireUnscoped, runImport, viewClient, writeRejectedReport,
} from './services/clients';
import { addCommunication, addTransaction, removeEntry, updateCommunication, updateTransaction } from './services/client-entries';
import { backupVault, restoreVault } from './vault/backup';
import { cipherForNewVault } from './db/cipher';
import { upgradeVaultCipher } from './vault/upgrade';
import { deleteRole, listRoles, saveRole, setUserRole, setUserScope } from './roles/service';
import { logFacets, logStats, queryLog } from './audit/query-store';
import { auditExportName, exportAuditLog } from './audit/export';
import { verifyAuditExport } from './audit/verify';
import { maskEntryView } from './audit/masked-texts';
import { checkpointIfDue, verifyAgainstCheckpoints } from './audit/checkpoint-store';
import { exportIdentity, showVaultKeys } from './keys/service';
import { importIncoming, inspectIncoming, previewIncoming, writeReceipt } from './services/receive';
import { addCounterpartyKey, listCounterpartyKeys, removeCounterpartyKey, verifyCounterpartyKey } from './keys/counterparties';
import { writeFileAtomic } from './fs-atomic';
import {
  approveHandover, closeHandover, createHandover, handoverDetail, listHandovers, overrideGate, previewScope, setArrangement, setClientIncluded, setScope, submitHandover, updateHandover,
} from './handovers/plan';
import { addFollowup, addNda, applyTemplate, completeChecklist, removeChecklistItem, removeNda, removeRisk, saveChecklistItem, saveRisk } from './handovers/records';
import { decideUnanswered, generateNotices, handoverClients, noticePdf, recordNotices } from './handovers/notices';
import { exportArchive, exportPackage, handoverForReceipt, importReceipt, recordBackup } from './handovers/export';
import { reportFor } from './handovers/report';
import { removeExportLeftovers } from './handovers/export-temp';
import {
  answerQuestion, askQuestion, endSession, listQuestions, listSessions, recordRefusal, checkEndPassphrase, sessionClient, sessionDocument, sessionInfo, sessionPage,
  sessionReport, sessionSearch, startSession, writeSessionReport, type ActiveSession,
} from './datarooms/session';
import { loadHandover } from './handovers/store';
import { compensationHandlers } from './compensation/handlers';
import { workbenchHandlers } from './workbench/handlers';
import { appendLog } from './audit/store';
import { checkVault } from './vault/check';
import { dbPath, nativeBindingPath } from './db/database';
import { KDF_FLOOR, readSlotFile, type KdfParams } from './vault/keyslots';
import { SCHEMA_VERSION } from './vault/migrations';
import { vaultPublicKey, vaultSigningKey } from './keys/vault-keys';
import { toUserView, userById } from './users/store';
import {
  createVault,
  lockVault,
  recoverVault,
  unlockDelaySeconds,
  unlockVault,
  vaultExists,
  type Clock,
  type OpenVault,
} from './vault/vault';

/** The cipher the self-test prefers on this computer, if the vault does not use it yet. */
function fasterCipherThan(current: OpenVault['cipher']): OpenVault['cipher'] | null {
  const best = cipherForNewVault(undefined, nativeBindingPath());
  return best === current ? null : best;
}

/** What only the shell can do: native dialogs. The e2e harness answers with temp paths. */
export interface Platform {
  chooseVaultFolder(): Promise<string | null>;
  chooseBackupFile(): Promise<string | null>;
  chooseRestoreFolder(): Promise<string | null>;
  chooseImportFile(): Promise<string | null>;
  chooseDocumentFile(): Promise<string | null>;
  /** A folder to write an export into, or to read one from. */
  chooseFolder(purpose: 'audit-export' | 'audit-verify' | 'notices' | 'dataroom-report'): Promise<string | null>;
  /** A handover package (.handover) received from a seller. */
  choosePackageFile(): Promise<string | null>;
  /** A public key (.pub) or a checkpoint file an auditor holds. */
  chooseKeyFile(kind: 'public-key' | 'checkpoint' | 'receipt'): Promise<string | null>;
  /**
   * Print self-contained HTML (no scripts, no external resources) to PDF with
   * the shell's Chromium; absent where there is none (the CLI).
   */
  renderPdf?(html: string): Promise<Buffer>;
  /** A save dialog; `defaultName`'s extension decides the file filter. */
  chooseSaveTarget(defaultName: string): Promise<string | null>;
}

/** While an exclusive job (an import's open transaction) runs, only these calls get through. */
const DURING_EXCLUSIVE_JOB = new Set(['job.cancel', 'app.info', 'session.activity']);

export interface CoreOptions {
  appDataDir: string;
  platform: Platform;
  emit: (event: AppEvent) => void;
  systemLanguage?: Language;
  now?: Clock;
  /** Cost of new key slots; never below the floor. */
  kdf?: KdfParams;
  idleCheckMs?: number;
  /**
   * Who is at the door. The CLI's unlocks and locks are logged with method
   * "cli", and a one-shot command does not warm caches it will never use.
   */
  transport?: 'app' | 'cli';
}

/**
 * The application core behind every transport: holds which vault is selected,
 * whether it is unlocked (and the data key, which never leaves here), the
 * auto-lock timer and running jobs. `handle` is the only entry for a renderer.
 */
export class HandoverCore {
  private vault: OpenVault | null = null;
  private dataroom: ActiveSession | null = null;
  private prefs: Preferences;
  private readonly prefsFile: string;
  private readonly pickedPaths = new Set<string>();
  private readonly jobs: JobRegistry;
  private readonly now: Clock;
  private readonly kdf: KdfParams;
  private readonly idleTimer: NodeJS.Timeout;
  private lastActivity = Date.now();
  private exclusiveJob = false;
  readonly handlers: Handlers;

  constructor(private readonly opts: CoreOptions) {
    this.now = opts.now ?? (() => new Date());
    this.kdf = opts.kdf ?? KDF_FLOOR;
    this.prefsFile = join(opts.appDataDir, 'preferences.json');
    this.prefs = readPreferences(this.prefsFile, opts.systemLanguage ?? 'zh-CN');
    this.jobs = new JobRegistry((jobId, done, total, unit) => opts.emit({ type: 'job.progress', jobId, done, total, unit }));
    this.idleTimer = setInterval(() => this.checkIdle(), opts.idleCheckMs ?? 5000);
    this.idleTimer.unref();
    this.handlers = this.makeHandlers();
    // A CLI command derives one key at most: a primed worker would only cost it a second 256 MiB pass.
    if (!this.isCli) warmArgon2();
  }

  get vaultDir(): string {
    return this.prefs.vaultDir ?? defaultVaultDir(this.opts.appDataDir);
  }

  /** Test hook: the open vault's key buffer, to prove lock zeroes it. Never exposed over IPC. */
  get openVaultForTests(): OpenVault | null {
    return this.vault;
  }

  async handle(channel: unknown, input: unknown): Promise<Result<unknown>> {
    this.lastActivity = Date.now();
    if (this.exclusiveJob && !DURING_EXCLUSIVE_JOB.has(String(channel))) {
      return { ok: false, error: { code: 'BUSY', message: 'An import is running' } };
    }
    return route(this.handlers, () => this.caller(), channel, input);
  }

  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.exclusiveJob = true;
    try {
      return await work();
    } finally {
      this.exclusiveJob = false;
    }
  }

  lock(reason: LockReason): void {
    const vault = this.vault;
    if (!vault) return;
    this.vault = null;
    if (this.dataroom) {
      // The session ends with the lock, whatever caused it; its report is signed now.
      const endReason = reason === 'dataroom-expired' ? 'expired' : reason === 'dataroom-ended' ? 'facilitator' : reason;
      endSession(vault, this.dataroom, endReason, this.now);
      this.dataroom = null;
    }
    this.jobs.cancelAll();
    forgetImportCache();
    lockVault(vault, this.isCli ? 'cli' : reason, this.now);
    if (!this.isCli) warmArgon2();
    this.opts.emit({ type: 'vault.locked', reason });
  }

  private get isCli(): boolean {
    return this.opts.transport === 'cli';
  }

  dispose(): void {
    clearInterval(this.idleTimer);
    this.lock('manual');
  }

  private caller(): Caller {
    if (this.dataroom && this.now().getTime() >= this.dataroom.expiresAt.getTime()) this.lock('dataroom-expired');
    if (!this.vault) return { permissions: null };
    // Re-read the user and role on every call so a role change or a disable takes effect at once.
    const row = userById(this.vault.db, this.vault.user.id);
    if (!row || row.disabled) {
      this.lock('manual');
      return { permissions: null };
    }
    this.vault.user = row;
    const access = accessOfUser(this.vault.db, row);
    const db = this.vault.db;
    return { permissions: access.permissions, dataroom: this.dataroom !== null, inScope: (kind, ids) => idsInScope(db, access, kind, ids) };
  }

  /** After the unlock answer has gone out, pull the hot pages into the cache. */
  private warmUp(): void {
    relaxArgon2();
    if (this.vault) {
      removePartialDocuments(this.vault.db);
      removeExportLeftovers(this.vault.dir);
    }
    if (this.isCli) return;
    // After the unlock answer has gone out: the daily checkpoint (it reads the log since the last one).
    setImmediate(() => {
      if (this.vault && !this.exclusiveJob) {
        if (this.vault.keyring) checkpointIfDue(this.vault.db, this.vault.keyring.signing, this.now());
        warmClientCache(this.vault.db);
        this.warmSearch(this.vault, 0);
      }
    });
  }

  /** The search index into the page cache, a slice per turn of the event loop, for as long as this vault is open. */
  private warmSearch(vault: OpenVault, after: number): void {
    if (this.vault !== vault || this.exclusiveJob) return;
    const next = warmSearchSlice(vault.db, after);
    if (next !== null) setImmediate(() => this.warmSearch(vault, next));
  }

  private checkIdle(): void {
    if (!this.vault) return;
    if (this.dataroom && this.now().getTime() >= this.dataroom.expiresAt.getTime()) {
      this.lock('dataroom-expired');
      return;
    }
    if (Date.now() - this.lastActivity > this.vault.user.idle_minutes * 60_000) this.lock('idle');
  }

  private requireVault(): OpenVault {
    if (!this.vault) throw new AppError('VAULT_LOCKED', 'The vault is locked');
    return this.vault;
  }

  /** Paths from the renderer are accepted only if the user picked them in a dialog (or the default). */
  private allowedPath(path: string): string {
    const full = resolve(path);
    if (full !== resolve(defaultVaultDir(this.opts.appDataDir)) && !this.pickedPaths.has(full)) {
      throw new AppError('PATH_NOT_ALLOWED', 'Choose the location with the dialog first');
    }
    return full;
  }

  private picked(path: string | null): { path: string | null } {
    if (path) this.pickedPaths.add(resolve(path));
    return { path: path ? resolve(path) : null };
  }

  private info(): AppInfo {
    const dir = this.vaultDir;
    const exists = vaultExists(dir);
    return {
      vaultDir: dir,
      defaultVaultDir: defaultVaultDir(this.opts.appDataDir),
      state: this.vault ? 'unlocked' : exists ? 'locked' : 'absent',
      language: this.prefs.language,
      user: this.vault ? toUserView(this.vault.user, this.vault.db) : null,
      unlockDelaySeconds: !this.vault && exists ? unlockDelaySeconds(readSlotFile(dir), this.now()) : 0,
      dataroom: this.vault && this.dataroom ? sessionInfo(this.dataroom, this.now) : null,
    };
  }

  private savePrefs(next: Partial<Preferences>): void {
    this.prefs = { ...this.prefs, ...next };
    writePreferences(this.prefsFile, this.prefs);
  }

  private makeHandlers(): Handlers {
    const now = this.now;
    return {
      'app.info': () => this.info(),
      'app.setLanguage': ({ language }) => {
        this.savePrefs({ language });
        return {};
      },
      'dialog.chooseVaultFolder': async () => this.picked(await this.opts.platform.chooseVaultFolder()),
      'dialog.chooseBackupFile': async () => this.picked(await this.opts.platform.chooseBackupFile()),
      'dialog.chooseRestoreFolder': async () => this.picked(await this.opts.platform.chooseRestoreFolder()),

      'vault.create': async ({ dir, userName, passphrase }) => {
        const target = this.allowedPath(dir);
        this.lock('switch');
        const { vault, recoveryKey } = await createVault({ dir: target, userName, passphrase, now, kdf: this.kdf });
        this.vault = vault;
        relaxArgon2();
        this.savePrefs({ vaultDir: target });
        return { recoveryKey, user: toUserView(vault.user, vault.db) };
      },
      'vault.open': ({ dir }) => {
        const target = this.allowedPath(dir);
        if (!vaultExists(target)) throw new AppError('VAULT_NOT_FOUND', `No vault in ${target}`, { dir: target });
        this.lock('switch');
        this.savePrefs({ vaultDir: target });
        return this.info();
      },
      'vault.unlock': async ({ userName, passphrase }) => {
        this.lock('switch');
        this.vault = await unlockVault({ dir: this.vaultDir, userName, passphrase, now, kdf: this.kdf, method: this.isCli ? 'cli' : undefined });
        this.warmUp();
        return { user: toUserView(this.vault.user, this.vault.db) };
      },
      'vault.recover': async ({ userName, recoveryKey, newPassphrase }) => {
        this.lock('switch');
        this.vault = await recoverVault({ dir: this.vaultDir, userName, recoveryKey, newPassphrase, now, kdf: this.kdf });
        this.warmUp();
        return { user: toUserView(this.vault.user, this.vault.db) };
      },
      'vault.lock': () => {
        this.lock('manual');
        return {};
      },
      'vault.security': () => {
        const vault = this.requireVault();
        const access = accessOf(vault);
        const canAudit = can(access, 'audit.read');
        const canManage = can(access, 'users.manage');
        const slots = readSlotFile(vault.dir).slots.map((s) => ({
          slot: s.id,
          kind: s.kind === 'recovery' || s.kind === 'legacy-recovery' ? ('recovery' as const) : ('user' as const),
          algorithm: s.kdf.alg,
          opsLimit: 'opsLimit' in s.kdf ? s.kdf.opsLimit : 0,
          memLimitBytes: 'memLimitBytes' in s.kdf ? s.kdf.memLimitBytes : 0,
        }));
        return {
          vaultDir: vault.dir,
          cipher: String(vault.db.pragma('cipher', { simple: true })),
          cipherUpgrade: canManage ? fasterCipherThan(vault.cipher) : null,
          schemaVersion: SCHEMA_VERSION,
          dbBytes: statSync(dbPath(vault.dir)).size,
          slots,
          users: canManage ? listUsers(vault) : [toUserView(vault.user, vault.db)],
          recentLog: canAudit ? recentLog(vault.db, 50).map((e) => maskEntryView(e, access.masked)) : null,
          logChainValid: canAudit ? verifyLogChain(vault.db).ok && verifyAgainstCheckpoints(vault.db, vaultPublicKey(vault).publicKey).ok : null,
        };
      },
      'vault.check': () => ({ ...checkVault(this.requireVault()) }),
      'vault.backup': async ({ jobId }) => {
        const vault = this.requireVault();
        const stamp = now().toISOString().slice(0, 10);
        const out = await this.opts.platform.chooseSaveTarget(`vault-${stamp}.hvbackup`);
        if (!out) return { backup: null };
        const backup = await this.jobs.run(jobId, (job) => backupVault(vault, resolve(out), job, now));
        return { backup };
      },
      'vault.restore': async ({ jobId, from, to, credential }) => {
        const source = this.allowedPath(from);
        const target = this.allowedPath(to);
        await this.jobs.run(jobId, (job) => restoreVault({ from: source, to: target, credential, job, now }));
        this.lock('restore');
        this.savePrefs({ vaultDir: target });
        return { dir: target };
      },
      'vault.upgrade': ({ jobId }) => {
        const vault = this.requireVault();
        // Exclusive: nothing else writes while the copy is made and swapped in.
        return this.exclusive(() => this.jobs.run(jobId, (job) => upgradeVaultCipher(vault, job, now)));
      },
      'job.cancel': ({ jobId }) => {
        this.jobs.cancel(jobId);
        return {};
      },

      'users.list': () => listUsers(this.requireVault()),
      'users.add': (input) => addUser(this.requireVault(), input, now),
      'users.setDisabled': ({ jobId, ...input }) => {
        const vault = this.requireVault();
        // Disabling re-encrypts the whole vault: with a job id its progress is reported and other calls wait.
        if (!jobId || !input.disabled) return setUserDisabled(vault, input, now);
        return this.exclusive(() => this.jobs.run(jobId, (job) => setUserDisabled(vault, input, now, { progress: (d, t, u) => job.progress(d, t, u) })));
      },
      'users.changePassphrase': async (input) => {
        await changeOwnPassphrase(this.requireVault(), input, now);
        return {};
      },
      'settings.setIdleMinutes': ({ minutes }) => setIdleMinutes(this.requireVault(), minutes, now),
      'session.activity': () => ({}),

      'dialog.chooseImportFile': async () => this.picked(await this.opts.platform.chooseImportFile()),
      'clients.search': (query) => searchForUser(this.requireVault(), query, now),
      'clients.facets': () => facetsForUser(this.requireVault()),
      'clients.reveal': ({ id, path, reason }) => revealField(this.requireVault(), id, path, reason, now),
      'clients.get': ({ id }) => viewClient(this.requireVault(), id, now),
      'clients.byCode': ({ code }) => {
        const vault = this.requireVault();
        const id = clientIdByCode(vault.db, code);
        // A code the router cannot check for the caller: missing and out of scope answer alike here.
        if (id === null || !idsInScope(vault.db, accessOf(vault), 'client', [id])) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
        const archived = vault.db.prepare('SELECT archived FROM clients WHERE id = ?').pluck().get(id) === 1;
        return { id, archived };
      },
      'clients.create': (draft) => createClient(this.requireVault(), draft, now),
      'clients.update': ({ id, draft }) => editClient(this.requireVault(), id, draft, now),
      'clients.archive': ({ id, archived }) => {
        archiveClient(this.requireVault(), id, archived, now);
        return {};
      },
      'clients.importPreview': ({ file, encoding }) => previewImport(this.requireVault(), this.allowedPath(file), encoding),
      'clients.importCheck': ({ file, encoding, mapping, onDuplicate }) =>
        checkImport(this.requireVault(), this.allowedPath(file), encoding, mapping, onDuplicate),
      'clients.importRun': ({ jobId, file, encoding, mapping, onDuplicate, saveMappingAs }) => {
        const vault = this.requireVault();
        const source = this.allowedPath(file);
        return this.exclusive(() =>
          this.jobs.run(jobId, (job) => runImport(vault, { file: source, encoding, mapping, policy: onDuplicate, saveMappingAs }, job, now)),
        );
      },
      'clients.saveRejected': async ({ file, encoding, mapping, onDuplicate, language }) => {
        const vault = this.requireVault();
        requireUnscoped(vault);
        const source = this.allowedPath(file);
        const out = await this.opts.platform.chooseSaveTarget(language === 'en' ? 'rejected-rows.csv' : '未导入的行.csv');
        if (!out) return { path: null, count: 0 };
        const count = await writeRejectedReport(vault, resolve(out), { file: source, encoding, mapping, policy: onDuplicate, language });
        return { path: resolve(out), count };
      },
      'clients.export': async ({ query, format }) => {
        const vault = this.requireVault();
        const out = await this.opts.platform.chooseSaveTarget(`clients-${now().toISOString().slice(0, 10)}.${format}`);
        if (!out) return { path: null, count: 0 };
        return { path: resolve(out), count: exportClients(vault, resolve(out), query, format, now) };
      },

      'dialog.chooseDocumentFile': async () => this.picked(await this.opts.platform.chooseDocumentFile()),
      'documents.list': ({ clientId }) => listDocuments(this.requireVault().db, clientId),
      'documents.attach': ({ jobId, clientId, file }) => {
        const vault = this.requireVault();
        const source = this.allowedPath(file);
        return this.jobs.run(jobId, (job) => attachDocument(vault, clientId, source, job, now));
      },
      'documents.export': async ({ jobId, id }) => {
        const vault = this.requireVault();
        const doc = getDocument(vault.db, id);
        const out = await this.opts.platform.chooseSaveTarget(doc.name);
        if (!out) return { path: null };
        await this.jobs.run(jobId, (job) => exportDocument(vault, id, resolve(out), job, now));
        return { path: resolve(out) };
      },
      'documents.preview': ({ id }) => previewDocument(this.requireVault(), id, now),
      'clients.value': () => clientValue(this.requireVault()),
      'clients.setValueWeights': (weights) => setValueWeights(this.requireVault(), weights, now),
      'clients.addTransaction': ({ clientId, ...t }) => addTransaction(this.requireVault(), clientId, t, now),
      'clients.addCommunication': ({ clientId, ...m }) => addCommunication(this.requireVault(), clientId, m, now),
      'clients.updateTransaction': ({ clientId, id, ...t }) => updateTransaction(this.requireVault(), clientId, id, t, now),
      'clients.updateCommunication': ({ clientId, id, ...m }) => updateCommunication(this.requireVault(), clientId, id, m, now),
      'clients.removeEntry': ({ clientId, entry, id }) => removeEntry(this.requireVault(), clientId, entry, id, now),
      'clients.purge': ({ id, confirmCode }) => {
        purgeClient(this.requireVault(), id, confirmCode, now);
        return {};
      },
      'clients.savedFilters': () => savedFilters(this.requireVault()),
      'clients.saveFilter': (filter) => saveFilter(this.requireVault(), filter),
      'clients.deleteFilter': ({ name }) => saveFilter(this.requireVault(), { name }),

      'roles.list': () => listRoles(this.requireVault()),
      'roles.save': (input) => saveRole(this.requireVault(), input, now),
      'roles.delete': ({ name }) => deleteRole(this.requireVault(), name, now),
      'users.setRole': ({ userId, role }) => setUserRole(this.requireVault(), userId, role, now),
      'users.setScope': ({ userId, scope }) => setUserScope(this.requireVault(), userId, scope, now),

      'audit.query': ({ filter, offset, limit }) => {
        const vault = this.requireVault();
        const page = queryLog(vault.db, filter, offset, limit);
        const { masked } = accessOf(vault);
        return { ...page, rows: page.rows.map((e) => maskEntryView(e, masked)) };
      },
      'audit.stats': ({ filter }) => logStats(this.requireVault().db, filter),
      'audit.facets': () => logFacets(this.requireVault().db),
      'dialog.chooseAuditFolder': async ({ purpose }) => this.picked(await this.opts.platform.chooseFolder(purpose)),
      'dialog.chooseKeyFile': async ({ kind }) => this.picked(await this.opts.platform.chooseKeyFile(kind)),
      'audit.export': ({ jobId, dir, since, until }) => {
        const vault = this.requireVault();
        const parent = this.allowedPath(dir);
        const name = auditExportName(now());
        const renderPdf = this.opts.platform.renderPdf?.bind(this.opts.platform);
        const masked = accessOf(vault).masked;
        return this.jobs.run(jobId, (job) => exportAuditLog(vault.db, { parent, name, since, until, actor: vault.user.name, key: vaultSigningKey(vault), renderPdf, masked }, job, now));
      },
      'audit.verify': async ({ dir, publicKeyFile, checkpointFile }) => {
        const vault = this.requireVault();
        const verdict = await verifyAuditExport(this.allowedPath(dir), {
          publicKey: publicKeyFile ? readFileSync(this.allowedPath(publicKeyFile), 'utf8') : undefined,
          heldCheckpoint: checkpointFile ? readFileSync(this.allowedPath(checkpointFile), 'utf8') : undefined,
        });
        vault.db.transaction(() => {
          appendLog(vault.db, { actor: vault.user.name, action: 'audit.verify', target: basename(dir), details: { ok: verdict.ok, problem: verdict.problem?.kind ?? '' } }, now());
        }).immediate();
        return verdict;
      },
      'dialog.choosePackageFile': async () => this.picked(await this.opts.platform.choosePackageFile()),
      'packages.inspect': ({ file, jobId }) => {
        const vault = this.requireVault();
        const source = this.allowedPath(file);
        return this.jobs.run(jobId, (job) => inspectIncoming(vault, source, job, now));
      },
      'keys.counterparties': () => listCounterpartyKeys(this.requireVault()),
      'keys.addCounterparty': ({ label, key }) => addCounterpartyKey(this.requireVault(), label, key, now),
      'keys.verifyCounterparty': ({ id, how, fingerprint }) => verifyCounterpartyKey(this.requireVault(), id, how, fingerprint, now),
      'keys.removeCounterparty': ({ id }) => removeCounterpartyKey(this.requireVault(), id, now),
      'packages.preview': ({ file, jobId }) => {
        const vault = this.requireVault();
        const source = this.allowedPath(file);
        return this.jobs.run(jobId, (job) => previewIncoming(vault, source, job, now));
      },
      'packages.import': ({ file, jobId }) => {
        const vault = this.requireVault();
        const source = this.allowedPath(file);
        return this.exclusive(() => this.jobs.run(jobId, (job) => importIncoming(vault, source, job, now)));
      },
      'packages.receipt': async ({ file, organisation, jobId }) => {
        const vault = this.requireVault();
        const source = this.allowedPath(file);
        const out = await this.opts.platform.chooseSaveTarget(`${basename(source).replace(/\.handover$/, '')}.receipt`);
        if (!out) return { path: null, sha256: null };
        const r = await this.jobs.run(jobId, (job) => writeReceipt(vault, source, resolve(out), organisation, job, now));
        return { path: resolve(out), sha256: r.receiptSha256 };
      },
      'keys.show': () => showVaultKeys(this.requireVault()),
      'keys.exportPub': async () => {
        const vault = this.requireVault();
        const out = await this.opts.platform.chooseSaveTarget('vault.pub');
        if (!out) return { path: null };
        writeFileAtomic(resolve(out), showVaultKeys(vault).minisignPublicKey);
        return { path: resolve(out) };
      },
      'keys.exportIdentity': async () => {
        const vault = this.requireVault();
        const out = await this.opts.platform.chooseSaveTarget('vault-identity.txt');
        if (!out) return { path: null };
        exportIdentity(vault, resolve(out), now);
        return { path: resolve(out) };
      },
      ...this.handoverHandlers(),
      ...this.dataroomHandlers(),
      ...compensationHandlers(() => this.requireVault(), now),
      ...workbenchHandlers(() => this.requireVault(), now),
    };
  }

  private requireSession(): { vault: OpenVault; s: ActiveSession } {
    const vault = this.requireVault();
    if (!this.dataroom) throw new AppError('DATAROOM_NOT_ACTIVE', 'No data-room session is running');
    return { vault, s: this.dataroom };
  }

  private dataroomHandlers(): Pick<Handlers, Extract<keyof Handlers, `dataroom.${string}`>> {
    const now = this.now;
    const session = () => this.requireSession();
    return {
      'dataroom.start': async (input) => {
        const vault = this.requireVault();
        const s = await startSession(vault, input, now);
        this.dataroom = s;
        this.opts.emit({ type: 'dataroom.started', sessionId: s.id });
        return sessionInfo(s, now);
      },
      'dataroom.list': ({ handoverId }) => {
        const vault = this.requireVault();
        const visible = visibleHandoverIds(vault.db, accessOf(vault));
        return listSessions(vault.db, handoverId).filter((s) => visible === null || visible.has(s.handoverId));
      },
      'dataroom.report': ({ id }) => sessionReport(this.requireVault().db, id).report,
      'dataroom.exportReport': async ({ id }) => {
        const vault = this.requireVault();
        sessionReport(vault.db, id);
        const dir = await this.opts.platform.chooseFolder('dataroom-report');
        if (!dir) return { path: null };
        return { path: writeSessionReport(vault, id, resolve(dir), now) };
      },
      'dataroom.allQuestions': ({ handoverId }) => listQuestions(this.requireVault().db, handoverId),
      'dataroom.answer': ({ id, answer }) => {
        const vault = this.requireVault();
        answerQuestion(vault, id, answer, now);
        const handoverId = vault.db.prepare('SELECT handover_id FROM dataroom_questions WHERE id = ?').pluck().get(id) as number;
        return listQuestions(vault.db, handoverId);
      },
      'dataroom.info': () => sessionInfo(session().s, now),
      'dataroom.search': (q) => {
        const { vault, s } = session();
        return sessionSearch(vault, s, q, now);
      },
      'dataroom.client': ({ id }) => {
        const { vault, s } = session();
        return sessionClient(vault, s, id, now);
      },
      'dataroom.document': ({ id }) => {
        const { vault, s } = session();
        return sessionDocument(vault, s, id, now);
      },
      'dataroom.page': ({ id, page }) => {
        const { vault, s } = session();
        sessionPage(vault, s, id, page, now);
        return {};
      },
      'dataroom.ask': (q) => {
        const { vault, s } = session();
        return askQuestion(vault, s, q, now);
      },
      'dataroom.questions': () => {
        const { vault, s } = session();
        return listQuestions(vault.db, s.handoverId, s.clientIds);
      },
      'dataroom.refused': ({ what }) => {
        const { vault, s } = session();
        recordRefusal(vault, s, what, now);
        return {};
      },
      'dataroom.end': async ({ passphrase }) => {
        const { vault, s } = session();
        await checkEndPassphrase(vault, s, passphrase, now);
        this.lock('dataroom-ended');
        return {};
      },
    };
  }

  private handoverHandlers(): Pick<Handlers, Extract<keyof Handlers, `handovers.${string}`> | 'dialog.chooseHandoverFile'> {
    const now = this.now;
    const v = () => this.requireVault();
    const detail = (id: number) => handoverDetail(v(), id, now);
    return {
      'handovers.list': () => listHandovers(v(), now),
      'handovers.get': ({ id }) => detail(id),
      'handovers.create': (input) => createHandover(v(), input, now),
      'handovers.update': ({ id, patch }) => updateHandover(v(), id, patch, now),
      'handovers.scopePreview': ({ scope }) => previewScope(v(), scope),
      'handovers.setScope': ({ id, scope }) => setScope(v(), id, scope, now),
      'handovers.clients': (q) => handoverClients(v(), q),
      'handovers.clientCodes': ({ id, filter }) =>
        (handoverClients(v(), { id, filter, text: '', offset: 0, limit: Number.MAX_SAFE_INTEGER }).rows as { clientId: number; code: string }[]).map((r) => ({ clientId: r.clientId, code: r.code })),
      'handovers.setIncluded': ({ id, clientIds, included, reason }) => setClientIncluded(v(), id, clientIds, included, reason, now),
      'handovers.setArrangement': ({ id, clientIds, ...a }) => setArrangement(v(), id, clientIds, a, now),
      'dialog.chooseHandoverFile': async () => this.picked(await this.opts.platform.chooseDocumentFile()),
      'handovers.addNda': ({ id, file, ...nda }) => {
        addNda(v(), id, { ...nda, file: file ? this.allowedPath(file) : null }, now);
        return detail(id);
      },
      'handovers.removeNda': ({ id, ndaId }) => {
        removeNda(v(), id, ndaId, now);
        return detail(id);
      },
      'handovers.saveRisk': ({ id, riskId, risk }) => {
        saveRisk(v(), id, riskId, risk, now);
        return detail(id);
      },
      'handovers.removeRisk': ({ id, riskId }) => {
        removeRisk(v(), id, riskId, now);
        return detail(id);
      },
      'handovers.applyTemplate': ({ id, template }) => {
        applyTemplate(v(), id, template, now);
        return detail(id);
      },
      'handovers.saveCheck': ({ id, itemId, item, file }) => {
        saveChecklistItem(v(), id, itemId, { ...item, file: file ? this.allowedPath(file) : null }, now);
        return detail(id);
      },
      'handovers.completeChecklist': ({ id, items, all, evidence }) => {
        completeChecklist(v(), id, all ? 'all' : items, evidence, now);
        return detail(id);
      },
      'handovers.removeCheck': ({ id, itemId }) => {
        removeChecklistItem(v(), id, itemId, now);
        return detail(id);
      },
      'handovers.generateNotices': async ({ jobId, id, clientIds }) => {
        const vault = v();
        loadHandover(vault.db, id);
        const dir = await this.opts.platform.chooseFolder('notices');
        if (!dir) return { dir: null, generated: 0, skipped: 0 };
        return this.jobs.run(jobId, (job) => generateNotices(vault, id, resolve(dir), clientIds, job, now));
      },
      'handovers.noticePdf': ({ id, clientId }) => noticePdf(v(), id, clientId, now),
      'handovers.recordNotices': ({ id, clientIds, ...r }) => recordNotices(v(), id, clientIds, r, now),
      'handovers.decide': ({ id, clientIds, decision }) => decideUnanswered(v(), id, clientIds, decision, now),
      'handovers.backup': async ({ jobId, id }) => {
        const vault = v();
        const h = loadHandover(vault.db, id);
        const out = await this.opts.platform.chooseSaveTarget(`${h.ref}-${now().toISOString().slice(0, 10)}.hvbackup`);
        if (!out) return { backup: null };
        return { backup: await this.jobs.run(jobId, (job) => recordBackup(vault, id, resolve(out), job, now)) };
      },
      'handovers.submit': ({ id }) => submitHandover(v(), id, now),
      'handovers.approve': ({ id, comment }) => approveHandover(v(), id, comment, now),
      'handovers.override': ({ id, gate, reason }) => overrideGate(v(), id, gate, reason, now),
      'handovers.followup': ({ id, ...f }) => {
        addFollowup(v(), id, f, now);
        return detail(id);
      },
      'handovers.report': async ({ id, language }) => {
        const vault = v();
        const h = loadHandover(vault.db, id);
        const out = await this.opts.platform.chooseSaveTarget(`${h.ref}-${language === 'en' ? 'report' : '交接报告'}.pdf`);
        if (!out) return { path: null };
        writeFileAtomic(resolve(out), reportFor(vault, id, language, now));
        return { path: resolve(out) };
      },
      'handovers.close': ({ id }) => closeHandover(v(), id, now),
      'handovers.export': async ({ jobId, id, includeSelf, recipients }) => {
        const vault = v();
        const h = loadHandover(vault.db, id);
        const out = await this.opts.platform.chooseSaveTarget(`${h.ref}.handover`);
        if (!out) return { result: null };
        // Exclusive: the plan cannot change under an export that reads it for a while.
        return { result: await this.exclusive(() => this.jobs.run(jobId, (job) => exportPackage(vault, id, resolve(out), { includeSelf, recipients }, job, now))) };
      },
      'handovers.importReceipt': ({ id, file }) => importReceipt(v(), id, this.allowedPath(file), now),
      'handovers.receiptHandover': ({ file }) => ({ id: handoverForReceipt(v(), this.allowedPath(file)) }),
      'handovers.archive': async ({ id }) => {
        const vault = v();
        const h = loadHandover(vault.db, id);
        const out = await this.opts.platform.chooseSaveTarget(`${h.ref}-archive.handover`);
        if (!out) return { path: null, packageId: null, checksum: null };
        const r = await exportArchive(vault, id, resolve(out), now);
        return { path: r.path, packageId: r.packageId, checksum: r.checksum };
      },
    };
  }
}
