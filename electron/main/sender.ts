import { APP_ORIGIN } from './app-origin';

/** The parts of Electron's IPC event the sender check reads (kept structural so it is testable under Node). */
export interface SenderFacts {
  sender: unknown;
  senderFrame: { url: string } | null;
}
export interface WindowFacts {
  webContents: { mainFrame: unknown };
  isDestroyed(): boolean;
}

/**
 * A call is trusted only when it comes from the main window's own top frame,
 * loaded from the app's origin. A null frame (navigated or destroyed), a
 * subframe, another window or any other origin is refused.
 */
export function senderIsTrusted(event: SenderFacts, window: WindowFacts | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || window.isDestroyed()) return false;
  if (event.sender !== window.webContents || frame !== window.webContents.mainFrame) return false;
  try {
    // Not URL.origin: for a non-special scheme such as app: it is the string "null".
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
