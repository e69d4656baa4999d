import type { ClientField } from '../clients/fields';

type Lang = 'en' | 'zh-CN';

/** Why a cell was refused, in both languages (reason codes come from shared/clients/normalize and the importer). */
export const PROBLEM_MESSAGES: Record<Lang, Record<string, string>> = {
  en: {
    nameMissing: 'the client name is missing',
    phoneMalformed: 'not a phone number (e.g. 138 0013 8000, +86 10 1234 5678)',
    emailMalformed: 'not an e-mail address',
    dateMalformed: 'not a date (use 2019-07-03, 2019/7/3 or 2019年7月3日)',
    dateAmbiguous: 'ambiguous date: day and month could be swapped (use 2019-07-03)',
    numberMalformed: 'not an amount (e.g. 1,234,567.00, ¥1.2万)',
    rateOutOfRange: 'not a rate between 0 and 100%',
    scoreOutOfRange: 'not a score between 0 and 10',
    typeUnknown: 'unknown client type (company / individual, 企业 / 个人)',
    tooLong: 'too long',
    notOneLine: 'holds a control character or a text-direction override (only one line of plain text is allowed)',
    empty: 'empty',
  },
  'zh-CN': {
    nameMissing: '缺少客户名称',
    phoneMalformed: '不是有效的电话号码（例如 138 0013 8000、+86 10 1234 5678）',
    emailMalformed: '不是有效的电子邮箱',
    dateMalformed: '不是有效日期（请用 2019-07-03、2019/7/3 或 2019年7月3日）',
    dateAmbiguous: '日期有歧义：日和月可能颠倒（请用 2019-07-03）',
    numberMalformed: '不是有效金额（例如 1,234,567.00、¥1.2万）',
    rateOutOfRange: '不是 0 到 100% 之间的比率',
    scoreOutOfRange: '不是 0 到 10 之间的分数',
    typeUnknown: '未知的客户类型（企业 / 个人，company / individual）',
    tooLong: '内容过长',
    notOneLine: '含有控制字符或文字方向控制符（只能填写一行普通文字）',
    empty: '为空',
  },
};

export const FIELD_LABELS: Record<Lang, Record<ClientField, string>> = {
  en: {
    code: 'Client code',
    name: 'Client name',
    type: 'Type',
    industry: 'Industry',
    region: 'Region',
    city: 'City',
    address: 'Address',
    owner: 'Owner',
    department: 'Department',
    importance: 'Importance',
    tags: 'Tags',
    cooperationStart: 'Cooperation since',
    annualRevenue: 'Annual revenue',
    grossProfit: 'Gross profit',
    renewalRate: 'Renewal rate',
    satisfaction: 'Satisfaction',
    notes: 'Notes',
    contactName: 'Contact',
    contactTitle: 'Contact title',
    phone: 'Phone',
    email: 'E-mail',
  },
  'zh-CN': {
    code: '客户编号',
    name: '客户名称',
    type: '客户类型',
    industry: '行业',
    region: '区域',
    city: '城市',
    address: '地址',
    owner: '负责人',
    department: '部门',
    importance: '重要性',
    tags: '标签',
    cooperationStart: '合作开始日期',
    annualRevenue: '年收入',
    grossProfit: '毛利',
    renewalRate: '续约率',
    satisfaction: '满意度',
    notes: '备注',
    contactName: '联系人',
    contactTitle: '联系人职位',
    phone: '手机',
    email: '邮箱',
  },
};

export function problemText(lang: Lang, reason: string): string {
  return PROBLEM_MESSAGES[lang][reason] ?? reason;
}
