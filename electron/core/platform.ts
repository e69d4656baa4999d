/** What only the shell can do: native dialogs. The e2e harness answers with temp paths. */
export interface Platform {
  chooseVaultFolder(): Promise<string | null>;
  chooseBackupFile(): Promise<string | null>;
  chooseRestoreFolder(): Promise<string | null>;
  chooseImportFile(): Promise<string | null>;
  chooseDocumentFile(): Promise<string | null>;
  /** A folder to write an export into, or to read one from. */
  chooseFolder(purpose: 'audit-export' | 'audit-verify' | 'notices' | 'dataroom-report' | 'package-open'): Promise<string | null>;
  /** A handover package (.handover) received from a seller. */
  choosePackageFile(): Promise<string | null>;
  /** A public key (.pub), a checkpoint file an auditor holds, a receipt, or an age identity (key.txt) to open a package with. */
  chooseKeyFile(kind: 'public-key' | 'checkpoint' | 'receipt' | 'identity'): Promise<string | null>;
  /** A save dialog; `defaultName`'s extension decides the file filter. */
  chooseSaveTarget(defaultName: string): Promise<string | null>;
}
