import { create } from 'zustand';
import type { AppInfo, LockReason } from '../../../shared/contract';
import { api } from '../lib/api';
import { setLanguage } from '../i18n';

export type Page = 'clients' | 'handovers' | 'security' | 'users' | 'audit' | 'receive' | 'settings';
export type LockedView = 'unlock' | 'recover' | 'restore' | 'setup';

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
  /** A .handover file was opened with the app: the Receive page asks the shell for it. */
  packagePending: boolean;
  refresh(): Promise<AppInfo>;
  setAboutOpen(open: boolean): void;
  setPackagePending(pending: boolean): void;
  setPage(page: Page): void;
  setLockedView(view: LockedView): void;
  locked(reason: LockReason): void;
}

export const useAppStore = create<AppStore>((set, get) => ({
  info: null,
  page: 'clients',
  lockedView: 'unlock',
  lockNotice: null,
  aboutOpen: false,
  packagePending: false,
  async refresh() {
    const info = await api('app.info', {});
    setLanguage(info.language);
    set({ info, ...(info.state === 'unlocked' ? { lockNotice: null } : {}) });
    return info;
  },
  setPage: (page) => set({ page }),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  setPackagePending: (packagePending) => set({ packagePending }),
  setLockedView: (lockedView) => set({ lockedView }),
  locked(reason) {
    const info = get().info;
    set({
      info: info ? { ...info, state: 'locked', user: null } : null,
      page: 'clients',
      lockedView: 'unlock',
      lockNotice: reason === 'switch' ? null : reason,
    });
    void get().refresh();
  },
}));
