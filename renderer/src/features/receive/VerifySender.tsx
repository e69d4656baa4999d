import { Alert, Button, Form, Input, Modal, Radio, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { useAppStore } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';

type Info = ChannelOutput<'packages.inspect'>;
type Signer = NonNullable<Info['knownSigner']>;

/**
 * Import and receipt need the package's signer to be a counterparty key this vault verified (issue 14):
 * the key the package carries proves nothing by itself. This panel adds that key (if not on file yet)
 * and marks it verified once the fingerprint the seller reads out by phone or in person matches.
 */
export function VerifySender({ info, refused, onVerified }: { info: Info; refused: boolean; onVerified: (signer: Signer) => void }) {
  const { t } = useTranslation();
  const canManage = useAppStore((s) => s.info?.user?.permissions.includes('handover.plan') ?? false);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ label: string; fingerprint: string; how: 'phone' | 'in-person' }>();
  // The key once on file (added here, even if the read-back then did not match): it is verified, not added twice.
  const [onFile, setOnFile] = useState<Signer | null>(info.knownSigner);
  if (info.knownSigner?.verified) return null;

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      let signer = onFile;
      if (!signer) {
        const keys = await api('keys.addCounterparty', { label: v.label.trim(), key: info.senderKey });
        const added = keys.find((k) => k.fingerprint === info.senderFingerprint);
        if (!added) return;
        signer = { id: added.id, label: added.label, verified: false };
        setOnFile(signer);
      }
      await api('keys.verifyCounterparty', { id: signer.id, how: v.how, fingerprint: v.fingerprint });
      setOpen(false);
      onVerified({ ...signer, verified: true });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <Alert type={refused ? 'error' : 'warning'} showIcon style={{ marginTop: 16 }} data-testid="receive-sender-unverified"
        title={t('receive.senderUnverified', { fingerprint: info.senderFingerprint })}
        description={canManage ? undefined : t('receive.askManager')}
        action={canManage && (
          <Button icon={<SafetyCertificateOutlined />} onClick={() => setOpen(true)} data-testid="receive-verify-sender">{t('receive.verifySender')}</Button>
        )} />
      <Modal open={open} title={t('receive.verifySenderTitle')} okText={t('counterparty.verify')} cancelText={t('common.cancel')} destroyOnHidden
        onCancel={() => setOpen(false)} onOk={() => void save()}>
        <ErrorAlert error={error} />
        <Typography.Paragraph>{t('counterparty.verifyText')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ how: 'phone' }} requiredMark={false}>
          {!onFile && (
            <Form.Item name="label" label={t('counterparty.label')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
          )}
          <Form.Item name="fingerprint" label={t('counterparty.readBack')} rules={[{ required: true, whitespace: true }]}><Input style={{ fontFamily: 'monospace' }} /></Form.Item>
          <Form.Item name="how" label={t('counterparty.howLabel')}>
            <Radio.Group options={[{ value: 'phone', label: t('counterparty.how.phone') }, { value: 'in-person', label: t('counterparty.how.in-person') }]} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
