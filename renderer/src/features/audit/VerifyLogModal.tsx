import { Alert, Button, Descriptions, Flex, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerdict } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Verify an exported log: folder, and optionally the key and an earlier checkpoint the auditor holds.
 * `initialDir` comes from "verify this export" right after an export.
 */
export function VerifyLogModal({ open, initialDir, onClose }: { open: boolean; initialDir?: string | undefined; onClose(): void }) {
  const { t } = useTranslation();
  const [dir, setDir] = useState<string | null>(null);
  const [pub, setPub] = useState<string | null>(null);
  const [held, setHeld] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open && initialDir) setDir(initialDir);
  }, [open, initialDir]);

  const reset = () => {
    setDir(null);
    setPub(null);
    setHeld(null);
    setVerdict(null);
    setError(null);
  };
  const pick = async (what: 'folder' | 'public-key' | 'checkpoint') => {
    try {
      const r = what === 'folder' ? await api('dialog.chooseAuditFolder', { purpose: 'audit-verify' }) : await api('dialog.chooseKeyFile', { kind: what });
      if (!r.path) return;
      if (what === 'folder') setDir(r.path);
      else if (what === 'public-key') setPub(r.path);
      else setHeld(r.path);
      setVerdict(null);
    } catch (err) {
      setError(err);
    }
  };
  const run = async () => {
    if (!dir) return;
    setBusy(true);
    setError(null);
    try {
      setVerdict(await api('audit.verify', { dir, ...(pub ? { publicKeyFile: pub } : {}), ...(held ? { checkpointFile: held } : {}) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const p = verdict?.problem;
  const where = p
    ? [p.line !== null ? t('audit.where', { line: p.line }) : '', p.seq !== null ? t('audit.entry', { seq: p.seq }) : '', p.expected !== undefined ? t('audit.expected', { expected: p.expected }) : '']
        .filter(Boolean).join(', ')
    : '';

  const row = (label: string, value: string | null, onPick: () => void, testid: string) => (
    <Flex gap={8} align="center" wrap>
      <Typography.Text strong style={{ minWidth: 220 }}>{label}</Typography.Text>
      <Button onClick={onPick} data-testid={testid}>{label === t('audit.folder') ? t('audit.chooseFolder') : t('audit.chooseFile')}</Button>
      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }} data-testid={`${testid}-path`}>{value ?? ''}</Typography.Text>
    </Flex>
  );

  return (
    <Modal open={open} title={t('audit.verifyTitle')} width={720} onCancel={() => { reset(); onClose(); }}
      footer={[
        <Button key="close" onClick={() => { reset(); onClose(); }}>{t('common.close')}</Button>,
        <Button key="run" type="primary" disabled={!dir} loading={busy} onClick={() => void run()} data-testid="verify-run">{t('audit.run')}</Button>,
      ]} destroyOnHidden>
      <ErrorAlert error={error} />
      <Flex vertical gap={12}>
        {row(t('audit.folder'), dir, () => void pick('folder'), 'verify-folder')}
        {row(t('audit.pubkey'), pub, () => void pick('public-key'), 'verify-pubkey')}
        {row(t('audit.heldCheckpoint'), held, () => void pick('checkpoint'), 'verify-checkpoint')}
      </Flex>
      {verdict && (
        <div style={{ marginTop: 16 }} data-testid="verify-result">
          {verdict.ok ? (
            <Alert type="success" showIcon message={t('audit.verified', { entries: verdict.entries, fp: verdict.keyFingerprint })}
              description={verdict.keyConfirmed ? undefined : t('audit.keyUnconfirmed')} />
          ) : (
            <Alert type="error" showIcon message={t('audit.failed', { problem: p ? t(`audit.problems.${p.kind}`) : '' })} description={where} />
          )}
          <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
            <Descriptions.Item label="minisign">{t('audit.signature', { state: t(`audit.states.${verdict.signature}`) })}</Descriptions.Item>
            {verdict.checkpoint && <Descriptions.Item label="checkpoint">{`${verdict.checkpoint.origin} · ${verdict.checkpoint.size}`}</Descriptions.Item>}
            {verdict.held && <Descriptions.Item label="held">{t('audit.held', { size: verdict.held.size, state: t(`audit.states.${verdict.held.status}`) })}</Descriptions.Item>}
            <Descriptions.Item label={t('keys.fingerprint')}><Typography.Text code>{verdict.keyFingerprint}</Typography.Text></Descriptions.Item>
            {verdict.redacted > 0 && <Descriptions.Item label={t('audit.redactedLabel')}><span data-testid="verify-redacted">{t('audit.redacted', { count: verdict.redacted })}</span></Descriptions.Item>}
          </Descriptions>
        </div>
      )}
    </Modal>
  );
}
