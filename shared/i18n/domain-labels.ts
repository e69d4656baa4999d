import { COMPENSATION_BASES } from '../compensation/compute';
import { COMPENSATION_METHODS, NEGOTIATION_KINDS, PROPOSAL_STATUSES } from '../contract/compensation';
import {
  ARRANGEMENTS, CHECK_STATUSES, DATA_CATEGORIES, DEPARTMENTS, FOLLOWUP_OUTCOMES, HANDOVER_STATUSES, NOTICE_CHANNELS, NOTICE_STATUSES, PHASES,
  RISK_CATEGORIES, RISK_STATUSES,
} from '../contract/handovers';
import { DATAROOM_END_REASONS } from '../contract/datarooms';
import { BUILTIN_ROLES, MASKABLE_FIELDS } from '../contract/permissions';
import type { Language } from '../contract/schemas';

/**
 * The words for the values of each domain vocabulary, declared once for the screens (the renderer's
 * catalogs take them from here) and the documents the core writes (the handover report, its compensation
 * section). One value per line; `satisfies` makes a missing or a stray value a type error.
 */
type Labels<Values extends readonly string[]> = Record<Values[number], Record<Language, string>>;

export const HANDOVER_STATUS_LABELS = {
  draft: { en: 'Draft', 'zh-CN': '草稿' },
  submitted: { en: 'Submitted', 'zh-CN': '已提交' },
  approved: { en: 'Approved', 'zh-CN': '已批准' },
  exported: { en: 'Exported', 'zh-CN': '已导出' },
  acknowledged: { en: 'Acknowledged', 'zh-CN': '已确认收到' },
  closed: { en: 'Closed', 'zh-CN': '已关闭' },
} as const satisfies Labels<typeof HANDOVER_STATUSES>;

export const PHASE_LABELS = {
  preparation: { en: 'Preparation', 'zh-CN': '准备' },
  notices: { en: 'Notices', 'zh-CN': '通知' },
  'due-diligence': { en: 'Due diligence', 'zh-CN': '尽职调查' },
  transfer: { en: 'Transfer', 'zh-CN': '移交' },
  'follow-up': { en: 'Follow-up', 'zh-CN': '跟进' },
} as const satisfies Labels<typeof PHASES>;

export const DEPARTMENT_LABELS = {
  sales: { en: 'Sales', 'zh-CN': '销售' },
  'customer-service': { en: 'Customer service', 'zh-CN': '客户服务' },
  finance: { en: 'Finance', 'zh-CN': '财务' },
  legal: { en: 'Legal', 'zh-CN': '法务' },
  hr: { en: 'HR', 'zh-CN': '人力资源' },
  marketing: { en: 'Marketing', 'zh-CN': '市场' },
} as const satisfies Labels<typeof DEPARTMENTS>;

export const DATA_CATEGORY_LABELS = {
  basic: { en: 'Basic info', 'zh-CN': '基本信息' },
  contacts: { en: 'Contacts', 'zh-CN': '联系人' },
  transactions: { en: 'Transactions and contracts', 'zh-CN': '交易与合同' },
  documents: { en: 'Documents', 'zh-CN': '文档' },
  notes: { en: 'Notes and communication log', 'zh-CN': '备注与沟通记录' },
  value: { en: 'Value metrics', 'zh-CN': '价值指标' },
} as const satisfies Labels<typeof DATA_CATEGORIES>;

export const ARRANGEMENT_LABELS = {
  'business-transfer': { en: 'Business transfer', 'zh-CN': '业务转移' },
  'transition-service': { en: 'Transition service period', 'zh-CN': '过渡服务期' },
  compensation: { en: 'Compensation', 'zh-CN': '补偿' },
  training: { en: 'Training', 'zh-CN': '培训' },
  'technical-support': { en: 'Technical support', 'zh-CN': '技术支持' },
} as const satisfies Labels<typeof ARRANGEMENTS>;

export const RISK_CATEGORY_LABELS = {
  'information-leak': { en: 'Information leak', 'zh-CN': '信息泄露' },
  'data-loss': { en: 'Data loss', 'zh-CN': '数据丢失' },
  'client-churn': { en: 'Client churn', 'zh-CN': '客户流失' },
  'legal-dispute': { en: 'Legal dispute', 'zh-CN': '法律纠纷' },
  'service-gap': { en: 'Service gap', 'zh-CN': '服务中断' },
  other: { en: 'Other', 'zh-CN': '其他' },
} as const satisfies Labels<typeof RISK_CATEGORIES>;

