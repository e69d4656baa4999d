/** The About dialog and the shell's own notices (menu About, a package opened with the app). */
export const ABOUT = {
  en: {
    open: 'About',
    title: 'About Handover Vault',
    names: 'Handover Vault · 客户交接保险库',
    version: 'Version {{version}}',
    vault: 'Vault folder',
    offline: 'Works offline: the app never opens a network connection.',
    components: 'Bundled components and their licences',
    component: 'Component',
    licence: 'Licence',
    purpose: 'Used for',
    uses: {
      electron: 'desktop shell', chromium: 'window and rendering (inside Electron)', node: 'runtime (inside Electron)', react: 'user interface', antd: 'user interface components',
      icons: 'icons', i18next: 'languages', zustand: 'view state', zod: 'input checks', sqlite: 'encrypted database (SQLite3MultipleCiphers)',
      sodium: 'keys and signatures (libsodium)', papaparse: 'CSV import', exceljs: 'Excel import', pdfjs: 'document viewer', pinyin: 'pinyin search', fflate: 'compression',
    },
  },
  'zh-CN': {
    open: '关于',
    title: '关于客户交接保险库',
    names: '客户交接保险库 · Handover Vault',
    version: '版本 {{version}}',
    vault: '保险库文件夹',
    offline: '完全离线：本应用从不建立任何网络连接。',
    components: '内置组件及其许可证',
    component: '组件',
    licence: '许可证',
    purpose: '用途',
    uses: {
      electron: '桌面外壳', chromium: '窗口与页面渲染（Electron 内置）', node: '运行环境（Electron 内置）', react: '用户界面', antd: '界面组件',
      icons: '图标', i18next: '多语言', zustand: '界面状态', zod: '输入校验', sqlite: '加密数据库（SQLite3MultipleCiphers）',
      sodium: '密钥与签名（libsodium）', papaparse: 'CSV 导入', exceljs: 'Excel 导入', pdfjs: '文档查看', pinyin: '拼音搜索', fflate: '压缩',
    },
  },
} as const;
