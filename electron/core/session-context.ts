import type { AppEvent, LockReason } from '../../shared/contract';
import type { ActiveSession } from './datarooms/session';
import type { JobRegistry } from './jobs/jobs';
import type { Platform } from './platform';
import type { Clock, OpenVault } from './vault/vault';

/**
 * What a domain's handlers may use of the session (core.ts): the open vault,
 * the clock, the shell's dialogs, the jobs. Handlers get this, never the
 * session object itself, so the unlock state stays in one place.
 */
export interface SessionContext {
  readonly now: Clock;
  readonly platform: Platform;
  readonly jobs: JobRegistry;
  readonly emit: (event: AppEvent) => void;
  /** The open vault, or VAULT_LOCKED. */
  requireVault(): OpenVault;
  /** A path from the renderer, accepted only if the user picked it in a dialog (or the default vault folder). */
  allowedPath(path: string): string;
  /** Remember a path the user picked in a dialog, so later calls may name it. */
  picked(path: string | null): { path: string | null };
  /** Run work while every other call but cancel/info answers BUSY (an import's open transaction, an export's reads). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * The save dialog every "export to a file" shares: the absolute path the user
   * chose for `defaultName`, or null when they cancelled (the handler then
   * answers with its empty result and writes nothing).
   */
  saveTarget(defaultName: string): Promise<string | null>;
  /** The running data-room session, or DATAROOM_NOT_ACTIVE. */
  requireDataroom(): { vault: OpenVault; s: ActiveSession };
  /** Make `s` the running session: from now on only its channels answer. */
  beginDataroom(s: ActiveSession): void;
  lock(reason: LockReason): void;
}
