import { Button, Descriptions, Modal, Result, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export type AuditExportDone = { first: number; last: number; dir: string; fp: string };

/**
 * What an export produced, kept on screen until the user closes it: the fingerprint is
 * read out to the auditor by phone, which a toast that vanishes after seconds does not allow.
 */
export function ExportResultModal({ done, onClose, onVerify }: { done: AuditExportDone | null; onClose(): void; onVerify(dir: string): void }) {
  const { t } = useTranslation();
  return (
    <Modal open={done !== null} onCancel={onClose} width={640} destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose}>{t('common.close')}</Button>,
        <Button key="verify" type="primary" icon={<SafetyCertificateOutlined />} data-testid="audit-exported-verify"
          onClick={() => done && onVerify(done.dir)}>{t('audit.verifyThis')}</Button>,
      ]}>
      {done && (
        <Result status="success" title={t('audit.exportedTitle')} subTitle={t('audit.exportedHint')} style={{ padding: '16px 0' }}
          data-testid="audit-exported">
          <Descriptions size="small" column={1} bordered items={[
            { key: 'dir', label: t('audit.folder'), children: <Typography.Text copyable style={{ wordBreak: 'break-all' }} data-testid="audit-exported-dir">{done.dir}</Typography.Text> },
            { key: 'range', label: t('audit.exportedRange'), children: t('audit.entries', { first: done.first, last: done.last }) },
            { key: 'fp', label: t('keys.fingerprint'), children: <Typography.Text code copyable data-testid="audit-exported-fp">{done.fp}</Typography.Text> },
          ]} />
        </Result>
      )}
    </Modal>
  );
}
