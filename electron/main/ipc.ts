import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CALL } from '../../shared/contract/channel-names';
import type { HandoverCore } from '../core/core';
import { senderIsTrusted } from './sender';

/** The IPC adapter: every call passes the sender check before the router sees it. */
export function wireIpc(core: HandoverCore, getWindow: () => BrowserWindow | null): void {
  ipcMain.handle(IPC_CALL, async (event, channel: unknown, input: unknown) => {
    if (!senderIsTrusted(event, getWindow())) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Refused: unknown sender' } };
    }
    return core.handle(channel, input);
  });
}
