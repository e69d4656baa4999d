import { App, Button, Card, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, HandoverDetail } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatDateTime } from '../../i18n';
import { formatCount } from '../../lib/format';
import { describeError, ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore } from '../../app/store';
import { HandoverView } from './HandoverView';

type Summary = ChannelOutput<'handovers.list'>[number];

export const STATUS_COLOR: Record<string, string> = { draft: 'default', submitted: 'processing', approved: 'cyan', exported: 'blue', acknowledged: 'green', closed: 'purple' };

/** All handovers with their status; a new one starts here; one opens in the wizard and dashboard. */
export function HandoversPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canPlan = useAppStore((s) => s.info?.user?.permissions.includes('handover.plan') ?? false);
  const [list, setList] = useState<Summary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Which handover is open lives in the app store, so the workbench can open one at a given step.
  const target = useAppStore((s) => s.handoverTarget);
  const openHandover = useAppStore((s) => s.openHandover);
  const setOpenId = (id: number | null) => openHandover(id === null ? null : { id });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ title: string; buyerName: string }>();

  const load = useCallback(() => {
    api('handovers.list', {}).then(setList, setError);
  }, []);
  useEffect(load, [load]);

  if (target !== null) return <HandoverView key={`${target.id}-${target.tab ?? ''}-${target.step ?? ''}`} id={target.id} tab={target.tab} step={target.step} onBack={() => { setOpenId(null); load(); }} />;

  const create = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      const h: HandoverDetail = await api('handovers.create', values);
      setCreating(false);
      form.resetFields();
      setOpenId(h.id);
    } catch (err) {
      void message.error(describeError(err));
    }
  };

  return (
    <Card title={t('handover.title')} data-testid="handovers-page"
      extra={canPlan && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="handover-new">{t('handover.create')}</Button>}>
      <Typography.Paragraph type="secondary">{t('handover.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Table<Summary> rowKey="id" size="middle" loading={list === null} dataSource={list ?? []} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('handover.empty') }} data-testid="handover-list"
        onRow={(r) => ({ onClick: () => setOpenId(r.id), onKeyDown: (e) => e.key === 'Enter' && setOpenId(r.id), tabIndex: 0, style: { cursor: 'pointer' } })}
        columns={[
          { title: t('handover.col.ref'), dataIndex: 'ref', width: 130 },
          // Headers and cells keep to one line (客户数 not 客户/数) and the table scrolls sideways instead; a long title is cut.
          { title: t('handover.col.title'), dataIndex: 'title', render: (v: string) => <span className="cell-line" title={v}>{v}</span> },
          { title: t('handover.col.buyer'), dataIndex: 'buyer', render: (v: string) => <span className="cell-line" title={v}>{v}</span> },
          { title: t('handover.col.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`handover.status.${s}`)}</Tag> },
          { title: t('handover.col.clients'), dataIndex: 'clients', align: 'right', render: (n: number) => formatCount(n) },
          { title: t('handover.col.gates'), dataIndex: 'gatesOpen', align: 'right', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : <Tag color="green">0</Tag>) },
          {
            title: t('handover.col.next'), dataIndex: 'nextDate',
            render: (d: Summary['nextDate']) => (d ? `${t(`handover.phases.${d.phase}`)} · ${d.days === 0 ? t('handover.today') : t('handover.days', { count: d.days })}` : '—'),
          },
          { title: t('handover.col.updated'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v) },
        ]} />
      <Modal open={creating} title={t('handover.createTitle')} onOk={() => void create()} onCancel={() => setCreating(false)} okText={t('common.next')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={() => void create()}>
          <Form.Item name="title" label={t('handover.titleLabel')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input autoFocus data-testid="handover-title" />
          </Form.Item>
          <Form.Item name="buyerName" label={t('handover.buyerLabel')} rules={[{ max: 200 }]} initialValue="">
            <Input data-testid="handover-buyer" onPressEnter={() => void create()} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
