import { App, Button, Descriptions, Drawer, Empty, Flex, Input, List, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientDetail } from '../../../../shared/contract';
import { FIELD_LABELS } from '../../../../shared/i18n/problems';
import { api } from '../../lib/api';
import { currentLanguage, formatDate } from '../../i18n';
import { formatMoney, formatPercent } from '../../lib/format';
import { describeError } from '../../components/ErrorAlert';
import { DocumentsSection } from './DocumentsSection';
import { ClientCommitments } from '../compensation/ClientCommitments';
import { AddEntryButton, RemoveEntryButton } from './EntryForms';
import { Sensitive } from './Sensitive';

/** One client's record, opened read-only; every opening is an access-log entry (made by the core). */
export function ClientDrawer({ client, canEdit, canManageDocs, canPurge, onClose, onEdit, onChanged, onUpdated }: {
  client: ClientDetail; canEdit: boolean; canManageDocs: boolean; canPurge: boolean; onClose(): void; onEdit(): void; onChanged(): void; onUpdated(c: ClientDetail): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = FIELD_LABELS[currentLanguage()];
  const [purging, setPurging] = useState(false);
  const [confirmCode, setConfirmCode] = useState('');
  const m = new Set(client.masked);
  const money = (raw: string) => formatMoney(raw === '' ? null : Number(raw), client.currency);
  const purge = async () => {
    try {
      await api('clients.purge', { id: client.id, confirmCode });
      message.success(t('clients.purged', { name: client.name }));
      setPurging(false);
      onChanged();
    } catch (err) {
      message.error(describeError(err));
    }
  };
  const archive = async (archived: boolean) => {
    try {
      await api('clients.archive', { id: client.id, archived });
      onChanged();
    } catch (err) {
      message.error(describeError(err));
    }
  };
  return (
    <Drawer
      open
      width={Math.min(720, window.innerWidth)}
      onClose={onClose}
      title={<span data-testid="client-title">{client.name}</span>}
      extra={canEdit && (
        <Flex gap={8}>
          <Button onClick={onEdit} data-testid="client-edit">{t('clients.edit')}</Button>
          {client.archived && canPurge && <Button danger onClick={() => setPurging(true)} data-testid="purge-client">{t('clients.purge')}</Button>}
          {client.archived ? (
            <Button onClick={() => void archive(false)}>{t('clients.unarchive')}</Button>
          ) : (
            <Popconfirm title={t('clients.archiveConfirm', { name: client.name })} onConfirm={() => archive(true)} okText={t('common.yes')} cancelText={t('common.no')}>
              <Button danger>{t('clients.archive')}</Button>
            </Popconfirm>
          )}
        </Flex>
      )}
      data-testid="client-drawer"
    >
      {client.archived && <Tag color="default" style={{ marginBottom: 12 }}>{t('clients.archived')}</Tag>}
      <Modal open={purging} title={t('clients.purgeTitle', { name: client.name })} onCancel={() => setPurging(false)} onOk={() => void purge()}
        okButtonProps={{ danger: true, disabled: confirmCode !== client.code }} okText={t('clients.purge')} cancelText={t('common.cancel')} destroyOnHidden>
        <Typography.Paragraph>{t('clients.purgeText', { code: client.code })}</Typography.Paragraph>
        <Input value={confirmCode} onChange={(e) => setConfirmCode(e.target.value)} data-testid="purge-confirm" />
      </Modal>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} title={t('clients.fieldsTitle')} items={[
        { key: 'code', label: label.code, children: client.code },
        { key: 'type', label: label.type, children: t(`clients.${client.type}`) },
        { key: 'industry', label: label.industry, children: client.industry },
        { key: 'importance', label: label.importance, children: client.importance },
        { key: 'region', label: label.region, children: client.region },
        { key: 'city', label: label.city, children: client.city },
        { key: 'address', label: label.address, children: <span style={{ whiteSpace: 'pre-wrap' }}><Sensitive clientId={client.id} path="address" kind="address" masked={m.has('address') && client.address !== ''} shown={client.address} /></span>, span: 2 },
        { key: 'owner', label: label.owner, children: client.owner },
        { key: 'department', label: label.department, children: client.department },
        { key: 'since', label: label.cooperationStart, children: formatDate(client.cooperationStart) },
        { key: 'tags', label: label.tags, children: client.tags.map((g) => <Tag key={g}>{g}</Tag>) },
      ]} />
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} title={t('clients.valueTitle')} style={{ marginTop: 16 }} items={[
        { key: 'rev', label: label.annualRevenue, children: <Sensitive clientId={client.id} path="annualRevenue" kind="annualRevenue" masked={m.has('amounts')} shown={formatMoney(client.annualRevenue, client.currency)} format={money} /> },
        { key: 'gp', label: label.grossProfit, children: <Sensitive clientId={client.id} path="grossProfit" kind="grossProfit" masked={m.has('amounts')} shown={formatMoney(client.grossProfit, client.currency)} format={money} /> },
        { key: 'renew', label: label.renewalRate, children: formatPercent(client.renewalRate) },
        { key: 'sat', label: label.satisfaction, children: client.satisfaction ?? '' },
        { key: 'tier', label: t('value.tier'), children: client.tier ? t('value.tierWithScore', { tier: client.tier, score: client.valueScore }) : t('value.none') },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('clients.contacts')}</Typography.Title>
      {client.contacts.length === 0 ? <Empty description={t('clients.nothing')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <List size="small" bordered dataSource={client.contacts} renderItem={(c, i) => (
          <List.Item data-testid="contact">
            <Flex vertical>
              <Typography.Text strong>{c.name} <Typography.Text type="secondary">{c.title}</Typography.Text></Typography.Text>
              <Flex gap={12} wrap>
                {c.phones.map((p, j) => <span key={`p${j}`}><Sensitive clientId={client.id} path={`contacts.${i}.phones.${j}`} kind="phone" masked={m.has('phones')} shown={p} /></span>)}
                {c.emails.map((e, j) => <span key={`e${j}`}><Sensitive clientId={client.id} path={`contacts.${i}.emails.${j}`} kind="email" masked={m.has('emails')} shown={e} /></span>)}
              </Flex>
            </Flex>
          </List.Item>
        )} />
      )}
      <ClientCommitments clientId={client.id} />
      <DocumentsSection clientId={client.id} canManage={canManageDocs} />
      <Flex justify="space-between" align="center" style={{ marginTop: 16, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('clients.transactions')}</Typography.Title>
        {canEdit && <AddEntryButton client={client} kind="transaction" onSaved={onUpdated} />}
      </Flex>
      {client.transactions.length === 0 ? <Typography.Text type="secondary">{t('clients.nothing')}</Typography.Text> : (
        <Table size="small" rowKey="id" pagination={false} dataSource={client.transactions} scroll={{ x: 'max-content' }} data-testid="transactions" columns={[
          { dataIndex: 'kind', title: t('entries.kind'), render: (k: 'transaction' | 'contract') => t(`entries.${k}`) },
          { dataIndex: 'ref', title: t('entries.ref') },
          { dataIndex: 'date', title: t('entries.date') },
          { key: 'amount', title: t('entries.amount'), render: (_: unknown, r) => <Sensitive clientId={client.id} path={`transactions.${r.id}.amount`} kind="amount" masked={m.has('amounts')} shown={formatMoney(r.amount, r.currency)} format={(raw) => formatMoney(raw === '' ? null : Number(raw), r.currency)} /> },
          { dataIndex: 'status', title: t('entries.status') },
          ...(canEdit ? [{
            key: 'actions', width: 80,
            render: (_: unknown, r: ClientDetail['transactions'][number]) => (
              <Flex gap={0}>
                <AddEntryButton client={client} kind="transaction" entry={r} onSaved={onUpdated} />
                <RemoveEntryButton client={client} kind="transaction" id={r.id} onSaved={onUpdated} />
              </Flex>
            ),
          }] : []),
        ]} />
      )}
      <Flex justify="space-between" align="center" style={{ marginTop: 16, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('clients.communications')}</Typography.Title>
        {canEdit && <AddEntryButton client={client} kind="communication" onSaved={onUpdated} />}
      </Flex>
      {client.communications.length === 0 ? <Typography.Text type="secondary">{t('clients.nothing')}</Typography.Text> : (
        <List size="small" bordered dataSource={client.communications} data-testid="communications" renderItem={(c) => (
          <List.Item actions={canEdit ? [
            <AddEntryButton key="edit" client={client} kind="communication" entry={c} onSaved={onUpdated} />,
            <RemoveEntryButton key="remove" client={client} kind="communication" id={c.id} onSaved={onUpdated} />,
          ] : undefined}>
            <Flex vertical>
              <Typography.Text type="secondary">{c.date} · {t(`entries.channels.${c.channel}`, { defaultValue: c.channel })} · {c.byUser}</Typography.Text>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</Typography.Text>
            </Flex>
          </List.Item>
        )} />
      )}
      {client.notes && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{label.notes}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{client.notes}</Typography.Paragraph>
        </>
      )}
    </Drawer>
  );
}
