import { Alert, Button, Checkbox, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n';

/** The recovery key, shown once, with print and an explicit "written down" confirmation. */
export function RecoveryKeySheet({ recoveryKey, vaultDir, onDone, doneLabel }: { recoveryKey: string; vaultDir: string; onDone(): void; doneLabel?: string }) {
  const { t } = useTranslation();
  const [confirmed, setConfirmed] = useState(false);
  const groups = recoveryKey.split('-');
  return (
    <div>
      <Typography.Paragraph>{t('setup.recoveryIntro')}</Typography.Paragraph>
      <div className="print-sheet">
        <Typography.Text type="secondary" className="print-only">
          {t('setup.printedFor', { dir: vaultDir, date: formatDateTime(new Date().toISOString()) })}
        </Typography.Text>
        <div className="recovery-key" data-testid="recovery-key" aria-label={t('setup.recoveryTitle')}>
          {groups.map((g, i) => (
            <span key={i} className="recovery-group">{g}</span>
          ))}
        </div>
      </div>
      <Alert type="warning" showIcon title={t('setup.recoveryWarning')} style={{ margin: '16px 0' }} />
      <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-recovery">
        {t('setup.print')}
      </Button>
      <div style={{ margin: '16px 0' }}>
        <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="confirm-written">
          {t('setup.confirmWritten')}
        </Checkbox>
      </div>
      <Button type="primary" disabled={!confirmed} onClick={onDone} data-testid="finish-setup">
        {doneLabel ?? t('setup.finish')}
      </Button>
    </div>
  );
}
