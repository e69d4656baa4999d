import { App, Button, Card, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useAppStore } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { NewPassphraseFields } from '../../components/PassphraseFields';

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useAppStore((s) => s.info?.user);
  const refresh = useAppStore((s) => s.refresh);
  const [minutes, setMinutes] = useState<number>(user?.idleMinutes ?? 5);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ current: string; passphrase: string }>();

  const saveIdle = async () => {
    try {
      await api('settings.setIdleMinutes', { minutes });
      await refresh();
      message.success(t('settings.idleSaved'));
    } catch (err) {
      setError(err);
    }
  };

  const change = async (v: { current: string; passphrase: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('users.changePassphrase', { current: v.current, next: v.passphrase });
      form.resetFields();
      message.success(t('settings.changed'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="settings-page">
      <ErrorAlert error={error} />
      <Card title={t('settings.title')}>
        <Flex vertical gap={16}>
          <Flex gap={12} align="center" wrap>
            <Typography.Text>{t('common.language')}</Typography.Text>
            <LanguageSwitch />
          </Flex>
          <Flex gap={8} align="center" wrap>
            <Typography.Text>{t('settings.idle')}</Typography.Text>
            <InputNumber min={1} max={240} value={minutes} onChange={(v) => setMinutes(v ?? 5)} data-testid="idle-minutes" />
            <Typography.Text>{t('settings.idleUnit')}</Typography.Text>
            <Button onClick={() => void saveIdle()} data-testid="save-idle">{t('common.save')}</Button>
          </Flex>
        </Flex>
      </Card>
      <Card title={t('settings.changePassphrase')}>
        <Form form={form} layout="vertical" style={{ maxWidth: 480 }} onFinish={(v) => void change(v)} requiredMark={false}>
          <Form.Item name="current" label={t('settings.current')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="current-input" />
          </Form.Item>
          <NewPassphraseFields label={t('settings.newPassphrase')} />
          <Button type="primary" htmlType="submit" loading={busy} data-testid="change-passphrase">{t('settings.changePassphrase')}</Button>
        </Form>
      </Card>
    </Flex>
  );
}
