import { join, resolve } from 'node:path';
import { type AppEvent, type AppInfo, type Language, type LockReason } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { relaxArgon2, warmArgon2 } from './crypto/argon2-worker';
import { JobRegistry } from './jobs/jobs';
import { defaultVaultDir } from './paths';
import { readPreferences, writePreferences, type Preferences } from './preferences';
import { route, type Caller, type Handlers } from './router';
import { accessOfUser } from './roles/authz';
import { idsInScope, idsOutsideScope } from './roles/scope-read-model';
import { warmClientCache, warmSearchSlice } from './clients/search-store';
import { keepRanksFresh } from './clients/rank-store';
import { clientsHandlers } from './clients/handlers';
import { clientsMatching } from './clients/bulk';
import { forgetImportCache } from './clients/import/service';
import { restoreVault } from './vault/backup';
import { checkpointCount, checkpointIfDue } from './audit/checkpoint-store';
import { removeExportLeftovers } from './packages/export-temp';
import { compensationHandlers } from './compensation/handlers';
import { workbenchHandlers } from './workbench/handlers';
import { KDF_FLOOR, readSlotFile, type KdfParams } from './vault/keyslots';
import { endSession, sessionInfo, type ActiveSession } from './datarooms/session';
import { removePartialDocuments } from './documents/store';
import { auditHandlers } from './audit/handlers';
import { keyHandlers } from './keys/handlers';
import { roleHandlers } from './roles/handlers';
import { userHandlers } from './users/handlers';
import { vaultHandlers } from './vault/handlers';
import { handoverHandlers, matchingHandoverClients } from './handovers/handlers';
import { matchingProposalIds } from './compensation/bulk';
import { dataroomHandlers } from './datarooms/handlers';
import { documentHandlers } from './documents/handlers';
import { packageHandlers } from './packages/handlers';
import type { Platform } from './platform';
import type { SessionContext } from './session-context';
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

/** While an exclusive job (an import's open transaction) runs, only these calls get through. */
const DURING_EXCLUSIVE_JOB = new Set(['job.cancel', 'app.info', 'session.activity']);

export interface CoreOptions {
  appDataDir: string;
  platform: Platform;
  emit: (event: AppEvent) => void;
  systemLanguage?: Language;
  now?: Clock;
  /**
   * TEST HARNESS ONLY (test/helpers/core.ts, test/e2e/harness.ts): new key slots at this cost, and
   * slots down to it accepted, so a test vault unlocks in milliseconds. The app (electron/main) and the
   * CLI (electron/cli) never pass it and nothing reads it from the environment or settings
   * (test/unit/test-only-kdf.test.ts checks the sources); without it every slot costs KDF_FLOOR.
   */
  testOnlyKdf?: KdfParams;
  idleCheckMs?: number;
  /**
   * Who is at the door. The CLI's unlocks and locks are logged with method
   * "cli", and a one-shot command does not warm caches it will never use.
   */
  transport?: 'app' | 'cli';
}

