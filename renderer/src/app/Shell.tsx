import { App, Badge, Button, Flex, Grid, Layout, Menu, Tooltip, Typography } from 'antd';
import { AuditOutlined, ContactsOutlined, DesktopOutlined, MenuFoldOutlined, MenuUnfoldOutlined, SearchOutlined, SwapOutlined, InboxOutlined, LockOutlined, SafetyOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onCallDone } from '../lib/api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { AuditPage } from '../features/audit/AuditPage';
import { ClientsPage } from '../features/clients/ClientsPage';
import { HandoversPage } from '../features/handovers/HandoversPage';
import { ReceivePage } from '../features/receive/ReceivePage';
import { SecurityPage } from '../features/security/SecurityPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UsersPage } from '../features/users/UsersPage';
import { WorkbenchPage } from '../features/workbench/WorkbenchPage';
import { CommandPalette } from '../features/palette/CommandPalette';
import { ShortcutsHelp, useShortcutsHelpKey } from '../features/palette/ShortcutsHelp';
import { useAppStore, type Page } from './store';
import { AboutButton, AppMark } from '../features/about/AppMark';

const ACTIVITY_PING_MS = 30_000;

/** Tell the core someone is at the keyboard (it owns the idle timer), at most every 30 s. */
function useActivityPing(): void {
  useEffect(() => {
    let last = 0;
    const ping = () => {
      const now = Date.now();
      if (now - last > ACTIVITY_PING_MS) {
        last = now;
        void api('session.activity', {}).catch(() => undefined);
      }
    };
    const events = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
    events.forEach((e) => window.addEventListener(e, ping, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, ping));
  }, []);
}

function useLockShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void api('vault.lock', {});
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The calls after which the approvals waiting for me may have changed (submit, approve, 驳回, a voiding change). */
const MAY_CHANGE_APPROVALS = /^(handovers|compensation)\./;

/**
 * How many approvals wait for me, for the nav badge: asked again on every page change and shortly
 * after any handover or compensation call succeeds (one ask for a burst of calls).
 */
function useApprovalsWaiting(enabled: boolean, page: Page): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => api('workbench.summary', {}).then((w) => live && setCount(w.approvals.length), () => undefined);
    void ask();
    const stop = onCallDone((channel) => {
      if (!MAY_CHANGE_APPROVALS.test(channel)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void ask(), 250);
    });
    return () => {
      live = false;
      clearTimeout(timer);
      stop();
    };
  }, [enabled, page]);
  return count;
}

/** Ctrl/⌘+K from anywhere in the shell opens the palette (issue 17). */
function usePaletteShortcut(open: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}

