import type { Handlers } from '../router';
import type { Clock, OpenVault } from '../vault/vault';
import { workbenchFor } from './workbench';

/** The workbench channel -> its one read function (issue 17). */
export function workbenchHandlers(v: () => OpenVault, now: Clock): Pick<Handlers, 'workbench.summary'> {
  return { 'workbench.summary': () => workbenchFor(v(), now) };
}
