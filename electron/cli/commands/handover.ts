import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECKLIST_TEMPLATES, NOTICE_CHANNELS, type HandoverScope } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { HANDOVER_STATUS_LABELS, NOTICE_STATUS_LABELS } from '../../../shared/i18n/domain-labels';
import { CHECK_TITLES } from '../../../shared/i18n/handover';
import { meaning, type Command, type Values } from '../command';
import type { CliDoor } from '../door';
import { UsageError } from '../io';
import { requireString, withVault } from '../session';
import { alignColumns } from '../../../shared/i18n/text-width';
import { say, table } from '../text';
import { detailResult, showHandover } from './handover-text';
import { handoverByRef } from './handover-lookup';
import { localDay } from '../../../shared/dates';

/**
 * `handover handover …`: every step and gate of the wizard from the command
 * line, so a large handover can be scripted end to end (the package export
 * and receipts are in package.ts, counterparty keys in access.ts).
 */
const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : []);

function dateArg(values: Values, name: string, required = false): string | null {
  const v = values[name];
  if (v === undefined) {
    if (required) throw new UsageError(meaning(`--${name} DATE is required (YYYY-MM-DD)`, `缺少 --${name} 日期（YYYY-MM-DD）`));
    return null;
  }
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new UsageError(meaning(`--${name} takes a date like 2026-11-22`, `--${name} 取一个日期，如 2026-11-22`));
  return v;
}

/** `--scope-query "region=华东,华南;tier=A;industry=…;owner=…;tag=…"` as a filter. */
export function parseScopeQuery(q: string): HandoverScope {
  const filter: HandoverScope['filter'] = { tiers: [], regions: [], industries: [], owners: [], tags: [] };
  const keys: Record<string, keyof HandoverScope['filter']> = { tier: 'tiers', region: 'regions', industry: 'industries', owner: 'owners', tag: 'tags' };
  for (const part of q.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [k, v] = [part.slice(0, part.indexOf('=')).trim(), part.slice(part.indexOf('=') + 1)];
    const key = keys[k];
    if (!key || !part.includes('=')) throw new UsageError(meaning(`--scope-query: "${part}" is not one of region=, industry=, owner=, tier=, tag= (separate kinds with ;)`, `--scope-query：“${part}”不是 region=、industry=、owner=、tier=、tag= 之一（不同类条件用半角分号分隔）`));
    const values = v.split(',').map((x) => x.trim()).filter(Boolean);
    if (key === 'tiers' && values.some((x) => !['A', 'B', 'C'].includes(x))) throw new UsageError(meaning('--scope-query: tier is A, B or C', '--scope-query：tier 取 A、B 或 C'));
    (filter[key] as string[]).push(...values);
  }
  return { mode: 'filter', filter, picked: [] };
}

/** `--scope-file CODES.txt`: one client code per line; every code must name a current client this user can see. */
async function scopeFromFile(door: CliDoor, file: string): Promise<HandoverScope> {
  if (!existsSync(file)) throw new UsageError(meaning(`--scope-file: ${file}: no such file`, `--scope-file：文件 ${file} 不存在`));
  const codes = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const ids: number[] = [];
  const missing: string[] = [];
  for (const [i, code] of codes.entries()) {
    const found = await door.call('clients.byCode', { code }).catch((err: unknown) => {
      if (err instanceof AppError && (err.code === 'CLIENT_NOT_FOUND' || err.code === 'INVALID_INPUT')) return null;
      throw err;
    });
    if (found === null || found.archived) missing.push(`line ${i + 1}: ${code}`);
    else ids.push(found.id);
  }
  if (missing.length) throw new UsageError(meaning(`--scope-file: ${missing.length} unknown client code(s): ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? '…' : ''}`, `--scope-file：有 ${missing.length} 个客户编号不存在：${missing.slice(0, 5).join('；')}${missing.length > 5 ? '……' : ''}`));
  return { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: ids };
}

