import { Button, Modal, Progress, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, onAppEvent } from '../lib/api';
import { formatBytes } from '../i18n';
import { formatCount } from '../lib/format';

interface Seen {
  done: number;
  total: number;
  unit: 'bytes' | 'items';
}

/** A progress bar for a long job, with the rate (MB/s or items/s), the time left, and Cancel. Shown while `jobId` is set. */
export function JobProgress({ jobId, title }: { jobId: string | null; title: string }) {
  const { t } = useTranslation();
  const [seen, setSeen] = useState<Seen | null>(null);
  const started = useRef(0);
  useEffect(() => {
    setSeen(null);
    started.current = Date.now();
    if (!jobId) return undefined;
    return onAppEvent((e) => {
      if (e.type === 'job.progress' && e.jobId === jobId) setSeen({ done: e.done, total: e.total, unit: e.unit ?? 'items' });
    });
  }, [jobId]);
  const percent = seen && seen.total > 0 ? Math.floor((seen.done / seen.total) * 100) : 0;
  const seconds = (Date.now() - started.current) / 1000;
  const rate = seen && seconds > 0.5 ? seen.done / seconds : 0;
  const left = rate > 0 && seen ? Math.max(0, Math.ceil((seen.total - seen.done) / rate)) : null;
  const leftText = left === null ? '' : left >= 90 ? t('job.leftMinutes', { count: Math.ceil(left / 60) }) : t('job.leftSeconds', { count: left });
  return (
    <Modal open={jobId !== null} title={title} closable={false} mask={{ closable: false }} footer={null} destroyOnHidden>
      <Progress percent={percent} status="active" data-testid="job-progress" />
      {seen && (
        <Typography.Text type="secondary" data-testid="job-rate">
          {seen.unit === 'bytes'
            ? t('job.rateBytes', { done: formatBytes(seen.done), total: formatBytes(seen.total), rate: formatBytes(rate) })
            : t('job.rateItems', { done: formatCount(seen.done), total: formatCount(seen.total), rate: formatCount(Math.round(rate)) })}
          {leftText && ` · ${leftText}`}
        </Typography.Text>
      )}
      <div style={{ textAlign: 'right', marginTop: 16 }}>
        <Button data-testid="job-cancel" onClick={() => jobId && void api('job.cancel', { jobId })}>
          {t('job.cancel')}
        </Button>
      </div>
    </Modal>
  );
}
