import { Button, Card, Flex, Form, Input, Radio, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useAppStore } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPassphraseFields } from '../../components/PassphraseFields';
import { RecoveryKeySheet } from './RecoveryKeySheet';

/** First run: where the vault lives -> the first (admin) user -> the recovery key, once. */
export function SetupWizard() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info)!;
  const refresh = useAppStore((s) => s.refresh);
  const setLockedView = useAppStore((s) => s.setLockedView);
  const [step, setStep] = useState(0);
  const [dir, setDir] = useState(info.defaultVaultDir);
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [form] = Form.useForm<{ userName: string; passphrase: string }>();

  const chooseFolder = async () => {
    const { path } = await api('dialog.chooseVaultFolder', {});
    if (path) {
      setPicked(path);
      setDir(path);
    }
  };
  const openExisting = async () => {
    setError(null);
    try {
      const { path } = await api('dialog.chooseVaultFolder', {});
      if (path) {
        await api('vault.open', { dir: path });
        await refresh();
      }
    } catch (err) {
      setError(err);
    }
  };
  const create = async (values: { userName: string; passphrase: string }) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api('vault.create', { dir, userName: values.userName, passphrase: values.passphrase });
      form.resetFields();
      setRecoveryKey(result.recoveryKey);
      setStep(2);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('setup.title')} style={{ maxWidth: 720, margin: '0 auto' }} data-testid="setup">
      <Steps
        current={step}
        items={[{ title: t('setup.steps.location') }, { title: t('setup.steps.user') }, { title: t('setup.steps.recovery') }]}
        style={{ marginBottom: 24 }}
      />
      <ErrorAlert error={error} />
      {step === 0 && (
        <Flex vertical gap={16}>
          <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
          <Typography.Text strong>{t('setup.location')}</Typography.Text>
          <Radio.Group value={dir} onChange={(e) => setDir(e.target.value as string)}>
            <Flex vertical gap={8}>
              <Radio value={info.defaultVaultDir}>
                {t('setup.defaultLocation')} <Typography.Text code>{info.defaultVaultDir}</Typography.Text>
              </Radio>
              {picked && (
                <Radio value={picked}>
                  <Typography.Text code data-testid="picked-folder">{picked}</Typography.Text>
                </Radio>
              )}
            </Flex>
          </Radio.Group>
          <Flex gap={8} wrap>
            <Button onClick={() => void chooseFolder()}>{t('setup.chooseFolder')}</Button>
            <Button type="link" onClick={() => void openExisting()}>{t('setup.openExisting')}</Button>
            <Button type="link" onClick={() => setLockedView('restore')}>{t('setup.restore')}</Button>
            <Button type="link" onClick={() => setLockedView('verify')} data-testid="go-verify">{t('verifyFiles.link')}</Button>
          </Flex>
          <div>
            <Button type="primary" onClick={() => setStep(1)} data-testid="setup-next">{t('common.next')}</Button>
          </div>
        </Flex>
      )}
      {step === 1 && (
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} requiredMark={false}>
          <Typography.Paragraph type="secondary">{t('setup.adminNote')}</Typography.Paragraph>
          <Form.Item name="userName" label={t('setup.userName')} rules={[{ required: true, whitespace: true, message: t('setup.userNameRequired') }]}>
            <Input autoFocus autoComplete="username" data-testid="username-input" maxLength={64} />
          </Form.Item>
          <NewPassphraseFields />
          <Flex gap={8}>
            <Button onClick={() => setStep(0)}>{t('common.back')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="create-vault">{t('setup.create')}</Button>
          </Flex>
        </Form>
      )}
      {step === 2 && recoveryKey && (
        <RecoveryKeySheet
          recoveryKey={recoveryKey}
          vaultDir={dir}
          onDone={() => {
            setRecoveryKey(null);
            void refresh();
          }}
        />
      )}
    </Card>
  );
}
