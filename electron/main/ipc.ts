import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CALL } from '../../shared/contract/channel-names';
import type { HandoverCore } from '../core/core';
import { senderIsTrusted } from './sender';

/**
 * The IPC adapter: every call passes the sender check before the router sees it.
 * `afterCall` lets the shell follow what the page did (a language change redraws
 * the menu) without reading the call's data.
 */
export function wireIpc(core: HandoverCore, getWindow: () => BrowserWindow | null, afterCall: (channel: string) => void = () => undefined): void {
  ipcMain.handle(IPC_CALL, async (event, channel: unknown, input: unknown) => {
    if (!senderIsTrusted(event, getWindow())) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Refused: unknown sender' } };
    }
    const result = await core.handle(channel, input);
    if (result.ok) afterCall(String(channel));
    return result;
  });
}
