import { statSync } from 'node:fs';
import type { Handlers } from '../router';
import type { SessionContext } from '../session-context';
import { recentLog, verifyLogChain } from '../audit/store';
import { verifyAgainstCheckpoints } from '../audit/checkpoint-store';
import { maskEntryView } from '../audit/masked-texts';
import { cipherForNewVault } from '../db/cipher';
import { dbPath, nativeBindingPath } from '../db/database';
import { vaultPublicKey } from '../keys/vault-keys';
import { accessOf, can } from '../roles/authz';
import { listUsers } from '../users/service';
import { toUserView } from '../users/store';
import { acknowledgeRecoveryKey } from './rotation';
import { backupVault } from './backup';
import { checkVault } from './check';
import { readSlotFile } from './keyslots';
import { SCHEMA_VERSION } from './migrations';
import { upgradeVaultCipher } from './upgrade';
import type { OpenVault } from './vault';
import { localDay } from '../../../shared/dates';

/** The cipher the self-test prefers on this computer, if the vault does not use it yet. */
function fasterCipherThan(current: OpenVault['cipher']): OpenVault['cipher'] | null {
  const best = cipherForNewVault(undefined, nativeBindingPath());
  return best === current ? null : best;
}

/**
 * The open vault's channels -> functions (issue 18). Creating, opening, unlocking, recovering,
 * locking and restoring change which vault the session holds: those stay in core.ts.
 */
export function vaultHandlers(ctx: SessionContext): Pick<Handlers, 'vault.security' | 'vault.check' | 'vault.backup' | 'vault.upgrade' | 'vault.acknowledgeRecoveryKey'> {
  const { now } = ctx;
  return {
    'vault.security': () => {
      const vault = ctx.requireVault();
      const access = accessOf(vault);
      // The recent log names every client: shown only to who may read the whole log (an unscoped account).
      const canAudit = can(access, 'audit.read') && access.scopes.length === 0;
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
    'vault.check': () => ({ ...checkVault(ctx.requireVault()) }),
    'vault.acknowledgeRecoveryKey': () => {
      acknowledgeRecoveryKey(ctx.requireVault(), ctx.now);
      return {};
    },
    'vault.backup': async ({ jobId }) => {
      const vault = ctx.requireVault();
      const stamp = localDay(now());
      const out = await ctx.saveTarget(`vault-${stamp}.hvbackup`);
      if (!out) return { backup: null };
      const backup = await ctx.jobs.run(jobId, (job) => backupVault(vault, out, job, now));
      return { backup };
    },
    'vault.upgrade': ({ jobId }) => {
      const vault = ctx.requireVault();
      // Exclusive: nothing else writes while the copy is made and swapped in.
      return ctx.exclusive(() => ctx.jobs.run(jobId, (job) => upgradeVaultCipher(vault, job, now)));
    },
  };
}
