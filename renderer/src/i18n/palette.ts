/** The Ctrl/⌘+K palette (issue 17), in both languages. */
export const PALETTE = {
  en: {
    placeholder: 'Go to a page, a handover or a client (name, code or pinyin)', results: 'Results', none: 'Nothing matches.',
    page: 'Page', handover: 'Handover', client: 'Client',
    keys: '↑ ↓ to move · Enter to open · Esc to close · Ctrl/⌘+K search anywhere · Ctrl/⌘+L lock',
    hint: 'Search (Ctrl/⌘+K)',
    all: 'All shortcuts (?)',
    shortcuts: {
      title: 'Keyboard shortcuts',
      search: 'Search clients, handovers and pages from anywhere',
      lock: 'Lock the vault',
      help: 'Show this list',
      palette: 'In the search box: move, open, close',
      viewer: 'Data-room document viewer: previous / next page, first / last page',
    },
  },
  'zh-CN': {
    placeholder: '前往页面、交接项目或客户（名称、编号或拼音）', results: '结果', none: '没有匹配的结果。',
    page: '页面', handover: '交接项目', client: '客户',
    keys: '↑ ↓ 选择 · Enter 打开 · Esc 关闭 · 任意页面按 Ctrl/⌘+K 搜索 · Ctrl/⌘+L 锁定',
    hint: '搜索（Ctrl/⌘+K）',
    all: '全部快捷键（?）',
    shortcuts: {
      title: '键盘快捷键',
      search: '在任意页面搜索客户、交接项目和页面',
      lock: '锁定保险库',
      help: '显示本列表',
      palette: '在搜索框中：选择、打开、关闭',
      viewer: '数据室文档查看器：上一页/下一页、首页/末页',
    },
  },
} as const;
