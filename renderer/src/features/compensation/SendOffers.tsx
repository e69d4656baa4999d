import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../../shared/contract';
import { DayPicker } from '../../components/DayPicker';
import { formatCount } from '../../lib/format';
import { useHandover } from '../handovers/context';
import { localDay } from '../../../../shared/dates';

/** A form's default day: today on the user's calendar (shared/dates.ts), not the UTC day. */
const today = () => localDay();
type Selection = ChannelInput<'compensation.recordOffers'>['proposalIds'];

/**
 * 发出补偿方案: one offer per selected proposal at its own amount and method, for the rows ticked or every
 * match of the list (the core lists those in the user's scope). One call, one entry in the access log.
 */
export function SendOffers({ count, target, onDone }: { count: number; target(): Selection; onDone(): void }) {
  const { t } = useTranslation();
  const { h, call } = useHandover();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const send = async (v: { date: string; ourSide: string; theirSide: string; note?: string }) => {
    const input = { handoverId: h.id, proposalIds: target(), date: v.date, ourSide: v.ourSide, theirSide: v.theirSide, note: v.note ?? '' };
    const r = await call('compensation.recordOffers', input);
    if (!r) return;
    setOpen(false);
    onDone();
    void message.success(r.skipped
      ? t('compensation.offers.skipped', { count: formatCount(r.recorded), skipped: formatCount(r.skipped) })
      : t('compensation.offers.done', { count: formatCount(r.recorded) }));
  };
  return (
    <>
      <Button disabled={count === 0} onClick={() => { form.resetFields(); setOpen(true); }} data-testid="comp-offers">{t('compensation.offers.button', { count: formatCount(count) })}</Button>
      <Modal open={open} title={t('compensation.offers.title', { count: formatCount(count) })} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden forceRender data-testid="offers-modal">
        <Typography.Paragraph type="secondary">{t('compensation.offers.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ date: today() }} onFinish={(v) => void send(v)}>
          <Form.Item name="date" label={t('compensation.detail.date')} rules={[{ required: true }]}><DayPicker data-testid="offers-date" /></Form.Item>
          <Form.Item name="ourSide" label={t('compensation.detail.ourSide')} rules={[{ required: true, whitespace: true }]}><Input data-testid="offers-our" /></Form.Item>
          <Form.Item name="theirSide" label={t('compensation.detail.theirSide')} rules={[{ required: true, whitespace: true }]}><Input data-testid="offers-their" /></Form.Item>
          <Form.Item name="note" label={t('compensation.detail.note')}><Input.TextArea rows={2} data-testid="offers-note" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
