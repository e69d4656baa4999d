import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EMPTY_SCOPE, isPermission, MASKABLE_FIELDS, PERMISSIONS, roleInputSchema, type MaskableField, type Language, type RoleView, type Scope } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { MASKABLE_FIELD_LABELS, roleText } from '../../../shared/i18n/domain-labels';
import { meaning, type Command, type Description, type Values } from '../command';
import { EXIT, UsageError } from '../io';
import { requireString, withDoor, withVault } from '../session';
import { say, table } from '../text';
import { auditListText, verifyLines } from './audit-text';
import { roleWithWords, userNamed } from './users';

const ROLE_NAME = meaning('role name', '角色名');
const HOW_WORDS = { phone: meaning('phone', '电话'), 'in-person': meaning('in-person', '当面') };

/** `handover role …`, `user set-role|scope`, `audit …`, `keys …`: the permissions issue from the command line. */
function one(positionals: string[], what: Description): string {
  if (positionals.length !== 1) throw new UsageError(meaning(`give exactly one ${what.en}`, `请给出一个${what['zh-CN']}`));
  return positionals[0]!;
}

function findRole(roles: RoleView[], name: string): RoleView {
  const role = roles.find((r) => r.name === name);
  if (!role) throw new AppError('ROLE_NOT_FOUND', `No role ${name}`, { role: name });
  return role;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []);

function permissionsFrom(values: Values): string[] {
  const given = list(values.permission).flatMap((p) => p.split(','));
  for (const p of given) if (!isPermission(p)) throw new UsageError(meaning(`unknown permission ${p} (one of: ${PERMISSIONS.join(', ')})`, `没有权限 ${p}（可用：${PERMISSIONS.join('、')}）`));
  return given;
}

function maskedFrom(values: Values): MaskableField[] {
  const given = list(values.mask).flatMap((p) => p.split(','));
  for (const m of given) if (!(MASKABLE_FIELDS as readonly string[]).includes(m)) throw new UsageError(meaning(`unknown field ${m} (one of: ${MASKABLE_FIELDS.join(', ')})`, `没有可脱敏字段 ${m}（可用：${MASKABLE_FIELDS.join('、')}）`));
  return given as MaskableField[];
}

/** A built-in role shows the glossary's word in the CLI's language (shared/i18n/domain-labels.ts), as the app does. */
function roleRow(r: RoleView, language: Language): string[] {
  const none = say(language, 'word.none');
  return [r.name, roleText(r.name, r.label, language), String(r.users), r.permissions.join(',') || none, r.masked.map((m) => MASKABLE_FIELD_LABELS[m][language]).join(language === 'zh-CN' ? '、' : ', ') || none];
}

function scopeText(s: Scope, language: Language): string {
  const [comma, semicolon] = language === 'zh-CN' ? ['、', '；'] : [', ', '; '];
  const parts = [
    s.ownOnly ? say(language, 'scope.own') : '',
    ...(['owners', 'departments', 'regions', 'industries', 'tiers', 'tags'] as const).filter((k) => s[k].length).map((k) => say(language, `scope.${k}`, { values: s[k].join(comma) })),
  ].filter(Boolean);
  return parts.length ? parts.join(semicolon) : say(language, 'word.allClients');
}

const SCOPE_OPTIONS = {
  own: { type: 'boolean' as const, default: false, description: meaning('only the clients the user owns', '只限该用户自己负责的客户') },
  owner: { type: 'string' as const, multiple: true, description: meaning('clients of this owner (repeatable)', '该负责人的客户（可重复）') },
  department: { type: 'string' as const, multiple: true, description: meaning('clients of this department (repeatable)', '该部门的客户（可重复）') },
  region: { type: 'string' as const, multiple: true, description: meaning('clients in this region (repeatable)', '该区域的客户（可重复）') },
  industry: { type: 'string' as const, multiple: true, description: meaning('clients in this industry (repeatable)', '该行业的客户（可重复）') },
  tier: { type: 'string' as const, multiple: true, description: meaning('clients of this tier: A, B or C (repeatable)', '该等级的客户：A、B 或 C（可重复）') },
  tag: { type: 'string' as const, multiple: true, description: meaning('clients with this tag (repeatable)', '带该标签的客户（可重复）') },
  clear: { type: 'boolean' as const, default: false, description: meaning('lift the limit: all clients', '取消限制：全部客户') },
};

