import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './protocol';

export function createMainWindow(preloadDir: string, devTools: boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 420,
    minHeight: 560,
    show: false,
    title: 'Handover Vault',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(preloadDir, 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
