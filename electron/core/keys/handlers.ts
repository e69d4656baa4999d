import type { Handlers } from '../router';
import type { SessionContext } from '../session-context';
import { writeFileAtomic } from '../fs-atomic';
import { addCounterpartyKey, listCounterpartyKeys, removeCounterpartyKey, verifyCounterpartyKey } from './counterparties';
import { exportIdentity, showVaultKeys } from './service';

type KeyChannel = Extract<keyof Handlers, `keys.${string}`> | 'dialog.chooseKeyFile';

/** The vault's own keys and the counterparties' keys: channels -> functions (issue 18). */
export function keyHandlers(ctx: SessionContext): Pick<Handlers, KeyChannel> {
  const { now } = ctx;
  return {
    'dialog.chooseKeyFile': async ({ kind }) => ctx.picked(await ctx.platform.chooseKeyFile(kind)),
    'keys.counterparties': () => listCounterpartyKeys(ctx.requireVault()),
    'keys.addCounterparty': ({ label, key }) => addCounterpartyKey(ctx.requireVault(), label, key, now),
    'keys.verifyCounterparty': ({ id, how, fingerprint }) => verifyCounterpartyKey(ctx.requireVault(), id, how, fingerprint, now),
    'keys.removeCounterparty': ({ id }) => removeCounterpartyKey(ctx.requireVault(), id, now),
    'keys.show': () => showVaultKeys(ctx.requireVault()),
    'keys.exportPub': async () => {
      const vault = ctx.requireVault();
      const out = await ctx.saveTarget('vault.pub');
      if (!out) return { path: null };
      writeFileAtomic(out, showVaultKeys(vault).minisignPublicKey);
      return { path: out };
    },
    'keys.exportIdentity': async () => {
      const vault = ctx.requireVault();
      const out = await ctx.saveTarget('vault-identity.txt');
      if (!out) return { path: null };
      exportIdentity(vault, out, now);
      return { path: out };
    },
  };
}
