/**
 * The clients list's bulk actions (issue 17) as one sentence each in the access log, in the user's
 * language: 将 1,234 个客户的负责人从 张伟 改为 李娜；条件：负责人 张伟 — what changed, for how many
 * clients, and how they were chosen, instead of `count: 1234; owner: 李娜; filter: …`.
 */
type Lang = 'en' | 'zh-CN';

const FILTER_WORDS: Record<Lang, Record<string, string>> = {
  en: { text: 'search', region: 'region', industry: 'industry', owner: 'owner', type: 'type', tag: 'tag', tier: 'tier', includeArchived: 'archived included' },
  'zh-CN': { text: '搜索内容', region: '区域', industry: '行业', owner: '负责人', type: '类型', tag: '标签', tier: '等级', includeArchived: '包含已归档' },
};
const TYPE_WORDS: Record<Lang, Record<string, string>> = {
  en: { company: 'company', individual: 'individual' },
  'zh-CN': { company: '企业', individual: '个人' },
};

const own = (map: Record<string, string>, key: string) => (Object.hasOwn(map, key) ? map[key] : undefined);
const num = (lang: Lang, v: unknown) => (typeof v === 'number' ? v.toLocaleString(lang) : String(v ?? ''));
const list = (lang: Lang, v: unknown) => (Array.isArray(v) ? v.map(String).join(lang === 'zh-CN' ? '、' : ', ') : '');
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** How the clients were chosen: the list's filter in words, or "picked by hand". */
function criteria(lang: Lang, details: Record<string, unknown>): string {
  const zh = lang === 'zh-CN';
  const filter = details.filter;
  if (details.selection !== 'filter' || filter === null || typeof filter !== 'object') return zh ? '逐个选择的客户' : 'picked by hand';
  const parts = Object.entries(filter as Record<string, unknown>).map(([k, v]) => {
    const word = own(FILTER_WORDS[lang], k) ?? k;
    if (k === 'includeArchived') return word;
    return `${word} ${k === 'type' ? (own(TYPE_WORDS[lang], String(v)) ?? String(v)) : String(v)}`;
  });
  if (parts.length === 0) return zh ? '条件：全部客户' : 'chosen: every client';
  return `${zh ? '条件：' : 'chosen by filter: '}${parts.join(zh ? '，' : ', ')}`;
}

/** The part of a sentence that says some clients were already so (changed < count). */
function unchangedNote(lang: Lang, details: Record<string, unknown>): string {
  const { count, changed } = details;
  if (typeof count !== 'number' || typeof changed !== 'number' || changed === count) return '';
  return lang === 'zh-CN' ? `（其中 ${num(lang, changed)} 个有变化）` : ` (${num(lang, changed)} changed)`;
}

function reassignSentence(lang: Lang, d: Record<string, unknown>): string {
  const from = strings(d.from);
  const owners = typeof d.owners === 'number' ? d.owners : from.length;
  const more = owners > from.length;
  if (lang === 'zh-CN') {
    const was = from.length ? `从 ${list(lang, from)}${more ? ` 等 ${num(lang, owners)} 位负责人` : ''} ` : '';
    return `将 ${num(lang, d.count)} 个客户的负责人${was}改为 ${String(d.owner ?? '')}`;
  }
  const was = from.length ? ` from ${list(lang, from)}${more ? ` and ${num(lang, owners - from.length)} others` : ''}` : '';
  return `Owner of ${num(lang, d.count)} clients changed${was} to ${String(d.owner ?? '')}`;
}

function tagSentence(lang: Lang, d: Record<string, unknown>): string {
  const added = strings(d.tagsAdded);
  const removed = strings(d.tagsRemoved);
  if (lang === 'zh-CN') {
    const what = [added.length ? `添加标签 ${list(lang, added)}` : '', removed.length ? `移除标签 ${list(lang, removed)}` : ''].filter(Boolean).join('，');
    return `为 ${num(lang, d.count)} 个客户${what}`;
  }
  const what = [added.length ? `added ${list(lang, added)}` : '', removed.length ? `removed ${list(lang, removed)}` : ''].filter(Boolean).join('; ');
  return `Tags of ${num(lang, d.count)} clients: ${what}`;
}

const SENTENCES: Record<string, (lang: Lang, d: Record<string, unknown>) => string> = {
  'clients.reassign-owner': reassignSentence,
  'clients.tag': tagSentence,
  'clients.archive': (lang, d) => (lang === 'zh-CN' ? `归档 ${num(lang, d.count)} 个客户` : `${num(lang, d.count)} clients archived`),
  'handover.clients-add': (lang, d) => (lang === 'zh-CN' ? `将 ${num(lang, d.count)} 个客户加入交接项目` : `${num(lang, d.count)} clients added to the handover`),
  'clients.unarchive': (lang, d) => (lang === 'zh-CN' ? `取消归档 ${num(lang, d.count)} 个客户` : `${num(lang, d.count)} clients restored`),
};

/** A bulk action's log entry as a sentence, or null for any other action (shown field by field). */
export function bulkAuditSentence(lang: Lang, action: string, details: Record<string, unknown>): string | null {
  const sentence = Object.hasOwn(SENTENCES, action) ? SENTENCES[action] : undefined;
  if (!sentence || typeof details.count !== 'number') return null;
  return `${sentence(lang, details)}${unchangedNote(lang, details)}${lang === 'zh-CN' ? '；' : '; '}${criteria(lang, details)}`;
}
