import { Alert, Button, Card, Flex, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Credential } from '../../../../shared/contract';
import { api, newJobId } from '../../lib/api';
import { useAppStore } from '../../app/store';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';

interface Values { kind: 'passphrase' | 'recovery'; userName?: string; passphrase?: string; recoveryKey?: string }

/** Restore a backup file into a new empty folder; the backup's own slots decide who may. */
export function RestoreWizard() {
  const { t } = useTranslation();
  const refresh = useAppStore((s) => s.refresh);
  const info = useAppStore((s) => s.info)!;
  const setLockedView = useAppStore((s) => s.setLockedView);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'passphrase';

  const start = async (v: Values) => {
    if (!from || !to) return;
    const credential: Credential =
      v.kind === 'recovery'
        ? { kind: 'recovery', recoveryKey: v.recoveryKey ?? '' }
        : { kind: 'passphrase', userName: v.userName ?? '', passphrase: v.passphrase ?? '' };
    const id = newJobId();
    setJobId(id);
    setError(null);
    try {
      await api('vault.restore', { jobId: id, from, to, credential });
      form.resetFields();
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setJobId(null);
    }
  };

  const back = () => {
    setLockedView(info.state === 'absent' ? 'setup' : 'unlock');
    void refresh();
  };

  return (
    <Card title={t('restore.title')} style={{ maxWidth: 640, margin: '0 auto' }} data-testid="restore">
      <ErrorAlert error={error} />
      {done ? (
        <Flex vertical gap={16}>
          <Alert type="success" showIcon title={t('restore.done')} data-testid="restore-done" />
          <div><Button type="primary" onClick={back}>{t('common.next')}</Button></div>
        </Flex>
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void start(v)} initialValues={{ kind: 'passphrase' }} requiredMark={false}>
          <Form.Item label={t('restore.file')}>
            <Flex gap={8} align="center" wrap>
              <Button onClick={async () => setFrom((await api('dialog.chooseBackupFile', {})).path)} data-testid="choose-backup">{t('restore.chooseFile')}</Button>
              {from && <Typography.Text code>{from}</Typography.Text>}
            </Flex>
          </Form.Item>
          <Form.Item label={t('restore.folder')}>
            <Flex gap={8} align="center" wrap>
              <Button onClick={async () => setTo((await api('dialog.chooseRestoreFolder', {})).path)} data-testid="choose-target">{t('restore.chooseFolder')}</Button>
              {to && <Typography.Text code>{to}</Typography.Text>}
            </Flex>
          </Form.Item>
          <Form.Item name="kind" label={t('restore.with')}>
            <Radio.Group>
              <Radio value="passphrase">{t('restore.withPassphrase')}</Radio>
              <Radio value="recovery">{t('restore.withRecovery')}</Radio>
            </Radio.Group>
          </Form.Item>
          {kind === 'passphrase' ? (
            <>
              <Form.Item name="userName" label={t('unlock.userName')} rules={[{ required: true, whitespace: true }]}>
                <Input autoComplete="username" data-testid="username-input" />
              </Form.Item>
              <Form.Item name="passphrase" label={t('passphrase.label')} rules={[{ required: true }]}>
                <Input.Password autoComplete="current-password" data-testid="passphrase-input" />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="recoveryKey" label={t('recover.key')} rules={[{ required: true }]}>
              <Input.TextArea autoSize spellCheck={false} className="mono" data-testid="recovery-input" />
            </Form.Item>
          )}
          <Flex gap={8}>
            <Button onClick={back}>{t('common.back')}</Button>
            <Button type="primary" htmlType="submit" disabled={!from || !to} data-testid="start-restore">{t('restore.start')}</Button>
          </Flex>
        </Form>
      )}
      <JobProgress jobId={jobId} title={t('restore.title')} />
    </Card>
  );
}