export type { Platform } from './platform';
// What a transport needs besides the door: where the app's vault is, and (the single-file CLI) its SQLite module.
export { defaultVaultDir } from './paths';
export { useNativeBinding } from './db/database';

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
    this.kdf = opts.testOnlyKdf ?? KDF_FLOOR;
    this.prefsFile = join(opts.appDataDir, 'preferences.json');
    this.prefs = readPreferences(this.prefsFile, opts.systemLanguage ?? 'zh-CN');
    this.jobs = new JobRegistry((jobId, done, total, unit) => opts.emit({ type: 'job.progress', jobId, done, total, unit }));
    this.idleTimer = setInterval(() => this.checkIdle(), opts.idleCheckMs ?? 5000);
    this.idleTimer.unref();
    this.handlers = this.makeHandlers(this.sessionContext());
    // A CLI command derives one key at most: a primed worker would only cost it a second 256 MiB pass.
    if (!this.isCli) warmArgon2(true, this.kdf.memLimitBytes);
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
    // What this session picked in its dialogs is not the next one's: the unlock screen's vault-less calls
    // (verify an export, open a package) and the next user read and write only what they pick themselves.
    this.pickedPaths.clear();
    if (this.dataroom) {
      // The session ends with the lock, whatever caused it; its report is signed now.
      const endReason = reason === 'dataroom-expired' ? 'expired' : reason === 'dataroom-ended' ? 'facilitator' : reason;
      endSession(vault, this.dataroom, endReason, this.now);
      this.dataroom = null;
    }
    this.jobs.cancelAll();
    forgetImportCache();
    lockVault(vault, this.isCli ? 'cli' : reason, this.now);
    if (!this.isCli) warmArgon2(true, this.kdf.memLimitBytes);
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
    const vault = this.vault;
    return {
      permissions: access.permissions,
      dataroom: this.dataroom !== null,
      inScope: (kind, ids) => idsInScope(vault.db, access, kind, ids),
      outsideScope: (kind, ids) => idsOutsideScope(vault.db, access, kind, ids),
      matchingClients: (handoverId, matching) => matchingHandoverClients(vault, handoverId, matching).map((r) => r.clientId),
      matchingProposals: (handoverId, matching) => matchingProposalIds(vault, handoverId, matching, this.now),
      matchingListClients: (matching) => clientsMatching(vault, matching),
    };
  }

  /** After the unlock answer has gone out, pull the hot pages into the cache. */
  private warmUp(): void {
    relaxArgon2();
    if (this.vault) {
      removePartialDocuments(this.vault.db);
      removeExportLeftovers(this.vault);
    }
    if (this.isCli) return;
    // After the unlock answer has gone out: the daily checkpoint (it reads the log since the last one).
    setImmediate(() => {
      if (this.vault && !this.exclusiveJob) {
        if (this.vault.keyring) checkpointIfDue(this.vault.db, this.vault.keyring.signing, this.now());
        warmClientCache(this.vault.db);
        keepRanksFresh(this.vault.db);
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
    // A running import or export is activity: locking would cancel it (and roll an import back), so the
    // idle time counts from when the last job ends.
    if (this.jobs.busy) {
      this.lastActivity = Date.now();
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

  /** The part of the session the domains' handlers may use. */
  private sessionContext(): SessionContext {
    return {
      now: this.now,
      platform: this.opts.platform,
      jobs: this.jobs,
      emit: this.opts.emit,
      requireVault: () => this.requireVault(),
      allowedPath: (path) => this.allowedPath(path),
      picked: (path) => this.picked(path),
      exclusive: (work) => this.exclusive(work),
      saveTarget: async (defaultName) => {
        const out = await this.opts.platform.chooseSaveTarget(defaultName);
        return out ? resolve(out) : null;
      },
      requireDataroom: () => {
        const vault = this.requireVault();
        if (!this.dataroom) throw new AppError('DATAROOM_NOT_ACTIVE', 'No data-room session is running');
        return { vault, s: this.dataroom };
      },
      beginDataroom: (s) => {
        this.dataroom = s;
        this.opts.emit({ type: 'dataroom.started', sessionId: s.id });
      },
      lock: (reason) => this.lock(reason),
    };
  }

  private savePrefs(next: Partial<Preferences>): void {
    this.prefs = { ...this.prefs, ...next };
    writePreferences(this.prefsFile, this.prefs);
  }

  private makeHandlers(ctx: SessionContext): Handlers {
    const now = this.now;
    return {
      'app.info': () => this.info(),
      'app.setLanguage': ({ language }) => {
        this.savePrefs({ language });
        return {};
      },
      'dialog.chooseVaultFolder': async () => ctx.picked(await ctx.platform.chooseVaultFolder()),
      'dialog.chooseBackupFile': async () => ctx.picked(await ctx.platform.chooseBackupFile()),
      'dialog.chooseRestoreFolder': async () => ctx.picked(await ctx.platform.chooseRestoreFolder()),

      'vault.create': async ({ dir, userName, passphrase }) => {
        const target = ctx.allowedPath(dir);
        this.lock('switch');
        const { vault, recoveryKey } = await createVault({ dir: target, userName, passphrase, now, kdf: this.kdf });
        this.vault = vault;
        relaxArgon2();
        this.savePrefs({ vaultDir: target });
        return { recoveryKey, user: toUserView(vault.user, vault.db) };
      },
      'vault.open': ({ dir }) => {
        const target = ctx.allowedPath(dir);
        if (!vaultExists(target)) throw new AppError('VAULT_NOT_FOUND', `No vault in ${target}`, { dir: target });
        this.lock('switch');
        this.savePrefs({ vaultDir: target });
        return this.info();
      },
      'vault.unlock': async ({ userName, passphrase }) => {
        this.lock('switch');
        const progress = (done: number, total: number) => this.opts.emit({ type: 'vault.unlock-progress', step: 'search-index', done, total });
        this.vault = await unlockVault({ dir: this.vaultDir, userName, passphrase, now, kdf: this.kdf, method: this.isCli ? 'cli' : undefined, progress });
        this.warmUp();
        const since = { previousUnlockAt: this.vault.previousUnlockAt ?? null, checkpoints: checkpointCount(this.vault.db) };
        return { user: toUserView(this.vault.user, this.vault.db), since, recoveryKey: this.vault.recoveryKeyToAcknowledge ?? null };
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
      'vault.restore': async ({ jobId, from, to, credential }) => {
        const source = ctx.allowedPath(from);
        const target = ctx.allowedPath(to);
        await ctx.jobs.run(jobId, (job) => restoreVault({ from: source, to: target, credential, job, now, kdf: this.kdf }));
        this.lock('restore');
        this.savePrefs({ vaultDir: target });
        return { dir: target };
      },
      'job.cancel': ({ jobId }) => {
        ctx.jobs.cancel(jobId);
        return {};
      },

      'session.activity': () => ({}),

      ...clientsHandlers(ctx),

      ...vaultHandlers(ctx),
      ...userHandlers(ctx),
      ...roleHandlers(ctx),
      ...auditHandlers(ctx),
      ...keyHandlers(ctx),
      ...handoverHandlers(ctx),
      ...dataroomHandlers(ctx),
      ...documentHandlers(ctx),
      ...packageHandlers(ctx),
      ...compensationHandlers(ctx),
      ...workbenchHandlers(() => ctx.requireVault(), now),
    };
  }
}
