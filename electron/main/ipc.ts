import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL } from '../../shared/contract/channel-names';
import type { HandoverCore } from '../core/core';
import { APP_ORIGIN } from './protocol';

/**
 * The IPC adapter: a call is routed to the core only when it comes from the
 * main window's own top frame, loaded from the app's origin. A null frame or
 * any other origin is refused before the router sees the call.
 */
export function senderIsTrusted(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || window.isDestroyed()) return false;
  if (event.sender !== window.webContents || frame !== window.webContents.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

export function wireIpc(core: HandoverCore, getWindow: () => BrowserWindow | null): void {
  ipcMain.handle(IPC_CALL, async (event, channel: unknown, input: unknown) => {
    if (!senderIsTrusted(event, getWindow())) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Refused: unknown sender' } };
    }
    return core.handle(channel, input);
  });
}
