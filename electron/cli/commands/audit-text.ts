import type { AuditEntryView, AuditVerdict, Language } from '../../../shared/contract';
import { actionText } from '../../../shared/audit/actions';
import { auditDetailsText } from '../../../shared/i18n/audit-details';
import { say, table, when } from '../text';

/**
 * What `handover audit list` and `audit verify` print for a person: the entries as the app's Access log
 * page reads them — the time in local time, the action in words, the details as the sentence of
 * shared/i18n/audit-sentences.ts (查看「东方精密」, not {"name":"东方精密"}). `--json` keeps the entries as stored.
 */
export function auditListText(language: Language, page: { total: number; rows: AuditEntryView[] }): string {
  const none = say(language, 'word.none');
  const rows = page.rows.map((r) => [
    String(r.seq), when(language, r.time), r.actor, actionText(language, r.action), r.target || none,
    Object.keys(r.details).length ? auditDetailsText(language, r.details, r.action) || none : none,
  ]);
  const count = say(language, 'audit.entries', { count: `${page.total.toLocaleString(language)}${page.total > 100_000 ? '+' : ''}` });
  return rows.length ? `${count}\n${table(language, 'audit.header', rows)}` : count;
}

/** Words for the verifier's findings; in English the values stay as the CLI always printed them (scripts read them). */
const PROBLEM_WORDS: Record<AuditVerdict['signature'] | NonNullable<AuditVerdict['held']>['status'] | NonNullable<AuditVerdict['problem']>['kind'], string> = {
  ok: '有效', mismatch: '不符', 'wrong-key': '由其他密钥签名', missing: '缺失', truncated: '日志被截短', 'not-covered': '不在本次导出范围内', invalid: '无效',
  edited: '有记录被修改', deleted: '有记录被删除', inserted: '有记录被插入', reordered: '记录顺序被打乱', rewritten: '历史与早先的检查点不一致', malformed: '某行不是日志记录',
  'bad-checkpoint': '检查点缺失或不是此密钥签名', 'bad-signature': '文件签名不符',
};
const word = (language: Language, value: keyof typeof PROBLEM_WORDS) => (language === 'zh-CN' ? PROBLEM_WORDS[value] : value);

export function verifyLines(language: Language, verdict: AuditVerdict): string[] {
  const l = language;
  const p = verdict.problem;
  const where = p
    ? `${p.line !== null ? say(l, 'audit.atLine', { line: String(p.line) }) : ''}${p.seq !== null ? (p.expected !== undefined ? say(l, 'audit.atEntryExpected', { seq: String(p.seq), expected: String(p.expected) }) : say(l, 'audit.atEntry', { seq: String(p.seq) })) : ''}`
    : '';
  const range = verdict.firstSeq !== null ? (l === 'zh-CN' ? `（第 ${verdict.firstSeq}–${verdict.lastSeq} 条）` : ` (${verdict.firstSeq}-${verdict.lastSeq})`) : '';
  return [
    verdict.ok ? say(l, 'audit.verified') : say(l, 'audit.failed', { kind: p ? word(l, p.kind) : 'unknown', where }),
    say(l, 'audit.verifyEntries', { count: String(verdict.entries), range }),
    say(l, 'audit.signature', { status: word(l, verdict.signature) }),
    verdict.checkpoint ? say(l, 'audit.checkpoint', { origin: verdict.checkpoint.origin, size: String(verdict.checkpoint.size) }) : say(l, 'audit.checkpointInvalid'),
    ...(verdict.held ? [say(l, 'audit.held', { size: String(verdict.held.size), status: word(l, verdict.held.status) })] : []),
    say(l, verdict.keyConfirmed ? 'audit.fingerprint' : 'audit.fingerprintUnconfirmed', { fingerprint: verdict.keyFingerprint }),
    ...(verdict.redacted > 0 ? [say(l, 'audit.redacted', { count: String(verdict.redacted) })] : []),
  ];
}
