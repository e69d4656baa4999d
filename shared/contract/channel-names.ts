/**
 * The contract's channel names alone, without schemas, for the sandboxed
 * preload (which cannot load zod). channels.ts checks at compile time that
 * this list and the contract's keys are the same set.
 */
export const CHANNEL_LIST = [
  'app.info',
  'app.setLanguage',
  'dialog.chooseVaultFolder',
  'dialog.chooseBackupFile',
  'dialog.chooseRestoreFolder',
  'vault.create',
  'vault.open',
  'vault.unlock',
  'vault.recover',
  'vault.lock',
  'vault.security',
  'vault.backup',
  'vault.restore',
  'job.cancel',
  'users.list',
  'users.add',
  'users.setDisabled',
  'users.changePassphrase',
  'settings.setIdleMinutes',
  'session.activity',
  'dialog.chooseImportFile',
  'clients.search',
  'clients.facets',
  'clients.get',
  'clients.create',
  'clients.update',
  'clients.archive',
  'clients.importPreview',
  'clients.importCheck',
  'clients.importRun',
  'clients.saveRejected',
  'clients.export',
  'dialog.chooseDocumentFile',
  'documents.list',
  'documents.attach',
  'documents.export',
  'documents.preview',
  'clients.value',
  'clients.setValueWeights',
  'clients.addTransaction',
  'clients.addCommunication',
  'clients.purge',
  'clients.savedFilters',
  'clients.saveFilter',
  'clients.deleteFilter',
  'clients.reveal',
  'roles.list',
  'roles.save',
  'roles.delete',
  'users.setRole',
  'users.setScope',
  'audit.query',
  'audit.stats',
  'audit.facets',
  'dialog.chooseAuditFolder',
  'dialog.chooseKeyFile',
  'audit.export',
  'audit.verify',
  'keys.show',
  'keys.exportPub',
] as const;

/** IPC channel names used by the Electron adapter (renderer <-> main). */
export const IPC_CALL = 'handover:call';
export const IPC_EVENT = 'handover:event';

/** The one name the preload puts on `window`. */
export const BRIDGE_KEY = 'handover';
