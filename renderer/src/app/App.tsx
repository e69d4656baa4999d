import { App as AntApp, ConfigProvider, Flex, Layout, Spin, Typography, message, Modal } from 'antd';
import { useState } from 'react';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onAppEvent } from '../lib/api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SetupWizard } from '../features/setup/SetupWizard';
import { RecoverForm } from '../features/unlock/RecoverForm';
import { RestoreWizard } from '../features/unlock/RestoreWizard';
import { UnlockScreen } from '../features/unlock/UnlockScreen';
import { THEME_TOKENS } from './theme';
import { VerifyScreen } from '../features/verify/VerifyScreen';
import { Shell } from './Shell';
import { DataRoomScreen } from '../features/dataroom/DataRoomScreen';
import { SessionEndedScreen } from '../features/dataroom/SessionEndedScreen';
import { useAppStore } from './store';
import { AboutDialog } from '../features/about/AboutDialog';
import { AboutButton, AppMark } from '../features/about/AppMark';
import { NewRecoveryKeyModal } from '../features/security/NewRecoveryKeyModal';

function LockedFrame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Flex justify="space-between" align="center" style={{ height: '100%' }}>
          <Flex align="center" gap={8}><AppMark size={24} /><Typography.Text strong className="brand-inline">{t('app.name')}</Typography.Text></Flex>
          <Flex align="center" gap={12}><LanguageSwitch /><AboutButton /></Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '32px 16px' }}>{children}</Layout.Content>
    </Layout>
  );
}

function Screen() {
  const info = useAppStore((s) => s.info);
  const view = useAppStore((s) => s.lockedView);
  const notice = useAppStore((s) => s.lockNotice);
  if (!info) return <Flex justify="center" style={{ paddingTop: 120 }}><Spin /></Flex>;
  if (info.state === 'unlocked' && info.dataroom) return <DataRoomScreen info={info.dataroom} />;
  if (info.state === 'unlocked') return (
    <>
      <Shell />
      <NewRecoveryKeyModal />
    </>
  );
  if (view === 'dataroom-ended' && info.state === 'locked') return <SessionEndedScreen reason={notice} />;
  const locked =
    view === 'restore' ? <RestoreWizard /> :
    view === 'verify' ? <VerifyScreen /> :
    info.state === 'absent' ? <SetupWizard /> :
    view === 'recover' ? <RecoverForm /> : <UnlockScreen />;
  return <LockedFrame>{locked}</LockedFrame>;
}

export function App() {
  const { i18n } = useTranslation();
  const refresh = useAppStore((s) => s.refresh);
  const locked = useAppStore((s) => s.locked);
  // Bumped on every lock: remounting the antd App drops every toast and dialog it holds.
  const [epoch, setEpoch] = useState(0);

  useEffect(() => {
    void refresh();
    return onAppEvent((e) => {
      if (e.type === 'shell.about') useAppStore.getState().setAboutOpen(true);
      if (e.type === 'shell.packageOpened') {
        useAppStore.getState().setPage('receive');
        useAppStore.getState().setPackagePending(true);
      }
      if (e.type === 'dataroom.started') {
        message.destroy();
        Modal.destroyAll();
        setEpoch((n) => n + 1);
        void refresh();
      }
      if (e.type === 'vault.locked') {
        // Nothing from the vault may stay on screen: close every toast and dialog.
        message.destroy();
        Modal.destroyAll();
        setEpoch((n) => n + 1);
        locked(e.reason);
      }
    });
  }, [refresh, locked]);

  return (
    // autoInsertSpace off: antd would render 编辑 as 编 辑 (GLOSSARY.md copy rules).
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} button={{ autoInsertSpace: false }} theme={{ token: THEME_TOKENS }}>
      <AntApp key={epoch}>
        <Screen />
        <AboutDialog />
      </AntApp>
    </ConfigProvider>
  );
}
