import { Alert, App, Button, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloudDownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView, SecurityInfo } from '../../../../shared/contract';
import { api, newJobId } from '../../lib/api';
import { formatBytes, formatDateTime } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { useAppStore } from '../../app/store';
import { roleLabel } from '../users/roleLabel';
import { dotted } from '../../i18n/labels';
import { VaultKeyCard } from './VaultKeyCard';
import { CounterpartyKeysCard } from './CounterpartyKeysCard';
import { CipherUpgradeNotice } from './CipherUpgradeNotice';
import { HashText } from '../../components/HashText';

/** Vault location, cipher, KDF settings, users and the latest access-log entries; backup. */
export function SecurityPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const user = useAppStore((s) => s.info?.user);
  const [info, setInfo] = useState<SecurityInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setInfo(await api('vault.security', {}));
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const backup = async () => {
    const id = newJobId();
    setError(null);
    setJobId(id);
    try {
      const { backup: result } = await api('vault.backup', { jobId: id });
      if (result) {
        modal.success({
          title: t('security.backupTitle'),
          content: <div data-testid="backup-done">{t('security.backupDone', { path: result.path, size: formatBytes(result.bytes) })}<div>{t('security.backupChecksum')}<HashText value={result.sha256} testId="backup-checksum" /></div></div>,
        });
      }
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setJobId(null);
    }
  };

  if (!info) return <ErrorAlert error={error} />;
  const canBackup = user?.permissions.includes('vault.backup') ?? false;
  return (
    <Flex vertical gap={16} data-testid="security-page">
      <ErrorAlert error={error} />
      <CipherUpgradeNotice info={info} onDone={load} />
      <Card
        title={t('security.vault')}
        extra={canBackup && <Button icon={<CloudDownloadOutlined />} onClick={() => void backup()} data-testid="backup-button">{t('security.backup')}</Button>}
      >
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'loc', label: t('security.location'), children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{info.vaultDir}</Typography.Text>, span: 2 },
            { key: 'cipher', label: t('security.cipher'), children: <span data-testid="cipher">{t('security.cipherValue', { cipher: info.cipher === 'aegis' ? t('security.cipherName.aegis') : t('security.cipherName.chacha20') })}</span>, span: 2 },
            { key: 'schema', label: t('security.schema'), children: info.schemaVersion },
            { key: 'size', label: t('security.size'), children: formatBytes(info.dbBytes) },
          ]}
        />
      </Card>
      <VaultKeyCard />
      <CounterpartyKeysCard />
      <Card title={t('security.keySlots')}>
        <Table
          size="small"
          rowKey="slot"
          pagination={false}
          dataSource={info.slots}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('security.keySlots'), dataIndex: 'kind', render: (k: 'user' | 'recovery') => t(`security.slotKind.${k}`) },
            {
              title: t('security.kdf'),
              key: 'kdf',
              render: (_: unknown, s) =>
                s.kind === 'user'
                  ? t('security.kdfValue', { ops: s.opsLimit, mem: formatBytes(s.memLimitBytes) })
                  : t('security.recoveryKdf'),
            },
          ]}
        />
      </Card>
      <Card title={t('security.users')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={info.users}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('users.name'), dataIndex: 'name' },
            { title: t('users.role'), dataIndex: 'role', render: (r: string) => roleLabel(t, r) },
            { title: t('security.lastUnlock'), dataIndex: 'lastUnlockAt', render: (v: string | null) => formatDateTime(v, t('common.never')) },
          ]}
        />
      </Card>
      <Card
        title={t('security.log')}
        extra={info.logChainValid === null ? null : info.logChainValid ? (
          <Tag icon={<CheckCircleOutlined />} color="success" data-testid="chain-ok">{t('security.logValid')}</Tag>
        ) : (
          <Tag icon={<WarningOutlined />} color="error">{t('security.logBroken')}</Tag>
        )}
      >
        {info.recentLog === null ? (
          <Alert type="info" title={t('security.logHidden')} />
        ) : (
          <Table<AuditEntryView>
            size="small"
            rowKey="seq"
            dataSource={info.recentLog}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            data-testid="log-table"
            columns={[
              { title: '#', dataIndex: 'seq', width: 60 },
              { title: t('security.time'), dataIndex: 'time', render: (v: string) => formatDateTime(v) },
              { title: t('security.actor'), dataIndex: 'actor' },
              {
                title: t('security.action'),
                dataIndex: 'action',
                // i18next keys use dots as separators, so look the action up by its literal name.
                render: (a: string) => <span title={a} data-action={a}>{dotted(t, 'actions', a)}</span>,
              },
              { title: t('security.target'), dataIndex: 'target' },
            ]}
          />
        )}
      </Card>
      <JobProgress jobId={jobId} title={t('security.backupTitle')} />
    </Flex>
  );
}