function scopeFrom(values: Values): Scope {
  if (values.clear) return EMPTY_SCOPE;
  const tiers = list(values.tier);
  for (const t of tiers) if (!['A', 'B', 'C'].includes(t)) throw new UsageError(meaning('--tier is A, B or C', '--tier 取 A、B 或 C'));
  return {
    ownOnly: values.own === true,
    owners: list(values.owner),
    departments: list(values.department),
    regions: list(values.region),
    industries: list(values.industry),
    tiers: tiers as Scope['tiers'],
    tags: list(values.tag),
  };
}

function dateOption(values: Values, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw new UsageError(meaning(`--${name} takes a date like 2026-11-01`, `--${name} 取一个日期，如 2026-11-01`));
  return new Date(v).toISOString();
}

export const accessCommands: Command[] = [
  {
    path: ['role', 'list'],
    summary: meaning('list roles with their permissions and masked fields (admin)', '列出角色及其权限和脱敏字段（管理员）'),
    usage: 'handover role list',
    options: {},
    async run(io, values) {
      const roles = await withVault(io, values, ({ door }) => door.call('roles.list', {}));
      return { human: table(io.language, 'roles.header', roles.map((r) => roleRow(r, io.language))), json: roles };
    },
  },
  {
    path: ['role', 'show'],
    summary: meaning('show one role: the permission matrix column, masks and scope (admin)', '查看一个角色：权限、脱敏字段和范围（管理员）'),
    usage: 'handover role show NAME',
    options: {},
    async run(io, values, positionals) {
      const name = one(positionals, ROLE_NAME);
      const role = await withVault(io, values, async ({ door }) => findRole(await door.call('roles.list', {}), name));
      const l = io.language;
      const matrix = PERMISSIONS.map((p) => `  [${role.permissions.includes(p) ? 'x' : ' '}] ${p}`);
      const head = l === 'zh-CN'
        ? `${role.name}（${roleText(role.name, role.label, l)}${role.builtin ? '，内置' : ''}），${say(l, 'roles.users', { count: role.users })}`
        : `${role.name} (${roleText(role.name, role.label, l)})${role.builtin ? ' — built-in' : ''}, ${say(l, 'roles.users', { count: role.users })}`;
      return {
        human: [head, ...matrix,
          say(l, 'roles.masked', { fields: role.masked.map((m) => MASKABLE_FIELD_LABELS[m][l]).join(l === 'zh-CN' ? '、' : ', ') || say(l, 'roles.nothing') }), say(l, 'roles.scope', { scope: scopeText(role.scope, l) })].join('\n'),
        json: role,
      };
    },
  },
  {
    path: ['role', 'create'],
    summary: meaning('create a role, from scratch or as a copy (admin)', '新建角色，或复制已有角色（管理员）'),
    usage: 'handover role create NAME [--from ROLE] [--label TEXT] [--permission P]… [--mask FIELD]…',
    options: {
      from: { type: 'string', description: meaning('start from a copy of this role', '复制该角色作为起点') },
      label: { type: 'string', description: meaning('the name people read (default: NAME)', '显示给用户的名称（默认：NAME）') },
      permission: { type: 'string', multiple: true, description: meaning('a right to give (repeatable; the list is below)', '授予的权限（可重复；列表见下）') },
      mask: { type: 'string', multiple: true, description: meaning('a field this role sees masked (repeatable; the list is below)', '该角色看到脱敏的字段（可重复；列表见下）') },
    },
    notes: [meaning(`Permissions: ${PERMISSIONS.join(', ')}`, `权限：${PERMISSIONS.join('、')}`), meaning(`Maskable fields: ${MASKABLE_FIELDS.join(', ')}`, `可脱敏字段：${MASKABLE_FIELDS.join('、')}`)],
    async run(io, values, positionals) {
      const name = one(positionals, ROLE_NAME);
      const roles = await withVault(io, values, async ({ door }) => {
        const existing = await door.call('roles.list', {});
        if (existing.some((r) => r.name === name)) throw new UsageError(meaning(`role ${name} exists already; use grant / revoke`, `角色 ${name} 已存在；请用 grant / revoke 修改`));
        const from = values.from ? findRole(existing, values.from as string) : null;
        const input = roleInputSchema.safeParse({
          name,
          label: (values.label as string | undefined) ?? '',
          permissions: [...new Set([...(from?.permissions ?? []), ...permissionsFrom(values)])],
          masked: [...new Set([...(from?.masked ?? []), ...maskedFrom(values)])],
          scope: from?.scope ?? EMPTY_SCOPE,
        });
        if (!input.success) throw new UsageError(meaning('a role name is 2-40 lower-case letters, digits or _, starting with a letter', '角色名为 2–40 个小写字母、数字或 _，以字母开头'));
        return door.call('roles.save', input.data);
      });
      return { human: say(io.language, 'roles.created', { name }), json: findRole(roles, name) };
    },
  },
  ...(['grant', 'revoke'] as const).map((verb): Command => ({
    path: ['role', verb],
    summary: verb === 'grant' ? meaning('give a role permissions, or mask fields (admin)', '为角色授予权限，或对字段脱敏（管理员）') : meaning('take permissions from a role, or unmask fields (admin)', '收回角色的权限，或取消字段脱敏（管理员）'),
    usage: `handover role ${verb} ROLE PERMISSION… [--mask FIELD]…`,
    options: {
      mask: { type: 'string', multiple: true, description: meaning('a field to mask (grant) or unmask (revoke) for this role (repeatable)', '为该角色脱敏（grant）或取消脱敏（revoke）的字段（可重复）') },
    },
    notes: [meaning(`Permissions: ${PERMISSIONS.join(', ')}`, `权限：${PERMISSIONS.join('、')}`)],
    async run(io, values, positionals) {
      const [name, ...perms] = positionals;
      if (!name || (perms.length === 0 && !values.mask)) throw new UsageError(meaning(`usage: handover role ${verb} ROLE PERMISSION…`, `用法：handover role ${verb} 角色 权限…`));
      const asked = permissionsFrom({ permission: perms });
      const masks = maskedFrom(values);
      const roles = await withVault(io, values, async ({ door }) => {
        const role = findRole(await door.call('roles.list', {}), name);
        const permissions = verb === 'grant' ? [...new Set([...role.permissions, ...asked])] : role.permissions.filter((p) => !asked.includes(p));
        // For masks, "grant" adds a mask and "revoke" lifts it.
        const masked = verb === 'grant' ? [...new Set([...role.masked, ...masks])] : role.masked.filter((m) => !masks.includes(m));
        return door.call('roles.save', { name, label: role.label, permissions: permissions as RoleView['permissions'], masked, scope: role.scope });
      });
      const role = findRole(roles, name);
      return { human: table(io.language, 'roles.header', [roleRow(role, io.language)]), json: role };
    },
  })),
  {
    path: ['role', 'delete'],
    summary: meaning('delete a role no user has (admin)', '删除没有用户使用的角色（管理员）'),
    usage: 'handover role delete NAME',
    options: {},
    async run(io, values, positionals) {
      const name = one(positionals, ROLE_NAME);
      await withVault(io, values, ({ door }) => door.call('roles.delete', { name }));
      return { human: say(io.language, 'roles.deleted', { name }), json: { name } };
    },
  },
  {
    path: ['user', 'set-role'],
    summary: meaning('give a user another role (admin; takes effect at once)', '更改用户的角色（管理员；立即生效）'),
    usage: 'handover user set-role NAME ROLE',
    options: {},
    async run(io, values, positionals) {
      if (positionals.length !== 2) throw new UsageError(meaning('usage: handover user set-role NAME ROLE', '用法：handover user set-role 用户名 角色'));
      const [name, role] = positionals as [string, string];
      const user = await withVault(io, values, async ({ door }) => door.call('users.setRole', { userId: (await userNamed(door, name)).id, role }));
      return { human: say(io.language, 'users.roleSet', { name: user.name, role: roleWithWords(user.role, io.language) }), json: user };
    },
  },
  {
    path: ['user', 'scope'],
    summary: meaning('limit a user to a segment of clients (admin)', '限定用户可查看的客户范围（管理员）'),
    usage: 'handover user scope NAME [--own] [--owner O]… [--department D]… [--region R]… [--industry I]… [--tier A|B|C]… [--tag T]… | --clear',
    options: SCOPE_OPTIONS,
    notes: [meaning('Each option may repeat; a client must match every kind given (any of its values). --clear lifts the limit.', '每个选项都可重复；客户须符合给出的每一类条件（同一类中任一值即可）。--clear 取消限制。')],
    async run(io, values, positionals) {
      const name = one(positionals, meaning('user name', '用户名'));
      const scope = scopeFrom(values);
      const user = await withVault(io, values, async ({ door }) => door.call('users.setScope', { userId: (await userNamed(door, name)).id, scope }));
      return { human: say(io.language, 'scope.user', { name: user.name, scope: scopeText(user.scope, io.language) }), json: user };
    },
  },
  {
    path: ['audit', 'list'],
    summary: meaning('list access-log entries, newest first (audit right)', '列出访问日志记录，最新的在前（需审计权限）'),
    usage: 'handover audit list [--actor U] [--client CODE] [--action A] [--since DATE] [--until DATE] [--limit N]',
    options: {
      actor: { type: 'string', description: meaning('only what this user did', '只列出该用户的操作') },
      client: { type: 'string', description: meaning('only entries about this client (code)', '只列出与该客户（编号）相关的记录') },
      action: { type: 'string', description: meaning('one action (client.view) or a family ending in a dot (client.)', '一种操作（client.view）或以点结尾的一类操作（client.）') },
      since: { type: 'string', description: meaning('from this date on (2026-11-01)', '从该日期起（2026-11-01）') },
      until: { type: 'string', description: meaning('up to this date', '截至该日期') },
      limit: { type: 'string', default: '50', description: meaning('show at most N entries', '最多显示 N 条记录') },
    },
    notes: [meaning('--action takes one action (client.view) or a family ending in a dot (client.).', '--action 取一种操作（client.view），或以点结尾的一类操作（client.）。'), meaning('--user is who you are; --actor filters by who did it.', '--user 是你自己；--actor 按操作人筛选。')],
    async run(io, values) {
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError(meaning('--limit must be 1 to 10000', '--limit 须为 1 到 10000'));
      const filter = {
        actor: values.actor as string | undefined,
        target: values.client as string | undefined,
        action: values.action as string | undefined,
        since: dateOption(values, 'since'),
        until: dateOption(values, 'until'),
      };
      // The router hands out at most 500 entries a call: page through them up to --limit.
      const page = await withVault(io, values, async ({ door }) => {
        const first = await door.call('audit.query', { filter, offset: 0, limit: Math.min(limit, 500) });
        const rows = [...first.rows];
        while (rows.length < Math.min(limit, first.total)) {
          const next = await door.call('audit.query', { filter, offset: rows.length, limit: Math.min(limit - rows.length, 500) });
          if (next.rows.length === 0) break;
          rows.push(...next.rows);
        }
        return { total: first.total, rows };
      });
      return { human: auditListText(io.language, page), json: page };
    },
  },
  {
    path: ['audit', 'export'],
    summary: meaning('export the access log, signed, for an auditor (audit export right)', '为审计员导出已签名的访问日志（需导出访问日志权限）'),
    usage: 'handover audit export --out DIR [--since DATE] [--until DATE]',
    options: {
      out: { type: 'string', description: meaning('the folder to write the signed export into', '签名导出文件的保存文件夹') },
      since: { type: 'string', description: meaning('export entries from this date on', '导出该日期起的记录') },
      until: { type: 'string', description: meaning('export entries up to this date', '导出截至该日期的记录') },
    },
    notes: [meaning('Writes DIR/audit-<time>/ with audit.jsonl, its minisign signature, a signed checkpoint, vault.pub, audit.csv.', '写出 DIR/audit-<时间>/，内含 audit.jsonl 及其 minisign 签名、已签名检查点、vault.pub、audit.csv。')],
    async run(io, values) {
      if (typeof values.out !== 'string') throw new UsageError(meaning('--out DIR is required', '缺少 --out 文件夹'));
      const parent = resolve(values.out);
      if (!existsSync(parent)) throw new UsageError(meaning(`${parent} does not exist`, `${parent} 不存在`));
      const since = dateOption(values, 'since');
      const until = dateOption(values, 'until');
      const result = await withVault(io, values, async ({ door }) => {
        await door.call('dialog.chooseAuditFolder', { purpose: 'audit-export' }, { chooseFolder: parent });
        return door.call('audit.export', { jobId: door.job('export'), dir: parent, since, until });
      });
      return {
        human: say(io.language, 'audit.exported', { first: String(result.firstSeq), last: String(result.lastSeq), dir: result.dir, size: String(result.checkpointSize), root: result.root, fingerprint: result.keyFingerprint }),
        json: result,
      };
    },
  },
  {
    path: ['audit', 'verify'],
    summary: meaning('verify an exported access log (no vault needed)', '核验导出的访问日志（无需保险库）'),
    usage: 'handover audit verify DIR [--pubkey FILE] [--checkpoint FILE]',
    options: {
      pubkey: { type: 'string', description: meaning('the vault public key you got from the seller out of band', '通过其他渠道从卖方获得的保险库公钥文件') },
      checkpoint: { type: 'string', description: meaning('a checkpoint.txt kept from an earlier export, to detect a shortened or rewritten log', '之前导出时保存的 checkpoint.txt，用于发现被截短或改写的日志') },
    },
    notes: [
      meaning('--pubkey: the vault key you got from the seller out of band (else the export\'s own vault.pub, reported as unconfirmed).', '--pubkey：通过其他渠道从卖方获得的保险库公钥（否则使用导出文件自带的 vault.pub，并注明未经确认）。'),
      meaning('--checkpoint: a checkpoint.txt you kept from an earlier export: a shorter or rewritten history is detected.', '--checkpoint：之前导出时保存的 checkpoint.txt，可发现被截短或改写的记录。'),
      meaning('Exit code 0 when everything verifies, 5 when anything does not.', '全部核验通过时退出码为 0，任何一项未通过时为 5。'),
    ],
    async run(io, values, positionals) {
      const dir = resolve(one(positionals, meaning('folder', '文件夹')));
      const file = (name: string) => {
        const v = values[name];
        if (v === undefined) return undefined;
        if (typeof v !== 'string' || !existsSync(v)) throw new UsageError(meaning(`--${name}: no such file`, `--${name}：文件不存在`));
        return resolve(v);
      };
      const publicKeyFile = file('pubkey');
      const checkpointFile = file('checkpoint');
      // No vault: the folder and files are "picked" as in the app's dialogs, then the public channel reads them.
      const verdict = await withDoor(io, async (door) => {
        await door.call('dialog.chooseToVerify', { kind: 'audit-export' }, { chooseFolder: dir });
        if (publicKeyFile) await door.call('dialog.chooseToVerify', { kind: 'public-key' }, { chooseKeyFile: publicKeyFile });
        if (checkpointFile) await door.call('dialog.chooseToVerify', { kind: 'checkpoint' }, { chooseKeyFile: checkpointFile });
        return door.call('audit.verifyExport', { dir, publicKeyFile, checkpointFile });
      });
      return { human: verifyLines(io.language, verdict).join('\n'), json: verdict, exitCode: verdict.ok ? EXIT.ok : EXIT.integrity };
    },
  },
  {
    path: ['keys', 'show'],
    summary: meaning('show the vault\'s public key and fingerprint, to give to an auditor or buyer', '查看保险库的公钥和指纹，用于交给审计员或买方'),
    usage: 'handover keys show',
    options: {},
    async run(io, values) {
      const keys = await withVault(io, values, ({ door }) => door.call('keys.show', {}));
      const l = io.language;
      return {
        human: [say(l, 'keys.fingerprint', { value: keys.fingerprint }), say(l, 'keys.keyId', { value: keys.keyId }), say(l, 'keys.origin', { value: keys.origin }),
          say(l, 'keys.ageRecipient', { value: keys.ageRecipient }), say(l, 'keys.noteKey', { value: keys.noteVerifierKey }), '', keys.minisignPublicKey.trimEnd()].join('\n'),
        json: keys,
      };
    },
  },
  {
    path: ['keys', 'export-pub'],
    summary: meaning('write the vault\'s minisign public key file (vault.pub)', '写出保险库的 minisign 公钥文件（vault.pub）'),
    usage: 'handover keys export-pub --out FILE',
    options: { out: { type: 'string', description: meaning('the file to write the public keys to', '公钥的保存文件') } },
    async run(io, values) {
      if (typeof values.out !== 'string') throw new UsageError(meaning('--out FILE is required', '缺少 --out 文件'));
      const out = resolve(values.out);
      const keys = await withVault(io, values, async ({ door }) => {
        await door.call('keys.exportPub', {}, { chooseSaveTarget: out });
        return door.call('keys.show', {});
      });
      return { human: say(io.language, 'keys.wrotePub', { path: out, fingerprint: keys.fingerprint }), json: { path: out, fingerprint: keys.fingerprint } };
    },
  },
  {
    path: ['keys', 'add'],
    summary: meaning('add a counterparty key (age1… recipient or minisign public key file)', '添加对方公钥（age1… 加密公钥或 minisign 公钥文件）'),
    usage: 'handover keys add LABEL KEY|FILE.pub',
    options: {},
    async run(io, values, positionals) {
      const [label, key] = positionals;
      if (!label || !key) throw new UsageError(meaning('usage: handover keys add LABEL KEY|FILE.pub', '用法：handover keys add 名称 公钥|公钥文件.pub'));
      const text = existsSync(key) ? readFileSync(key, 'utf8') : key;
      const keys = await withVault(io, values, ({ door }) => door.call('keys.addCounterparty', { label, key: text }));
      const k = keys.find((x) => x.label === label && (x.key === text.trim() || text.includes(x.key.split('\n').pop() ?? '\u0000')))!;
      return { human: say(io.language, 'keys.added', { id: String(k.id), kind: k.kind, fingerprint: k.fingerprint }), json: k };
    },
  },
  {
    path: ['keys', 'verify'],
    summary: meaning('mark a counterparty key verified by the fingerprint read back to you', '按对方复述的指纹将其公钥标记为已核验'),
    usage: 'handover keys verify ID --fingerprint FP [--how phone|in-person]',
    options: {
      fingerprint: { type: 'string', description: meaning('the fingerprint the key holder read back to you', '密钥持有人向你复述的指纹') },
      how: { type: 'string', description: meaning('how it was read back: phone or in-person (default: phone)', '核验方式：phone（电话）或 in-person（当面）（默认：phone）') },
    },
    async run(io, values, positionals) {
      const how = (values.how as string | undefined) ?? 'phone';
      if (how !== 'phone' && how !== 'in-person') throw new UsageError(meaning('--how is phone or in-person', '--how 取 phone（电话）或 in-person（当面）'));
      const fingerprint = requireString(values, 'fingerprint');
      const keys = await withVault(io, values, ({ door }) => door.call('keys.verifyCounterparty', { id: Number(positionals[0]), how, fingerprint }));
      return { human: say(io.language, 'keys.verified', { id: String(positionals[0]), how: HOW_WORDS[how][io.language] }), json: keys.find((k) => k.id === Number(positionals[0])) };
    },
  },
  {
    path: ['keys', 'export-identity'],
    summary: meaning('write this vault\'s age identity for the age CLI (a secret key: keep it safe)', '写出本保险库的 age 身份供 age 命令行使用（这是私钥，请妥善保管）'),
    usage: 'handover keys export-identity --out FILE',
    options: {
      out: { type: 'string', description: meaning('the file to write the age identity (secret key) to', 'age 身份（私钥）的保存文件') },
    },
    notes: [meaning('WARNING: whoever holds this file can open every package addressed to this vault. Store it encrypted; delete it when done.', '警告：持有此文件的人能打开发给本保险库的所有交接包。请加密保存，用完即删。')],
    async run(io, values) {
      const out = resolve(requireString(values, 'out'));
      await withVault(io, values, ({ door }) => door.call('keys.exportIdentity', {}, { chooseSaveTarget: out }));
      return { human: say(io.language, 'keys.identity', { path: out }), json: { path: out } };
    },
  },
];