export const RISK_STATUS_LABELS = {
  open: { en: 'Open', 'zh-CN': '未处理' },
  mitigating: { en: 'Mitigating', 'zh-CN': '处理中' },
  closed: { en: 'Closed', 'zh-CN': '已关闭' },
} as const satisfies Labels<typeof RISK_STATUSES>;

export const CHECK_STATUS_LABELS = {
  open: { en: 'Open', 'zh-CN': '未完成' },
  done: { en: 'Done', 'zh-CN': '已完成' },
  'not-applicable': { en: 'Not applicable', 'zh-CN': '不适用' },
} as const satisfies Labels<typeof CHECK_STATUSES>;

export const NOTICE_STATUS_LABELS = {
  generated: { en: 'Generated', 'zh-CN': '已生成' },
  sent: { en: 'Sent', 'zh-CN': '已发送' },
  acknowledged: { en: 'Acknowledged', 'zh-CN': '已确认' },
  consented: { en: 'Consented', 'zh-CN': '已同意' },
  objected: { en: 'Objected', 'zh-CN': '已反对' },
} as const satisfies Labels<typeof NOTICE_STATUSES>;

export const NOTICE_CHANNEL_LABELS = {
  letter: { en: 'Letter', 'zh-CN': '信函' },
  email: { en: 'E-mail', 'zh-CN': '电子邮件' },
  phone: { en: 'Phone', 'zh-CN': '电话' },
  'in-person': { en: 'In person', 'zh-CN': '当面' },
} as const satisfies Labels<typeof NOTICE_CHANNELS>;

export const FOLLOWUP_OUTCOME_LABELS = {
  contacted: { en: 'Contacted', 'zh-CN': '已联系' },
  retained: { en: 'Retained', 'zh-CN': '已保留' },
  lost: { en: 'Lost', 'zh-CN': '已流失' },
} as const satisfies Labels<typeof FOLLOWUP_OUTCOMES>;

export const COMPENSATION_METHOD_LABELS = {
  cash: { en: 'Cash', 'zh-CN': '现金' },
  discount: { en: 'Discount or voucher', 'zh-CN': '折扣或代金券' },
  'business-transfer': { en: 'Business transfer', 'zh-CN': '业务转移' },
  'transition-service': { en: 'Transition service', 'zh-CN': '过渡服务期' },
  training: { en: 'Training', 'zh-CN': '培训' },
  'technical-support': { en: 'Technical support', 'zh-CN': '技术支持' },
  equity: { en: 'Equity', 'zh-CN': '股权' },
} as const satisfies Labels<typeof COMPENSATION_METHODS>;

export const COMPENSATION_BASIS_LABELS = {
  revenue: { en: 'Share of annual revenue', 'zh-CN': '按年收入比例' },
  profit: { en: 'Share of gross profit', 'zh-CN': '按毛利比例' },
  fixed: { en: 'Fixed amount per tier', 'zh-CN': '按客户分级固定金额' },
} as const satisfies Labels<typeof COMPENSATION_BASES>;

export const PROPOSAL_STATUS_LABELS = {
  proposed: { en: 'Proposed', 'zh-CN': '建议' },
  negotiating: { en: 'Negotiating', 'zh-CN': '协商中' },
  agreed: { en: 'Agreed', 'zh-CN': '已约定' },
  paid: { en: 'Paid', 'zh-CN': '已支付' },
  overdue: { en: 'Overdue', 'zh-CN': '已逾期' },
} as const satisfies Labels<typeof PROPOSAL_STATUSES>;

export const NEGOTIATION_KIND_LABELS = {
  offer: { en: 'Offer', 'zh-CN': '报价' },
  'counter-offer': { en: 'Counter-offer', 'zh-CN': '还价' },
  note: { en: 'Note', 'zh-CN': '备注' },
} as const satisfies Labels<typeof NEGOTIATION_KINDS>;

/** The fields a role or a data-room session can mask (the session report PDF; the screens word them in their catalogs alike). */
export const MASKABLE_FIELD_LABELS = {
  phones: { en: 'Phone', 'zh-CN': '电话' },
  emails: { en: 'E-mail', 'zh-CN': '邮箱' },
  address: { en: 'Address', 'zh-CN': '地址' },
  amounts: { en: 'Amounts', 'zh-CN': '金额' },
} as const satisfies Labels<typeof MASKABLE_FIELDS>;

