import { readFileSync } from 'node:fs';
import { COMPENSATION_METHODS, NEGOTIATION_KINDS, PROPOSAL_FILTERS, type ChannelOutput, type ProposalRow } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { meaning, type Command, type Values } from '../command';
import type { CliDoor } from '../door';
import { UsageError, type CliIo } from '../io';
import { requireString, withVault } from '../session';
import { computedLine, offersLine, RECORDED, rowLine, standardLines, totalsLine } from './compensation-text';
import { handoverByRef } from './handover-lookup';

/**
 * `handover compensation …` (issue 19): set the standard, compute proposals,
 * record an offer, an agreement or a payment, list with totals. Argument
 * parsing and core.handle calls only: masks, scope and rights are the router's
 * and the compensation service's, exactly as in the app.
 */
type Kind = 'client' | 'staff';
const cmd = (path: string[], c: Omit<Command, 'path'>): Command => ({ path, ...c });
const KIND = { kind: { type: 'string' as const, description: meaning('client compensation or staff exit compensation: client or staff (default: client)', '客户补偿或员工客户资源退出补偿：client 或 staff（默认：client）') } };

function kindOf(values: Values): Kind {
  const k = (values.kind as string | undefined) ?? 'client';
  if (k !== 'client' && k !== 'staff') throw new UsageError(meaning('--kind is client or staff', '--kind 取 client（客户补偿）或 staff（员工客户资源退出补偿）'));
  return k;
}

/**
 * "36000", "36000.5", "36000.50" — or as the CLI prints it, "¥36,000.50" — yuan -> fen, exactly (no binary
 * floating point). Thousands separators only in groups of three, so "1,23" is refused, not read as 123.
 */
