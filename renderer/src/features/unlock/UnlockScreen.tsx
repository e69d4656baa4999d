import { Alert, App, Button, Card, Flex, Form, Input, Progress, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onAppEvent } from '../../lib/api';
import { formatDateTime } from '../../i18n';
import { formatCount } from '../../lib/format';
import { useAppStore } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';

export function UnlockScreen() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const info = useAppStore((s) => s.info)!;
  const notice = useAppStore((s) => s.lockNotice);
  const refresh = useAppStore((s) => s.refresh);
  const setLockedView = useAppStore((s) => s.setLockedView);
  const setNewRecoveryKey = useAppStore((s) => s.setNewRecoveryKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [wait, setWait] = useState(info.unlockDelaySeconds);
  const [form] = Form.useForm<{ userName: string; passphrase: string }>();
  // The first unlock after an upgrade that changed the search index rebuilds it: clients done of all.
  const [rebuilt, setRebuilt] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => onAppEvent((e) => {
    if (e.type === 'vault.unlock-progress') setRebuilt({ done: e.done, total: e.total });
  }), []);

  useEffect(() => setWait(info.unlockDelaySeconds), [info.unlockDelaySeconds]);
  useEffect(() => {
    if (wait <= 0) return undefined;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const unlock = async (values: { userName: string; passphrase: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { since, recoveryKey } = await api('vault.unlock', values);
      // A key rotation (perhaps cut short and finished by this unlock) made a new recovery key: the administrator must write it down.
      if (recoveryKey) setNewRecoveryKey(recoveryKey);
      // A vault replaced as a whole by an older copy is consistent inside: only these going back show it.
      notification.info({
        key: 'since-last-unlock',
        // Bottom right: out of the way of the header's Lock button and the page's first actions.
        placement: 'bottomRight',
        message: since.previousUnlockAt ? t('unlock.since', { when: formatDateTime(since.previousUnlockAt), count: since.checkpoints }) : t('unlock.sinceFirst', { count: since.checkpoints }),
        description: t('unlock.sinceHint'),
        props: { 'data-testid': 'since-last-unlock' },
      });
      form.resetFields();
      await refresh();
    } catch (err) {
      form.setFieldValue('passphrase', '');
      setError(err);
      const latest = await refresh();
      setWait(latest.unlockDelaySeconds);
    } finally {
      setBusy(false);
      setRebuilt(null);
    }
  };

  const openOther = async () => {
    const { path } = await api('dialog.chooseVaultFolder', {});
    if (!path) return;
    try {
      await api('vault.open', { dir: path });
      await refresh();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Card title={t('unlock.title')} style={{ maxWidth: 460, margin: '0 auto' }} data-testid="unlock">
      {notice && <Alert type="info" showIcon title={t(`shell.locked.${notice}`)} style={{ marginBottom: 16 }} data-testid="lock-notice" />}
      <ErrorAlert error={error} />
      {wait > 0 && <Alert type="warning" showIcon title={t('unlock.wait', { seconds: wait })} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void unlock(v)} requiredMark={false}>
        <Form.Item name="userName" label={t('unlock.userName')} rules={[{ required: true, whitespace: true }]}>
          <Input autoFocus autoComplete="username" data-testid="username-input" maxLength={64} />
        </Form.Item>
        <Form.Item name="passphrase" label={t('passphrase.label')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" data-testid="passphrase-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} disabled={wait > 0} data-testid="unlock-button">
          {t('unlock.unlock')}
        </Button>
      </Form>
      {busy && rebuilt && (
        <div style={{ marginTop: 16 }} data-testid="unlock-rebuild">
          <Progress percent={rebuilt.total > 0 ? Math.floor((rebuilt.done / rebuilt.total) * 100) : 0} status="active" />
          <Typography.Text type="secondary">{t('unlock.rebuildingSearch', { done: formatCount(rebuilt.done), total: formatCount(rebuilt.total) })}</Typography.Text>
        </div>
      )}
      <Flex vertical align="start" style={{ marginTop: 16 }}>
        <Button type="link" onClick={() => setLockedView('recover')} data-testid="go-recover">{t('unlock.forgot')}</Button>
        <Button type="link" onClick={() => setLockedView('restore')}>{t('unlock.restore')}</Button>
        <Button type="link" onClick={() => void openOther()}>{t('unlock.openOther')}</Button>
        <Button type="link" onClick={() => setLockedView('verify')} data-testid="go-verify">{t('verifyFiles.link')}</Button>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
        {t('unlock.vaultAt', { dir: info.vaultDir })}
      </Typography.Text>
    </Card>
  );
}
