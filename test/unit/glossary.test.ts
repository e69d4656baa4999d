import { describe, expect, it } from 'vitest';
import { REPORT_TEXT } from '../../electron/core/handovers/report';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { WIZARD_LISTS } from '../../renderer/src/i18n/wizard-lists';
import { auditActionCatalog } from '../../shared/audit/actions';
import { COMMANDS } from '../../electron/cli/index';
import { COMMON_OPTIONS } from '../../electron/cli/command';
import { CLI_TEXT } from '../../shared/i18n/cli-text';
import { auditDetailsText } from '../../shared/i18n/audit-details';
import { ERROR_MESSAGES } from '../../shared/i18n/errors';
import { CHECK_TITLES, noticeText } from '../../shared/i18n/handover';
import { FIELD_LABELS, PROBLEM_MESSAGES } from '../../shared/i18n/problems';

/**
 * ../shared/GLOSSARY.md: one concept, one word. Every Chinese string the user can read (the zh-CN
 * catalog, shared texts, the report PDF's labels, the client notice) is checked for the words the
 * glossary says to avoid, outside the contexts it allows.
 */
const AVOIDED: { word: string; use: string }[] = [
  { word: '关口', use: '导出前置条件' },
  { word: '越过', use: '豁免' },
  { word: '资料室', use: '数据室' },
  { word: '监督人', use: '陪同人' },
  { word: '主持', use: '陪同人' },
  { word: '遮蔽', use: '脱敏' },
  { word: '核对', use: '核验' },
  { word: '口令', use: '密码' },
  { word: '接收方', use: '买方加密公钥（接收方 only in PIPL text）' },
  { word: '交易对方', use: '买方信息' },
  { word: '下一日期', use: '下一个节点' },
  { word: '等级', use: '风险值（等级 only for the client tier）' },
  { word: '谈判', use: '协商记录' },
  { word: '赔偿', use: '客户补偿' },
  { word: '保密', use: '保密协议' },
  { word: '完整性', use: '资料完整度' },
  { word: '数据室访客', use: '数据室审阅人' },
  // Not in GLOSSARY.md's table but its first rule (one concept, one word): the client field is 区域 in the list, the
  // record, the filters and the import; the scope step, compensation and the access scope said 地区 for the same field.
  { word: '地区', use: '区域（客户字段的名称）' },
];

/** Where the glossary keeps a word: 接收方 is the PIPL term for a data recipient; 等级 is the client tier (A/B/C). */
const ALLOWED: Record<string, RegExp> = {
  接收方: /^(handover\.crossBorder|handover\.crossBorderNone|handover\.crossBorderWarn|checkTitles\.pipl-|checkTitles\.gdpr-|notice\.|report\.overseas$)/,
  等级: /^(value\.(tier|byTier|weightsHint)|access\.tiers|handover\.(scope\.tiers|tier)|fields\.importance|auditDetails\.scope|cli\.user\.scope\.tier|cli\.text\.scope\.tiers)$/,
};

