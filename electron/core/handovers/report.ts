import type { HandoverDetail } from '../../../shared/contract/handovers';
import { actionText } from '../../../shared/audit/actions';
import { CHECK_STATUS_LABELS, DATA_CATEGORY_LABELS, DEPARTMENT_LABELS, HANDOVER_STATUS_LABELS, PHASE_LABELS, RISK_STATUS_LABELS } from '../../../shared/i18n/domain-labels';
import { CHECK_TITLES, formatDay, type DocLanguage } from '../../../shared/i18n/handover';
import { amountText } from '../../../shared/i18n/amounts';
import { dayOf } from '../../../shared/dates';
import { PdfDoc, type Rgb } from '../pdf/pdf';
import type { Clock, OpenVault } from '../vault/vault';
import { handoverDetail } from './plan';
import { compensationReport } from '../compensation/report-lines';
import { daysBetween, logHandover } from './store';
import { targetCountsBy } from '../audit/store';

/**
 * The handover report (PDF, zh-CN or en): summary, scope, team, timeline,
 * checklist with evidence, risks (with the 5x5 heat map), notices, approvals,
 * package fingerprints and receipt, evaluation, and an access-log summary.
 * The values of the domain vocabularies (status, phase, department…) are worded in shared/i18n/domain-labels.ts,
 * as on screen.
 */
export const REPORT_TEXT = {
  en: {
    title: 'Handover report', summary: 'Summary', status: 'Status', buyer: 'Buyer', overseas: 'overseas recipient', createdBy: 'Created by', scope: 'Scope',
    included: 'Clients handed over', excluded: 'Clients excluded', categories: 'Data categories', revenue: 'Annual revenue in scope', team: 'Team and responsibilities',
    owner: 'Handover owner', timeline: 'Timeline', phase: 'Phase', planned: 'Planned', actual: 'Actual', checklist: 'Legal review checklist', item: 'Item',
    evidence: 'Evidence', risks: 'Risk register', risk: 'Risk', level: 'Level', mitigation: 'Mitigation', notices: 'Client notices', approvals: 'Approvals',
    approvedBy: 'Approved by', voided: 'voided', package: 'Package', receipt: 'Receipt', none: 'none', evaluation: 'Evaluation', completeness: 'Completeness',
    timeliness: 'Timeliness (phases on time)', retention: 'Retention', satisfaction: 'Average satisfaction', log: 'Access log summary', entries: 'entries',
    ndas: 'Confidentiality agreements', signed: 'signed', expires: 'expires', crossBorder: 'Cross-border count this year', individuals: 'individuals',
    sensitive: 'sensitive records', heat: 'Likelihood (across) × impact (up)', generated: 'Generated', submitted: 'Submitted by', backup: 'Backup',
    checksum: 'Package checksum (payload.tar.age)', signer: 'Sender key (minisign)', byAction: 'By action',
    noticeNames: { notGenerated: 'not generated', generated: 'generated, not sent', sent: 'sent', acknowledged: 'acknowledged', consented: 'consented', objected: 'objected', unanswered: 'no answer' },
  },
  'zh-CN': {
    title: '交接报告', summary: '概要', status: '状态', buyer: '买方', overseas: '境外接收方', createdBy: '创建人', scope: '范围',
    included: '移交客户', excluded: '排除客户', categories: '数据类别', revenue: '范围内年收入', team: '团队与职责',
    owner: '交接负责人', timeline: '时间表', phase: '阶段', planned: '计划', actual: '实际', checklist: '法律审查清单', item: '事项',
    evidence: '证据', risks: '风险登记', risk: '风险', level: '风险值', mitigation: '缓解措施', notices: '客户通知', approvals: '审批',
    approvedBy: '审批人', voided: '已作废', package: '交接包', receipt: '回执', none: '无', evaluation: '评估', completeness: '资料完整度',
    timeliness: '及时性（按时完成的阶段）', retention: '客户保留率', satisfaction: '平均满意度', log: '访问日志摘要', entries: '条',
    ndas: '保密协议', signed: '签署', expires: '到期', crossBorder: '本年度出境数量', individuals: '个人',
    sensitive: '敏感记录', heat: '可能性（横）× 影响（纵）', generated: '生成时间', submitted: '提交人', backup: '备份',
    checksum: '交接包校验码', signer: '发送方密钥（minisign）', byAction: '按操作',
    noticeNames: { notGenerated: '未生成', generated: '已生成未发送', sent: '已发送', acknowledged: '已确认', consented: '已同意', objected: '已反对', unanswered: '未答复' },
  },
} as const;

/** GLOSSARY.md: full-width punctuation inside Chinese text. */
const PUNCT = {
  en: { colon: ': ', comma: ', ', semi: '; ', paren: (s: string) => ` (${s})` },
  'zh-CN': { colon: '：', comma: '，', semi: '；', paren: (s: string) => `（${s}）` },
} as const;