/** Why a data-room session ended: the session list and the session report (PDF). */
export const DATAROOM_END_REASON_LABELS = {
  facilitator: { en: 'by the facilitator', 'zh-CN': '陪同人结束' },
  expired: { en: 'time up', 'zh-CN': '时间到' },
  idle: { en: 'idle', 'zh-CN': '无操作' },
  'os-lock': { en: 'computer locked', 'zh-CN': '电脑锁屏' },
  suspend: { en: 'computer asleep', 'zh-CN': '电脑休眠' },
  manual: { en: 'locked', 'zh-CN': '锁定' },
  switch: { en: 'user switched', 'zh-CN': '切换用户' },
  restore: { en: 'restored from a backup', 'zh-CN': '恢复备份' },
} as const satisfies Labels<typeof DATAROOM_END_REASONS>;

/** The built-in roles (GLOSSARY.md: roles), for the users page, the audit details and the CLI; custom roles carry their own label. */
export const ROLE_LABELS = {
  admin: { en: 'Administrator', 'zh-CN': '管理员' },
  handover_manager: { en: 'Handover lead', 'zh-CN': '交接负责人' },
  staff: { en: 'Staff', 'zh-CN': '员工' },
  compliance: { en: 'Compliance officer', 'zh-CN': '合规专员' },
  auditor: { en: 'Auditor', 'zh-CN': '审计员' },
  data_room_guest: { en: 'Data-room reviewer', 'zh-CN': '数据室审阅人' },
} as const satisfies Labels<typeof BUILTIN_ROLES>;

/** A role's words: its own label when it has one, the built-in word otherwise, else its id. */
export function roleText(name: string, label: string | undefined, lang: Language): string {
  if (label) return label;
  return Object.hasOwn(ROLE_LABELS, name) ? ROLE_LABELS[name as keyof typeof ROLE_LABELS][lang] : name;
}

/** Each vocabulary with the values it must label, for the test that walks them all. */
export const VOCABULARIES = {
  handoverStatus: [HANDOVER_STATUSES, HANDOVER_STATUS_LABELS],
  phase: [PHASES, PHASE_LABELS],
  department: [DEPARTMENTS, DEPARTMENT_LABELS],
  dataCategory: [DATA_CATEGORIES, DATA_CATEGORY_LABELS],
  arrangement: [ARRANGEMENTS, ARRANGEMENT_LABELS],
  riskCategory: [RISK_CATEGORIES, RISK_CATEGORY_LABELS],
  riskStatus: [RISK_STATUSES, RISK_STATUS_LABELS],
  checkStatus: [CHECK_STATUSES, CHECK_STATUS_LABELS],
  noticeStatus: [NOTICE_STATUSES, NOTICE_STATUS_LABELS],
  noticeChannel: [NOTICE_CHANNELS, NOTICE_CHANNEL_LABELS],
  followupOutcome: [FOLLOWUP_OUTCOMES, FOLLOWUP_OUTCOME_LABELS],
  compensationMethod: [COMPENSATION_METHODS, COMPENSATION_METHOD_LABELS],
  compensationBasis: [COMPENSATION_BASES, COMPENSATION_BASIS_LABELS],
  proposalStatus: [PROPOSAL_STATUSES, PROPOSAL_STATUS_LABELS],
  negotiationKind: [NEGOTIATION_KINDS, NEGOTIATION_KIND_LABELS],
  dataroomEndReason: [DATAROOM_END_REASONS, DATAROOM_END_REASON_LABELS],
  maskableField: [MASKABLE_FIELDS, MASKABLE_FIELD_LABELS],
  role: [BUILTIN_ROLES, ROLE_LABELS],
} as const satisfies Record<string, readonly [readonly string[], Record<string, Record<Language, string>>]>;

/** One language's words for a vocabulary: the shape the renderer's catalogs and the PDFs look up. */
export function labelsIn<K extends string>(labels: Record<K, Record<Language, string>>, lang: Language): Record<K, string> {
  return Object.fromEntries(Object.entries<Record<Language, string>>(labels).map(([value, text]) => [value, text[lang]])) as Record<K, string>;
}
