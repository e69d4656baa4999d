import { BUILTIN_ROLES, roleSchema, type Language, type UserView } from '../../../shared/contract';
import { ROLE_LABELS, roleText } from '../../../shared/i18n/domain-labels';
import { AppError } from '../../../shared/errors';
import { meaning, type Command } from '../command';
import type { CliDoor } from '../door';
import { newSecretFrom, UsageError } from '../io';
import { withVault } from '../session';
import { say, table, when } from '../text';

function oneName(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError(meaning('give exactly one user name', '请给出一个用户名'));
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

/** `staff (Staff)` / `staff（员工）`: the id a command takes, with the glossary's word for a built-in role; a custom role is its id. */
export function roleWithWords(role: string, language: Language): string {
  const words = roleText(role, undefined, language);
  if (words === role) return role;
  return language === 'zh-CN' ? `${role}（${words}）` : `${role} (${words})`;
}

export const userCommands: Command[] = [
  {
    path: ['user', 'add'],
    summary: meaning('add a user with their own passphrase (admin)', '添加用户及其密码（管理员）'),
    usage: 'handover user add NAME --role ROLE [--with-slot] --user ADMIN',
    options: {
      role: { type: 'string', description: meaning('the role to give: admin, handover_manager, staff, compliance, auditor, data_room_guest, or one made with role create', '授予的角色：admin、handover_manager、staff、compliance、auditor、data_room_guest，或用 role create 创建的角色') },
      'with-slot': { type: 'boolean', default: false, description: meaning('give an auditor or data-room reviewer a login of their own (they otherwise work from exports or sessions)', '为审计员或数据室审阅人开通自己的登录（否则他们只通过导出文件或数据室会话工作）') },
    },
    notes: [
      meaning('Your passphrase: prompt or HANDOVER_PASSPHRASE. The new user\'s: prompt or HANDOVER_NEW_PASSPHRASE.', '你的密码：提示输入或 HANDOVER_PASSPHRASE；新用户的密码：提示输入或 HANDOVER_NEW_PASSPHRASE。'),
      meaning('auditor and data_room_guest get a login only with --with-slot: reviewers work inside facilitated sessions, auditors from signed exports.', 'auditor（审计员）和 data_room_guest（数据室审阅人）只有加 --with-slot 才开通登录：审阅人在有陪同人在场的会话中工作，审计员使用已签名的导出。'),
      meaning(`Built-in roles: ${BUILTIN_ROLES.join(', ')}`, `内置角色：${BUILTIN_ROLES.map((r) => `${r}（${ROLE_LABELS[r]['zh-CN']}）`).join('、')}`),
    ],
    async run(io, values, positionals) {
      const name = oneName(positionals);
      const role = roleSchema.safeParse(values.role);
      if (!role.success) throw new UsageError(meaning(`--role takes a role name (built in: ${BUILTIN_ROLES.join(', ')}; see handover role list)`, `--role 取一个角色名（内置：${BUILTIN_ROLES.join('、')}；见 handover role list）`));
      const user = await withVault(io, values, async ({ door }) => {
        const passphrase = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', say(io.language, 'prompt.newUserPassphrase', { user: name }));
        return door.call('users.add', { name, role: role.data, passphrase, withSlot: values['with-slot'] === true });
      });
      return { human: say(io.language, 'users.added', { name: user.name, role: roleWithWords(user.role, io.language) }), json: user };
    },
  },
  {
    path: ['user', 'list'],
    summary: meaning('list users, their roles and last unlock (admin)', '列出用户、角色和最近解锁时间（管理员）'),
    usage: 'handover user list --user ADMIN',
    options: {},
    async run(io, values) {
      const users = await withVault(io, values, ({ door }) => door.call('users.list', {}));
      const l = io.language;
      const scoped = (u: UserView) => say(l, u.scope.ownOnly || Object.values(u.scope).some((v) => Array.isArray(v) && v.length) ? 'word.scoped' : 'word.allClients');
      const rows = users.map((u) => [u.name, roleWithWords(u.role, l), say(l, u.disabled ? 'word.disabled' : 'word.active'), scoped(u), when(l, u.lastUnlockAt)]);
      return { human: table(l, 'users.header', rows), json: users };
    },
  },
  {
    path: ['user', 'disable'],
    summary: meaning('disable a user: their key slot is removed and the vault re-encrypted under a new key, with progress (admin)', '停用用户：删除其密钥槽，并用新密钥重新加密保险库，显示进度（管理员）'),
    usage: 'handover user disable NAME --user ADMIN',
    options: {},
    async run(io, values, positionals) {
      const name = oneName(positionals);
      const user = await withVault(io, values, async ({ door }) => door.call('users.setDisabled', { userId: (await userNamed(door, name)).id, disabled: true, jobId: door.job('re-encrypt') }));
      // Where disabling rotates the data key, the answer says what that did to the other logins and the recovery key.
      const r = (user as { rotation?: { lostUsers: string[]; newRecoveryKey: string | null } }).rotation;
      const l = io.language;
      if (!r) return { human: say(l, 'users.disabled', { name: user.name }), json: user };
      const lost = r.lostUsers.length ? `\n${say(l, 'users.rotatedLost', { names: r.lostUsers.join(l === 'zh-CN' ? '、' : ', ') })}` : '';
      const recovery = r.newRecoveryKey ? `\n${say(l, 'users.rotatedRecovery')}\n\n  ${r.newRecoveryKey}\n` : '';
      return { human: `${say(l, 'users.rotated', { name: user.name })}${lost}${recovery}`, json: user };
    },
  },
  {
    path: ['user', 'enable'],
    summary: meaning('enable a user again with a new passphrase (admin)', '用新密码重新启用用户（管理员）'),
    usage: 'handover user enable NAME --user ADMIN',
    options: {},
    notes: [meaning('The user\'s new passphrase: prompt or HANDOVER_NEW_PASSPHRASE.', '该用户的新密码：提示输入或 HANDOVER_NEW_PASSPHRASE。')],
    async run(io, values, positionals) {
      const name = oneName(positionals);
      const user = await withVault(io, values, async ({ door }) => {
        const userId = (await userNamed(door, name)).id;
        const passphrase = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', say(io.language, 'prompt.newPassphrase', { user: name }));
        return door.call('users.setDisabled', { userId, disabled: false, passphrase });
      });
      return { human: say(io.language, 'users.enabled', { name: user.name }), json: user };
    },
  },
  {
    path: ['user', 'passwd'],
    summary: meaning('change your own passphrase (re-wraps only your key slot)', '修改自己的密码（只重新加密你自己的密钥槽）'),
    usage: 'handover user passwd --user NAME',
    options: {},
    notes: [meaning('Current passphrase: prompt or HANDOVER_PASSPHRASE; new: prompt (twice) or HANDOVER_NEW_PASSPHRASE.', '当前密码：提示输入或 HANDOVER_PASSPHRASE；新密码：提示输入（两次）或 HANDOVER_NEW_PASSPHRASE。')],
    async run(io, values) {
      const name = await withVault(io, values, async ({ door, user, passphrase }) => {
        const next = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', say(io.language, 'prompt.yourNewPassphrase'));
        await door.call('users.changePassphrase', { current: passphrase, next });
        return user.name;
      });
      return { human: say(io.language, 'users.passwd', { name }), json: { user: name } };
    },
  },
];
