import { BUILTIN_ROLES, roleSchema } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { addUser, changeOwnPassphrase, listUsers, setUserDisabled } from '../../core/services/users';
import { userByName } from '../../core/vault/users-table';
import { lockVault, type OpenVault } from '../../core/vault/vault';
import type { Values } from '../command';
import type { Command } from '../command';
import { newSecretFrom, UsageError, type CliIo } from '../io';
import { now, unlockWithPassphrase, withRight } from '../session';

/** Unlock as the CLI user, require the user-management right, run the work, lock again. */
const asAdmin = <T>(io: CliIo, values: Values, work: (vault: OpenVault) => T | Promise<T>) => withRight(io, values, 'users.manage', work);

function oneName(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('give exactly one user name');
  return positionals[0]!;
}

function findUser(vault: OpenVault, name: string) {
  const user = userByName(vault.db, name);
  if (!user) throw new AppError('USER_NOT_FOUND', `No user named ${name}`);
  return user;
}

export const userCommands: Command[] = [
  {
    path: ['user', 'add'],
    summary: 'add a user with their own passphrase (admin)',
    usage: `handover user add NAME --role ROLE --user ADMIN   (built-in roles: ${BUILTIN_ROLES.join(', ')})`,
    options: { role: { type: 'string' } },
    notes: ['Your passphrase: prompt or HANDOVER_PASSPHRASE. The new user\'s: prompt or HANDOVER_NEW_PASSPHRASE.'],
    async run(io, values, positionals) {
      const name = oneName(positionals);
      const role = roleSchema.safeParse(values.role);
      if (!role.success) throw new UsageError(`--role takes a role name (built in: ${BUILTIN_ROLES.join(', ')}; see handover role list)`);
      const user = await asAdmin(io, values, async (vault) => {
        const passphrase = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', `Passphrase for the new user ${name}: `);
        return addUser(vault, { name, role: role.data, passphrase }, now);
      });
      return { human: `Added ${user.name} (${user.role}).`, json: user };
    },
  },
  {
    path: ['user', 'list'],
    summary: 'list users, their roles and last unlock (admin)',
    usage: 'handover user list --user ADMIN',
    options: {},
    async run(io, values) {
      const users = await asAdmin(io, values, (vault) => listUsers(vault));
      const scoped = (u: (typeof users)[number]) => (u.scope.ownOnly || Object.values(u.scope).some((v) => Array.isArray(v) && v.length) ? 'scoped' : 'all clients');
      const lines = users.map((u) => `${u.name}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${scoped(u)}\t${u.lastUnlockAt ?? '-'}`);
      return { human: ['NAME\tROLE\tSTATE\tSCOPE\tLAST UNLOCK', ...lines].join('\n'), json: users };
    },
  },
  {
    path: ['user', 'disable'],
    summary: 'disable a user: their key slot is removed (admin)',
    usage: 'handover user disable NAME --user ADMIN',
    options: {},
    async run(io, values, positionals) {
      const name = oneName(positionals);
      const user = await asAdmin(io, values, (vault) => setUserDisabled(vault, { userId: findUser(vault, name).id, disabled: true }, now));
      return { human: `Disabled ${user.name}.`, json: user };
    },
  },
  {
    path: ['user', 'enable'],
    summary: 'enable a user again with a new passphrase (admin)',
    usage: 'handover user enable NAME --user ADMIN',
    options: {},
    notes: ['The user\'s new passphrase: prompt or HANDOVER_NEW_PASSPHRASE.'],
    async run(io, values, positionals) {
      const name = oneName(positionals);
      const user = await asAdmin(io, values, async (vault) => {
        const passphrase = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', `New passphrase for ${name}: `);
        return setUserDisabled(vault, { userId: findUser(vault, name).id, disabled: false, passphrase }, now);
      });
      return { human: `Enabled ${user.name}.`, json: user };
    },
  },
  {
    path: ['user', 'passwd'],
    summary: 'change your own passphrase (re-wraps only your key slot)',
    usage: 'handover user passwd --user NAME',
    options: {},
    notes: ['Current passphrase: prompt or HANDOVER_PASSPHRASE; new: prompt (twice) or HANDOVER_NEW_PASSPHRASE.'],
    async run(io, values) {
      const { vault, passphrase: current } = await unlockWithPassphrase(io, values);
      try {
        const next = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', 'New passphrase: ');
        await changeOwnPassphrase(vault, { current, next }, now);
        return { human: `Passphrase changed for ${vault.user.name}.`, json: { user: vault.user.name } };
      } finally {
        lockVault(vault, 'cli', now);
      }
    },
  },
];