function leaves(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}.${i}`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  return out;
}

const notice = noticeText({ ref: 'N-1', client: '东方客户', contact: '张伟', buyer: '北方收购集团', buyerContact: '王经理 010-1234', effective: '2026-12-01', deadline: '2027-01-12', sellerContact: '李四 021-5555' });
const zhNotice = notice.find((n) => n.lang === 'zh-CN');

const TEXTS: [string, string][] = [
  ...leaves(zhCN, '', []),
  ...leaves(WIZARD_LISTS['zh-CN'], 'wizardList', []),
  ...leaves(ERROR_MESSAGES['zh-CN'], 'errors', []),
  ...leaves(PROBLEM_MESSAGES['zh-CN'], 'problems', []),
  ...leaves(FIELD_LABELS['zh-CN'], 'fields', []),
  ...leaves(auditActionCatalog('zh-CN'), 'actions', []),
  ...leaves(CHECK_TITLES['zh-CN'], 'checkTitles', []),
  ...leaves(REPORT_TEXT['zh-CN'], 'report', []),
  ...leaves({ title: zhNotice?.title, paragraphs: zhNotice?.paragraphs }, 'notice', []),
  // The access log's details as the Access log page shows them (a scope change names its fields).
  ['auditDetails.scope', auditDetailsText('zh-CN', { tiers: 'A', regions: '华东', industries: '制造业', owners: '张伟', tags: '重点' })],
  // The CLI's Chinese option help (`HANDOVER_LANG=zh-CN handover … --help`), its summaries and notes, and every line it prints (its catalog).
  ...[...COMMANDS.flatMap((c) => Object.entries(c.options).map(([k, o]) => [`cli.${c.path.join('.')}.${k}`, o.description['zh-CN']] as [string, string])),
    ...Object.entries(COMMON_OPTIONS).map(([k, o]) => [`cli.${k}`, o.description['zh-CN']] as [string, string])],
  ...COMMANDS.map((c) => [`cli.${c.path.join('.')}.summary`, c.summary['zh-CN']] as [string, string]),
  ...COMMANDS.flatMap((c) => (c.notes ?? []).filter((n) => n.en !== n['zh-CN']).map((n, i) => [`cli.${c.path.join('.')}.note${i}`, n['zh-CN']] as [string, string])),
  ...Object.entries(CLI_TEXT).map(([k, t]) => [`cli.text.${k}`, t['zh-CN']] as [string, string]),
];

/** Occurrences of `word` that the glossary does not allow in `path`. 保密 is fine inside 保密协议. */
function avoidedUse(path: string, text: string, word: string): boolean {
  const rest = word === '保密' ? text.replaceAll('保密协议', '') : text;
  if (!rest.includes(word)) return false;
  return !ALLOWED[word]?.test(path);
}

const CJK = '[\\u3400-\\u9fff\\uff08\\uff09\\uff0c\\uff1a\\uff1b\\u3002]';
/** ASCII , : ; ( ) touching a Chinese character (interpolations like {{n}} and ids like A/B are fine). */
const ASCII_PUNCT_NEXT_TO_CHINESE = new RegExp(`${CJK}\\s?[,:;()]|[,:;()]\\s?${CJK}`);

describe('zh-CN glossary', () => {
  it('reads a real catalog (guards the test itself)', () => {
    expect(TEXTS.length).toBeGreaterThan(600);
    expect(TEXTS.some(([p, s]) => p === 'handover.gates.title' && s === '导出前置条件')).toBe(true);
  });

  it.each(AVOIDED)('no string uses $word outside the allowed contexts (use $use)', ({ word }) => {
    const offenders = TEXTS.filter(([path, text]) => avoidedUse(path, text, word)).map(([path, text]) => `${path}: ${text}`);
    expect(offenders).toEqual([]);
  });

  it('the allowed contexts are real: 接收方 stays in the PIPL notice, 等级 names the client tier', () => {
    expect(zhNotice?.paragraphs.join('')).toContain('接收方');
    expect(zhCN.value.tier).toBe('等级');
    expect(avoidedUse('handover.risk.level', '等级', '等级')).toBe(true);
    expect(avoidedUse('handover.steps.nda', '保密协议', '保密')).toBe(false);
    expect(avoidedUse('handover.steps.nda', '保密', '保密')).toBe(true);
  });

  it('Chinese text uses full-width punctuation: no ASCII , : ; ( ) next to a Chinese character', () => {
    // A quoted command-line example ("region=华东,华南;tier=A") is typed as it is: its , and ; are the CLI's syntax.
    const offenders = TEXTS.filter(([, text]) => ASCII_PUNCT_NEXT_TO_CHINESE.test(text.replace(/"[^"]*"/g, '""'))).map(([path, text]) => `${path}: ${text}`);
    expect(offenders).toEqual([]);
  });

  it('the zh-CN app name is Chinese only (the English name belongs in About)', () => {
    expect(zhCN.app.name).toBe('客户交接保险库');
  });
});
