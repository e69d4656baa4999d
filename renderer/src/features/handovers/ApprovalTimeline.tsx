import { Tag, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverDetail } from '../../../../shared/contract';
import { formatDateTime } from '../../i18n';

interface Event {
  at: string;
  key: string;
  color: string;
  dot: ReactNode;
  body: ReactNode;
}

/** Submitted, approved (and voided), sent back (驳回) with its reason: the approval round as one timeline, oldest first. */
export function ApprovalTimeline({ h }: { h: HandoverDetail }) {
  const { t } = useTranslation();
  const events: Event[] = [];
  if (h.submittedBy && h.submittedAt) {
    events.push({ at: h.submittedAt, key: 'submit', color: 'blue', dot: <SendOutlined aria-hidden />, body: t('handover.approvals.submitted', { user: h.submittedBy }) });
  }
  h.approvals.forEach((a, i) => events.push({
    at: a.at, key: `approve-${i}`, color: a.voidedAt ? 'gray' : 'green', dot: a.voidedAt ? <StopOutlined aria-hidden /> : <CheckCircleOutlined aria-hidden />,
    body: (
      <>
        <Typography.Text delete={a.voidedAt !== null}>{t('handover.approvals.approvedBy', { user: a.user })}</Typography.Text>
        {a.comment && <div><Typography.Text type="secondary">{t('handover.approvals.commentIs', { comment: a.comment })}</Typography.Text></div>}
        {a.voidedAt && <div><Tag color="orange">{t('handover.approvals.voided', { reason: t(`handover.approvals.voidReasons.${a.voidReason ?? ''}`, { defaultValue: a.voidReason ?? '' }) })}</Tag></div>}
      </>
    ),
  }));
  h.rejections.forEach((r, i) => events.push({
    at: r.at, key: `reject-${i}`, color: 'red', dot: <CloseCircleOutlined aria-hidden />,
    body: (
      <div data-testid="approval-rejection">
        <Typography.Text strong>{t('handover.approvals.rejectedBy', { user: r.user })}</Typography.Text>
        <div>{t('handover.approvals.reasonIs', { reason: r.reason })}</div>
      </div>
    ),
  }));
  events.sort((a, b) => a.at.localeCompare(b.at));
  if (events.length === 0) return <Typography.Text type="secondary" data-testid="approval-list">{t('handover.approvals.none')}</Typography.Text>;
  return (
    <Timeline data-testid="approval-list" items={events.map((e) => ({
      key: e.key, color: e.color, dot: e.dot,
      children: <><div>{e.body}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.at)}</Typography.Text></>,
    }))} />
  );
}
