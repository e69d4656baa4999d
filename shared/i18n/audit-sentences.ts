import type { AuditAction } from '../audit/actions';

/**
 * Every access-log action's details as a sentence in each language (GLOSSARY.md: no machine text on screen —
 * not `found: 60; text: 东方` but 搜索「东方」，找到 60 个客户). A sentence is a list of parts; a part is kept only
 * when every value it names is there, so an entry written by an older build (fewer details) still reads well.
 *   {key}    the detail's value in words (audit-details.ts: field paths, vocabularies, numbers, times)
 *   {a.b}    a value inside an object detail
 *   {key?}   keeps the part only when the detail is true (or non-empty); prints nothing
 *   {!key?}  keeps the part only when the detail is false or absent; prints nothing
 * An action with nothing to add (its id and target say it all) has no parts.
 * One entry per line, so engineers adding actions in parallel touch different lines; the unit test
 * (test/unit/audit-sentences.test.ts) checks that every action of shared/audit/actions.ts has one in both languages.
 */
export type SentenceParts = readonly string[];
type Lang = 'en' | 'zh-CN';

export const AUDIT_SENTENCES: Record<AuditAction, Record<Lang, SentenceParts>> = {
  'audit.export': { en: ['entries from {since}', ' until {until}'], 'zh-CN': ['导出 {since} 起', '至 {until} 的记录'] },
  'audit.verify': { en: ['{ok?}complete, signature valid', '{!ok?}failed verification', ' ({problem})'], 'zh-CN': ['{ok?}记录完整，签名有效', '{!ok?}未通过验证', '（{problem}）'] },
  'client.archive': { en: [], 'zh-CN': [] },
  'client.communication-add': { en: ['by {channel}'], 'zh-CN': ['沟通方式为{channel}'] },
  'client.communication-remove': { en: ['communication {id}'], 'zh-CN': ['沟通记录 {id}'] },
  'client.communication-update': { en: ['communication {id}', ', by {channel}'], 'zh-CN': ['沟通记录 {id}', '，沟通方式为{channel}'] },
  'client.create': { en: ['named “{name}”'], 'zh-CN': ['客户名称为「{name}」'] },
  'client.purge': { en: ['“{name}” deleted for good', ' with its {documents} documents'], 'zh-CN': ['彻底删除「{name}」', '及其 {documents} 份文档'] },
  'client.reveal': { en: ['showed the {field} in full', ', because “{reason}”'], 'zh-CN': ['查看原文（{field}）', '，理由为「{reason}」'] },
  'client.transaction-add': { en: ['{kind}', ' no. {ref}'], 'zh-CN': ['添加{kind}', '，编号 {ref}'] },
  'client.transaction-remove': { en: ['transaction {id}'], 'zh-CN': ['交易 {id}'] },
  'client.transaction-update': { en: ['transaction no. {ref}', ' (was {was})'], 'zh-CN': ['交易编号 {ref}', '（原为 {was}）'] },
  'client.unarchive': { en: [], 'zh-CN': [] },
  'client.update': { en: ['changed the {fields}'], 'zh-CN': ['修改了{fields}'] },
  'client.view': { en: ['opened “{name}”'], 'zh-CN': ['查看「{name}」'] },
  'clients.archive': { en: ['{count} clients archived'], 'zh-CN': ['归档 {count} 个客户'] },
  'clients.export': { en: ['{count} clients', ' as {format}', '{selection?} (the selection)', ' matching “{query}”'], 'zh-CN': ['导出 {count} 个客户', '为 {format} 文件', '{selection?}（所选客户）', '，搜索条件为「{query}」'] },
  'clients.import': { en: ['{rows} rows', ', {imported} imported', ', {updated} updated', ', {skipped} skipped', ', {rejected} rejected', ' (file in {encoding}', ', on duplicates {policy})'], 'zh-CN': ['共 {rows} 行', '，导入 {imported} 个', '，更新 {updated} 个', '，跳过 {skipped} 个', '，拒绝 {rejected} 个', '（文件编码 {encoding}', '，重复时{policy}）'] },
  'clients.mapping-save': { en: [], 'zh-CN': [] },
  'clients.reassign-owner': { en: ['owner of {count} clients changed to {owner}'], 'zh-CN': ['将 {count} 个客户的负责人改为 {owner}'] },
  'clients.search': { en: ['searched for “{text}”', ', {found} found'], 'zh-CN': ['搜索「{text}」', '，找到 {found} 个客户'] },
  'clients.tag': { en: ['tags of {count} clients changed'], 'zh-CN': ['修改 {count} 个客户的标签'] },
  'clients.unarchive': { en: ['{count} clients restored'], 'zh-CN': ['取消归档 {count} 个客户'] },
  'clients.value-weights': { en: ['the weights of revenue, profit, loyalty and stability changed'], 'zh-CN': ['收入、利润、忠诚度与稳定性的权重已修改'] },
  'compensation.agreement': { en: ['agreed, by {method}', ', on {agreedOn}', ', due {dueOn}', '{document?}, signed copy attached'], 'zh-CN': ['约定以{method}补偿', '，约定于 {agreedOn}', '，应于 {dueOn} 前履行', '{document?}，附签署件'] },
  'compensation.compute': { en: ['{proposals} proposals', ', {changed} changed'], 'zh-CN': ['{proposals} 条建议补偿', '，其中 {changed} 条有变化'] },
  'compensation.exception': { en: ['handover {handover}', '{cleared?}, exception cleared', ', because “{reason}”'], 'zh-CN': ['交接项目 {handover}', '{cleared?}，取消例外调整', '，理由为「{reason}」'] },
  'compensation.fairness': { en: ['handover {handover}', ', {proposals} proposals'], 'zh-CN': ['交接项目 {handover}', '，{proposals} 条建议补偿'] },
  'compensation.list': { en: ['{rows} rows listed', '{masked?} (amounts masked)'], 'zh-CN': ['列出 {rows} 条', '{masked?}（金额已脱敏）'] },
  'compensation.negotiation': { en: ['{negotiation}', ' on {date}', ' with {with}', ' for {proposals} clients', ', {skipped} skipped'], 'zh-CN': ['{date} ', '与{with}', '{negotiation}', '，共 {proposals} 个客户', '，跳过 {skipped} 个'] },
  'compensation.overdue': { en: ['{promises} overdue promises', ' of {handovers}'], 'zh-CN': ['{promises} 项逾期承诺', '（{handovers}）'] },
  'compensation.payment': { en: ['paid on {paidOn}', '{document?}, evidence attached'], 'zh-CN': ['于 {paidOn} 支付', '{document?}，附凭证'] },
  'compensation.received': { en: ['{commitments} commitments received', ' from {handovers}'], 'zh-CN': ['收到的 {commitments} 项待履行承诺', '（{handovers}）'] },
  'compensation.standard': { en: ['standard version {version}', ', based on {basis}', ', {proposals} proposals', ', {changed} changed'], 'zh-CN': ['第 {version} 版补偿标准', '，计算基数为{basis}', '，{proposals} 条建议补偿', '，其中 {changed} 条有变化'] },
  'compensation.view': { en: ['handover {handover}', '{masked?} (amounts masked)'], 'zh-CN': ['交接项目 {handover}', '{masked?}（金额已脱敏）'] },
  'dataroom.answer': { en: ['question {question} answered'], 'zh-CN': ['答复第 {question} 个提问'] },
  'dataroom.document': { en: ['opened “{document}”', ' (session {session})'], 'zh-CN': ['打开「{document}」', '（会话 {session}）'] },
  'dataroom.end': { en: ['session {session} ended', ' ({reason})', ', {clients} clients seen', ', {documents} documents', ', {questions} questions'], 'zh-CN': ['会话 {session} 结束', '（{reason}）', '，查看了 {clients} 个客户', '、{documents} 份文档', '，提问 {questions} 个'] },
  'dataroom.extend': { en: ['session {session} extended by {minutes} minutes', ', until {expiresAt}'], 'zh-CN': ['会话 {session} 延长 {minutes} 分钟', '，至 {expiresAt}'] },
  'dataroom.page': { en: ['page {page}', ' (session {session})'], 'zh-CN': ['第 {page} 页', '（会话 {session}）'] },
  'dataroom.question': { en: ['asked “{question}”', ' (session {session})'], 'zh-CN': ['提问「{question}」', '（会话 {session}）'] },
  'dataroom.refused': { en: ['blocked {what}', ' (wait {seconds} seconds)', ' ({failures} wrong passphrases)', ' (session {session})'], 'zh-CN': ['阻止了{what}', '（须再等 {seconds} 秒）', '（已输错密码 {failures} 次）', '（会话 {session}）'] },
  'dataroom.report': { en: ['report of session {session}', ' saved in {folder}'], 'zh-CN': ['会话 {session} 的报告', '，保存到 {folder}'] },
  'dataroom.search': { en: ['searched for “{text}”', ', {hits} found', ' (session {session})'], 'zh-CN': ['搜索「{text}」', '，找到 {hits} 个', '（会话 {session}）'] },
  'dataroom.start': { en: ['reviewer {reviewer}', ' ({organisation})', ', {clients} clients', ', {seconds} seconds', '{documents?}, documents may be opened', ', {masked} masked', ' (session {session})'], 'zh-CN': ['审阅人 {reviewer}', '（{organisation}）', '，{clients} 个客户', '，时限 {seconds} 秒', '{documents?}，可打开文档', '，脱敏 {masked}', '（会话 {session}）'] },
  'dataroom.view': { en: ['session {session}'], 'zh-CN': ['会话 {session}'] },
  'document.attach': { en: ['“{document}”', ', {size} bytes'], 'zh-CN': ['添加「{document}」', '，{size} 字节'] },
  'document.export': { en: ['“{document}”', ' saved as {to}'], 'zh-CN': ['「{document}」', '另存为 {to}'] },
  'document.open': { en: ['opened “{document}”'], 'zh-CN': ['打开「{document}」'] },
  'handover.approvals-void': { en: ['{voided} approvals voided', ' ({reason})'], 'zh-CN': ['{voided} 个审批作废', '（{reason}）'] },
  'handover.approve': { en: ['approval {standing}', ' of scope version {scopeVersion}', ', comment “{comment}”'], 'zh-CN': ['第 {standing} 个有效审批', '（范围第 {scopeVersion} 版）', '，意见为「{comment}」'] },
  'handover.archive': { en: ['archive written to {file}'], 'zh-CN': ['归档写入 {file}'] },
  'handover.arrangement': { en: ['{clients} clients', ' set to {arrangement}', ', receiving owner {receivingOwner}'], 'zh-CN': ['{clients} 个客户', '的安排设为{arrangement}', '，接收负责人为 {receivingOwner}'] },
  'handover.backup': { en: ['backup file {file}'], 'zh-CN': ['备份文件 {file}'] },
  'handover.checklist': { en: ['item {item}', ' set to {status}', ', owner {owner}', ', evidence “{evidence}”', '{file?}, file attached'], 'zh-CN': ['事项 {item}', '设为{status}', '，负责人 {owner}', '，证据为「{evidence}」', '{file?}，附文件'] },
  'handover.checklist-remove': { en: ['item {item}'], 'zh-CN': ['事项 {item}'] },
  'handover.checklist-template': { en: ['{template}', ', {added} items added'], 'zh-CN': ['添加{template}', '，共 {added} 项'] },
  'handover.client-exclude': { en: ['{clients} clients', ', because “{reason}”'], 'zh-CN': ['{clients} 个客户', '，理由为「{reason}」'] },
  'handover.clients-add': { en: ['{count} clients added to the handover'], 'zh-CN': ['将 {count} 个客户加入交接项目'] },
  'handover.client-include': { en: ['{clients} clients', ', because “{reason}”'], 'zh-CN': ['{clients} 个客户', '，理由为「{reason}」'] },
  'handover.close': { en: ['closed when {previous}'], 'zh-CN': ['关闭前的状态为{previous}'] },
  'handover.create': { en: ['“{title}”', ' for {buyer}'], 'zh-CN': ['「{title}」', '，买方为 {buyer}'] },
  'handover.export': { en: ['{clients} clients', ', {documents} documents', ', encrypted to {recipients} keys', ', into {file}'], 'zh-CN': ['{clients} 个客户', '、{documents} 份文档', '，加密给 {recipients} 把公钥', '，写入 {file}'] },
  'handover.exported': { en: ['package {packageId}', ', {bytes} bytes'], 'zh-CN': ['交接包 {packageId}', '，{bytes} 字节'] },
  'handover.followup': { en: ['client {client}', ', {outcome}', ', satisfaction {satisfaction}'], 'zh-CN': ['客户 {client}', '{outcome}', '，满意度 {satisfaction}'] },
  'handover.nda-add': { en: ['between {parties}', ', signed on {signedOn}', '{file?}, signed copy attached'], 'zh-CN': ['签署方为 {parties}', '，签署于 {signedOn}', '{file?}，附签署件'] },
  'handover.nda-remove': { en: ['NDA {nda}'], 'zh-CN': ['保密协议 {nda}'] },
  'handover.notice-view': { en: ['notice of client {client}'], 'zh-CN': ['客户 {client} 的通知'] },
  'handover.notices-decide': { en: ['{clients} clients who did not answer', ' {decision}'], 'zh-CN': ['{clients} 个未答复客户', '{decision}'] },
  'handover.notices-generate': { en: ['{generated} notices generated', ', {skipped} skipped', ', into {folder}'], 'zh-CN': ['生成 {generated} 份通知', '，跳过 {skipped} 份', '，保存到 {folder}'] },
  'handover.notices-record': { en: ['{clients} clients', ' recorded as {status}', ' by {channel}', ' on {date}'], 'zh-CN': ['{clients} 个客户', '登记为{status}', '，方式为{channel}', '，日期 {date}'] },
  'handover.objectors-excluded': { en: ['after the window closed on {deadline}', ', {clients} clients who objected left the scope', ' ({codes})'], 'zh-CN': ['异议期于 {deadline} 结束后', '，{clients} 个提出异议的客户移出范围', '（{codes}）'] },
  'handover.override': { en: ['{gate} waived', ', because “{reason}”'], 'zh-CN': ['豁免{gate}', '，理由为「{reason}」'] },
  'handover.receipt': { en: ['received by {receivedBy}', ' on {receivedAt}', ', signed by {signer}'], 'zh-CN': ['{receivedBy} ', '于 {receivedAt} 签收', '，签名公钥为 {signer}'] },
  'handover.reject': { en: ['sent back to {submittedBy}', ', because “{reason}”', ', {voided} approvals voided'], 'zh-CN': ['退回给 {submittedBy}', '，理由为「{reason}」', '，{voided} 个审批作废'] },
  'handover.report': { en: ['in {language}'], 'zh-CN': ['{language}报告'] },
  'handover.risk-add': { en: ['“{title}”', ', risk value {level}', ', {status}'], 'zh-CN': ['「{title}」', '，风险值 {level}', '，{status}'] },
  'handover.risk-remove': { en: ['risk {risk}'], 'zh-CN': ['风险 {risk}'] },
  'handover.risk-update': { en: ['“{title}”', ', risk value {level}', ', {status}'], 'zh-CN': ['「{title}」', '，风险值 {level}', '，{status}'] },
  'handover.scope': { en: ['clients {mode}', ' ({filter})', ', {included} included', ', {changed} changed'], 'zh-CN': ['{mode}选定客户', '（{filter}）', '，纳入 {included} 个客户', '，变更 {changed} 个'] },
  'handover.submit': { en: ['{clients} clients', ', scope version {scopeVersion}'], 'zh-CN': ['{clients} 个客户', '（范围第 {scopeVersion} 版）'] },
  'handover.update': { en: ['changed the {steps}'], 'zh-CN': ['修改了{steps}'] },
  'key.add': { en: ['a key for {kind}', ', fingerprint {fingerprint}'], 'zh-CN': ['公钥用于{kind}', '，指纹 {fingerprint}'] },
  'key.remove': { en: ['fingerprint {fingerprint}'], 'zh-CN': ['指纹 {fingerprint}'] },
  'key.verify': { en: ['fingerprint {fingerprint}', ', checked {how}'], 'zh-CN': ['指纹 {fingerprint}', '，{how}核验'] },
  'keys.export-identity': { en: ['saved as {file}'], 'zh-CN': ['保存为 {file}'] },
  'package.import': { en: ['handover {handover}', ', {imported} clients imported', ', {skipped} skipped', ', {rejected} rejected', ', {documents} documents', ', {commitments} commitments'], 'zh-CN': ['交接项目 {handover}', '，导入 {imported} 个客户', '，跳过 {skipped} 个', '，拒绝 {rejected} 个', '，{documents} 份文档', '，{commitments} 项待履行承诺'] },
  'package.inspect': { en: ['file {file}', ', signed by {signer}'], 'zh-CN': ['文件 {file}', '，签名者指纹 {signer}'] },
  'package.open': { en: ['{files} files', ', {clients} clients'], 'zh-CN': ['{files} 个文件', '，{clients} 个客户'] },
  'package.receipt': { en: ['receipt {file}'], 'zh-CN': ['回执 {file}'] },
  'role.create': { en: ['“{after.label}”'], 'zh-CN': ['「{after.label}」'] },
  'role.delete': { en: ['“{before.label}”'], 'zh-CN': ['「{before.label}」'] },
  'role.update': { en: ['rights, masks or scope of “{after.label}” changed'], 'zh-CN': ['「{after.label}」的权限、脱敏或范围已修改'] },
  'settings.idle-minutes': { en: ['locks after {minutes} idle minutes'], 'zh-CN': ['无操作 {minutes} 分钟后自动锁定'] },
  'user.add': { en: ['as {role}'], 'zh-CN': ['角色为{role}'] },
  'user.disable': { en: [], 'zh-CN': [] },
  'user.enable': { en: [], 'zh-CN': [] },
  'user.passphrase-change': { en: [], 'zh-CN': [] },
  'user.passphrase-reset': { en: ['with the {via}'], 'zh-CN': ['使用{via}'] },
  'user.role': { en: ['from {before}', ' to {after}'], 'zh-CN': ['角色由{before}', '改为{after}'] },
  'user.scope': { en: ['now sees {after}'], 'zh-CN': ['可见范围改为{after}'] },
  'vault.backup': { en: ['{bytes} bytes'], 'zh-CN': ['{bytes} 字节'] },
  'vault.create': { en: ['pages encrypted with {cipher}'], 'zh-CN': ['页面加密算法为 {cipher}'] },
  'vault.lock': { en: ['{reason}'], 'zh-CN': ['{reason}'] },
  'vault.recovery-key-acknowledged': { en: [], 'zh-CN': [] },
  'vault.restore': { en: ['the backup of {backupCreatedAt}', ' into {to}'], 'zh-CN': ['恢复 {backupCreatedAt} 的备份', '到 {to}'] },
  'vault.rotate-key': { en: ['{slots} key slots re-sealed', ', because “{reason}”', '{newRecoveryKey?}, new recovery key issued'], 'zh-CN': ['{slots} 个密钥槽重新封装', '，理由为「{reason}」', '{newRecoveryKey?}，已生成新的恢复密钥'] },
  'vault.unlock': { en: ['{method}'], 'zh-CN': ['{method}'] },
  'vault.unlock-failed': { en: [], 'zh-CN': [] },
  'vault.upgrade': { en: ['page cipher {from} changed to {to}', ', {bytes} bytes'], 'zh-CN': ['页面加密算法由 {from} 改为 {to}', '，{bytes} 字节'] },
};

