import type { Handlers } from '../router';
import type { SessionContext } from '../session-context';
import { addUser, changeOwnPassphrase, listUsers, setIdleMinutes, setUserDisabled } from './service';

/** The users channels -> functions (issue 18); roles and scopes of users are roles/handlers.ts. */
export function userHandlers(ctx: SessionContext): Pick<Handlers, 'users.list' | 'users.add' | 'users.setDisabled' | 'users.changePassphrase' | 'settings.setIdleMinutes'> {
  const { now } = ctx;
  return {
    'users.list': () => listUsers(ctx.requireVault()),
    'users.add': (input) => addUser(ctx.requireVault(), input, now),
    'users.setDisabled': ({ jobId, ...input }) => {
      const vault = ctx.requireVault();
      // Disabling re-encrypts the whole vault: with a job id its progress is reported and other calls wait.
      if (!jobId || !input.disabled) return setUserDisabled(vault, input, now);
      return ctx.exclusive(() => ctx.jobs.run(jobId, (job) => setUserDisabled(vault, input, now, {
        progress: (d, t, u) => job.progress(d, t, u), throwIfCancelled: () => job.throwIfCancelled(),
      })));
    },
    'users.changePassphrase': async (input) => {
      await changeOwnPassphrase(ctx.requireVault(), input, now);
      return {};
    },
    'settings.setIdleMinutes': ({ minutes }) => setIdleMinutes(ctx.requireVault(), minutes, now),
  };
}
