import { join } from 'node:path';
import type { AppEvent } from '../../shared/contract';
import { HandoverCore, type Platform } from '../../electron/core/core';
import { tempDir } from './temp';

/** A real core on a temp app-data folder; dialogs answer with whatever the test queued. */
export function makeCore(now?: () => Date) {
  const appDataDir = tempDir();
  const events: AppEvent[] = [];
  const answers: Partial<Record<keyof Platform, (string | null)[]>> = {};
  const next = (k: keyof Platform) => async () => answers[k]?.shift() ?? null;
  const platform: Platform = {
    chooseVaultFolder: next('chooseVaultFolder'),
    chooseBackupFile: next('chooseBackupFile'),
    chooseRestoreFolder: next('chooseRestoreFolder'),
    chooseImportFile: next('chooseImportFile'),
    chooseDocumentFile: next('chooseDocumentFile'),
    chooseSaveTarget: next('chooseSaveTarget'),
  };
  const core = new HandoverCore({ appDataDir, platform, emit: (e) => events.push(e), ...(now ? { now } : {}) });
  const call = async <T = unknown>(channel: string, input: unknown = {}): Promise<T> => {
    const r = await core.handle(channel, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { code: r.error.code, details: r.error.details });
    return r.value as T;
  };
  return { core, call, events, answers, appDataDir, vaultDir: join(appDataDir, 'vault') };
}
