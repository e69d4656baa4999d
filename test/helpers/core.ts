import { join } from 'node:path';
import type { AppEvent } from '../../shared/contract';
import { HandoverCore } from '../../electron/core/core';
import { queuedPlatform, type Answers } from './platform';
import { tempDir } from './temp';
import { TEST_KDF } from './test-kdf';

/**
 * A real core on a temp app-data folder; dialogs answer with whatever the test queued. Its key slots
 * use the cheap TEST_KDF unless `realKdf` asks for the shipped cost — needed when a CLI process (which
 * only accepts the shipped cost) opens the same vault.
 */
export function makeCore(now?: () => Date, opts: { realKdf?: boolean } = {}) {
  const appDataDir = tempDir();
  const events: AppEvent[] = [];
  const answers: Answers = {};
  const platform = queuedPlatform(answers);
  const core = new HandoverCore({
    appDataDir, platform, emit: (e) => events.push(e), ...(now ? { now } : {}), ...(opts.realKdf ? {} : { testOnlyKdf: TEST_KDF }),
  });
  const call = async <T = unknown>(channel: string, input: unknown = {}): Promise<T> => {
    const r = await core.handle(channel, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { code: r.error.code, details: r.error.details });
    return r.value as T;
  };
  return { core, call, events, answers, appDataDir, vaultDir: join(appDataDir, 'vault') };
}