export function Shell() {
  const { t } = useTranslation();
  const user = useAppStore((s) => s.info?.user);
  const page = useAppStore((s) => s.page);
  const setPage = useAppStore((s) => s.setPage);
  const [collapsed, setCollapsed] = useState(false);
  const { modal } = App.useApp();
  const [paletteOpen, setPaletteOpen] = useState(false);
  // Below md (768 px) the toolbar's buttons show their icons only, so it stays one line above the page title.
  const compact = Grid.useBreakpoint().md === false;
  const showPalette = useCallback(() => setPaletteOpen(true), []);
  usePaletteShortcut(showPalette);
  const [helpOpen, setHelpOpen] = useState(false);
  const showHelp = useCallback(() => setHelpOpen(true), []);
  useShortcutsHelpKey(showHelp);
  useActivityPing();
  useLockShortcut();
  const perms = user?.permissions ?? [];
  const canReadClients = perms.includes('clients.read');
  const canManageUsers = perms.includes('users.manage');
  const canAudit = perms.includes('audit.read');
  const canReceive = perms.includes('packages.receive');
  const approvalsWaiting = useApprovalsWaiting(canReadClients && perms.includes('handover.approve'), page);
  // A role without client access (an auditor) starts on the access log, or on Security.
  const fallback: Page = canAudit ? 'audit' : 'security';
  const shown: Page = (page === 'workbench' && !canReadClients) || (page === 'clients' && !canReadClients) || (page === 'handovers' && !canReadClients) || (page === 'users' && !canManageUsers) || (page === 'audit' && !canAudit) || (page === 'receive' && !canReceive) ? fallback : page;
  /** A wizard step with unsaved edits: ask before the nav takes the user away. */
  const leavePage = (go: () => void) => {
    if (!useAppStore.getState().unsaved) return go();
    modal.confirm({
      title: t('handover.leave.title'), content: t('handover.leave.body'), okText: t('handover.leave.discard'), cancelText: t('handover.leave.stay'), okButtonProps: { danger: true },
      onOk: () => {
        useAppStore.getState().setUnsaved(false);
        go();
      },
    });
  };
  if (!user) return null;
  const items = [
    ...(canReadClients ? [{
      key: 'workbench', icon: <DesktopOutlined />,
      label: <Flex justify="space-between" align="center" gap={8}>{t('workbench.nav')}{approvalsWaiting > 0 && <Badge count={approvalsWaiting} size="small" title={t('workbench.approvals.title')} data-testid="nav-approvals-badge" />}</Flex>,
    }] : []),
    ...(canReadClients ? [{ key: 'clients', icon: <ContactsOutlined />, label: t('shell.clients') }] : []),
    ...(canReadClients ? [{ key: 'handovers', icon: <SwapOutlined />, label: t('handover.nav') }] : []),
    ...(canAudit ? [{ key: 'audit', icon: <AuditOutlined />, label: t('shell.audit') }] : []),
    ...(canReceive ? [{ key: 'receive', icon: <InboxOutlined />, label: t('shell.receive') }] : []),
    { key: 'security', icon: <SafetyOutlined />, label: t('shell.security') },
    ...(canManageUsers ? [{ key: 'users', icon: <TeamOutlined />, label: t('shell.users') }] : []),
    { key: 'settings', icon: <SettingOutlined />, label: t('shell.settings') },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider className="app-sider" breakpoint="md" collapsedWidth={56} theme="light" width={200} collapsed={collapsed} onCollapse={setCollapsed} trigger={null}>
        <div className="brand" data-testid="brand"><AppMark size={24} />{!collapsed && <span>{t('app.name')}</span>}</div>
        <Menu mode="inline" selectedKeys={[shown]} items={items} onClick={(e) => leavePage(() => setPage(e.key as Page))} data-testid="nav" />
        <Tooltip title={collapsed ? t('shell.expandNav') : t('shell.collapseNav')} placement="right">
          <Button type="text" className="sider-toggle" icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!collapsed)}
            aria-label={collapsed ? t('shell.expandNav') : t('shell.collapseNav')} aria-expanded={!collapsed} data-testid="sider-toggle" />
        </Tooltip>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Flex justify="end" align="center" gap={16} style={{ height: '100%' }} wrap>
            <Tooltip title={t('palette.hint')}>
              <Button icon={<SearchOutlined />} onClick={showPalette} aria-label={t('palette.hint')} data-testid="palette-button" />
            </Tooltip>
            <Typography.Text type="secondary" data-testid="signed-in">{t('shell.signedInAs', { name: user.name })}</Typography.Text>
            <LanguageSwitch />
            <AboutButton compact={compact} />
            <Tooltip title={t('shell.lockHint')}>
              <Button icon={<LockOutlined />} onClick={() => void api('vault.lock', {})} data-testid="lock-button" aria-label={t('shell.lock')}>{!compact && t('shell.lock')}</Button>
            </Tooltip>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {shown === 'workbench' && <WorkbenchPage />}
          {shown === 'clients' && <ClientsPage />}
          {shown === 'handovers' && <HandoversPage />}
          {shown === 'audit' && <AuditPage />}
          {shown === 'receive' && <ReceivePage />}
          {shown === 'security' && <SecurityPage />}
          {shown === 'users' && <UsersPage />}
          {shown === 'settings' && <SettingsPage />}
        </Layout.Content>
        <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
        <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} onShowShortcuts={() => { setPaletteOpen(false); showHelp(); }}
          pages={items.map((i) => ({ key: i.key as Page, label: i.key === 'workbench' ? t('workbench.nav') : String(i.label) }))} />
      </Layout>
    </Layout>
  );
}