/** An age recipient as written by age-keygen (Bech32, HRP "age"); the core checks it again when it is added. */
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** Recipients given as age1… keys: kept as counterparty keys (to be verified by fingerprint before export). */
async function recipientIds(door: CliDoor, keys: string[], label: string): Promise<number[]> {
  const ids: number[] = [];
  for (const key of keys.map((k) => k.trim())) {
    if (!AGE_RECIPIENT.test(key)) throw new UsageError(meaning(`--recipient: ${key.slice(0, 20)}… is not an age1… recipient`, `--recipient：${key.slice(0, 20)}… 不是 age1… 加密公钥`));
    let known = (await door.call('keys.counterparties', {})).find((k) => k.key === key);
    if (!known) known = (await door.call('keys.addCounterparty', { label, key })).find((k) => k.key === key)!;
    ids.push(known.id);
  }
  return ids;
}

/** The clients of a handover named by code (or all matching a filter), as the router lets this user see them. */
async function handoverClientIds(door: CliDoor, id: number, filter: 'all' | 'included' | 'unanswered', codes: string[] | 'all'): Promise<number[]> {
  const rows = await door.call('handovers.clientCodes', { id, filter });
  if (codes === 'all') return rows.map((r) => r.clientId);
  const byCode = new Map(rows.map((r) => [r.code, r.clientId]));
  return codes.map((code) => {
    const clientId = byCode.get(code);
    if (clientId === undefined) throw new AppError('CLIENT_NOT_FOUND', `No client ${code} in this handover`);
    return clientId;
  });
}

const cmd = (path: string[], c: Omit<Command, 'path'>): Command => ({ path, ...c });

