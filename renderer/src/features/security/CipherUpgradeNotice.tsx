import { Alert, App, Button } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecurityInfo } from '../../../../shared/contract';
import { api, newJobId } from '../../lib/api';
import { formatBytes } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';

/**
 * Offered after unlock when this computer has a faster page cipher than the
 * vault uses (issue 16): one click migrates the vault on a verified copy, with
 * progress; the original stays until the copy is proven.
 */
export function CipherUpgradeNotice({ info, onDone }: { info: SecurityInfo; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!info.cipherUpgrade) return null;

  const upgrade = async () => {
    const id = newJobId();
    setError(null);
    setJobId(id);
    try {
      const result = await api('vault.upgrade', { jobId: id });
      modal.success({
        title: t('security.upgradeTitle'),
        content: <span data-testid="upgrade-done">{t('security.upgradeDone', { to: t(`security.cipherName.${result.to}`), size: formatBytes(result.bytes) })}</span>,
      });
      await onDone();
    } catch (err) {
      setError(err);
    } finally {
      setJobId(null);
    }
  };

  return (
    <>
      <ErrorAlert error={error} />
      <Alert
        type="info"
        showIcon
        icon={<ThunderboltOutlined />}
        data-testid="cipher-upgrade"
        title={t('security.upgradeOffer', { to: t(`security.cipherName.${info.cipherUpgrade}`) })}
        description={t('security.upgradeWhy')}
        action={
          <Button type="primary" loading={jobId !== null} onClick={() => void upgrade()} data-testid="cipher-upgrade-button">
            {t('security.upgrade')}
          </Button>
        }
      />
      <JobProgress jobId={jobId} title={t('security.upgradeTitle')} />
    </>
  );
}
