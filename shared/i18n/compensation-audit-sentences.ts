/**
 * Views of compensation amounts (issue 19: amounts are logged when viewed) as one sentence each in
 * the access log, in the user's language: 查看交接项目 HO-1 的客户补偿公平性分析（20 条建议补偿） instead
 * of `handover: HO-1; kind: client; proposals: 20; masked: false`. Counts and references only: the
 * entries never hold an amount.
 */
type Lang = 'en' | 'zh-CN';

const KIND: Record<Lang, Record<string, string>> = {
  en: { client: 'client', staff: 'staff exit' },
  'zh-CN': { client: '客户', staff: '员工客户资源退出' },
};

const num = (lang: Lang, v: unknown) => (typeof v === 'number' ? v.toLocaleString(lang) : String(v ?? ''));
const kindWord = (lang: Lang, v: unknown) => (Object.hasOwn(KIND[lang], String(v)) ? KIND[lang][String(v)] : String(v ?? ''));
const refs = (lang: Lang, v: unknown) => (Array.isArray(v) ? v.map(String).join(lang === 'zh-CN' ? '、' : ', ') : String(v ?? ''));
const maskedNote = (lang: Lang, d: Record<string, unknown>) => (d.masked === true ? (lang === 'zh-CN' ? '（金额已脱敏）' : ' (amounts masked)') : '');

const SENTENCES: Record<string, (lang: Lang, d: Record<string, unknown>) => string | null> = {
  'compensation.list': (lang, d) => (typeof d.rows !== 'number' ? null : lang === 'zh-CN'
    ? `${kindWord(lang, d.kind)}补偿列表，${num(lang, d.rows)} 条`
    : `${kindWord(lang, d.kind)} compensation proposals listed: ${num(lang, d.rows)}`),
  'compensation.view': (lang, d) => (typeof d.handover !== 'string' ? null : lang === 'zh-CN'
    ? `交接项目 ${d.handover} 的一条${kindWord(lang, d.kind)}补偿建议`
    : `one ${kindWord(lang, d.kind)} compensation proposal of handover ${d.handover}`),
  'compensation.fairness': (lang, d) => (typeof d.proposals !== 'number' ? null : lang === 'zh-CN'
    ? `交接项目 ${String(d.handover)} 的${kindWord(lang, d.kind)}补偿公平性分析（${num(lang, d.proposals)} 条建议补偿）`
    : `fairness view of handover ${String(d.handover)} (${kindWord(lang, d.kind)} proposals: ${num(lang, d.proposals)})`),
  'compensation.overdue': (lang, d) => (typeof d.promises !== 'number' ? null : lang === 'zh-CN'
    ? `逾期补偿承诺 ${num(lang, d.promises)} 条，交接项目：${refs(lang, d.handovers)}`
    : `overdue compensation promises: ${num(lang, d.promises)}; handovers: ${refs(lang, d.handovers)}`),
  'compensation.received': (lang, d) => (typeof d.commitments !== 'number' ? null : lang === 'zh-CN'
    ? `接收的待履行承诺 ${num(lang, d.commitments)} 条，来自交接项目：${refs(lang, d.handovers)}`
    : `received commitments: ${num(lang, d.commitments)}; from handovers: ${refs(lang, d.handovers)}`),
};

/** The sentence for a compensation view entry, or null when the action is another (or the details are not a view's). */
export function compensationAuditSentence(lang: Lang, action: string, details: Record<string, unknown>): string | null {
  const sentence = Object.hasOwn(SENTENCES, action) ? SENTENCES[action]!(lang, details) : null;
  return sentence === null ? null : `${sentence}${maskedNote(lang, details)}`;
}
