import type { BulkResult, ClientFilter, Language } from '../../../shared/contract';
import { meaning, type Command, type Options, type Values } from '../command';
import type { CliDoor } from '../door';
import { UsageError } from '../io';
import { withVault } from '../session';
import { clientByCode } from './clients';
import { handoverByRef } from './handover-lookup';

/**
 * The clients list's bulk actions from the command line (issue 17): `clients reassign` (the WeCom
 * 在职继承 case), `clients tag`, `clients archive`. Each names its clients the way the list does — by
 * its filters, every match — or by code, and makes ONE call: the core changes all of them or none.
 */

/** Which clients: the list's filters (every match, in your scope), or client codes. */
const CHOICE: Options = {
  search: { type: 'string', description: meaning('every client this search finds (name, code, contact, pinyin …)', '这个搜索找到的每个客户（名称、编号、联系人、拼音……）') },
  region: { type: 'string', description: meaning('only clients of this region', '只选这个区域的客户') },
  industry: { type: 'string', description: meaning('only clients of this industry', '只选这个行业的客户') },
  'with-tag': { type: 'string', description: meaning('only clients that carry this tag', '只选带有这个标签的客户') },
  code: { type: 'string', multiple: true, description: meaning('this client (by code; repeat for more) instead of a filter', '按编号指定客户（可重复），而不是按条件') },
  all: { type: 'boolean', default: false, description: meaning('every client you may see, when no other choice is given', '未给出其他条件时，选择你有权查看的全部客户') },
};
const OWNER_FILTER: Options = { owner: { type: 'string', description: meaning('only clients of this owner', '只选这个负责人的客户') } };

const text = (values: Values, name: string) => (typeof values[name] === 'string' && values[name] !== '' ? (values[name] as string) : undefined);

/** The selection the options describe: codes turned into ids, or the list's filter (the router lists the matches). */
async function selectionFrom(door: CliDoor, values: Values, owner: string | undefined): Promise<number[] | { matching: ClientFilter }> {
  const codes = (values.code as string[] | undefined) ?? [];
  const filter: ClientFilter = { text: text(values, 'search') ?? '', region: text(values, 'region'), industry: text(values, 'industry'), tag: text(values, 'with-tag'), owner };
  const filtered = Object.values(filter).some((v) => v !== undefined && v !== '');
  if (codes.length && filtered) throw new UsageError(meaning('give either --code or filters (--search, --region, …), not both', '--code 和筛选条件（--search、--region……）只能给一种'));
  if (codes.length) return Promise.all(codes.map((c) => clientByCode(door, c)));
  // A change to every client in the vault is said out loud: a forgotten filter must not move them all.
  if (!filtered && !values.all) throw new UsageError(meaning('say which clients: --search, --region, --industry, --with-tag, an owner, --code CODE, or --all', '请说明是哪些客户：--search、--region、--industry、--with-tag、负责人、--code 客户编号，或 --all'));
  return { matching: filter };
}

const done = (language: Language, r: BulkResult, zh: string, en: string) =>
  language === 'zh-CN'
    ? `${zh}（共 ${r.count.toLocaleString('zh-CN')} 个客户，${r.changed.toLocaleString('zh-CN')} 个有变化）`
    : `${en} (${r.count.toLocaleString('en')} clients, ${r.changed.toLocaleString('en')} changed)`;

const COMMON_NOTES = [
  meaning('Filters choose every matching client you may see, across all pages, as the clients list does; clients outside your scope are never touched.', '与客户列表一样，筛选条件选中你有权查看的全部匹配客户（不限页数）；范围外的客户不会被改动。'),
  meaning('One call, one transaction, one access-log entry: if any client cannot be changed, none is. Exit code 0 when done, 1 when nothing matched or a client refused the change, 4 when not allowed.', '一次调用、一个事务、一条访问日志记录：只要有一个客户无法修改，就全部不改。完成时退出码为 0，没有匹配的客户或有客户拒绝修改时为 1，无权操作时为 4。'),
];

