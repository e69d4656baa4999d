import { app, BrowserWindow, powerMonitor } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IPC_EVENT } from '../../shared/contract/channel-names';
import { HandoverCore } from '../core/core';
import { useNativeBinding } from '../core/vault/database';
import { hardenSession } from './hardening';
import { wireIpc } from './ipc';
import { electronPlatform } from './platform';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow } from './window';

// Before ready: sandbox every renderer, our scheme, one instance only.
app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

/**
 * The native SQLite module is built twice: by `npm ci` for Node (tests, CLI)
 * and by `npm start`'s prestart for Electron's ABI into .native/ (see
 * scripts/native-electron.mjs). The app loads the Electron build explicitly.
 */
function selectNativeBinding(): void {
  const built = join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  if (existsSync(built)) useNativeBinding(built);
}

let inDataRoom = false;

function setDataRoomMode(window: BrowserWindow, on: boolean): void {
  inDataRoom = on;
  window.setContentProtection(on);
  window.setKiosk(on);
  window.setClosable(!on);
  window.setMinimizable(!on);
}

function start(): void {
  let window: BrowserWindow | null = null;
  const getWindow = () => window;

  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    selectNativeBinding();
    hardenSession();
    serveRenderer(join(__dirname, '../renderer'));
    const core = new HandoverCore({
      appDataDir: process.env.HANDOVER_HOME ?? app.getPath('userData'),
      platform: electronPlatform(getWindow),
      systemLanguage: app.getLocale().startsWith('zh') ? 'zh-CN' : 'en',
      emit: (event) => {
        if (!window || window.isDestroyed()) return;
        // Data-room mode: full screen, no way out from the keyboard, screen capture blocked where the OS allows.
        if (event.type === 'dataroom.started') setDataRoomMode(window, true);
        if (event.type === 'vault.locked') setDataRoomMode(window, false);
        window.webContents.send(IPC_EVENT, event);
      },
    });
    wireIpc(core, getWindow);
    powerMonitor.on('lock-screen', () => core.lock('os-lock'));
    powerMonitor.on('suspend', () => core.lock('suspend'));
    window = createMainWindow(join(__dirname, '../preload'), !app.isPackaged);
    // Closing the window (Alt+F4, Cmd+Q) does not end a data-room session: only the facilitator does.
    window.on('close', (e) => {
      if (inDataRoom) e.preventDefault();
    });
    window.on('closed', () => {
      window = null;
    });
    app.on('before-quit', (e) => {
      if (inDataRoom) {
        e.preventDefault();
        return;
      }
      core.dispose();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
