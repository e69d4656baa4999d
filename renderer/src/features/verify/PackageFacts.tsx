import { Descriptions, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageInfo } from '../../../../shared/contract';
import { formatBytes, formatDateTime } from '../../i18n';

/**
 * What a package's signature vouches for, before anything is decrypted: the signer's key, who it is
 * encrypted for, its ids, time and size. Shared by the Receive page (which adds what this vault knows
 * of the signer and whether it is a recipient) and the verify screen before unlock (which knows neither).
 */
export function PackageFacts({ info, signerNote, recipientsNote, testid }: { info: PackageInfo; signerNote?: ReactNode; recipientsNote?: ReactNode; testid: string }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={1} style={{ marginTop: 16 }} data-testid={testid} items={[
      { key: 'sig', label: t('receive.signature'), children: <Tag color="green" icon={<SafetyCertificateOutlined />}>{t('receive.signatureOk')}</Tag> },
      { key: 'signer', label: t('receive.signer'), children: <><Typography.Text code>{info.senderFingerprint}</Typography.Text>{' '}{signerNote}</> },
      { key: 'for', label: t('receive.recipients'), children: <>{t('receive.recipientCount', { count: info.recipientCount })} {recipientsNote}</> },
      { key: 'id', label: t('receive.package'), children: info.packageId },
      { key: 'ho', label: t('receive.handover'), children: info.handoverId },
      { key: 'created', label: t('receive.created'), children: formatDateTime(info.created) },
      { key: 'size', label: t('receive.size'), children: `${formatBytes(info.payloadBytes)} · BLAKE2b ${info.payloadBlake2b512.slice(0, 16)}…` },
    ]} />
  );
}