const PLACEHOLDER = /\{(!?)([A-Za-z0-9_.]+)(\?)?\}/g;

/** A detail by its path (`after.label`), or undefined. */
function detailAt(details: Record<string, unknown>, path: string): unknown {
  let v: unknown = details;
  for (const seg of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const truthy = (v: unknown) => present(v) && v !== false && v !== 0;

/**
 * The sentence for `action` filled from `details` (`word` turns one value into words), or null when this
 * build does not know the action (audit-details.ts then lists the details as they are).
 */
export function auditSentence(lang: Lang, action: string, details: Record<string, unknown>, word: (key: string, value: unknown) => string): string | null {
  if (!Object.hasOwn(AUDIT_SENTENCES, action)) return null;
  const parts = AUDIT_SENTENCES[action as AuditAction][lang];
  let out = '';
  for (const part of parts) {
    let keep = true;
    const text = part.replace(PLACEHOLDER, (_m, not: string, path: string, flag: string | undefined) => {
      const v = detailAt(details, path);
      if (flag) {
        if (not ? truthy(v) : !truthy(v)) keep = false;
        return '';
      }
      if (!present(v)) keep = false;
      return present(v) ? word(path.split('.').at(-1)!, v) : '';
    });
    if (keep) out += text;
  }
  // An English sentence starts with a capital, as the rest of the log's words do.
  return lang === 'en' && out ? out[0]!.toUpperCase() + out.slice(1) : out;
}
