import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientDetail } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { describeError } from '../../components/ErrorAlert';
import { localDay } from '../../../../shared/dates';

/** A form's default day: today on the user's calendar (shared/dates.ts), not the UTC day. */
const today = () => localDay();
const DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '2024-07-03' };

type Transaction = ClientDetail['transactions'][number];
type Communication = ClientDetail['communications'][number];

/**
 * "Add" (or, given an entry, "Edit") buttons with small forms for the
 * transaction list and the communication log of one client.
 */
export function AddEntryButton({ client, kind, entry, onSaved }: {
  client: ClientDetail; kind: 'transaction' | 'communication'; entry?: Transaction | Communication; onSaved(c: ClientDetail): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const initial = entry
    ? 'ref' in entry
      ? { ...entry, date: entry.date ?? '', amount: entry.amount === null ? null : entry.amount / 100 }
      : { ...entry }
    : { kind: 'contract', date: today(), channel: 'phone' };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const tx = {
        clientId: client.id, kind: v.kind, ref: v.ref, date: v.date || null,
        amount: v.amount === null || v.amount === undefined ? null : Math.round(v.amount * 100), currency: entry && 'currency' in entry ? entry.currency : client.currency, status: v.status ?? '',
      };
      const cm = { clientId: client.id, date: v.date, channel: v.channel, summary: v.summary };
      const saved = kind === 'transaction'
        ? entry ? await api('clients.updateTransaction', { ...tx, id: entry.id }) : await api('clients.addTransaction', tx)
        : entry ? await api('clients.updateCommunication', { ...cm, id: entry.id }) : await api('clients.addCommunication', cm);
      setOpen(false);
      form.resetFields();
      onSaved(saved);
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const title = entry ? t('entries.edit') : kind === 'transaction' ? t('entries.addTransaction') : t('entries.addCommunication');
  return (
    <>
      {entry ? (
        <Button size="small" type="text" icon={<EditOutlined />} aria-label={title} title={title} onClick={() => setOpen(true)} data-testid={`edit-${kind}-${entry.id}`} />
      ) : (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid={`add-${kind}`}>{title}</Button>
      )}
      <Modal open={open} title={title} onCancel={() => setOpen(false)} onOk={() => void save()} confirmLoading={busy} destroyOnHidden
        okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': `save-${kind}` } as Record<`data-${string}`, string>}>
        <Form form={form} layout="vertical" initialValues={initial}>
          {kind === 'transaction' ? (
            <>
              <Form.Item name="kind" label={t('entries.kind')}>
                <Select options={[{ value: 'contract', label: t('entries.contract') }, { value: 'transaction', label: t('entries.transaction') }]} />
              </Form.Item>
              <Form.Item name="ref" label={t('entries.ref')} rules={[{ required: true, whitespace: true }, { max: 100 }]}><Input data-testid="entry-ref" /></Form.Item>
              <Form.Item name="date" label={t('entries.date')} rules={[DATE]}><Input placeholder="2024-07-03" /></Form.Item>
              <Form.Item name="amount" label={`${t('entries.amount')} (${client.currency})`}><InputNumber style={{ width: '100%' }} precision={2} /></Form.Item>
              <Form.Item name="status" label={t('entries.status')} rules={[{ max: 50 }]}><Input /></Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="date" label={t('entries.date')} rules={[{ required: true }, DATE]}><Input placeholder="2024-07-03" /></Form.Item>
              <Form.Item name="channel" label={t('entries.channel')} rules={[{ required: true }]}>
                <Select options={(['phone', 'email', 'visit', 'meeting', 'wechat', 'letter'] as const).map((c) => ({ value: c, label: t(`entries.channels.${c}`) }))} />
              </Form.Item>
              <Form.Item name="summary" label={t('entries.summary')} rules={[{ required: true, whitespace: true }, { max: 5000 }]}>
                <Input.TextArea autoSize={{ minRows: 3 }} data-testid="entry-summary" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** Remove a transaction or communication entry entered by mistake (asks first; the core logs what it was). */
export function RemoveEntryButton({ client, kind, id, onSaved }: { client: ClientDetail; kind: 'transaction' | 'communication'; id: number; onSaved(c: ClientDetail): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Popconfirm title={t('entries.removeConfirm')} okText={t('common.yes')} cancelText={t('common.no')}
      onConfirm={async () => {
        try {
          onSaved(await api('clients.removeEntry', { clientId: client.id, entry: kind, id }));
        } catch (err) {
          message.error(describeError(err));
        }
      }}>
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('entries.remove')} title={t('entries.remove')} data-testid={`remove-${kind}-${id}`} />
    </Popconfirm>
  );
}
