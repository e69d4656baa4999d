import type { ClientField } from '../clients/fields';
import { FIELD_LABELS } from './problems';
import { formatDay } from './handover';
import { bulkAuditSentence } from './bulk-audit-sentences';
import { compensationAuditSentence } from './compensation-audit-sentences';
import {
  ARRANGEMENT_LABELS, COMPENSATION_BASIS_LABELS, COMPENSATION_METHOD_LABELS, DATA_CATEGORY_LABELS, DATAROOM_END_REASON_LABELS, FOLLOWUP_OUTCOME_LABELS,
  HANDOVER_STATUS_LABELS, MASKABLE_FIELD_LABELS, NEGOTIATION_KIND_LABELS, NOTICE_CHANNEL_LABELS, NOTICE_STATUS_LABELS, RISK_CATEGORY_LABELS, RISK_STATUS_LABELS, ROLE_LABELS,
} from './domain-labels';
import { auditSentence } from './audit-sentences';
import { AUDIT_DETAIL_KEYS as KEYS } from './audit-detail-keys';
import { momentText } from './moments';

/**
 * An access-log entry's details as words in the user's language (GLOSSARY.md: no machine text on
 * screen): `found: 60; text: 东方` is shown as 搜索内容：东方；结果数：60, `method: passphrase` as
 * 方式：密码, and a field path `contacts.0.phones.0` as 联系人 1 的手机 1. Keys and values this build
 * does not know are shown as they are, so nothing in the log is hidden.
 */
type Lang = 'en' | 'zh-CN';

const VALUES: Record<Lang, Record<string, string>> = {
  en: {
    passphrase: 'passphrase',
    'recovery-key': 'recovery key',
    create: 'vault created',
    phone: 'by phone',
    'in-person': 'in person',
    csv: 'CSV',
    json: 'JSON',
    true: 'yes',
    false: 'no',
    skip: 'skip',
    update: 'update',
    keep: 'keep both',
    en: 'English',
    'zh-CN': 'Chinese',
    prc: 'PRC (PIPL) template',
    eu: 'EU (GDPR) template',
    filter: 'by filter',
    picked: 'picked by hand',
    aegis: 'AEGIS-256',
    chacha20: 'ChaCha20-Poly1305',
    utf8: 'UTF-8',
    gbk: 'GBK',
    auto: 'detected automatically',
    client: 'client compensation',
    staff: 'staff exit compensation',
    // A key's kind in words; the tool's name only in brackets (GLOSSARY.md: tool names under technical details).
    age: 'encryption (age, X25519)',
    minisign: 'signature (minisign, Ed25519)',
  },
  'zh-CN': {
    age: '加密（age，X25519）',
    minisign: '签名（minisign，Ed25519）',
    passphrase: '密码',
    'recovery-key': '恢复密钥',
    create: '创建保险库',
    phone: '电话',
    'in-person': '当面',
    csv: 'CSV',
    json: 'JSON',
    true: '是',
    false: '否',
    skip: '跳过',
    update: '更新',
    keep: '两者都保留',
    en: '英文',
    'zh-CN': '中文',
    prc: '中国（PIPL）模板',
    eu: '欧盟（GDPR）模板',
    filter: '按条件',
    picked: '逐个选择',
    aegis: 'AEGIS-256',
    chacha20: 'ChaCha20-Poly1305',
    utf8: 'UTF-8',
    gbk: 'GBK',
    auto: '自动识别',
    client: '客户补偿',
    staff: '员工客户资源退出补偿',
  },
};

/** A word from one of the tables above; Object.hasOwn, so a key like `toString` is shown as it is. */
const own = (map: Record<string, string | undefined>, key: string): string | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

/** Parts of a client record's paths that are not client fields. */
const PATH_WORDS: Record<Lang, Record<string, string>> = {
  en: {
    contacts: 'contact',
    phones: 'phone',
    emails: 'e-mail',
    title: 'title',
    transactions: 'transaction',
    communications: 'communication',
    amount: 'amount',
    tags: 'tag',
  },
  'zh-CN': {
    contacts: '联系人',
    phones: '手机',
    emails: '邮箱',
    title: '职位',
    transactions: '交易',
    communications: '沟通记录',
    amount: '金额',
    tags: '标签',
  },
};

/** `contacts.0.phones.0` -> 联系人 1 的手机 1 / contact 1, phone 1; a plain field name -> its label. */
export function fieldPathText(lang: Lang, path: string): string {
  const labels = FIELD_LABELS[lang] as Record<ClientField | string, string | undefined>;
  const parts: string[] = [];
  for (const seg of path.split('.')) {
    if (/^\d+$/.test(seg) && parts.length) parts[parts.length - 1] += ` ${Number(seg) + 1}`;
    else parts.push(own(PATH_WORDS[lang], seg) ?? own(labels, seg) ?? seg);
  }
  return parts.join(lang === 'zh-CN' ? ' 的' : ', ');
}

