import { App, Button, Card, Descriptions, Flex, Grid, Popconfirm, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/store';
import type { VaultKeys } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatDateTime } from '../../i18n';
import { describeError } from '../../components/ErrorAlert';

/** The vault's public signing key and fingerprint, to hand to auditors and buyers out of band. */
export function VaultKeyCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [keys, setKeys] = useState<VaultKeys | null>(null);
  const isAdmin = useAppStore((s) => s.info?.user?.permissions.includes('users.manage') ?? false);
  // Below lg the long labels would leave the keys a column a dozen characters wide: labels go above their keys.
  const stacked = Grid.useBreakpoint().lg === false;
  useEffect(() => {
    api('keys.show', {}).then(setKeys, (err: unknown) => message.error(describeError(err)));
  }, [message]);
  if (!keys) return null;
  const save = async () => {
    try {
      const r = await api('keys.exportPub', {});
      if (r.path) message.success(t('keys.exported', { path: r.path }));
    } catch (err) {
      message.error(describeError(err));
    }
  };
  return (
    <Card title={t('keys.title')} data-testid="vault-key"
      extra={
        <Flex gap={8} wrap>
          <Button icon={<KeyOutlined />} onClick={() => void save()} data-testid="export-pub">{t('keys.export')}</Button>
          {isAdmin && (
            <Popconfirm title={t('keys.identityWarning')} okText={t('keys.identityOk')} okButtonProps={{ danger: true }}
              onConfirm={() => void api('keys.exportIdentity', {}).then((r) => { if (r.path) void message.warning(t('keys.identityExported', { path: r.path })); }, (err: unknown) => { void message.error(describeError(err)); })}>
              <Button danger data-testid="export-identity">{t('keys.identity')}</Button>
            </Popconfirm>
          )}
        </Flex>
      }>
      <Typography.Paragraph type="secondary">{t('keys.hint')}</Typography.Paragraph>
      <Descriptions
        column={1}
        layout={stacked ? 'vertical' : 'horizontal'}
        size="small"
        items={[
          { key: 'fp', label: t('keys.fingerprint'), children: <Typography.Text code copyable data-testid="key-fingerprint">{keys.fingerprint}</Typography.Text> },
          { key: 'id', label: t('keys.keyId'), children: <Typography.Text code>{keys.keyId}</Typography.Text> },
          { key: 'age', label: t('keys.ageRecipient'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="age-recipient">{keys.ageRecipient}</Typography.Text> },
          { key: 'origin', label: t('keys.origin'), children: <Typography.Text code>{keys.origin}</Typography.Text> },
          { key: 'pub', label: t('keys.publicKey'), children: <Typography.Text code copyable style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{keys.minisignPublicKey.trim()}</Typography.Text> },
          {
            key: 'cp',
            label: t('keys.checkpoints'),
            children: `${keys.checkpoints}${keys.lastCheckpoint ? ` — ${t('keys.lastCheckpoint', { size: keys.lastCheckpoint.size, time: formatDateTime(keys.lastCheckpoint.createdAt) })}` : ''}`,
          },
        ]}
      />
    </Card>
  );
}
