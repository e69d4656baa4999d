import { app, BrowserWindow, Menu, powerMonitor, screen } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IPC_EVENT } from '../../shared/contract/channel-names';
import type { AppEvent } from '../../shared/contract';
import { HandoverCore } from '../core/core';
import { useNativeBinding } from '../core/db/database';
import { runCliMode } from './cli-mode';
import { DataroomShell } from './dataroom-shell';
import { hardenSession } from './hardening';
import { wireIpc } from './ipc';
import { appDataDirFor, cliArguments, isDeveloperRun, packageFileFrom } from './launch';
import { menuTemplate, type MenuLanguage } from './menu';
import { electronPlatform } from './platform';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow } from './window';
import { readWindowState, writeWindowState } from './window-state';

/**
 * The native SQLite module is built twice: by `npm ci` for Node (tests, CLI)
 * and by `npm start`'s prestart for Electron's ABI into .native/ (see
 * scripts/native-electron.mjs). The app loads the Electron build explicitly;
 * the installed app has node_modules rebuilt for Electron by the packager.
 */
function selectNativeBinding(): void {
  const built = join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  if (existsSync(built)) useNativeBinding(built);
}

const cliArgs = cliArguments(process.argv);
if (cliArgs) {
  // The CLI in the app's own process: no window, no lock, no sandbox or scheme to set up.
  selectNativeBinding();
  runCliMode(cliArgs);
} else {
  // Before ready: sandbox every renderer, our scheme, one instance only.
  app.enableSandbox();
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    startApp();
  }
}

function startApp(): void {
  const developer = isDeveloperRun(process.argv, app.isPackaged);
  const appDataDir = appDataDirFor({ developer, env: process.env, userData: app.getPath('userData') });
  let window: BrowserWindow | null = null;
  let core: HandoverCore | null = null;
  // A .handover file given to this launch, a later one or macOS's open-file; the Receive page takes it.
  let openedPackage = packageFileFrom(process.argv, process.cwd());
  const getWindow = () => window;
  const send = (event: AppEvent) => {
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, event);
  };
  const dataroom = new DataroomShell((what) => {
    void core?.handle('dataroom.refused', { what });
    send({ type: 'shell.refused', what });
  });
  const applyMenu = async () => {
    const info = await core?.handle('app.info', {});
    const language: MenuLanguage = info?.ok && (info.value as { language: string }).language === 'en' ? 'en' : 'zh-CN';
    const template = menuTemplate(language, process.platform, dataroom.inSession, () => send({ type: 'shell.about' }));
    Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
  };
  const offerPackage = (file: string | null) => {
    if (!file || dataroom.inSession) return; // a data-room session shows nothing else
    openedPackage = file;
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    send({ type: 'shell.packageOpened' });
  };

  app.on('second-instance', (_event, argv, cwd) => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
    offerPackage(packageFileFrom(argv, cwd));
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    offerPackage(path);
  });

  void app.whenReady().then(() => {
    selectNativeBinding();
    hardenSession();
    serveRenderer(join(__dirname, '../renderer'));
    const platform = electronPlatform(getWindow, () => {
      const file = openedPackage;
      openedPackage = null;
      return file;
    });
    const handover = new HandoverCore({
      appDataDir,
      platform,
      systemLanguage: app.getLocale().startsWith('zh') ? 'zh-CN' : 'en',
      emit: (event) => {
        if (event.type === 'dataroom.started') dataroom.set(window, true);
        if (event.type === 'vault.locked') dataroom.set(window, false);
        if (event.type === 'dataroom.started' || event.type === 'vault.locked') void applyMenu();
        send(event);
      },
    });
    core = handover;
    wireIpc(handover, getWindow, (channel) => {
      if (channel === 'app.setLanguage') void applyMenu();
      // The page asks for app.info once its event listener is in place (and after every unlock).
      if (channel === 'app.info' && openedPackage) setImmediate(() => send({ type: 'shell.packageOpened' }));
    });
    void applyMenu();
    powerMonitor.on('lock-screen', () => handover.lock('os-lock'));
    powerMonitor.on('suspend', () => handover.lock('suspend'));

    const workAreas = screen.getAllDisplays().map((d) => d.workArea);
    window = createMainWindow({
      preloadDir: join(__dirname, '../preload'),
      devTools: developer,
      icon: join(app.getAppPath(), 'resources/icons/512x512.png'),
      state: readWindowState(appDataDir, workAreas),
    });
    dataroom.attach(window);
    window.on('close', () => {
      // Kiosk bounds are the whole screen: remember the window as the staff left it, not the data room.
      if (!window || dataroom.inSession) return;
      try {
        writeWindowState(appDataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
      } catch {
        // Not remembering the window is no reason to stop closing it.
      }
    });
    window.on('closed', () => {
      window = null;
    });
    app.on('before-quit', (e) => {
      if (dataroom.inSession) {
        e.preventDefault();
        return;
      }
      handover.dispose();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