export const clientBulkCommands: Command[] = [
  {
    path: ['clients', 'reassign'],
    summary: meaning('give clients a new owner (all of one salesperson\'s clients to another: 在职继承)', '更换客户负责人（把一位销售的全部客户交给另一位：在职继承）'),
    usage: 'handover clients reassign --to NAME [--from NAME] [--search TEXT] [--region R] [--industry I] [--with-tag T] [--code CODE]… [--all]',
    options: {
      to: { type: 'string', description: meaning('the new owner: a colleague\'s user name or any owner name as on the records', '新负责人：同事的用户名，或客户记录中的负责人') },
      from: { type: 'string', description: meaning('only the clients this owner has now', '只选当前由这个负责人跟进的客户') },
      ...CHOICE,
    },
    notes: [meaning('Example: handover clients reassign --from 张伟 --to 李娜', '示例：handover clients reassign --from 张伟 --to 李娜'), ...COMMON_NOTES],
    async run(io, values) {
      const to = text(values, 'to')?.trim();
      if (!to) throw new UsageError(meaning('--to NAME is required', '缺少 --to 新负责人'));
      if (to.length > 100) throw new UsageError(meaning('--to: at most 100 characters', '--to：最多 100 个字'));
      return withVault(io, values, async ({ door }) => {
        const clientIds = await selectionFrom(door, values, text(values, 'from'));
        const r = await door.call('clients.reassignOwner', { jobId: door.job('reassign'), clientIds, owner: to });
        const from = text(values, 'from');
        const human = done(io.language, r, from ? `已将负责人从 ${from} 改为 ${to}` : `已将负责人改为 ${to}`, from ? `Owner changed from ${from} to ${to}` : `Owner changed to ${to}`);
        return { human, json: r };
      });
    },
  },
  {
    path: ['clients', 'tag'],
    summary: meaning('add or remove tags on every chosen client', '为所选的每个客户添加或移除标签'),
    usage: 'handover clients tag [--add TAG]… [--remove TAG]… [--owner NAME] [--search TEXT] [--region R] [--code CODE]… [--all]',
    options: {
      add: { type: 'string', multiple: true, description: meaning('a tag to add (repeat for more)', '要添加的标签（可重复）') },
      remove: { type: 'string', multiple: true, description: meaning('a tag to remove (repeat for more)', '要移除的标签（可重复）') },
      ...OWNER_FILTER,
      ...CHOICE,
    },
    notes: [meaning('Example: handover clients tag --owner 李娜 --add 重点 --add 续约', '示例：handover clients tag --owner 李娜 --add 重点 --add 续约'), meaning('A client keeps at most 30 tags.', '每个客户最多 30 个标签。'), ...COMMON_NOTES],
    async run(io, values) {
      const list = (name: string) => ((values[name] as string[] | undefined) ?? []).map((t) => t.trim()).filter(Boolean);
      const add = list('add');
      const remove = list('remove');
      if (add.length + remove.length === 0) throw new UsageError(meaning('give --add TAG or --remove TAG', '请给出 --add 标签或 --remove 标签'));
      if ([...add, ...remove].some((t) => t.length > 50)) throw new UsageError(meaning('a tag has at most 50 characters', '每个标签最多 50 个字'));
      if (add.length > 30 || remove.length > 30) throw new UsageError(meaning('at most 30 tags at a time', '一次最多 30 个标签'));
      return withVault(io, values, async ({ door }) => {
        const clientIds = await selectionFrom(door, values, text(values, 'owner'));
        const r = await door.call('clients.tag', { jobId: door.job('tag'), clientIds, add, remove });
        return { human: done(io.language, r, '已修改标签', 'Tags changed'), json: r };
      });
    },
  },
  {
    path: ['clients', 'archive'],
    summary: meaning('archive the chosen clients (kept, not deleted), or restore them with --restore', '归档所选客户（保留，不删除），或用 --restore 取消归档'),
    usage: 'handover clients archive [--restore] [--owner NAME] [--search TEXT] [--region R] [--code CODE]… [--all]',
    options: {
      restore: { type: 'boolean', default: false, description: meaning('restore archived clients instead (they are looked for among archived ones too)', '改为取消归档（也在已归档的客户中查找）') },
      ...OWNER_FILTER,
      ...CHOICE,
    },
    notes: [meaning('Example: handover clients archive --owner 王芳 --region 华北', '示例：handover clients archive --owner 王芳 --region 华北'), ...COMMON_NOTES],
    async run(io, values) {
      const restore = values.restore === true;
      return withVault(io, values, async ({ door }) => {
        let clientIds = await selectionFrom(door, values, text(values, 'owner'));
        // Restoring looks among the archived clients too, which the list leaves out by default.
        if (!Array.isArray(clientIds) && restore) clientIds = { matching: { ...clientIds.matching, includeArchived: true } };
        const r = await door.call('clients.archiveMany', { jobId: door.job(restore ? 'unarchive' : 'archive'), clientIds, archived: !restore });
        return { human: done(io.language, r, restore ? '已取消归档' : '已归档', restore ? 'Restored' : 'Archived'), json: r };
      });
    },
  },
  {
    path: ['clients', 'add-to-handover'],
    summary: meaning('add the chosen clients to a handover\'s scope (加入交接项目)', '将所选客户加入交接项目的交接范围'),
    usage: 'handover clients add-to-handover HO [--owner NAME] [--search TEXT] [--region R] [--industry I] [--with-tag T] [--code CODE]… [--all]',
    options: { ...OWNER_FILTER, ...CHOICE },
    notes: [
      meaning('Example: handover clients add-to-handover HO-2026-001 --owner 张伟 --region 华东', '示例：handover clients add-to-handover HO-2026-001 --owner 张伟 --region 华东'),
      meaning('HO is the handover\'s reference or number. A handover takes clients until its package is exported; adding clients voids its standing approvals.', 'HO 为交接项目的编号或序号。交接包导出之前都可以加入客户；加入客户会使已有的审批作废。'),
      ...COMMON_NOTES,
    ],
    async run(io, values, positionals) {
      return withVault(io, values, async ({ door }) => {
        const handover = await handoverByRef(door, positionals[0]);
        const clientIds = await selectionFrom(door, values, text(values, 'owner'));
        const r = await door.call('handovers.addClients', { jobId: door.job('add-to-handover'), handover, clientIds });
        return { human: done(io.language, r, `已加入交接项目 ${positionals[0]}`, `Added to handover ${positionals[0]}`), json: r };
      });
    },
  },
];
