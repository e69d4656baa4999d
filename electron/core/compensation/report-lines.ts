import { COMPENSATION_BASIS_LABELS } from '../../../shared/i18n/domain-labels';
import { amountText } from '../../../shared/i18n/amounts';
import type { DocLanguage } from '../../../shared/i18n/handover';
import type { OpenVault } from '../vault/vault';
import { callerOf, hide, visiblePersons } from './access';
import { evaluation } from './records';
import { allProposals } from './proposals-read-model';
import { loadStandard } from './store';

/** The handover report's 客户补偿 section: the standard, totals, every exception with its reason, and the evaluation. */
const TEXT = {
  en: {
    heading: 'Client compensation', none: 'No compensation standard.', masked: 'masked', standard: 'Standard',
    floorCap: 'floor {{floor}}, cap {{cap}} per client; budget {{budget}}', totals: '{{n}} proposals: proposed {{proposed}}, agreed {{agreed}}, paid {{paid}}, still owed {{owed}}',
    exceptions: 'Exceptions (with reason)', exception: '{{code}} {{name}}: {{amount}} instead of {{computed}} — {{reason}} ({{by}})',
    cohorts: 'Compensated clients: retention {{r1}}, satisfaction {{s1}}; other clients: retention {{r2}}, satisfaction {{s2}}', cost: 'Paid per 100 yuan of retained revenue: {{cost}}',
  },
  'zh-CN': {
    heading: '客户补偿', none: '未设置补偿标准。', masked: '已脱敏', standard: '补偿标准',
    floorCap: '每个客户下限 {{floor}}，上限 {{cap}}；预算 {{budget}}', totals: '共 {{n}} 条建议补偿：建议补偿 {{proposed}}，约定补偿 {{agreed}}，已支付 {{paid}}，尚欠 {{owed}}',
    exceptions: '例外调整（附理由）', exception: '{{code}} {{name}}：{{amount}}（按标准为 {{computed}}）——{{reason}}（{{by}}）',
    cohorts: '获得补偿的客户：留存率 {{r1}}，满意度 {{s1}}；其他客户：留存率 {{r2}}，满意度 {{s2}}', cost: '每 100 元留存收入对应的补偿支出：{{cost}}',
  },
} as const;

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k] ?? ''));

export function compensationReport(vault: OpenVault, handoverId: number, lang: DocLanguage): { heading: string; lines: string[] } {
  const t = TEXT[lang];
  const c = callerOf(vault);
  const s = loadStandard(vault.db, handoverId, 'client');
  if (!s) return { heading: t.heading, lines: [t.none] };
  // Totals in the summary form (3,990.00 万元), a client's own figures to the fen (¥88,888.00): GLOSSARY.md copy rules.
  const wan = (fen: number | null) => (fen === null ? t.masked : amountText(fen, 'CNY', lang, 'summary'));
  const yuan = (fen: number | null) => (fen === null ? t.masked : amountText(fen, 'CNY', lang, 'table'));
  const [colon, semi] = lang === 'zh-CN' ? ['：', '；'] : [': ', '; '];
  const all = allProposals(vault.db, c.access, handoverId, 'client', visiblePersons(vault, c, handoverId));
  const sum = (f: (p: (typeof all)[number]) => number) => hide(c, all.reduce((a, p) => a + f(p), 0));
  const lines = [
    `${t.standard}${colon}${COMPENSATION_BASIS_LABELS[s.standard.basis][lang]}${s.standard.basis === 'fixed' ? '' : ` ${(s.standard.rateBp / 100).toFixed(2)}%`}${semi}${fill(t.floorCap, {
      floor: wan(hide(c, s.standard.floorFen)), cap: wan(hide(c, s.standard.capFen)), budget: wan(hide(c, s.standard.budgetFen)),
    })}`,
    fill(t.totals, {
      n: all.length, proposed: wan(sum((p) => p.proposedFen)), agreed: wan(sum((p) => p.agreedFen ?? 0)), paid: wan(sum((p) => p.paidFen)),
      owed: wan(sum((p) => (p.agreedFen === null ? 0 : Math.max(0, p.agreedFen - p.paidFen)))),
    }),
    `${t.exceptions}${colon}${all.filter((p) => p.exceptionReason).length}`,
    ...all.filter((p) => p.exceptionReason).map((p) => fill(t.exception, {
      code: p.code, name: p.name, amount: yuan(hide(c, p.proposedFen)), computed: yuan(hide(c, p.computedFen)), reason: p.exceptionReason!, by: p.exceptionBy ?? '',
    })),
  ];
  const e = evaluation(vault, handoverId);
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  lines.push(fill(t.cohorts, { r1: pct(e.compensated.retention), s1: e.compensated.satisfaction ?? '—', r2: pct(e.others.retention), s2: e.others.satisfaction ?? '—' }));
  lines.push(fill(t.cost, { cost: e.costPerRetainedRevenue === null ? '—' : amountText(e.costPerRetainedRevenue * 10_000, 'CNY', lang) }));
  return { heading: t.heading, lines };
}