export const heatColor = (level: number): Rgb => (level >= 15 ? [0.87, 0.27, 0.25] : level >= 8 ? [0.98, 0.62, 0.25] : level >= 4 ? [0.99, 0.85, 0.35] : [0.55, 0.8, 0.45]);

export function renderReport(vault: OpenVault, d: HandoverDetail, lang: DocLanguage, now: Clock): Buffer {
  const t = REPORT_TEXT[lang];
  const { colon: c, comma, semi, paren } = PUNCT[lang];
  const num = (n: number) => n.toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-US');
  // An instant (created, backed up) is named by the day it fell on here; a stored day passes as is (shared/dates.ts).
  const day = (iso: string | null) => (iso ? formatDay(dayOf(iso), lang) : '—');
  const doc = new PdfDoc(`${d.ref} · ${t.title}`);
  doc.heading(`${t.title}${c}${d.ref} ${d.title}`, 16);
  doc.text(`${t.generated}${c}${day(now().toISOString())} · ${t.status}${c}${HANDOVER_STATUS_LABELS[d.status][lang]}`, 9, { rgb: [0.4, 0.4, 0.4] });

  doc.heading(t.summary);
  doc.text(`${t.buyer}${c}${d.buyer.name}${d.buyer.overseas ? paren(t.overseas) : ''} — ${[d.buyer.contact, d.buyer.phone, d.buyer.email].filter(Boolean).join(comma)}`);
  doc.text(`${t.createdBy}${c}${d.createdBy}${comma}${day(d.createdAt)} · ${t.submitted}${c}${d.submittedBy ?? '—'}`);
  doc.text(`${t.ndas}${c}${d.ndas.length ? d.ndas.map((n) => `${n.parties}${paren(`${t.signed} ${day(n.signedOn)}${n.expiresOn ? `${comma}${t.expires} ${day(n.expiresOn)}` : ''}${n.file ? `${comma}SHA-256 ${n.file.sha256.slice(0, 16)}…` : ''}`)}`).join(semi) : t.none}`);
  doc.text(`${t.backup}${c}${d.backup ? `${d.backup.file}${comma}${day(d.backup.at)}${comma}SHA-256 ${d.backup.sha256.slice(0, 16)}…` : t.none}`);

  doc.heading(t.scope);
  doc.text(`${t.included}${c}${num(d.included)} · ${t.excluded}${c}${num(d.excluded)}`);
  doc.text(`${t.categories}${c}${d.categories.map((k) => DATA_CATEGORY_LABELS[k][lang]).join(lang === 'zh-CN' ? '、' : ', ')}`);
  if (d.revenue) doc.text(`${t.revenue}${c}${d.revenue.map((r) => amountText(r.amount, r.currency, lang, 'summary')).join(comma) || '—'}`);
  doc.text(`${t.crossBorder}${paren(String(d.crossBorder.year))}${c}${num(d.crossBorder.yearIndividuals)} ${t.individuals}${comma}${num(d.crossBorder.yearSensitive)} ${t.sensitive}`);

  doc.heading(t.team);
  doc.text(`${t.owner}${c}${d.team.owner || '—'}`);
  for (const [dept, r] of Object.entries(d.team.departments)) if (r && (r.lead || r.duty)) doc.text(`${DEPARTMENT_LABELS[dept as keyof typeof DEPARTMENT_LABELS][lang]}${c}${r.lead} — ${r.duty}`, 10, { indent: 12 });

  doc.heading(t.timeline);
  doc.row([t.phase, t.planned, t.actual], [0.4, 0.3, 0.3], { header: true });
  let onTime = 0;
  let done = 0;
  for (const [phase, v] of Object.entries(d.timeline)) {
    // A phase planned with a start reads start – end; the end is the day it is due.
    doc.row([PHASE_LABELS[phase as keyof typeof PHASE_LABELS][lang], v.start ? `${day(v.start)} – ${day(v.planned)}` : day(v.planned), day(v.actual)], [0.4, 0.3, 0.3]);
    if (v.planned && v.actual) {
      done++;
      if (daysBetween(v.planned, v.actual) <= 0) onTime++;
    }
  }

  doc.heading(t.checklist);
  doc.row([t.item, t.status, t.evidence], [0.5, 0.15, 0.35], { header: true });
  for (const c of d.checklist) {
    doc.row([c.title || CHECK_TITLES[lang][c.key] || c.key, CHECK_STATUS_LABELS[c.status][lang], [c.evidence, c.file ? `${c.file.name}${paren(`SHA-256 ${c.file.sha256.slice(0, 12)}…`)}` : ''].filter(Boolean).join(' · ') + (c.updatedBy ? ` — ${c.updatedBy}` : '')], [0.5, 0.15, 0.35]);
  }

  doc.need(200);
  doc.heading(t.risks);
  // 5x5 heat map: count of risks per cell.
  const cell = 22;
  const x0 = doc.left + 20;
  const y0 = doc.y - 5 * cell - 10;
  for (let l = 1; l <= 5; l++) {
    for (let i = 1; i <= 5; i++) {
      const x = x0 + (l - 1) * cell;
      const y = y0 + (i - 1) * cell;
      doc.rect(x, y, cell - 2, cell - 2, heatColor(l * i));
      const n = d.risks.filter((r) => r.likelihood === l && r.impact === i && r.status !== 'closed').length;
      if (n) doc.textAt(x + 7, y + 6, String(n), 9);
    }
  }
  doc.textAt(x0 + 5 * cell + 10, y0 + 2 * cell, t.heat, 8, [0.4, 0.4, 0.4]);
  doc.y = y0 - 8;
  doc.row([t.risk, t.level, t.mitigation, t.status], [0.35, 0.1, 0.4, 0.15], { header: true });
  for (const r of d.risks) doc.row([r.title, `${r.level}${paren(`${r.likelihood}×${r.impact}`)}`, `${r.mitigation}${r.owner ? ` — ${r.owner}` : ''}`, RISK_STATUS_LABELS[r.status][lang]], [0.35, 0.1, 0.4, 0.15]);

  doc.heading(t.notices);
  const n = d.notices;
  const bars: [string, number, Rgb][] = [
    [t.noticeNames.sent, n.sent, [0.25, 0.5, 0.85]], [t.noticeNames.acknowledged, n.acknowledged, [0.3, 0.7, 0.4]], [t.noticeNames.consented, n.consented, [0.2, 0.6, 0.3]],
    [t.noticeNames.objected, n.objected, [0.87, 0.27, 0.25]], [t.noticeNames.unanswered, n.unanswered, [0.6, 0.6, 0.6]], [t.noticeNames.notGenerated, n.notGenerated + n.generated, [0.85, 0.85, 0.85]],
  ];
  const max = Math.max(1, ...bars.map((b) => b[1]));
  doc.need(bars.length * 16 + 10);
  for (const [label, value, rgb] of bars) {
    doc.y -= 16;
    doc.textAt(doc.left, doc.y + 3, label, 9);
    doc.rect(doc.left + 120, doc.y + 1, Math.max(1, (value / max) * 260), 11, rgb);
    doc.textAt(doc.left + 390, doc.y + 3, num(value), 9);
  }
  doc.gap(8);

  doc.heading(t.approvals);
  for (const a of d.approvals) doc.text(`${t.approvedBy}${c}${a.user}${comma}${day(a.at)}${a.comment ? ` — ${a.comment}` : ''}${a.voidedAt ? paren(`${t.voided}${c}${a.voidReason}`) : ''}`);
  if (!d.approvals.length) doc.text(t.none);

  doc.heading(`${t.package} / ${t.receipt}`);
  if (d.package) {
    doc.text(`${d.package.file} · ${day(d.package.at)} · ${d.package.packageId}`);
    doc.text(`${t.checksum}${c}${d.package.checksumAlg === 'blake2b512' ? 'BLAKE2b-512' : 'SHA-256'} ${d.package.checksum}`, 9);
    doc.text(`${t.signer}${c}${d.package.senderFingerprint}`, 9);
  } else doc.text(t.none);
  doc.text(`${t.receipt}${c}${d.receipt ? `${d.receipt.receivedBy}${comma}${day(d.receipt.receivedAt)}${comma}${d.receipt.receiverKey}` : t.none}`);

  doc.heading(t.evaluation);
  const f = d.followups;
  doc.text(`${t.completeness}${c}${d.package ? `${Math.round(d.package.completeness * 100)}%` : '—'}`);
  doc.text(`${t.timeliness}${c}${done ? `${onTime} / ${done}` : '—'}`);
  doc.text(`${t.retention}${c}${f.retained + f.lost ? `${Math.round((f.retained / (f.retained + f.lost)) * 100)}%${paren(`${f.retained} / ${f.retained + f.lost}`)}` : '—'}`);
  doc.text(`${t.satisfaction}${c}${f.satisfaction ?? '—'}`);

  const compensation = compensationReport(vault, d.id, lang);
  doc.heading(compensation.heading);
  for (const line of compensation.lines) doc.text(line);

  doc.heading(t.log);
  const byAction = targetCountsBy(vault.db, d.ref, 'action');
  const byActor = targetCountsBy(vault.db, d.ref, 'actor');
  doc.text(byActor.map((a) => `${a.key}${c}${num(a.n)} ${t.entries}`).join(' · ') || t.none);
  // Action ids as words (GLOSSARY.md: no machine text): 更新法律审查事项 6 条, not handover.checklist 6.
  doc.text(`${t.byAction}${c}${byAction.map((a) => `${actionText(lang, a.key)} ${num(a.n)} ${t.entries}`).join(' · ')}`, 9);
  return doc.toBuffer({ title: `${d.ref} ${t.title}` });
}

/** Write the report and log it. */
export function reportFor(vault: OpenVault, id: number, lang: DocLanguage, now: Clock): Buffer {
  const d = handoverDetail(vault, id, now);
  const pdf = renderReport(vault, d, lang, now);
  vault.db.transaction(() => logHandover(vault, d, 'handover.report', { language: lang }, now())).immediate();
  return pdf;
}
