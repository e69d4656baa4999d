import {
  BRIDGE_KEY,
  type AppEvent,
  type Bridge,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
} from '../../../shared/contract';
import type { AppErrorData, Result } from '../../../shared/errors';

/** The only file that touches the bridge the preload (or the e2e harness) puts on window. */
function bridge(): Bridge {
  const b = (window as unknown as Record<string, Bridge | undefined>)[BRIDGE_KEY];
  if (!b) throw new Error('The app bridge is missing');
  return b;
}

export class ApiError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message);
  }
}

const changeListeners = new Set<(channel: ChannelName) => void>();

export async function api<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = (await bridge().invoke(channel, input)) as Result<ChannelOutput<C>>;
  if (!result.ok) throw new ApiError(result.error);
  for (const listener of changeListeners) listener(channel);
  return result.value;
}

/**
 * Told the name of every channel that answered successfully, so a count shown elsewhere (the nav's
 * approvals badge) can be asked again when a call may have changed it, not only on the next page.
 */
export function onCallDone(listener: (channel: ChannelName) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  return bridge().onEvent(listener);
}

export function newJobId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return `job-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
