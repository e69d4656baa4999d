import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { Platform } from '../core/core';

/**
 * Native dialogs; the chosen paths go back to the core, which alone decides what to do with them.
 * A .handover file the app was opened with answers the next package dialog instead of the dialog.
 */
export function electronPlatform(getWindow: () => BrowserWindow | null, takeOpenedPackage: () => string | null = () => null): Platform {
  const open = async (options: OpenDialogOptions) => {
    const win = getWindow();
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  const folder = (title: string) => open({ title, properties: ['openDirectory', 'createDirectory'] });
  const file = (filters?: { name: string; extensions: string[] }[]) => open({ properties: ['openFile'], ...(filters ? { filters } : {}) });
  return {
    chooseVaultFolder: () => folder('Vault folder'),
    chooseRestoreFolder: () => folder('Restore into folder'),
    chooseBackupFile: () => file([{ name: 'Vault backup', extensions: ['hvbackup'] }]),
    chooseImportFile: () => file([{ name: 'CSV / Excel', extensions: ['csv', 'txt', 'tsv', 'xlsx'] }]),
    choosePackageFile: async () => takeOpenedPackage() ?? file([{ name: 'Handover package', extensions: ['handover'] }]),
    chooseDocumentFile: () => file(),
    chooseFolder: (purpose) => folder(purpose === 'audit-export' ? 'Export the access log into' : purpose === 'notices' ? 'Write the client notices into' : purpose === 'dataroom-report' ? 'Save the session report into' : purpose === 'package-open' ? 'Open the package into (an empty folder)' : 'Audit export folder'),
    chooseKeyFile: (kind) => file(
      kind === 'public-key' ? [{ name: 'minisign public key', extensions: ['pub'] }]
        : kind === 'receipt' ? [{ name: 'Handover receipt', extensions: ['receipt'] }]
          : kind === 'identity' ? [{ name: 'age identity', extensions: ['txt', 'key'] }] : [{ name: 'Checkpoint', extensions: ['txt'] }],
    ),
    async chooseSaveTarget(defaultName) {
      const win = getWindow();
      const ext = defaultName.split('.').pop() ?? '';
      const options = { defaultPath: defaultName, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled ? null : (r.filePath ?? null);
    },
  };
}
