import { Alert, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditVerdict } from '../../../../shared/contract';
import { formatCount } from '../../lib/format';

/**
 * An access-log export's verdict in words: who signed it, how many entries, which checkpoints hold,
 * and — when it does not verify — what kind of change explains it and on which line. One view for the
 * Access log page (in a vault) and the verify screen before unlock (no vault).
 */
export function AuditVerdictView({ verdict }: { verdict: AuditVerdict }) {
  const { t } = useTranslation();
  const p = verdict.problem;
  const where = p
    ? [p.line !== null ? t('audit.where', { line: p.line }) : '', p.seq !== null ? t('audit.entry', { seq: p.seq }) : '', p.expected !== undefined ? t('audit.expected', { expected: p.expected }) : '']
        .filter(Boolean).join(' · ')
    : '';
  const entries = verdict.firstSeq !== null && verdict.lastSeq !== null
    ? t('audit.entriesValue', { n: formatCount(verdict.entries), first: verdict.firstSeq, last: verdict.lastSeq })
    : t('audit.noEntries');
  return (
    <div style={{ marginTop: 16 }} data-testid="verify-result">
      {verdict.ok ? (
        <Alert type="success" showIcon title={t('audit.verified', { entries: verdict.entries, fp: verdict.keyFingerprint })}
          description={verdict.keyConfirmed ? undefined : t('audit.keyUnconfirmed')} />
      ) : (
        <Alert type="error" showIcon title={t('audit.failed', { problem: p ? t(`audit.problems.${p.kind}`) : '' })} description={where ? <span data-testid="verify-where">{where}</span> : undefined} data-testid="verify-failed" />
      )}
      <Descriptions size="small" column={1} bordered style={{ marginTop: 12 }} items={[
        { key: 'fp', label: t('keys.fingerprint'), children: <Typography.Text code copyable data-testid="verify-fingerprint">{verdict.keyFingerprint}</Typography.Text> },
        { key: 'entries', label: t('audit.entriesLabel'), children: entries },
        { key: 'sig', label: t('audit.signatureLabel'), children: t(`audit.states.${verdict.signature}`) },
        {
          key: 'cp', label: t('audit.checkpointLabel'),
          children: verdict.checkpoint ? t('audit.checkpointValue', { size: verdict.checkpoint.size, origin: verdict.checkpoint.origin }) : t('audit.states.missing'),
        },
        ...(verdict.held ? [{ key: 'held', label: t('audit.heldLabel'), children: t('audit.held', { size: verdict.held.size, state: t(`audit.states.${verdict.held.status}`) }) }] : []),
        ...(verdict.redacted > 0 ? [{ key: 'redacted', label: t('audit.redactedLabel'), children: <span data-testid="verify-redacted">{t('audit.redacted', { count: verdict.redacted })}</span> }] : []),
      ]} />
    </div>
  );
}
