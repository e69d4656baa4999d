import { create } from 'zustand';
import type { AppInfo, LockReason } from '../../../shared/contract';
import { api } from '../lib/api';
import { setLanguage } from '../i18n';

export type Page = 'workbench' | 'clients' | 'handovers' | 'security' | 'users' | 'audit' | 'receive' | 'settings';
/** A place inside a handover the workbench links to: a tab, and for the wizard one of its steps (for 客户补偿, the list's filter). */
export interface HandoverTarget {
  id: number;
  tab?: 'dashboard' | 'dataroom' | 'compensation' | 'wizard';
  step?: string;
}
/** 'verify': an export or a package checked with no vault (reviewers and auditors have no login). */
export type LockedView = 'unlock' | 'recover' | 'restore' | 'setup' | 'verify' | 'dataroom-ended';

/**
 * View state only. Data a page shows lives in that page's component state, so
 * it disappears with the page when the vault locks; this store keeps nothing
 * from the vault but who is signed in, and forgets that on lock.
 */
interface AppStore {
  info: AppInfo | null;
  page: Page;
  lockedView: LockedView;
  lockNotice: LockReason | null;
  /** The About dialog (header button or the app menu). */
  aboutOpen: boolean;
  /** A client the palette chose: the Clients page opens it, then clears this. */
  clientToOpen: number | null;
  openClient(id: number | null): void;
  /** A wizard step holds edits not saved yet: leaving the page asks first. */
  unsaved: boolean;
  setUnsaved(unsaved: boolean): void;
  /** The handover the Handovers page shows open (null: the list). */
  handoverTarget: HandoverTarget | null;
  /** A .handover file was opened with the app: the Receive page asks the shell for it. */
  packagePending: boolean;
  /** A new recovery key a key rotation made: shown to the administrator until they confirm they wrote it down. */
  newRecoveryKey: string | null;
  setNewRecoveryKey(key: string | null): void;
  refresh(): Promise<AppInfo>;
  setAboutOpen(open: boolean): void;
  setPackagePending(pending: boolean): void;
  setPage(page: Page): void;
  openHandover(target: HandoverTarget | null): void;
  setLockedView(view: LockedView): void;
  locked(reason: LockReason): void;
}

export const useAppStore = create<AppStore>((set, get) => ({
  info: null,
  page: 'workbench',
  lockedView: 'unlock',
  lockNotice: null,
  handoverTarget: null,
  clientToOpen: null,
  openClient: (clientToOpen) => set(clientToOpen === null ? { clientToOpen } : { clientToOpen, page: 'clients', handoverTarget: null }),
  unsaved: false,
  setUnsaved: (unsaved) => set({ unsaved }),
  aboutOpen: false,
  packagePending: false,
  newRecoveryKey: null,
  setNewRecoveryKey: (newRecoveryKey) => set({ newRecoveryKey }),
  async refresh() {
    const info = await api('app.info', {});
    setLanguage(info.language);
    set({ info, ...(info.state === 'unlocked' ? { lockNotice: null } : {}) });
    return info;
  },
  // A nav click shows a page's start: the Handovers page opens on its list.
  setPage: (page) => set({ page, handoverTarget: null }),
  openHandover: (handoverTarget) => set({ page: 'handovers', handoverTarget }),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  setPackagePending: (packagePending) => set({ packagePending }),
  setLockedView: (lockedView) => set({ lockedView }),
  locked(reason) {
    const info = get().info;
    set({
      info: info ? { ...info, state: 'locked', user: null } : null,
      page: 'workbench',
      handoverTarget: null,
      // A data-room session that ended by itself leaves the reviewer at the keyboard: they get the
      // end screen, not the unlock screen (the facilitator who ended it by hand is at the keyboard).
      lockedView: info?.dataroom && reason !== 'dataroom-ended' ? 'dataroom-ended' : 'unlock',
      lockNotice: reason === 'switch' ? null : reason,
      // Not acknowledged: the core shows it again at the next unlock.
      newRecoveryKey: null,
    });
    void get().refresh();
  },
}));
