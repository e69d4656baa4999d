import { BrowserWindow, session } from 'electron';

const PARTITION = 'handover-print';
let hardened = false;

/**
 * HTML the core built (escaped, self-contained) printed to PDF by Chromium,
 * in a hidden window of its own in-memory session: scripts off, and that
 * session refuses every request but the one data: URL.
 */
export async function renderPdf(html: string): Promise<Buffer> {
  const ses = session.fromPartition(PARTITION, { cache: false });
  if (!hardened) {
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setSpellCheckerEnabled(false);
    ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
    hardened = true;
  }
  const win = new BrowserWindow({
    show: false,
    webPreferences: { session: ses, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: false, webviewTag: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
  } finally {
    win.destroy();
  }
}
