import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './protocol';
import { DEFAULT_SIZE, MIN_SIZE, type WindowState } from './window-state';

export interface MainWindowOptions {
  preloadDir: string;
  /** Only for a development run or an explicit --developer (launch.ts). */
  devTools: boolean;
  icon: string;
  /** Where the staff left the window last time, if it still fits on a screen. */
  state: WindowState | null;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...(opts.state ? opts.state.bounds : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Handover Vault',
    icon: opts.icon,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(opts.preloadDir, 'index.js'),
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
      devTools: opts.devTools,
    },
  });
  if (opts.state?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
