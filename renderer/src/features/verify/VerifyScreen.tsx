import { Button, Card, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/store';
import { AuditVerifyForm } from './AuditVerifyForm';
import { PackageVerifyForm } from './PackageVerifyForm';

/**
 * Reached from the unlock and create-vault screens: a buyer's reviewer or an auditor with no login
 * verifies what they were handed. Only the channels that need no vault are called (the router lets
 * exactly those run without a session), so nothing is unlocked, decrypted or logged.
 */
export function VerifyScreen() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info)!;
  const setLockedView = useAppStore((s) => s.setLockedView);
  const back = () => setLockedView(info.state === 'absent' ? 'setup' : 'unlock');
  return (
    <Card title={t('verifyFiles.title')} style={{ maxWidth: 860, margin: '0 auto' }} data-testid="verify-screen"
      extra={<Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="verify-back">{t('verifyFiles.back')}</Button>}>
      <Typography.Paragraph type="secondary">{t('verifyFiles.intro')}</Typography.Paragraph>
      <Tabs items={[
        { key: 'audit', label: <span data-testid="verify-tab-audit">{t('verifyFiles.auditTab')}</span>, children: <AuditVerifyForm vaultless /> },
        { key: 'package', label: <span data-testid="verify-tab-package">{t('verifyFiles.packageTab')}</span>, children: <PackageVerifyForm /> },
      ]} />
    </Card>
  );
}
