import type { ChannelOutput, Language, ProposalRow } from '../../../shared/contract';
import { amountText } from '../../../shared/i18n/amounts';
import { PROPOSAL_STATUS_LABELS } from '../../../shared/i18n/domain-labels';
import { padToWidth } from '../../../shared/i18n/text-width';

/**
 * What `handover compensation …` prints for a person, in the CLI's language, with amounts written as the
 * app writes them (shared/i18n/amounts.ts, GLOSSARY.md): a client's figure to the fen (¥29,000.50), totals
 * as a summary (21.00 万元 in Chinese, ¥210,000.00 or ¥2.10 million in English). Null is a masked amount.
 * `--json` prints the integers in fen instead, untouched.
 */
const MASKED = '***';
export const fenText = (lang: Language, fen: number | null): string => (fen === null ? MASKED : amountText(fen, 'CNY', lang, 'table'));
export const sumText = (lang: Language, fen: number | null): string => (fen === null ? MASKED : amountText(fen, 'CNY', lang, 'summary'));

type Change = ChannelOutput<'compensation.setStandard'>;
type Totals = ChannelOutput<'compensation.list'>['totals'];

export function standardLines(lang: Language, r: Change, preview: boolean): string[] {
  const [before, after, budget] = [sumText(lang, r.totalBeforeFen), sumText(lang, r.totalAfterFen), sumText(lang, r.budgetFen)];
  if (lang === 'zh-CN') {
    return [`${preview ? '预览（未应用）' : '已应用'}：共 ${r.proposals} 条建议补偿，${r.changed} 条变化（增加 ${r.increased}，减少 ${r.decreased}），${r.exceptionsKept} 条例外调整保持原金额。`,
      `变更前合计 ${before}，变更后 ${after}，预算 ${budget}。`,
      ...(r.voidedApprovals ? [preview ? `应用后 ${r.voidedApprovals} 个已有审批将作废。` : `已作废 ${r.voidedApprovals} 个审批。`] : [])];
  }
  return [`${preview ? 'Would change (not applied)' : 'Applied'}: ${r.proposals} proposals, ${r.changed} changed (${r.increased} up, ${r.decreased} down), ${r.exceptionsKept} exceptions kept.`,
    `Total before ${before}, after ${after}, budget ${budget}.`,
    ...(r.voidedApprovals ? [`${preview ? 'Would void' : 'Voided'} ${r.voidedApprovals} approvals.`] : [])];
}

export function computedLine(lang: Language, r: ChannelOutput<'compensation.compute'>): string {
  return lang === 'zh-CN'
    ? `共 ${r.proposals} 条建议补偿，合计 ${sumText(lang, r.totalFen)}${r.voidedApprovals ? `；已作废 ${r.voidedApprovals} 个审批` : ''}。`
    : `${r.proposals} proposals, total ${sumText(lang, r.totalFen)}${r.voidedApprovals ? `; ${r.voidedApprovals} approvals voided` : ''}.`;
}

export function totalsLine(lang: Language, t: Totals): string {
  const s = (fen: number | null) => sumText(lang, fen);
  return lang === 'zh-CN'
    ? `共 ${t.proposals} 条建议补偿：建议补偿 ${s(t.proposedFen)}，预算 ${s(t.budgetFen)}，约定补偿 ${s(t.agreedFen)}，已支付 ${s(t.paidFen)}，尚欠 ${s(t.owedFen)}；例外调整 ${t.exceptions} 条，逾期 ${t.overdue} 条`
    : `${t.proposals} proposals: proposed ${s(t.proposedFen)}, budget ${s(t.budgetFen)}, agreed ${s(t.agreedFen)}, paid ${s(t.paidFen)}, owed ${s(t.owedFen)}; `
      + `${t.exceptions} exceptions, ${t.overdue} overdue`;
}

export function rowLine(lang: Language, r: ProposalRow): string {
  const f = (fen: number | null) => fenText(lang, fen);
  const status = PROPOSAL_STATUS_LABELS[r.status][lang];
  // Padded by terminal columns: a Chinese name or status takes two columns a character (shared/i18n/text-width.ts).
  const head = `${padToWidth(r.code || r.name, 12)} ${padToWidth(r.name, 16)} ${padToWidth(status, 11)}`;
  if (lang === 'zh-CN') {
    return `${head} 建议补偿 ${f(r.proposedFen)}${r.exception ? '（例外调整）' : ''}`
      + `${r.agreedOn ? `  约定补偿 ${f(r.agreedFen)}，已支付 ${f(r.paidFen)}，尚欠 ${f(r.owedFen)}，到期日 ${r.dueOn}` : ''}`;
  }
  return `${head} proposed ${f(r.proposedFen)}${r.exception ? ' (exception)' : ''}`
    + `${r.agreedOn ? `  agreed ${f(r.agreedFen)} paid ${f(r.paidFen)} owed ${f(r.owedFen)} due ${r.dueOn}` : ''}`;
}

export const RECORDED = {
  negotiation: { en: 'Recorded.', 'zh-CN': '已登记协商记录。' },
  agreement: { en: 'Agreement recorded.', 'zh-CN': '已登记补偿协议。' },
  payment: { en: 'Payment recorded.', 'zh-CN': '已登记支付。' },
} as const;

export function offersLine(lang: Language, r: ChannelOutput<'compensation.recordOffers'>): string {
  if (lang === 'zh-CN') return `已为 ${r.recorded} 个对象登记发出补偿方案${r.skipped ? `；${r.skipped} 个已约定，未登记` : ''}。`;
  return `Recorded ${r.recorded} offer${r.recorded === 1 ? '' : 's'}${r.skipped ? `; ${r.skipped} already agreed, left as is` : ''}.`;
}
