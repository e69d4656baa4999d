import { dialog, type BrowserWindow } from 'electron';
import type { Platform } from '../core/core';
import { renderPdf } from './print';

/** Native dialogs; the chosen paths go back to the core, which alone decides what to do with them. */
export function electronPlatform(getWindow: () => BrowserWindow | null): Platform {
  const folder = async (title: string) => {
    const win = getWindow();
    const options = { title, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  return {
    renderPdf,
    chooseVaultFolder: () => folder('Vault folder'),
    chooseRestoreFolder: () => folder('Restore into folder'),
    async chooseBackupFile() {
      const win = getWindow();
      const options = { properties: ['openFile'] as 'openFile'[], filters: [{ name: 'Vault backup', extensions: ['hvbackup'] }] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseImportFile() {
      const win = getWindow();
      const options = { properties: ['openFile'] as 'openFile'[], filters: [{ name: 'CSV / Excel', extensions: ['csv', 'txt', 'tsv', 'xlsx'] }] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async choosePackageFile() {
      const win = getWindow();
      const options = { properties: ['openFile'] as 'openFile'[], filters: [{ name: 'Handover package', extensions: ['handover'] }] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseDocumentFile() {
      const win = getWindow();
      const options = { properties: ['openFile'] as 'openFile'[] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    chooseFolder: (purpose) => folder(purpose === 'audit-export' ? 'Export the access log into' : 'Audit export folder'),
    async chooseKeyFile(kind) {
      const win = getWindow();
      const filters = kind === 'public-key' ? [{ name: 'minisign public key', extensions: ['pub'] }] : [{ name: 'Checkpoint', extensions: ['txt'] }];
      const options = { properties: ['openFile'] as 'openFile'[], filters };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseSaveTarget(defaultName) {
      const win = getWindow();
      const ext = defaultName.split('.').pop() ?? '';
      const options = { defaultPath: defaultName, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled ? null : (r.filePath ?? null);
    },
  };
}
