/**
 * Texts the core writes into documents (client notices, the handover report)
 * and the UI shows too: the legal checklist templates and the notice template,
 * in both languages, from one place.
 */
export type DocLanguage = 'en' | 'zh-CN';

export const CHECKLIST_TEMPLATE_ITEMS = {
  prc: ['pipl-22-notice', 'pipl-23-consent', 'pipl-55-assessment', 'pipl-cross-border', 'contract-clauses', 'receivables-split'],
  eu: ['gdpr-14-notice', 'gdpr-21-objection', 'gdpr-30-record'],
} as const;

export const CHECK_TITLES: Record<DocLanguage, Record<string, string>> = {
  en: {
    'pipl-22-notice': "PIPL Art. 22: tell each individual the recipient's name and contact",
    'pipl-23-consent': 'PIPL Art. 23: separate consent where it applies',
    'pipl-55-assessment': 'PIPL Art. 55-56: personal information impact assessment, kept 3 years',
    'pipl-cross-border': 'Cross-border check: individuals and sensitive records to overseas recipients this year (thresholds 100,000 / 10,000)',
    'contract-clauses': 'Contract clauses: assignment of client contracts and consents of counterparties',
    'receivables-split': 'Split of receivables and prepayments agreed with the buyer',
    'gdpr-14-notice': 'GDPR Art. 14: notice content (recipient, purposes, categories, source, rights)',
    'gdpr-21-objection': 'GDPR Art. 21(4): right to object stated clearly and separately',
    'gdpr-30-record': 'GDPR Art. 30: record of processing activities updated',
  },
  'zh-CN': {
    'pipl-22-notice': '《个人信息保护法》第二十二条：向个人告知接收方的名称和联系方式',
    'pipl-23-consent': '第二十三条：适用时取得个人的单独同意',
    'pipl-55-assessment': '第五十五、五十六条：个人信息保护影响评估，记录保存三年',
    'pipl-cross-border': '出境检查：本年度向境外接收方提供的个人数量与敏感记录数（阈值 10 万 / 1 万）',
    'contract-clauses': '合同条款：客户合同的转让及相对方同意',
    'receivables-split': '应收账款与预收款的划分已与买方约定',
    'gdpr-14-notice': 'GDPR 第 14 条：告知内容（接收方、目的、类别、来源、权利）',
    'gdpr-21-objection': 'GDPR 第 21 条第 4 款：明确、单独地告知反对权',
    'gdpr-30-record': 'GDPR 第 30 条：处理活动记录已更新',
  },
};

export interface NoticeFields {
  ref: string;
  client: string;
  contact: string;
  buyer: string;
  buyerContact: string;
  effective: string; // YYYY-MM-DD
  deadline: string; // YYYY-MM-DD
  sellerContact: string;
}

export function formatDay(day: string, lang: DocLanguage): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (lang === 'zh-CN') return `${y}年${m}月${d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
}

/** The bilingual notice, Chinese first: a title and paragraphs per language. */
export function noticeText(f: NoticeFields): { lang: DocLanguage; title: string; paragraphs: string[] }[] {
  const zhContact = f.contact ? `（联系人：${f.contact}）` : '';
  const enContact = f.contact ? ` (attn. ${f.contact})` : '';
  return [
    {
      lang: 'zh-CN',
      title: '客户关系转移通知',
      paragraphs: [
        `尊敬的${f.client}${zhContact}：`,
        `因业务转让，自${formatDay(f.effective, 'zh-CN')}起，贵方与我方的客户关系及相关资料（客户基本信息、联系人、交易与合同记录等）将转移给以下接收方：`,
        `接收方：${f.buyer}\n接收方联系方式：${f.buyerContact}`,
        '根据《中华人民共和国个人信息保护法》第二十二条，我们向您告知接收方的名称和联系方式。接收方将继续按照原定的处理目的和处理方式处理相关个人信息；如需变更，将重新取得您的同意。',
        `如您反对本次转移，请于${formatDay(f.deadline, 'zh-CN')}前通过以下方式告知我方：${f.sellerContact}。`,
        `通知编号：${f.ref}`,
      ],
    },
    {
      lang: 'en',
      title: 'Notice of transfer of your client relationship',
      paragraphs: [
        `Dear ${f.client}${enContact},`,
        `Following the sale of our business, from ${formatDay(f.effective, 'en')} your client relationship with us and its records (basic information, contacts, transactions and contracts) will be transferred to:`,
        `Recipient: ${f.buyer}\nRecipient's contact: ${f.buyerContact}`,
        'We tell you the name and contact of the recipient as PIPL Art. 22 and GDPR Art. 14 require. The recipient will continue to process the personal information for the same purposes and in the same ways; any change will need your consent again.',
        `You have the right to object to this transfer (GDPR Art. 21). If you object, please tell us before ${formatDay(f.deadline, 'en')}: ${f.sellerContact}.`,
        `Notice reference: ${f.ref}`,
      ],
    },
  ];
}
