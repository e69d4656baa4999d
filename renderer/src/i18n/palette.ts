/** The Ctrl/⌘+K palette (issue 17), in both languages. */
export const PALETTE = {
  en: {
    placeholder: 'Go to a page, a handover or a client (name, code or pinyin)', results: 'Results', none: 'Nothing matches.',
    page: 'Page', handover: 'Handover', client: 'Client',
    keys: '↑ ↓ to move · Enter to open · Esc to close · Ctrl/⌘+K search anywhere · Ctrl/⌘+L lock',
    hint: 'Search (Ctrl/⌘+K)',
  },
  'zh-CN': {
    placeholder: '前往页面、交接项目或客户（名称、编号或拼音）', results: '结果', none: '没有匹配的结果。',
    page: '页面', handover: '交接项目', client: '客户',
    keys: '↑ ↓ 选择 · Enter 打开 · Esc 关闭 · 任意页面按 Ctrl/⌘+K 搜索 · Ctrl/⌘+L 锁定',
    hint: '搜索（Ctrl/⌘+K）',
  },
} as const;
