import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useAppStore } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPassphraseFields } from '../../components/PassphraseFields';

interface Values { userName: string; recoveryKey: string; passphrase: string }

/** Recovery key alone unlocks; a new passphrase is required in the same step. */
export function RecoverForm() {
  const { t } = useTranslation();
  const refresh = useAppStore((s) => s.refresh);
  const setLockedView = useAppStore((s) => s.setLockedView);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();

  const recover = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api('vault.recover', { userName: v.userName, recoveryKey: v.recoveryKey, newPassphrase: v.passphrase });
      form.resetFields();
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('recover.title')} style={{ maxWidth: 560, margin: '0 auto' }} data-testid="recover">
      <Typography.Paragraph>{t('recover.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void recover(v)} requiredMark={false}>
        <Form.Item name="userName" label={t('unlock.userName')} rules={[{ required: true, whitespace: true }]}>
          <Input autoComplete="username" data-testid="username-input" maxLength={64} />
        </Form.Item>
        <Form.Item name="recoveryKey" label={t('recover.key')} rules={[{ required: true }]}>
          <Input.TextArea autoSize placeholder={t('recover.keyPlaceholder')} spellCheck={false} data-testid="recovery-input" className="mono" />
        </Form.Item>
        <NewPassphraseFields label={t('recover.newPassphrase')} />
        <Flex gap={8}>
          <Button onClick={() => setLockedView('unlock')}>{t('common.back')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="recover-button">{t('recover.submit')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}
