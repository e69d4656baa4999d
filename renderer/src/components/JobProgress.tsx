import { Button, Modal, Progress } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onAppEvent } from '../lib/api';

/** A progress bar for a long job, with Cancel. Shown while `jobId` is set. */
export function JobProgress({ jobId, title }: { jobId: string | null; title: string }) {
  const { t } = useTranslation();
  const [percent, setPercent] = useState(0);
  useEffect(() => {
    setPercent(0);
    if (!jobId) return undefined;
    return onAppEvent((e) => {
      if (e.type === 'job.progress' && e.jobId === jobId) setPercent(e.total > 0 ? Math.floor((e.done / e.total) * 100) : 0);
    });
  }, [jobId]);
  return (
    <Modal open={jobId !== null} title={title} closable={false} mask={{ closable: false }} footer={null} destroyOnHidden>
      <Progress percent={percent} status="active" data-testid="job-progress" />
      <div style={{ textAlign: 'right', marginTop: 16 }}>
        <Button data-testid="job-cancel" onClick={() => jobId && void api('job.cancel', { jobId })}>
          {t('job.cancel')}
        </Button>
      </div>
    </Modal>
  );
}
