import { BUILTIN_ROLES, roleSchema, type Language, type UserView } from '../../../shared/contract';
import { roleText } from '../../../shared/i18n/domain-labels';
import { AppError } from '../../../shared/errors';
import { meaning, type Command } from '../command';
import type { CliDoor } from '../door';
import { newSecretFrom, UsageError } from '../io';
import { withVault } from '../session';

function oneName(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('give exactly one user name');
  return positionals[0]!;
}

/**
 * A user by name, from the list only a user manager may read (`users.list`);
 * names compare as the vault stores them (NFKC, trimmed).
 */
export async function userNamed(door: CliDoor, name: string): Promise<UserView> {
  const wanted = name.normalize('NFKC').trim();
  const user = (await door.call('users.list', {})).find((u) => u.name === wanted);
  if (!user) throw new AppError('USER_NOT_FOUND', `No user named ${name}`);
  return user;
}

/** `staff (员工)`: the id a command takes, with the glossary's word for a built-in role; a custom role is its id. */
function roleWithWords(role: string, language: Language): string {
  const words = roleText(role, undefined, language);
  return words === role ? role : `${role} (${words})`;
}

export const userCommands: Command[] = [
  {
    path: ['user', 'add'],
    summary: 'add a user with their own passphrase (admin)',
    usage: `handover user add NAME --role ROLE [--with-slot] --user ADMIN   (built-in roles: ${BUILTIN_ROLES.join(', ')})`,
    options: {
      role: { type: 'string', description: meaning('the role to give: admin, handover_manager, staff, compliance, auditor, data_room_guest, or one made with role create', '授予的角色：admin、handover_manager、staff、compliance、auditor、data_room_guest，或用 role create 创建的角色') },
      'with-slot': { type: 'boolean', default: false, description: meaning('give an auditor or data-room reviewer a login of their own (they otherwise work from exports or sessions)', '为审计员或数据室审阅人开通自己的登录（否则他们只通过导出文件或数据室会话工作）') },
    },
    notes: [
      'Your passphrase: prompt or HANDOVER_PASSPHRASE. The new user\'s: prompt or HANDOVER_NEW_PASSPHRASE.',
      'auditor and data_room_guest get a login only with --with-slot: reviewers work inside facilitated sessions, auditors from signed exports.',
    ],
    async run(io, values, positionals) {
      const name = oneName(positionals);
      const role = roleSchema.safeParse(values.role);
      if (!role.success) throw new UsageError(`--role takes a role name (built in: ${BUILTIN_ROLES.join(', ')}; see handover role list)`);
      const user = await withVault(io, values, async ({ door }) => {
        const passphrase = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', `Passphrase for the new user ${name}: `);
        return door.call('users.add', { name, role: role.data, passphrase, withSlot: values['with-slot'] === true });
      });
      return { human: `Added ${user.name} (${roleWithWords(user.role, io.language)}).`, json: user };
    },
  },
  {
    path: ['user', 'list'],
    summary: 'list users, their roles and last unlock (admin)',
    usage: 'handover user list --user ADMIN',
    options: {},
    async run(io, values) {
      const users = await withVault(io, values, ({ door }) => door.call('users.list', {}));
      const scoped = (u: UserView) => (u.scope.ownOnly || Object.values(u.scope).some((v) => Array.isArray(v) && v.length) ? 'scoped' : 'all clients');
      const lines = users.map((u) => `${u.name}\t${roleWithWords(u.role, io.language)}\t${u.disabled ? 'disabled' : 'active'}\t${scoped(u)}\t${u.lastUnlockAt ?? '-'}`);
      return { human: ['NAME\tROLE\tSTATE\tSCOPE\tLAST UNLOCK', ...lines].join('\n'), json: users };
    },
  },
  {
    path: ['user', 'disable'],
    summary: 'disable a user: their key slot is removed and the vault re-encrypted under a new key, with progress (admin)',
    usage: 'handover user disable NAME --user ADMIN',
    options: {},
    async run(io, values, positionals) {
      const name = oneName(positionals);
      const user = await withVault(io, values, async ({ door }) => door.call('users.setDisabled', { userId: (await userNamed(door, name)).id, disabled: true, jobId: door.job('re-encrypt') }));
      // Where disabling rotates the data key, the answer says what that did to the other logins and the recovery key.
      const r = (user as { rotation?: { lostUsers: string[]; newRecoveryKey: string | null } }).rotation;
      if (!r) return { human: `Disabled ${user.name}.`, json: user };
      const lost = r.lostUsers.length ? `\nThese users' logins were not upgraded yet and no longer open the vault; give each a new passphrase (handover user enable): ${r.lostUsers.join(', ')}` : '';
      const recovery = r.newRecoveryKey ? `\nThe old recovery key no longer opens the vault. New recovery key — write it down now (the app shows it to administrators at sign-in until one confirms it was written down):\n\n  ${r.newRecoveryKey}\n` : '';
      return { human: `Disabled ${user.name}. The vault was re-encrypted under a new key: their old key slot opens nothing.${lost}${recovery}`, json: user };
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
      const user = await withVault(io, values, async ({ door }) => {
        const userId = (await userNamed(door, name)).id;
        const passphrase = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', `New passphrase for ${name}: `);
        return door.call('users.setDisabled', { userId, disabled: false, passphrase });
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
      const name = await withVault(io, values, async ({ door, user, passphrase }) => {
        const next = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', 'New passphrase: ');
        await door.call('users.changePassphrase', { current: passphrase, next });
        return user.name;
      });
      return { human: `Passphrase changed for ${name}.`, json: { user: name } };
    },
  },
];
