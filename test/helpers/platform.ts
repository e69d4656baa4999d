import type { Platform } from '../../electron/core/core';

export type Answers = Partial<Record<keyof Platform, (string | null)[]>>;

/** A Platform whose dialogs answer with whatever the test queued (null when nothing is queued: "cancelled"). */
export function queuedPlatform(answers: Answers): Platform {
  const next = (k: keyof Platform) => async () => answers[k]?.shift() ?? null;
  return {
    chooseVaultFolder: next('chooseVaultFolder'),
    chooseBackupFile: next('chooseBackupFile'),
    chooseRestoreFolder: next('chooseRestoreFolder'),
    chooseImportFile: next('chooseImportFile'),
    chooseDocumentFile: next('chooseDocumentFile'),
    chooseSaveTarget: next('chooseSaveTarget'),
    chooseFolder: next('chooseFolder'),
    chooseKeyFile: next('chooseKeyFile'),
    choosePackageFile: next('choosePackageFile'),
  };
}
