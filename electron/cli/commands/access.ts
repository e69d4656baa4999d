import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EMPTY_SCOPE, isPermission, MASKABLE_FIELDS, PERMISSIONS, roleInputSchema, type MaskableField, type Language, type RoleView, type Scope } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { roleText } from '../../../shared/i18n/domain-labels';
import { meaning, type Command, type Values } from '../command';
import { EXIT, UsageError } from '../io';
import { requireString, withDoor, withVault } from '../session';
import { userNamed } from './users';

/** `handover role …`, `user set-role|scope`, `audit …`, `keys …`: the permissions issue from the command line. */
function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`give exactly one ${what}`);
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
  for (const p of given) if (!isPermission(p)) throw new UsageError(`unknown permission ${p} (one of: ${PERMISSIONS.join(', ')})`);
  return given;
}

function maskedFrom(values: Values): MaskableField[] {
  const given = list(values.mask).flatMap((p) => p.split(','));
  for (const m of given) if (!(MASKABLE_FIELDS as readonly string[]).includes(m)) throw new UsageError(`unknown field ${m} (one of: ${MASKABLE_FIELDS.join(', ')})`);
  return given as MaskableField[];
}

/** A built-in role shows the glossary's word in the CLI's language (shared/i18n/domain-labels.ts), as the app does. */
function roleLine(r: RoleView, language: Language): string {
  return `${r.name}\t${roleText(r.name, r.label, language)}\t${r.users} user(s)\t${r.permissions.join(',') || '-'}\tmasked: ${r.masked.join(',') || '-'}`;
}

