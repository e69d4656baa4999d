import { App, Button, Card, Form, Input, Modal, Popconfirm, Radio, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterpartyKey } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatDateTime } from '../../i18n';
import { useAppStore } from '../../app/store';
import { describeError, ErrorAlert } from '../../components/ErrorAlert';

/**
 * Counterparties' public keys (a buyer's age recipients, a seller's minisign
 * key). A key counts as verified only when the fingerprint read back by phone
 * or in person matches, typed in by the user who heard it.
 */
export function CounterpartyKeysCard({ onChange }: { onChange?: (keys: CounterpartyKey[]) => void } = {}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useAppStore((s) => s.info?.user?.permissions.includes('handover.plan') ?? false);
  const [keys, setKeyList] = useState<CounterpartyKey[]>([]);
  const setKeys = (k: CounterpartyKey[]) => {
    setKeyList(k);
    onChange?.(k);
  };
  const [adding, setAdding] = useState(false);
  const [verifying, setVerifying] = useState<CounterpartyKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [addForm] = Form.useForm<{ label: string; key: string }>();
  const [verifyForm] = Form.useForm<{ how: 'phone' | 'in-person'; fingerprint: string }>();
  useEffect(() => {
    api('keys.counterparties', {}).then(setKeys, setError);
  }, []);

  return (
    <Card title={t('counterparty.title')} data-testid="counterparty-keys"
      extra={canManage && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-counterparty">{t('counterparty.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('counterparty.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Table<CounterpartyKey> size="small" rowKey="id" dataSource={keys} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('counterparty.none') }}
        columns={[
          { title: t('counterparty.label'), dataIndex: 'label' },
          { title: t('counterparty.kind'), dataIndex: 'kind', render: (k: 'age' | 'minisign') => t(`counterparty.kinds.${k}`) },
          { title: t('keys.fingerprint'), dataIndex: 'fingerprint', render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
          {
            title: t('counterparty.state'),
            key: 'state',
            render: (_: unknown, k) => k.verifiedAt
              ? <Tag color="green" icon={<SafetyCertificateOutlined />}>{t('counterparty.verified', { how: t(`counterparty.how.${k.verifiedHow}`), by: k.verifiedBy, at: formatDateTime(k.verifiedAt) })}</Tag>
              : <Tag color="orange">{t('counterparty.unverified')}</Tag>,
          },
          {
            key: 'actions',
            render: (_: unknown, k) => canManage && (
              <>
                {!k.verifiedAt && <Button size="small" onClick={() => setVerifying(k)} data-testid={`verify-key-${k.id}`}>{t('counterparty.verify')}</Button>}
                <Popconfirm title={t('counterparty.removeConfirm', { label: k.label })} okText={t('common.yes')} cancelText={t('common.no')}
                  onConfirm={async () => {
                    try {
                      setKeys(await api('keys.removeCounterparty', { id: k.id }));
                    } catch (err) {
                      message.error(describeError(err));
                    }
                  }}>
                  <Button size="small" type="link" danger>{t('counterparty.remove')}</Button>
                </Popconfirm>
              </>
            ),
          },
        ]} />
      <Modal open={adding} title={t('counterparty.add')} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden onCancel={() => setAdding(false)}
        onOk={async () => {
          const v = await addForm.validateFields().catch(() => null);
          if (!v) return;
          try {
            setKeys(await api('keys.addCounterparty', v));
            setAdding(false);
          } catch (err) {
            message.error(describeError(err));
          }
        }}>
        <Form form={addForm} layout="vertical" requiredMark={false}>
          <Form.Item name="label" label={t('counterparty.label')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="key" label={t('counterparty.key')} extra={t('counterparty.keyHint')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={verifying !== null} title={verifying ? t('counterparty.verifyTitle', { label: verifying.label }) : ''} okText={t('counterparty.verify')} cancelText={t('common.cancel')}
        destroyOnHidden onCancel={() => setVerifying(null)}
        onOk={async () => {
          const v = await verifyForm.validateFields().catch(() => null);
          if (!v || !verifying) return;
          try {
            setKeys(await api('keys.verifyCounterparty', { id: verifying.id, how: v.how, fingerprint: v.fingerprint }));
            setVerifying(null);
          } catch (err) {
            message.error(describeError(err));
          }
        }}>
        <Typography.Paragraph>{t('counterparty.verifyText')}</Typography.Paragraph>
        <Form form={verifyForm} layout="vertical" initialValues={{ how: 'phone' }} requiredMark={false}>
          <Form.Item name="fingerprint" label={t('counterparty.readBack')} rules={[{ required: true, whitespace: true }]}><Input style={{ fontFamily: 'monospace' }} /></Form.Item>
          <Form.Item name="how" label={t('counterparty.howLabel')}>
            <Radio.Group options={[{ value: 'phone', label: t('counterparty.how.phone') }, { value: 'in-person', label: t('counterparty.how.in-person') }]} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
