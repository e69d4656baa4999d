import type { MenuItemConstructorOptions } from 'electron';

export type MenuLanguage = 'zh-CN' | 'en';

const LABELS = {
  'zh-CN': {
    app: '客户交接保险库', file: '文件', edit: '编辑', window: '窗口', help: '帮助',
    about: '关于客户交接保险库', quit: '退出', quitApp: '退出客户交接保险库', hide: '隐藏客户交接保险库', hideOthers: '隐藏其他', showAll: '全部显示',
    undo: '撤销', redo: '重做', cut: '剪切', copy: '复制', paste: '粘贴', selectAll: '全选', minimize: '最小化', zoom: '缩放',
  },
  en: {
    app: 'Handover Vault', file: 'File', edit: 'Edit', window: 'Window', help: 'Help',
    about: 'About Handover Vault', quit: 'Quit', quitApp: 'Quit Handover Vault', hide: 'Hide Handover Vault', hideOthers: 'Hide Others', showAll: 'Show All',
    undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All', minimize: 'Minimize', zoom: 'Zoom',
  },
} as const;

/**
 * The application menu of a released app: no Reload, no Toggle DevTools, no View
 * menu at all. An Edit menu only on macOS, where text fields need its roles for
 * Cmd+C/V; on Windows and Linux Chromium handles those keys in a field by itself.
 * In a data-room session: nothing to quit, edit or copy with (null on Windows and
 * Linux means no menu; macOS always shows an app menu, so it keeps About alone).
 */
export function menuTemplate(language: MenuLanguage, platform: NodeJS.Platform, inDataRoom: boolean, showAbout: () => void): MenuItemConstructorOptions[] | null {
  const l = LABELS[language];
  const about: MenuItemConstructorOptions = { label: l.about, click: showAbout };
  if (platform === 'darwin') {
    if (inDataRoom) return [{ label: l.app, submenu: [about] }];
    return [
      { label: l.app, submenu: [about, { type: 'separator' }, { role: 'hide', label: l.hide }, { role: 'hideOthers', label: l.hideOthers }, { role: 'unhide', label: l.showAll }, { type: 'separator' }, { role: 'quit', label: l.quitApp }] },
      { label: l.edit, submenu: [{ role: 'undo', label: l.undo }, { role: 'redo', label: l.redo }, { type: 'separator' }, { role: 'cut', label: l.cut }, { role: 'copy', label: l.copy }, { role: 'paste', label: l.paste }, { role: 'selectAll', label: l.selectAll }] },
      { label: l.window, submenu: [{ role: 'minimize', label: l.minimize }, { role: 'zoom', label: l.zoom }] },
    ];
  }
  if (inDataRoom) return null;
  return [
    { label: l.file, submenu: [{ role: 'quit', label: l.quit }] },
    { label: l.help, submenu: [about] },
  ];
}

/** Every role a template uses, flattened (the menu test checks no reload or DevTools role sneaks in). */
export function menuRoles(template: MenuItemConstructorOptions[] | null): string[] {
  const out: string[] = [];
  const walk = (items: MenuItemConstructorOptions[]) => {
    for (const item of items) {
      if (item.role) out.push(item.role);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(template ?? []);
  return out;
}