export function fenFromYuan(text: string, name: string): number {
  const m = /^¥?(\d{1,3}(?:,\d{3}){1,4}|\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new UsageError(meaning(`--${name} takes an amount in yuan like 36000, 36000.50 or ¥36,000.50`, `--${name} 取一个以元为单位的金额，如 36000、36000.50 或 ¥36,000.50`));
  return Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function dateArg(values: Values, name: string): string {
  const v = requireString(values, name);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(meaning(`--${name} takes a date like 2026-11-29`, `--${name} 取一个日期，如 2026-11-29`));
  return v;
}

function choice<T extends string>(values: Values, name: string, allowed: readonly T[], fallback?: T): T {
  const v = (values[name] as string | undefined) ?? fallback;
  if (v === undefined || !(allowed as readonly string[]).includes(v)) throw new UsageError(meaning(`--${name} is one of ${allowed.join(', ')}`, `--${name} 取 ${allowed.join('、')} 之一`));
  return v as T;
}


/** A proposal by the client's code (or, for staff, the person's name), among those this user may see. */
async function proposalOf(door: CliDoor, handoverId: number, kind: Kind, who: string): Promise<ProposalRow> {
  const page = await door.call('compensation.list', { handoverId, kind, filter: 'all', text: who, offset: 0, limit: 500 });
  const row = page.rows.find((r) => (kind === 'client' ? r.code === who : r.name === who));
  if (!row) throw new AppError('COMPENSATION_NOT_FOUND', `No compensation proposal for ${who}`);
  return row;
}

/** Every proposal matching a filter and search, page by page, as the list channel gives them to this user. */
async function everyPage(door: CliDoor, handoverId: number, kind: Kind, filter: (typeof PROPOSAL_FILTERS)[number], text: string) {
  const rows: ProposalRow[] = [];
  let page = await door.call('compensation.list', { handoverId, kind, filter, text, offset: 0, limit: 500 });
  rows.push(...page.rows);
  while (rows.length < page.total) {
    page = await door.call('compensation.list', { handoverId, kind, filter, text, offset: rows.length, limit: 500 });
    if (page.rows.length === 0) break;
    rows.push(...page.rows);
  }
  return { total: page.total, totals: page.totals, rows };
}

const detailResult = (io: CliIo, d: ChannelOutput<'compensation.proposal'>, what: keyof typeof RECORDED) => ({
  human: `${RECORDED[what][io.language]}\n${rowLine(io.language, d.row)}`, json: d,
});

export const compensationCommands: Command[] = [
  cmd(['compensation', 'standard'], {
    summary: meaning('set the compensation standard of a handover (JSON file) and compute every proposal from it', '设置交接项目的补偿标准（JSON 文件），并据此计算每条建议补偿'),
    usage: 'handover compensation standard HANDOVER --file STANDARD.json [--kind client|staff] [--preview]',
    options: {
      ...KIND,
      file: { type: 'string', description: meaning('the compensation standard as JSON (shape below)', '补偿标准 JSON 文件（格式见下）') },
      preview: { type: 'boolean', default: false, description: meaning('show who would change, without applying', '只预览哪些客户会变化，不实际应用') },
    },
    notes: [...[
      'STANDARD.json: {"basis":"revenue","rateBp":500,"fixedFen":{"A":0,"B":0,"C":0},"tierFactors":{"A":1200,"B":1000,"C":800},',
      '  "loyalty":{"minRenewalPercent":80,"factorPermille":1100},"stability":{"minYears":3,"factorPermille":1050},',
      '  "floorFen":100000,"capFen":20000000,"methods":["cash","discount"],"defaultMethod":"cash","budgetFen":200000000}'].map((json) => meaning(json, json)),
      meaning('Amounts in fen; rate in basis points (500 = 5 %); factors per mille (1100 = ×1.1). --preview shows what changes for whom and writes nothing.', '金额以分为单位；比例以万分之一为单位（500 = 5%）；系数以千分之一为单位（1100 = ×1.1）。--preview 只显示谁会怎样变化，不写入任何数据。')],
    async run(io, values, positionals) {
      const file = requireString(values, 'file');
      let standard: unknown;
      try {
        standard = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        throw new UsageError(meaning(`--file: ${file} is not a readable JSON file`, `--file：${file} 不是可读取的 JSON 文件`));
      }
      const kind = kindOf(values);
      const r = await withVault(io, values, async ({ door }) => {
        const handoverId = await handoverByRef(door, positionals[0]);
        return door.call(values.preview ? 'compensation.previewStandard' : 'compensation.setStandard', { handoverId, kind, standard } as never);
      }) as ChannelOutput<'compensation.setStandard'>;
      return { human: standardLines(io.language, r, values.preview === true).join('\n'), json: r };
    },
  }),
  cmd(['compensation', 'compute'], {
    summary: meaning('recompute the proposals from the current value data', '按当前的价值数据重新计算建议补偿'),
    usage: 'handover compensation compute HANDOVER [--kind client|staff]',
    options: KIND,
    async run(io, values, positionals) {
      const r = await withVault(io, values, async ({ door }) => door.call('compensation.compute', { handoverId: await handoverByRef(door, positionals[0]), kind: kindOf(values) }));
      return { human: computedLine(io.language, r), json: r };
    },
  }),
  cmd(['compensation', 'list'], {
    summary: meaning('the proposals with totals (amounts masked for roles that mask them)', '列出建议补偿及合计（角色对金额脱敏时显示为脱敏）'),
    usage: 'handover compensation list HANDOVER [--kind client|staff] [--filter all|exceptions|agreed|owed|overdue]',
    options: {
      ...KIND,
      filter: { type: 'string', description: meaning('which proposals: all, exceptions, agreed, owed or overdue', '显示哪些建议补偿：all、exceptions、agreed、owed 或 overdue') },
    },
    async run(io, values, positionals) {
      const filter = choice(values, 'filter', PROPOSAL_FILTERS, 'all');
      const kind = kindOf(values);
      const r = await withVault(io, values, async ({ door }) => {
        return everyPage(door, await handoverByRef(door, positionals[0]), kind, filter, '');
      });
      return { human: [totalsLine(io.language, r.totals), ...r.rows.map((row) => rowLine(io.language, row))].join('\n'), json: r };
    },
  }),
  cmd(['compensation', 'offer'], {
    summary: meaning('record an offer, counter-offer or note of the negotiation', '登记协商记录：报价、还价或备注'),
    usage: 'handover compensation offer HANDOVER --client CODE --date D --our NAME --their NAME [--type offer|counter-offer|note] [--amount YUAN] [--method M] [--note T]',
    options: {
      ...KIND,
      client: { type: 'string', description: meaning('the client (code)', '客户（编号）') },
      date: { type: 'string', description: meaning('the date of the conversation', '协商日期') },
      our: { type: 'string', description: meaning('who spoke for us', '我方人员') },
      their: { type: 'string', description: meaning('who spoke for the client', '客户方人员') },
      type: { type: 'string', description: meaning('offer, counter-offer or note (default: offer)', 'offer（报价）、counter-offer（还价）或 note（备注）（默认：offer）') },
      amount: { type: 'string', description: meaning('the amount offered, in yuan', '报价金额（元）') },
      method: { type: 'string', description: meaning('the payment method offered', '提出的支付方式') },
      note: { type: 'string', description: meaning('a note kept with the negotiation record', '随协商记录保存的备注') },
    },
    async run(io, values, positionals) {
      const kind = kindOf(values);
      const input = {
        kind: choice(values, 'type', NEGOTIATION_KINDS, 'offer'), date: dateArg(values, 'date'), ourSide: requireString(values, 'our'), theirSide: requireString(values, 'their'),
        amountFen: values.amount === undefined ? null : fenFromYuan(String(values.amount), 'amount'),
        method: values.method === undefined ? null : choice(values, 'method', COMPENSATION_METHODS), note: (values.note as string | undefined) ?? '',
      };
      const who = requireString(values, 'client');
      const d = await withVault(io, values, async ({ door }) => {
        const handoverId = await handoverByRef(door, positionals[0]);
        const p = await proposalOf(door, handoverId, kind, who);
        return door.call('compensation.recordNegotiation', { handoverId, proposalId: p.id, ...input });
      });
      return detailResult(io, d, 'negotiation');
    },
  }),
  cmd(['compensation', 'offers'], {
    summary: meaning('send the offer (发出补偿方案) to many at once — every proposal matching a search, or the clients named — each at its own proposed amount and method', '批量发出补偿方案——符合搜索条件的全部建议补偿，或指定的客户——各按其建议金额和方式'),
    usage: 'handover compensation offers HANDOVER (--all-matching [--search TEXT] [--filter F] | --client CODE [--client CODE…]) --date D --our NAME --their NAME [--note T] [--kind client|staff]',
    options: {
      ...KIND,
      'all-matching': {
        type: 'boolean', default: false,
        description: meaning('every proposal matching --search and --filter, on every page, that you may see', '所有符合 --search 和 --filter 的建议补偿（不限页数，仅限你有权查看的）'),
      },
      search: { type: 'string', description: meaning('with --all-matching: the list\'s search, a code or a name (default: none)', '与 --all-matching 一起使用：列表的搜索，编号或名称（默认：不限）') },
      filter: { type: 'string', description: meaning('with --all-matching: all, exceptions, agreed, owed or overdue (default: all)', '与 --all-matching 一起使用：all、exceptions、agreed、owed 或 overdue（默认：all）') },
      client: { type: 'string', multiple: true, description: meaning('a client (code) — for staff, a person\'s name; repeat for more', '客户（编号）；员工补偿时为员工姓名；可重复') },
      date: { type: 'string', description: meaning('the date the offer was sent', '发出补偿方案的日期') },
      our: { type: 'string', description: meaning('who sent it for us', '我方人员') },
      their: { type: 'string', description: meaning('to whom (e.g. 各客户采购负责人)', '对方人员（如：各客户采购负责人）') },
      note: { type: 'string', description: meaning('a note kept with each negotiation record', '随每条协商记录保存的备注') },
    },
    notes: [meaning('Proposals already agreed are left as they are and counted as skipped. One call records every offer, with one entry in the access log;', '已约定的建议补偿保持不变，计为跳过。一次调用登记全部补偿方案，访问日志中记一条；'),
      meaning('one client you may not see refuses the whole call and records nothing.', '只要有一个你无权查看的客户，整个调用就被拒绝，什么都不登记。'),
      meaning('Exit codes: 0 recorded, 1 nothing matched or refused, 2 usage, 3 authentication, 4 not allowed (role or scope).', '退出码：0 已登记，1 没有匹配或被拒绝，2 用法错误，3 身份验证失败，4 无权操作（角色或范围）。')],
    async run(io, values, positionals) {
      const kind = kindOf(values);
      const all = values['all-matching'] === true;
      const codes = (values.client as string[] | undefined) ?? [];
      if (all === (codes.length > 0)) throw new UsageError(meaning('give either --all-matching (with --search and --filter) or one or more --client', '请给出 --all-matching（可加 --search 和 --filter），或一个或多个 --client，二者选一'));
      if (!all && (values.search !== undefined || values.filter !== undefined)) throw new UsageError(meaning('--search and --filter go with --all-matching', '--search 和 --filter 须与 --all-matching 一起使用'));
      const filter = choice(values, 'filter', PROPOSAL_FILTERS, 'all');
      const text = ((values.search as string | undefined) ?? '').trim();
      if (text.length > 100) throw new UsageError(meaning('--search takes at most 100 characters', '--search 最多 100 个字'));
      const offer = { date: dateArg(values, 'date'), ourSide: requireString(values, 'our'), theirSide: requireString(values, 'their'), note: (values.note as string | undefined) ?? '' };
      const r = await withVault(io, values, async ({ door }) => {
        const handoverId = await handoverByRef(door, positionals[0]);
        if (all) return door.call('compensation.recordOffers', { handoverId, proposalIds: { matching: { kind, filter, text } }, ...offer });
        const { rows } = await everyPage(door, handoverId, kind, 'all', '');
        const ids = codes.map((who) => {
          const row = rows.find((p) => (kind === 'client' ? p.code === who : p.name === who));
          if (!row) throw new AppError('COMPENSATION_NOT_FOUND', `No compensation proposal for ${who}`);
          return row.id;
        });
        return door.call('compensation.recordOffers', { handoverId, proposalIds: ids, ...offer });
      });
      return { human: offersLine(io.language, r), json: r };
    },
  }),
  cmd(['compensation', 'agree'], {
    summary: meaning('record the agreement: amount, method, dates, what was promised, the signed copy (a document id)', '登记补偿协议：金额、方式、日期、承诺内容和签署件（文档 ID）'),
    usage: 'handover compensation agree HANDOVER --client CODE --amount YUAN --method M --agreed-on D --due D --promise T [--document ID]',
    options: {
      ...KIND,
      client: { type: 'string', description: meaning('the client (code)', '客户（编号）') },
      amount: { type: 'string', description: meaning('the agreed amount, in yuan', '约定补偿金额（元）') },
      method: { type: 'string', description: meaning('the agreed payment method', '约定的支付方式') },
      'agreed-on': { type: 'string', description: meaning('the date of the agreement', '协议日期') },
      due: { type: 'string', description: meaning('the date payment is due', '应付日期') },
      promise: { type: 'string', description: meaning('what was promised to the client', '对客户的承诺内容') },
      document: { type: 'string', description: meaning('the signed agreement: a document id (docs add)', '已签署的补偿协议：文档 ID（docs add）') },
    },
    async run(io, values, positionals) {
      const kind = kindOf(values);
      const documentId = values.document === undefined ? null : Number(values.document);
      if (documentId !== null && !(Number.isInteger(documentId) && documentId > 0)) throw new UsageError(meaning('--document takes a document number (see handover docs list)', '--document 取文档编号（见 handover docs list）'));
      const input = {
        amountFen: fenFromYuan(requireString(values, 'amount'), 'amount'), method: choice(values, 'method', COMPENSATION_METHODS), agreedOn: dateArg(values, 'agreed-on'),
        dueOn: dateArg(values, 'due'), promise: requireString(values, 'promise'), documentId,
      };
      const who = requireString(values, 'client');
      const d = await withVault(io, values, async ({ door }) => {
        const handoverId = await handoverByRef(door, positionals[0]);
        const p = await proposalOf(door, handoverId, kind, who);
        return door.call('compensation.recordAgreement', { handoverId, proposalId: p.id, ...input });
      });
      return detailResult(io, d, 'agreement');
    },
  }),
  cmd(['compensation', 'pay'], {
    summary: meaning('record a payment against the agreement, with its evidence', '按补偿协议登记支付及其凭证'),
    usage: 'handover compensation pay HANDOVER --client CODE --amount YUAN --date D --evidence T',
    options: {
      ...KIND,
      client: { type: 'string', description: meaning('the client (code)', '客户（编号）') },
      amount: { type: 'string', description: meaning('the amount paid, in yuan', '已支付金额（元）') },
      date: { type: 'string', description: meaning('the date of payment', '支付日期') },
      evidence: { type: 'string', description: meaning('the payment evidence (e.g. bank reference)', '支付凭证（如银行流水号）') },
    },
    async run(io, values, positionals) {
      const kind = kindOf(values);
      const input = { amountFen: fenFromYuan(requireString(values, 'amount'), 'amount'), paidOn: dateArg(values, 'date'), evidence: requireString(values, 'evidence'), documentId: null };
      const who = requireString(values, 'client');
      const d = await withVault(io, values, async ({ door }) => {
        const handoverId = await handoverByRef(door, positionals[0]);
        const p = await proposalOf(door, handoverId, kind, who);
        return door.call('compensation.recordPayment', { handoverId, proposalId: p.id, ...input });
      });
      return detailResult(io, d, 'payment');
    },
  }),
];
