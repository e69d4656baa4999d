import { Button, Flex } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerdict } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AuditVerdictView } from './AuditVerdictView';
import { PickRow } from './PickRow';

type Pick = 'folder' | 'public-key' | 'checkpoint';

/**
 * Verify an exported access log: the folder, and optionally the vault key and an earlier checkpoint the
 * auditor holds. `vaultless`: before unlock (an auditor with no login) only the channels that need no
 * vault are called, and nothing is logged; inside a vault the check is recorded in its access log.
 */
export function AuditVerifyForm({ vaultless, initialDir }: { vaultless: boolean; initialDir?: string | undefined }) {
  const { t } = useTranslation();
  const [dir, setDir] = useState<string | null>(initialDir ?? null);
  const [pub, setPub] = useState<string | null>(null);
  const [held, setHeld] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (initialDir) setDir(initialDir);
  }, [initialDir]);

  const choose = async (what: Pick) => {
    if (vaultless) return api('dialog.chooseToVerify', { kind: what === 'folder' ? 'audit-export' : what });
    return what === 'folder' ? api('dialog.chooseAuditFolder', { purpose: 'audit-verify' }) : api('dialog.chooseKeyFile', { kind: what });
  };
  const pick = async (what: Pick) => {
    try {
      const r = await choose(what);
      if (!r.path) return;
      if (what === 'folder') setDir(r.path);
      else if (what === 'public-key') setPub(r.path);
      else setHeld(r.path);
      setVerdict(null);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const run = async () => {
    if (!dir) return;
    setBusy(true);
    setError(null);
    setVerdict(null);
    const input = { dir, ...(pub ? { publicKeyFile: pub } : {}), ...(held ? { checkpointFile: held } : {}) };
    try {
      setVerdict(vaultless ? await api('audit.verifyExport', input) : await api('audit.verify', input));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <ErrorAlert error={error} />
      <PickRow label={t('audit.folder')} button={t('audit.chooseFolder')} value={dir} onPick={() => void pick('folder')} testid="verify-folder" />
      <PickRow label={t('audit.pubkey')} button={t('audit.chooseFile')} value={pub} onPick={() => void pick('public-key')} testid="verify-pubkey" />
      <PickRow label={t('audit.heldCheckpoint')} button={t('audit.chooseFile')} value={held} onPick={() => void pick('checkpoint')} testid="verify-checkpoint" />
      <div>
        <Button type="primary" disabled={!dir} loading={busy} onClick={() => void run()} data-testid="verify-run">{t('audit.run')}</Button>
      </div>
      {verdict && <AuditVerdictView verdict={verdict} />}
    </Flex>
  );
}
