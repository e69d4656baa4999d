import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, CHANNEL_LIST, IPC_CALL, IPC_EVENT } from '../../shared/contract/channel-names';
import type { AppEvent, Bridge } from '../../shared/contract/app-events';

/**
 * The whole bridge: `invoke` for the contract's channels (and no others) and
 * `onEvent` for the core's push events. No ipcRenderer, no Node, no generic
 * send. Validation and authorization happen in the main process regardless.
 */
const allowed = new Set<string>(CHANNEL_LIST);

const bridge: Bridge = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !allowed.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel' } });
    }
    return ipcRenderer.invoke(IPC_CALL, channel, input);
  },
  onEvent(listener) {
    const wrapped = (_e: IpcRendererEvent, event: AppEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