/** Values whose words depend on the detail they are in (`keep` is a decision here, an import policy elsewhere). */
const KEYED_VALUES: Record<Lang, Record<string, Record<string, string>>> = {
  en: {
    decision: {
      keep: 'kept in the scope',
      exclude: 'taken out of the scope',
    },
    method: {
      passphrase: 'with the passphrase',
      'recovery-key': 'with the recovery key',
      create: 'on creating the vault',
    },
    reason: {
      scope: 'the scope changed',
      categories: 'the data categories changed',
      objections: 'objectors left the scope',
      'no-answer': 'clients who did not answer left the scope',
      standard: 'the compensation standard changed',
    },
    what: {
      copy: 'copying',
      print: 'printing',
      save: 'saving',
      navigate: 'leaving the window',
      devtools: 'developer tools',
      'extend-too-soon': 'an early extension',
      'end-too-soon': 'an early end',
      'extend-wrong-passphrase': 'an extension with a wrong passphrase',
      'end-wrong-passphrase': 'an end with a wrong passphrase',
    },
  },
  'zh-CN': {
    decision: {
      keep: '保留在范围内',
      exclude: '移出范围',
    },
    method: {
      passphrase: '使用密码',
      'recovery-key': '使用恢复密钥',
      create: '创建保险库时',
    },
    reason: {
      scope: '范围变更',
      categories: '数据类别变更',
      objections: '异议客户移出范围',
      'no-answer': '未答复客户移出范围',
      standard: '补偿标准变更',
    },
    what: {
      copy: '复制',
      print: '打印',
      save: '保存',
      navigate: '离开窗口',
      devtools: '开发者工具',
      'extend-too-soon': '过早延长',
      'end-too-soon': '过早结束',
      'extend-wrong-passphrase': '密码错误的延长',
      'end-wrong-passphrase': '密码错误的结束',
    },
  },
};

function valueText(lang: Lang, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return momentText(lang, value);
  // A stored day is prose here (GLOSSARY.md: 2026年11月10日 in prose, 2026-11-10 only in inputs and tables).
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value, lang);
  if ((key === 'field' || key === 'fields') && typeof value === 'string') return value.split(',').map((p) => fieldPathText(lang, p)).join(lang === 'zh-CN' ? '、' : ', ');
  if (typeof value === 'number') return value.toLocaleString(lang);
  // A list (the parts of a plan changed, client codes) and a filter read as words, not JSON.
  if (Array.isArray(value)) return value.length ? value.map((v) => own(KEYS[lang], String(v)) ?? valueText(lang, '', v)).join(lang === 'zh-CN' ? '、' : ', ') : '—';
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).filter(([, v]) => !(Array.isArray(v) && v.length === 0) && v !== null && v !== '');
    return parts.length ? parts.map(([k, v]) => `${own(KEYS[lang], k) ?? k} ${valueText(lang, k, v)}`).join(lang === 'zh-CN' ? '，' : ', ') : '—';
  }
  const text = typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return own(VALUES[lang], text) ?? vocabularyWord(lang, text) ?? text;
}

/** A value of a domain vocabulary (an arrangement, a risk's category or status, a built-in role) in the user's words. */
function vocabularyWord(lang: Lang, value: string): string | undefined {
  for (const labels of [
    ARRANGEMENT_LABELS, RISK_CATEGORY_LABELS, RISK_STATUS_LABELS, ROLE_LABELS, HANDOVER_STATUS_LABELS, NOTICE_STATUS_LABELS, NOTICE_CHANNEL_LABELS, FOLLOWUP_OUTCOME_LABELS,
    COMPENSATION_METHOD_LABELS, COMPENSATION_BASIS_LABELS, NEGOTIATION_KIND_LABELS, MASKABLE_FIELD_LABELS, DATAROOM_END_REASON_LABELS, DATA_CATEGORY_LABELS,
  ] as Record<string, Record<Lang, string>>[]) {
    if (Object.hasOwn(labels, value)) return labels[value]![lang];
  }
  return undefined;
}

/** A value inside a sentence: a word chosen for its detail first; English labels in lower case mid-sentence (not names). */
function sentenceWord(lang: Lang, key: string, value: unknown): string {
  const keyed = typeof value === 'string' && Object.hasOwn(KEYED_VALUES[lang], key) ? own(KEYED_VALUES[lang][key]!, value) : undefined;
  if (keyed) return keyed;
  const word = valueText(lang, key, value);
  return lang === 'en' && word !== value && /^[A-Z][a-z]+$/.test(word.split(' ')[0]!) ? word[0]!.toLowerCase() + word.slice(1) : word;
}

/**
 * An entry's details as a sentence in the user's language (given its action: audit-sentences.ts, and the
 * clients list's bulk actions). An action this build does not know lists its details as they are.
 */
export function auditDetailsText(lang: Lang, details: Record<string, unknown>, action?: string): string {
  const sentence = action ? (bulkAuditSentence(lang, action, details) ?? compensationAuditSentence(lang, action, details) ?? auditSentence(lang, action, details, (k, v) => sentenceWord(lang, k, v))) : null;
  if (sentence !== null) return sentence;
  const [colon, sep] = lang === 'zh-CN' ? ['：', '；'] : [': ', '; '];
  return Object.entries(details)
    .map(([k, v]) => `${own(KEYS[lang], k) ?? k}${colon}${valueText(lang, k, v)}`)
    .join(sep);
}