function scopeText(s: Scope): string {
  const parts = [
    s.ownOnly ? 'own accounts only' : '',
    ...(['owners', 'departments', 'regions', 'industries', 'tiers', 'tags'] as const).filter((k) => s[k].length).map((k) => `${k}: ${s[k].join(', ')}`),
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'all clients';
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
  for (const t of tiers) if (!['A', 'B', 'C'].includes(t)) throw new UsageError('--tier is A, B or C');
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
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw new UsageError(`--${name} takes a date like 2026-11-01`);
  return new Date(v).toISOString();
}

export const accessCommands: Command[] = [
  {
    path: ['role', 'list'],
    summary: 'list roles with their permissions and masked fields (admin)',
    usage: 'handover role list',
    options: {},
    async run(io, values) {
      const roles = await withVault(io, values, ({ door }) => door.call('roles.list', {}));
      return { human: ['NAME\tLABEL\tUSERS\tPERMISSIONS\tMASKED', ...roles.map((r) => roleLine(r, io.language))].join('\n'), json: roles };
    },
  },
  {
    path: ['role', 'show'],
    summary: 'show one role: the permission matrix column, masks and scope (admin)',
    usage: 'handover role show NAME',
    options: {},
    async run(io, values, positionals) {
      const name = one(positionals, 'role name');
      const role = await withVault(io, values, async ({ door }) => findRole(await door.call('roles.list', {}), name));
      const matrix = PERMISSIONS.map((p) => `  [${role.permissions.includes(p) ? 'x' : ' '}] ${p}`);
      return {
        human: [`${role.name} (${roleText(role.name, role.label, io.language)})${role.builtin ? ' — built-in' : ''}, ${role.users} user(s)`, ...matrix,
          `masked: ${role.masked.join(', ') || 'nothing'}`, `scope: ${scopeText(role.scope)}`].join('\n'),
        json: role,
      };
    },
  },
  {
    path: ['role', 'create'],
    summary: 'create a role, from scratch or as a copy (admin)',
    usage: 'handover role create NAME [--from ROLE] [--label TEXT] [--permission P]… [--mask FIELD]…',
    options: {
      from: { type: 'string', description: meaning('start from a copy of this role', '复制该角色作为起点') },
      label: { type: 'string', description: meaning('the name people read (default: NAME)', '显示给用户的名称（默认：NAME）') },
      permission: { type: 'string', multiple: true, description: meaning('a right to give (repeatable; the list is below)', '授予的权限（可重复；列表见下）') },
      mask: { type: 'string', multiple: true, description: meaning('a field this role sees masked (repeatable; the list is below)', '该角色看到脱敏的字段（可重复；列表见下）') },
    },
    notes: [`Permissions: ${PERMISSIONS.join(', ')}`, `Maskable fields: ${MASKABLE_FIELDS.join(', ')}`],
    async run(io, values, positionals) {
      const name = one(positionals, 'role name');
      const roles = await withVault(io, values, async ({ door }) => {
        const existing = await door.call('roles.list', {});
        if (existing.some((r) => r.name === name)) throw new UsageError(`role ${name} exists already; use grant / revoke`);
        const from = values.from ? findRole(existing, values.from as string) : null;
        const input = roleInputSchema.safeParse({
          name,
          label: (values.label as string | undefined) ?? '',
          permissions: [...new Set([...(from?.permissions ?? []), ...permissionsFrom(values)])],
          masked: [...new Set([...(from?.masked ?? []), ...maskedFrom(values)])],
          scope: from?.scope ?? EMPTY_SCOPE,
        });
        if (!input.success) throw new UsageError('a role name is 2-40 lower-case letters, digits or _, starting with a letter');
        return door.call('roles.save', input.data);
      });
      return { human: `Created role ${name}.`, json: findRole(roles, name) };
    },
  },
  ...(['grant', 'revoke'] as const).map((verb): Command => ({
    path: ['role', verb],
    summary: verb === 'grant' ? 'give a role permissions, or mask fields (admin)' : 'take permissions from a role, or unmask fields (admin)',
    usage: `handover role ${verb} ROLE PERMISSION… [--mask FIELD]…`,
    options: {
      mask: { type: 'string', multiple: true, description: meaning('a field to mask (grant) or unmask (revoke) for this role (repeatable)', '为该角色脱敏（grant）或取消脱敏（revoke）的字段（可重复）') },
    },
    notes: [`Permissions: ${PERMISSIONS.join(', ')}`],
    async run(io, values, positionals) {
      const [name, ...perms] = positionals;
      if (!name || (perms.length === 0 && !values.mask)) throw new UsageError(`usage: handover role ${verb} ROLE PERMISSION…`);
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
      return { human: roleLine(role, io.language), json: role };
    },
  })),
  {
    path: ['role', 'delete'],
    summary: 'delete a role no user has (admin)',
    usage: 'handover role delete NAME',
    options: {},
    async run(io, values, positionals) {
      const name = one(positionals, 'role name');
      await withVault(io, values, ({ door }) => door.call('roles.delete', { name }));
      return { human: `Deleted role ${name}.`, json: { name } };
    },
  },
  {
    path: ['user', 'set-role'],
    summary: 'give a user another role (admin; takes effect at once)',
    usage: 'handover user set-role NAME ROLE',
    options: {},
    async run(io, values, positionals) {
      if (positionals.length !== 2) throw new UsageError('usage: handover user set-role NAME ROLE');
      const [name, role] = positionals as [string, string];
      const user = await withVault(io, values, async ({ door }) => door.call('users.setRole', { userId: (await userNamed(door, name)).id, role }));
      return { human: `${user.name} is now ${user.role}.`, json: user };
    },
  },
  {
    path: ['user', 'scope'],
    summary: 'limit a user to a segment of clients (admin)',
    usage: 'handover user scope NAME [--own] [--owner O]… [--department D]… [--region R]… [--industry I]… [--tier A|B|C]… [--tag T]… | --clear',
    options: SCOPE_OPTIONS,
    notes: ['Each option may repeat; a client must match every kind given (any of its values). --clear lifts the limit.'],
    async run(io, values, positionals) {
      const name = one(positionals, 'user name');
      const scope = scopeFrom(values);
      const user = await withVault(io, values, async ({ door }) => door.call('users.setScope', { userId: (await userNamed(door, name)).id, scope }));
      return { human: `${user.name}: ${scopeText(user.scope)}`, json: user };
    },
  },
  {
    path: ['audit', 'list'],
    summary: 'list access-log entries, newest first (audit right)',
    usage: 'handover audit list [--actor U] [--client CODE] [--action A] [--since DATE] [--until DATE] [--limit N]',
    options: {
      actor: { type: 'string', description: meaning('only what this user did', '只列出该用户的操作') },
      client: { type: 'string', description: meaning('only entries about this client (code)', '只列出与该客户（编号）相关的记录') },
      action: { type: 'string', description: meaning('one action (client.view) or a family ending in a dot (client.)', '一种操作（client.view）或以点结尾的一类操作（client.）') },
      since: { type: 'string', description: meaning('from this date on (2026-11-01)', '从该日期起（2026-11-01）') },
      until: { type: 'string', description: meaning('up to this date', '截至该日期') },
      limit: { type: 'string', default: '50', description: meaning('show at most N entries', '最多显示 N 条记录') },
    },
    notes: ['--action takes one action (client.view) or a family ending in a dot (client.).', '--user is who you are; --actor filters by who did it.'],
    async run(io, values) {
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError('--limit must be 1 to 10000');
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
      const lines = page.rows.map((r) => `${r.seq}\t${r.time}\t${r.actor}\t${r.action}\t${r.target}\t${JSON.stringify(r.details)}`);
      return { human: [`${page.total}${page.total > 100_000 ? '+' : ''} entries`, ...lines].join('\n'), json: page };
    },
  },
  {
    path: ['audit', 'export'],
    summary: 'export the access log, signed, for an auditor (audit export right)',
    usage: 'handover audit export --out DIR [--since DATE] [--until DATE]',
    options: {
      out: { type: 'string', description: meaning('the folder to write the signed export into', '签名导出文件的保存文件夹') },
      since: { type: 'string', description: meaning('export entries from this date on', '导出该日期起的记录') },
      until: { type: 'string', description: meaning('export entries up to this date', '导出截至该日期的记录') },
    },
    notes: ['Writes DIR/audit-<time>/ with audit.jsonl, its minisign signature, a signed checkpoint, vault.pub, audit.csv.'],
    async run(io, values) {
      if (typeof values.out !== 'string') throw new UsageError('--out DIR is required');
      const parent = resolve(values.out);
      if (!existsSync(parent)) throw new UsageError(`${parent} does not exist`);
      const since = dateOption(values, 'since');
      const until = dateOption(values, 'until');
      const result = await withVault(io, values, async ({ door }) => {
        await door.call('dialog.chooseAuditFolder', { purpose: 'audit-export' }, { chooseFolder: parent });
        return door.call('audit.export', { jobId: door.job('export'), dir: parent, since, until });
      });
      return {
        human: `Exported entries ${result.firstSeq}-${result.lastSeq} to ${result.dir}\nsigned checkpoint: size ${result.checkpointSize}, root ${result.root}\nkey fingerprint: ${result.keyFingerprint}`,
        json: result,
      };
    },
  },
  {
    path: ['audit', 'verify'],
    summary: 'verify an exported access log (no vault needed)',
    usage: 'handover audit verify DIR [--pubkey FILE] [--checkpoint FILE]',
    options: {
      pubkey: { type: 'string', description: meaning('the vault public key you got from the seller out of band', '通过其他渠道从卖方获得的保险库公钥文件') },
      checkpoint: { type: 'string', description: meaning('a checkpoint.txt kept from an earlier export, to detect a shortened or rewritten log', '之前导出时保存的 checkpoint.txt，用于发现被截短或改写的日志') },
    },
    notes: [
      '--pubkey: the vault key you got from the seller out of band (else the export\'s own vault.pub, reported as unconfirmed).',
      '--checkpoint: a checkpoint.txt you kept from an earlier export: a shorter or rewritten history is detected.',
      'Exit code 0 when everything verifies, 5 when anything does not.',
    ],
    async run(io, values, positionals) {
      const dir = resolve(one(positionals, 'folder'));
      const file = (name: string) => {
        const v = values[name];
        if (v === undefined) return undefined;
        if (typeof v !== 'string' || !existsSync(v)) throw new UsageError(`--${name}: no such file`);
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
      const p = verdict.problem;
      const where = p ? `${p.line !== null ? ` at line ${p.line}` : ''}${p.seq !== null ? ` (entry ${p.seq}${p.expected !== undefined ? `, expected ${p.expected}` : ''})` : ''}` : '';
      const lines = [
        verdict.ok ? 'VERIFIED' : `FAILED: ${p?.kind ?? 'unknown'}${where}`,
        `entries: ${verdict.entries}${verdict.firstSeq !== null ? ` (${verdict.firstSeq}-${verdict.lastSeq})` : ''}`,
        `signature (minisign): ${verdict.signature}`,
        `checkpoint: ${verdict.checkpoint ? `${verdict.checkpoint.origin} size ${verdict.checkpoint.size}` : 'invalid'}`,
        ...(verdict.held ? [`held checkpoint (size ${verdict.held.size}): ${verdict.held.status}`] : []),
        `key fingerprint: ${verdict.keyFingerprint}${verdict.keyConfirmed ? '' : ' (from the export itself: compare it with the seller\'s)'}`,
        ...(verdict.redacted > 0 ? [`masked: ${verdict.redacted} search text(s) masked for the exporter's role (their original hashes are proven by the chain and checkpoint)`] : []),
      ];
      return { human: lines.join('\n'), json: verdict, exitCode: verdict.ok ? EXIT.ok : EXIT.integrity };
    },
  },
  {
    path: ['keys', 'show'],
    summary: 'show the vault\'s public key and fingerprint, to give to an auditor or buyer',
    usage: 'handover keys show',
    options: {},
    async run(io, values) {
      const keys = await withVault(io, values, ({ door }) => door.call('keys.show', {}));
      return {
        human: [`fingerprint: ${keys.fingerprint}`, `minisign key id: ${keys.keyId}`, `checkpoint origin: ${keys.origin}`,
          `age recipient (packages to this vault): ${keys.ageRecipient}`,
          `signed-note verifier key: ${keys.noteVerifierKey}`, '', keys.minisignPublicKey.trimEnd()].join('\n'),
        json: keys,
      };
    },
  },
  {
    path: ['keys', 'export-pub'],
    summary: 'write the vault\'s minisign public key file (vault.pub)',
    usage: 'handover keys export-pub --out FILE',
    options: { out: { type: 'string', description: meaning('the file to write the public keys to', '公钥的保存文件') } },
    async run(io, values) {
      if (typeof values.out !== 'string') throw new UsageError('--out FILE is required');
      const out = resolve(values.out);
      const keys = await withVault(io, values, async ({ door }) => {
        await door.call('keys.exportPub', {}, { chooseSaveTarget: out });
        return door.call('keys.show', {});
      });
      return { human: `Wrote ${out} (fingerprint ${keys.fingerprint})`, json: { path: out, fingerprint: keys.fingerprint } };
    },
  },
  {
    path: ['keys', 'add'],
    summary: 'add a counterparty key (age1… recipient or minisign public key file)',
    usage: 'handover keys add LABEL KEY|FILE.pub',
    options: {},
    async run(io, values, positionals) {
      const [label, key] = positionals;
      if (!label || !key) throw new UsageError('usage: handover keys add LABEL KEY|FILE.pub');
      const text = existsSync(key) ? readFileSync(key, 'utf8') : key;
      const keys = await withVault(io, values, ({ door }) => door.call('keys.addCounterparty', { label, key: text }));
      const k = keys.find((x) => x.label === label && (x.key === text.trim() || text.includes(x.key.split('\n').pop() ?? '\u0000')))!;
      return { human: `Added key #${k.id} (${k.kind}) fingerprint ${k.fingerprint}. Read it back with the owner, then: handover keys verify ${k.id} --fingerprint "…"`, json: k };
    },
  },
  {
    path: ['keys', 'verify'],
    summary: 'mark a counterparty key verified by the fingerprint read back to you',
    usage: 'handover keys verify ID --fingerprint FP [--how phone|in-person]',
    options: {
      fingerprint: { type: 'string', description: meaning('the fingerprint the key holder read back to you', '密钥持有人向你复述的指纹') },
      how: { type: 'string', description: meaning('how it was read back: phone or in-person (default: phone)', '核验方式：phone（电话）或 in-person（当面）（默认：phone）') },
    },
    async run(io, values, positionals) {
      const how = (values.how as string | undefined) ?? 'phone';
      if (how !== 'phone' && how !== 'in-person') throw new UsageError('--how is phone or in-person');
      const fingerprint = requireString(values, 'fingerprint');
      const keys = await withVault(io, values, ({ door }) => door.call('keys.verifyCounterparty', { id: Number(positionals[0]), how, fingerprint }));
      return { human: `Key #${positionals[0]} verified (${how}).`, json: keys.find((k) => k.id === Number(positionals[0])) };
    },
  },
  {
    path: ['keys', 'export-identity'],
    summary: 'write this vault\'s age identity for the age CLI (a secret key: keep it safe)',
    usage: 'handover keys export-identity --out FILE',
    options: {
      out: { type: 'string', description: meaning('the file to write the age identity (secret key) to', 'age 身份（私钥）的保存文件') },
    },
    notes: ['WARNING: whoever holds this file can open every package addressed to this vault. Store it encrypted; delete it when done.'],
    async run(io, values) {
      const out = resolve(requireString(values, 'out'));
      await withVault(io, values, ({ door }) => door.call('keys.exportIdentity', {}, { chooseSaveTarget: out }));
      return { human: `Identity written to ${out}. WARNING: it is a secret key; anyone with it can open this vault's packages.`, json: { path: out } };
    },
  },
];
