/** Events the core pushes to the renderer. */
export type LockReason = 'manual' | 'idle' | 'os-lock' | 'suspend' | 'restore' | 'switch' | 'dataroom-expired' | 'dataroom-ended';
export type AppEvent =
  | { type: 'vault.locked'; reason: LockReason }
  | { type: 'dataroom.started'; sessionId: string }
  | { type: 'job.progress'; jobId: string; done: number; total: number; unit?: 'bytes' | 'items' }
  // An unlock that first rebuilds the search index (after an upgrade that changed it): clients done of all.
  | { type: 'vault.unlock-progress'; step: 'search-index'; done: number; total: number }
  // From the Electron shell: its menu's About, a .handover file opened with the app (the Receive
  // page asks for it through dialog.choosePackageFile), a shortcut its keyboard guard refused.
  | { type: 'shell.about' }
  | { type: 'shell.packageOpened' }
  | { type: 'shell.refused'; what: 'copy' | 'print' | 'save' | 'navigate' | 'devtools' };

/** The only thing the preload puts on `window`. */
export interface Bridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}
