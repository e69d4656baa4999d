import { Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newJobId } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DayRangePicker } from '../../components/DayPicker';
import { JobProgress } from '../../components/JobProgress';

const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
const dayAfter = (d: string) => (d ? new Date(new Date(`${d}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined);

type Done = { first: number; last: number; dir: string; fp: string };

/** Export the log (all, or a time range) into a folder the user picks, with progress and cancel. */
export function ExportLogModal({ open, onClose }: { open: boolean; onClose(done?: Done): void }) {
  const { t } = useTranslation();
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    setError(null);
    try {
      const picked = await api('dialog.chooseAuditFolder', { purpose: 'audit-export' });
      if (!picked.path) return;
      const id = newJobId();
      setJobId(id);
      const r = await api('audit.export', { jobId: id, dir: picked.path, ...(since ? { since: dayStart(since) } : {}), ...(until ? { until: dayAfter(until) } : {}) });
      onClose({ first: r.firstSeq, last: r.lastSeq, dir: r.dir, fp: r.keyFingerprint });
    } catch (err) {
      setError(err);
    } finally {
      setJobId(null);
    }
  };

  return (
    <>
      <Modal open={open && jobId === null} title={t('audit.exportTitle')} okText={t('audit.export')} cancelText={t('common.cancel')}
        onOk={() => void run()} onCancel={() => onClose()} destroyOnHidden
        okButtonProps={{ 'data-testid': 'audit-export-ok' } as Record<`data-${string}`, string>}>
        <ErrorAlert error={error} />
        <Typography.Paragraph>{t('audit.exportRange')}</Typography.Paragraph>
        <DayRangePicker value={[since, until]} onChange={([a, b]) => { setSince(a); setUntil(b); }} ariaLabel={t('audit.period')} testId="audit-export-period" />
      </Modal>
      <JobProgress jobId={jobId} title={t('audit.exporting')} />
    </>
  );
}