export const handoverCommands: Command[] = [
  cmd(['handover', 'create'], {
    summary: meaning('start a handover: title, buyer, recipients, scope', '新建交接项目：名称、买方、买方加密公钥、交接范围'),
    usage: 'handover handover create --title T --buyer NAME [--recipient age1…]… [--scope-query Q | --scope-file CODES.txt] [--overseas]',
    options: {
      title: { type: 'string', description: meaning('the handover title', '交接项目名称') },
      buyer: { type: 'string', description: meaning("the buyer's name", '买方名称') },
      recipient: { type: 'string', multiple: true, description: meaning("a buyer's verified age public key (age1…) (repeatable)", '已核验的买方加密公钥（age1…）（可重复）') },
      'scope-query': { type: 'string', description: meaning('the clients in scope: those this search finds', '交接范围：该搜索找到的客户') },
      'scope-file': { type: 'string', description: meaning('the clients in scope: a text file of client codes, one a line', '交接范围：客户编号文本文件，每行一个') },
      overseas: { type: 'boolean', default: false, description: meaning('the buyer is outside mainland China (cross-border transfer checks apply)', '买方在中国大陆境外（适用跨境传输检查）') },
    },
    notes: [
      meaning('--scope-query "region=华东,华南;tier=A,B;industry=…;owner=…;tag=…" (AND across kinds, OR within one)', '--scope-query 的写法如 "region=华东,华南;tier=A,B;industry=…;owner=…;tag=…"：不同类条件须同时满足，同一类中任一值即可（用半角逗号和分号分隔）'),
      meaning('Recipients become counterparty keys; verify each with "handover keys verify" before export.', '买方加密公钥会存为对方公钥；导出前请用“handover keys verify”逐一核验。'),
    ],
    async run(io, values) {
      const title = requireString(values, 'title');
      const buyer = requireString(values, 'buyer');
      if (values['scope-query'] && values['scope-file']) throw new UsageError(meaning('give --scope-query or --scope-file, not both', '--scope-query 和 --scope-file 只能给一个'));
      const h = await withVault(io, values, async ({ door }) => {
        const scope = values['scope-query'] ? parseScopeQuery(values['scope-query'] as string) : values['scope-file'] ? await scopeFromFile(door, resolve(values['scope-file'] as string)) : null;
        const recipients = await recipientIds(door, list(values.recipient), buyer);
        const created = await door.call('handovers.create', { title, buyerName: buyer });
        const updated = await door.call('handovers.update', { id: created.id, patch: { recipientKeys: recipients, buyer: { ...created.buyer, name: buyer, overseas: values.overseas === true } } });
        return scope ? door.call('handovers.setScope', { id: created.id, scope }) : updated;
      });
      return detailResult(io.language, h, say(io.language, 'handover.created', { ref: h.ref }));
    },
  }),
  cmd(['handover', 'list'], {
    summary: meaning('list handovers with their status', '列出交接项目及其状态'),
    usage: 'handover handover list',
    options: {},
    async run(io, values) {
      const rows = await withVault(io, values, ({ door }) => door.call('handovers.list', {}));
      const l = io.language;
      return { human: table(l, 'handovers.header', rows.map((r) => [r.ref, HANDOVER_STATUS_LABELS[r.status][l], r.clients.toLocaleString(l), r.gatesOpen.toLocaleString(l), r.title])), json: rows };
    },
  }),
  cmd(['handover', 'show'], {
    summary: meaning('one handover: status, notices, checklist, approvals, gates', '查看一个交接项目：状态、通知、法律审查、审批、导出前置条件'),
    usage: 'handover handover show ID',
    options: {},
    async run(io, values, positionals) {
      const h = await withVault(io, values, async ({ door }) => door.call('handovers.get', { id: await handoverByRef(door, positionals[0]) }));
      return { human: showHandover(io.language, h), json: h };
    },
  }),
  cmd(['handover', 'set'], {
    summary: meaning('set the buyer\'s contact and the notice settings', '设置买方联系人和通知设置'),
    usage: 'handover handover set ID [--contact T] [--phone T] [--email T] [--notices-from DATE] [--effective DATE] [--weeks N] [--seller-contact T]',
    options: {
      contact: { type: 'string', description: meaning("the buyer's contact person", '买方联系人') },
      phone: { type: 'string', description: meaning("the buyer's phone", '买方电话') },
      email: { type: 'string', description: meaning("the buyer's email", '买方邮箱') },
      'notices-from': { type: 'string', description: meaning('the date notices go out (2026-11-01)', '发出通知的日期（2026-11-01）') },
      effective: { type: 'string', description: meaning('the date the transfer takes effect', '交接生效日期') },
      weeks: { type: 'string', description: meaning('the objection window in weeks', '异议期（周）') },
      'seller-contact': { type: 'string', description: meaning('who clients call to object, with phone (printed on the notices)', '异议受理联系人及电话（印在通知上）') },
    },
    async run(io, values, positionals) {
      const h = await withVault(io, values, async ({ door }) => {
        const id = await handoverByRef(door, positionals[0]);
        const d = await door.call('handovers.get', { id });
        const weeks = values.weeks === undefined ? d.notice.objectionWeeks : Number(values.weeks);
        if (!Number.isInteger(weeks) || weeks < 1 || weeks > 26) throw new UsageError(meaning('--weeks is 1 to 26', '--weeks 须为 1 到 26'));
        return door.call('handovers.update', { id, patch: {
          buyer: { ...d.buyer, contact: (values.contact as string) ?? d.buyer.contact, phone: (values.phone as string) ?? d.buyer.phone, email: (values.email as string) ?? d.buyer.email },
          notice: {
            startDate: dateArg(values, 'notices-from') ?? d.notice.startDate, effectiveDate: dateArg(values, 'effective') ?? d.notice.effectiveDate,
            objectionWeeks: weeks, sellerContact: (values['seller-contact'] as string) ?? d.notice.sellerContact,
          },
        } });
      });
      return detailResult(io.language, h, say(io.language, 'handover.updated', { ref: h.ref }));
    },
  }),
  cmd(['handover', 'nda', 'add'], {
    summary: meaning('record an NDA with its signed copy', '登记保密协议及其签署件'),
    usage: 'handover handover nda add ID --file SIGNED.pdf --signed DATE [--expires DATE] [--parties TEXT] [--scope TEXT]',
    options: {
      file: { type: 'string', description: meaning('the signed copy of the NDA (PDF)', '已签署的保密协议副本（PDF）') },
      signed: { type: 'string', description: meaning('the date it was signed', '签署日期') },
      expires: { type: 'string', description: meaning('the date it expires', '到期日期') },
      parties: { type: 'string', description: meaning('the parties (default: seller / the buyer)', '签署各方（默认：卖方 / 买方）') },
      scope: { type: 'string', description: meaning('what the NDA covers', '保密协议涵盖的范围') },
    },
    async run(io, values, positionals) {
      const file = resolve(requireString(values, 'file'));
      if (!existsSync(file)) throw new UsageError(meaning(`--file: ${file}: no such file`, `--file：文件 ${file} 不存在`));
      const h = await withVault(io, values, async ({ door }) => {
        const id = await handoverByRef(door, positionals[0]);
        const d = await door.call('handovers.get', { id });
        await door.call('dialog.chooseHandoverFile', {}, { chooseDocumentFile: file });
        return door.call('handovers.addNda', {
          id, parties: (values.parties as string) ?? `seller / ${d.buyer.name}`, signedOn: dateArg(values, 'signed', true)!, expiresOn: dateArg(values, 'expires'), scope: (values.scope as string) ?? '', file,
        });
      });
      return detailResult(io.language, h, say(io.language, 'handover.ndaRecorded'));
    },
  }),
  cmd(['handover', 'notices', 'generate'], {
    summary: meaning('write a bilingual notice PDF per client in scope, keeping each one\'s SHA-256', '为交接范围内的每个客户生成中英双语通知 PDF，并保存每份的通知存证码'),
    usage: 'handover handover notices generate ID --out DIR',
    options: {
      out: { type: 'string', description: meaning('the folder to write one notice PDF per client into', '每个客户一份通知 PDF 的保存文件夹') },
    },
    async run(io, values, positionals) {
      const out = resolve(requireString(values, 'out'));
      if (!existsSync(out)) throw new UsageError(meaning(`--out: ${out}: no such folder`, `--out：文件夹 ${out} 不存在`));
      const r = await withVault(io, values, async ({ door }) =>
        door.call('handovers.generateNotices', { id: await handoverByRef(door, positionals[0]), jobId: door.job('notices'), clientIds: null }, { chooseFolder: out }));
      return { human: say(io.language, 'handover.noticesWritten', { generated: r.generated, dir: String(r.dir), skipped: r.skipped }), json: r };
    },
  }),
  cmd(['handover', 'notices', 'record'], {
    summary: meaning('record what happened to clients\' notices: sent, acknowledged, consented, objected', '登记客户通知的结果：已发送、已确认收到、已同意、有异议'),
    usage: 'handover handover notices record ID CODE… | --all --status sent|acknowledged|consented|objected [--channel letter|email|phone|in-person] [--date D] [--note T]',
    options: {
      status: { type: 'string', description: meaning('what happened: sent, acknowledged, consented or objected', '通知状态：sent（已发送）、acknowledged（已确认收到）、consented（已同意）或 objected（有异议）') },
      channel: { type: 'string', description: meaning('how: letter, email, phone or in-person', '方式：letter（信件）、email（邮件）、phone（电话）或 in-person（当面）') },
      date: { type: 'string', description: meaning('when (default: today)', '日期（默认：今天）') },
      note: { type: 'string', description: meaning('a note kept with the record', '随记录保存的备注') },
      all: { type: 'boolean', default: false, description: meaning('every client in scope instead of the codes given', '交接范围内的全部客户，而不是列出的编号') },
    },
    async run(io, values, positionals) {
      const status = requireString(values, 'status');
      if (!['sent', 'acknowledged', 'consented', 'objected'].includes(status)) throw new UsageError(meaning('--status is sent, acknowledged, consented or objected', '--status 取 sent、acknowledged、consented 或 objected'));
      const channel = (values.channel as string | undefined) ?? null;
      if (channel && !(NOTICE_CHANNELS as readonly string[]).includes(channel)) throw new UsageError(meaning(`--channel is one of ${NOTICE_CHANNELS.join(', ')}`, `--channel 取 ${NOTICE_CHANNELS.join('、')} 之一`));
      const [ref, ...codes] = positionals;
      if (!values.all && codes.length === 0) throw new UsageError(meaning('name the clients (codes) or give --all', '请给出客户编号，或加 --all'));
      const r = await withVault(io, values, async ({ door }) => {
        const id = await handoverByRef(door, ref);
        const clientIds = values.all ? await handoverClientIds(door, id, 'included', 'all') : await handoverClientIds(door, id, 'all', codes);
        return door.call('handovers.recordNotices', {
          id, clientIds, status: status as 'sent', channel: channel as 'letter' | null, date: dateArg(values, 'date') ?? localDay(), note: (values.note as string) ?? '',
        });
      });
      return { human: say(io.language, 'handover.noticesRecorded', { count: r.updated, status: io.language === 'zh-CN' ? NOTICE_STATUS_LABELS[status as keyof typeof NOTICE_STATUS_LABELS]['zh-CN'] : status }), json: r };
    },
  }),
  cmd(['handover', 'notices', 'decide'], {
    summary: meaning('after the window: keep or exclude clients who never answered', '异议期结束后：保留或移出一直未答复的客户'),
    usage: 'handover handover notices decide ID CODE… | --all --keep|--exclude',
    options: {
      keep: { type: 'boolean', default: false, description: meaning('clients who never answered stay in scope', '未回复的客户保留在交接范围内') },
      exclude: { type: 'boolean', default: false, description: meaning('clients who never answered leave the scope', '未回复的客户移出交接范围') },
      all: { type: 'boolean', default: false, description: meaning('every unanswered client instead of the codes given', '全部未回复的客户，而不是列出的编号') },
    },
    async run(io, values, positionals) {
      if (values.keep === values.exclude) throw new UsageError(meaning('give --keep or --exclude', '请给出 --keep 或 --exclude'));
      const [ref, ...codes] = positionals;
      const r = await withVault(io, values, async ({ door }) => {
        const id = await handoverByRef(door, ref);
        const unanswered = await door.call('handovers.clientCodes', { id, filter: 'unanswered' });
        const clientIds = (values.all ? unanswered : unanswered.filter((x) => codes.includes(x.code))).map((x) => x.clientId);
        if (clientIds.length === 0) return { updated: 0 };
        return door.call('handovers.decide', { id, clientIds, decision: values.keep ? 'keep' : 'exclude' });
      });
      return { human: say(io.language, 'handover.decided', { count: r.updated }), json: r };
    },
  }),
  cmd(['handover', 'checklist'], {
    summary: meaning('start the legal review from a template, mark items done with evidence, list it', '按模板开始法律审查，附证据标记已完成的事项，并列出审查清单'),
    usage: 'handover handover checklist ID [--template prc|eu] [--done ITEM… | --all] [--evidence TEXT]',
    options: {
      template: { type: 'string', multiple: true, description: meaning('start the legal review from a template: prc (PIPL) or eu (GDPR) (repeatable)', '按模板开始法律审查：prc（个人信息保护法）或 eu（GDPR）（可重复）') },
      done: { type: 'string', multiple: true, description: meaning('mark this checklist item done (repeatable)', '将该检查项标记为已完成（可重复）') },
      all: { type: 'boolean', default: false, description: meaning('mark every item done', '将全部检查项标记为已完成') },
      evidence: { type: 'string', description: meaning('the evidence for the items marked done (required with --done / --all)', '已完成检查项的证据（与 --done / --all 一起必填）') },
    },
    notes: [meaning(`Template items: ${Object.values(CHECK_TITLES.en).length} (PRC: PIPL Art. 22, 23, 55-56, cross-border; EU: GDPR Art. 14, 21(4), 30)`, `模板事项：${Object.values(CHECK_TITLES.en).length} 项（中国：个人信息保护法第 22、23、55–56 条及跨境传输；欧盟：GDPR 第 14 条、第 21 条第 4 款、第 30 条）`)],
    async run(io, values, positionals) {
      const templates = list(values.template);
      for (const t of templates) if (!(CHECKLIST_TEMPLATES as readonly string[]).includes(t)) throw new UsageError(meaning('--template is prc or eu', '--template 取 prc 或 eu'));
      const marking = values.all === true || list(values.done).length > 0;
      if (marking && !values.evidence) throw new UsageError(meaning('--evidence TEXT is required to mark items done', '标记事项完成时须给出 --evidence 证据'));
      const h = await withVault(io, values, async ({ door }) => {
        const id = await handoverByRef(door, positionals[0]);
        for (const t of templates) await door.call('handovers.applyTemplate', { id, template: t as 'prc' });
        if (marking) return door.call('handovers.completeChecklist', { id, items: list(values.done), all: values.all === true, evidence: values.evidence as string });
        return door.call('handovers.get', { id });
      });
      const lines = alignColumns(h.checklist.map((c) => [`  [${c.status === 'open' ? ' ' : 'x'}] ${c.key === 'custom' ? `#${c.id}` : c.key}`, c.title || CHECK_TITLES[io.language][c.key] || '', ...(c.evidence ? [`— ${c.evidence}`] : [])]));
      return { human: [say(io.language, 'handover.legalReview', { ref: h.ref }), ...lines].join('\n'), json: h.checklist };
    },
  }),
  cmd(['handover', 'backup'], {
    summary: meaning('back the vault up before transfer and record it on the handover', '移交前备份保险库，并记录在交接项目中'),
    usage: 'handover handover backup ID --out FILE.hvbackup',
    options: { out: { type: 'string', description: meaning('the backup file to write (.hvbackup)', '要写入的备份文件（.hvbackup）') } },
    async run(io, values, positionals) {
      const out = resolve(requireString(values, 'out'));
      const { backup: b } = await withVault(io, values, async ({ door }) =>
        door.call('handovers.backup', { id: await handoverByRef(door, positionals[0]), jobId: door.job('backup') }, { chooseSaveTarget: out }));
      return { human: say(io.language, 'handover.backup', { path: String(b?.path), bytes: String(b?.bytes), sha256: String(b?.sha256) }), json: b };
    },
  }),
  cmd(['handover', 'override'], {
    summary: meaning('let the notice gate pass before the window closes, with a written reason (admin)', '在异议期结束前豁免客户通知条件（需书面理由；管理员）'),
    usage: 'handover handover override ID --gate notices --reason TEXT',
    options: {
      gate: { type: 'string', description: meaning('the gate to override: notices (the only one that can be)', '要豁免的导出前置条件：notices（唯一可豁免的条件）') },
      reason: { type: 'string', description: meaning('the written reason, kept in the access log', '书面理由，记入访问日志') },
    },
    async run(io, values, positionals) {
      if (values.gate !== 'notices') throw new UsageError(meaning('--gate notices is the one gate an administrator can override', '管理员只能豁免 --gate notices（客户通知条件）'));
      const reason = requireString(values, 'reason');
      if (reason.trim().length < 10) throw new UsageError(meaning('--reason: write the reason out (10 characters or more)', '--reason：请写明理由（至少 10 个字）'));
      const h = await withVault(io, values, async ({ door }) => door.call('handovers.override', { id: await handoverByRef(door, positionals[0]), gate: 'notices', reason }));
      return detailResult(io.language, h, say(io.language, 'handover.overriddenDone'));
    },
  }),
  cmd(['handover', 'submit'], {
    summary: meaning('submit the handover for four-eyes approval', '提交交接项目，由两人审批'),
    usage: 'handover handover submit ID',
    options: {},
    async run(io, values, positionals) {
      const h = await withVault(io, values, async ({ door }) => door.call('handovers.submit', { id: await handoverByRef(door, positionals[0]) }));
      return detailResult(io.language, h, say(io.language, 'handover.submitted', { user: String(h.submittedBy) }));
    },
  }),
  cmd(['handover', 'approve'], {
    summary: meaning('approve (two different users, not the submitter)', '同意（需两位不同的用户，且不是提交人）'),
    usage: 'handover handover approve ID [--comment T]',
    options: { comment: { type: 'string', description: meaning('a comment kept with the approval', '随审批保存的意见') } },
    async run(io, values, positionals) {
      const h = await withVault(io, values, async ({ door }) => door.call('handovers.approve', { id: await handoverByRef(door, positionals[0]), comment: (values.comment as string) ?? '' }));
      return detailResult(io.language, h, say(io.language, 'handover.approved'));
    },
  }),
  cmd(['handover', 'reject'], {
    summary: meaning('send a submitted handover back to draft with a written reason (驳回; approvers only)', '驳回已提交的交接项目，退回草稿（需填写理由；仅限审批人）'),
    usage: 'handover handover reject ID --reason TEXT',
    options: { reason: { type: 'string', description: meaning('why it goes back (5 characters or more), shown to the planner and kept in the access log', '驳回理由（至少 5 个字），交接负责人可见，并记入访问日志') } },
    async run(io, values, positionals) {
      const reason = requireString(values, 'reason');
      const h = await withVault(io, values, async ({ door }) => door.call('handovers.reject', { id: await handoverByRef(door, positionals[0]), reason }));
      return detailResult(io.language, h, say(io.language, 'handover.sentBack'));
    },
  }),
  cmd(['handover', 'report'], {
    summary: meaning('the handover report as PDF (zh-CN or en)', '生成交接报告 PDF（中文或英文）'),
    usage: 'handover handover report ID --out F.pdf [--language en|zh-CN]',
    options: {
      out: { type: 'string', description: meaning('the PDF file to write', '要写入的 PDF 文件') },
      language: { type: 'string', description: meaning("the report's language: en or zh-CN (default: the CLI's)", '报告语言：en 或 zh-CN（默认：命令行的语言）') },
    },
    async run(io, values, positionals) {
      const out = resolve(requireString(values, 'out'));
      const lang = (values.language as string | undefined) ?? io.language;
      if (lang !== 'en' && lang !== 'zh-CN') throw new UsageError(meaning('--language is en or zh-CN', '--language 取 en 或 zh-CN'));
      await withVault(io, values, async ({ door }) => door.call('handovers.report', { id: await handoverByRef(door, positionals[0]), language: lang }, { chooseSaveTarget: out }));
      return { human: say(io.language, 'handover.report', { path: out }), json: { path: out } };
    },
  }),
  cmd(['handover', 'close'], {
    summary: meaning('close the handover: it becomes a read-only archive', '关闭交接项目：此后只读存档'),
    usage: 'handover handover close ID',
    options: {},
    async run(io, values, positionals) {
      const h = await withVault(io, values, async ({ door }) => door.call('handovers.close', { id: await handoverByRef(door, positionals[0]) }));
      return detailResult(io.language, h, say(io.language, 'handover.closed'));
    },
  }),
  cmd(['handover', 'archive'], {
    summary: meaning('export a closed handover\'s records as a package to this vault\'s own key', '将已关闭交接项目的记录导出为交接包，加密给本保险库自己的公钥'),
    usage: 'handover handover archive ID --out FILE.handover',
    options: {
      out: { type: 'string', description: meaning('the archive package to write (.handover)', '要写入的归档交接包（.handover）') },
    },
    async run(io, values, positionals) {
      const out = resolve(requireString(values, 'out'));
      const r = await withVault(io, values, async ({ door }) => door.call('handovers.archive', { id: await handoverByRef(door, positionals[0]) }, { chooseSaveTarget: out }));
      return { human: say(io.language, 'handover.archived', { path: String(r.path), id: String(r.packageId), checksum: String(r.checksum) }), json: r };
    },
  }),
];
