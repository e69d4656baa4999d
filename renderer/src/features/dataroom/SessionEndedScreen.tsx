import { Button, Flex, Layout, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LockReason } from '../../../../shared/contract';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useAppStore } from '../../app/store';

/**
 * What the reviewer sees when a data-room session ends by itself (time up, idle, the computer locked):
 * that it is over and what to do — hand the computer back — not the unlock screen with its recovery and
 * restore links, which are the seller's (issue 17). The facilitator continues from here to unlock.
 */
export function SessionEndedScreen({ reason }: { reason: LockReason | null }) {
  const { t } = useTranslation();
  const setLockedView = useAppStore((s) => s.setLockedView);
  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="dataroom-ended">
      <Layout.Header className="app-header">
        <Flex justify="space-between" align="center" style={{ height: '100%' }}>
          <Typography.Text strong>{t('dataroom.mode.title')}</Typography.Text>
          <LanguageSwitch />
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '48px 16px' }}>
        <Result status="info" title={t('dataroom.ended.title')}
          subTitle={<>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{t(reason === 'dataroom-expired' ? 'dataroom.ended.expired' : 'dataroom.ended.other')}</Typography.Paragraph>
            <Typography.Paragraph>{t('dataroom.ended.what')}</Typography.Paragraph>
          </>}
          extra={<Button type="primary" onClick={() => setLockedView('unlock')} data-testid="dataroom-ended-continue">{t('dataroom.ended.continue')}</Button>} />
      </Layout.Content>
    </Layout>
  );
}
