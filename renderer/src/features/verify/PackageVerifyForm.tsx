import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageVerdict } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PackageFacts } from './PackageFacts';
import { PickRow } from './PickRow';

/**
 * Check a handover package with no vault (`handover package verify`): format, signer, signature and
 * recipients, before and without decrypting. Only the files picked here are read.
 */
export function PackageVerifyForm() {
  const { t } = useTranslation();
  const [file, setFile] = useState<string | null>(null);
  const [senderKey, setSenderKey] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<PackageVerdict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (kind: 'package' | 'public-key') => {
    try {
      const { path } = await api('dialog.chooseToVerify', { kind });
      if (!path) return;
      if (kind === 'package') setFile(path);
      else setSenderKey(path);
      setVerdict(null);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setVerdict(null);
    try {
      setVerdict(await api('packages.verifyFile', { file, ...(senderKey ? { senderKeyFile: senderKey } : {}) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const refusal = verdict?.refusal;

  return (
    <Flex vertical gap={12}>
      <ErrorAlert error={error} />
      <PickRow label={t('verifyFiles.packageFile')} button={t('audit.chooseFile')} value={file} onPick={() => void pick('package')} testid="verify-package" />
      <PickRow label={t('verifyFiles.senderKey')} button={t('audit.chooseFile')} value={senderKey} onPick={() => void pick('public-key')} testid="verify-sender-key" />
      <div>
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void run()} data-testid="verify-package-run">{t('audit.run')}</Button>
      </div>
      {verdict && (
        <div data-testid="verify-package-result">
          {verdict.ok && verdict.info ? (
            <>
              <Alert type="success" showIcon title={t('verifyFiles.packageVerified', { fp: verdict.info.senderFingerprint })}
                description={verdict.info.senderKeyConfirmed ? t('verifyFiles.senderConfirmed') : t('verifyFiles.senderUnconfirmed')} />
              <PackageFacts info={verdict.info} testid="verify-package-info" />
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('verifyFiles.notDecrypted')}</Typography.Paragraph>
            </>
          ) : (
            <Alert type="error" showIcon data-testid="verify-package-refused"
              title={t('verifyFiles.packageRefused', { reason: refusal ? t(`receive.reasons.${refusal.reason}`) : '' })}
              description={refusal?.detail ? t('verifyFiles.refusalDetail', { detail: refusal.detail }) : undefined} />
          )}
        </div>
      )}
    </Flex>
  );
}
