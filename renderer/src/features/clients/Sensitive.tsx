import { App, Button, Form, Input, Modal, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useAppStore } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';

type FieldKind = 'address' | 'annualRevenue' | 'grossProfit' | 'phone' | 'email' | 'amount';

/**
 * A value the core may have masked. Masked, it shows the masked form (or
 * "••••" for amounts) and, for a user with the reveal right, an eye button
 * that asks for a reason; the core logs the reveal and sends the one value.
 */
export function Sensitive({ clientId, path, kind, masked, shown, format }: {
  clientId: number; path: string; kind: FieldKind; masked: boolean; shown: string; format?: (raw: string) => string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canReveal = useAppStore((s) => s.info?.user?.permissions.includes('clients.sensitive') ?? false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason: string }>();
  if (!masked) return <>{shown}</>;
  if (revealed !== null) return <Typography.Text mark data-testid={`revealed-${path}`}>{format ? format(revealed) : revealed}</Typography.Text>;
  const field = t(`reveal.field.${kind}`);
  return (
    <>
      <Tooltip title={t('reveal.masked')}><span data-testid={`masked-${path}`}>{shown || '••••'}</span></Tooltip>
      {canReveal && (
        <Tooltip title={t('reveal.title', { field })}>
          <Button size="small" type="text" icon={<EyeOutlined />} aria-label={t('reveal.title', { field })} onClick={() => setAsking(true)} data-testid={`reveal-${path}`} />
        </Tooltip>
      )}
      <Modal open={asking} title={t('reveal.title', { field })} okText={t('reveal.ok')} cancelText={t('common.cancel')} destroyOnHidden
        onCancel={() => setAsking(false)}
        okButtonProps={{ 'data-testid': 'reveal-ok' } as Record<`data-${string}`, string>}
        onOk={async () => {
          // An empty reason shows the form's own message; nothing is sent.
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          try {
            const r = await api('clients.reveal', { id: clientId, path, reason: v.reason });
            setRevealed(r.value);
            setAsking(false);
          } catch (err) {
            setError(err);
            message.error(t('reveal.masked'));
          }
        }}>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item name="reason" label={t('reveal.reason')} extra={t('reveal.reasonHint')} rules={[{ required: true, whitespace: true, min: 2 }]}>
            <Input.TextArea autoFocus maxLength={500} rows={2} data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
