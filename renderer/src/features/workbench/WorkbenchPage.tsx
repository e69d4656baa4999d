import { Alert, Badge, Button, Card, Col, Empty, Flex, List, Row, Spin, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecurityInfo, Workbench } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatDate, formatDateTime } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAppStore, type HandoverTarget } from '../../app/store';
import { OverdueCard } from '../compensation/OverdueCard';
import { daysPast, OverdueTag } from '../../components/OverdueTag';
import { FirstRunChecklist } from './FirstRunChecklist';
import { CipherUpgradeNotice } from '../security/CipherUpgradeNotice';
import { dayOf, daysBetween, localDay } from '../../../../shared/dates';

const WEEK_DAYS = 7;

interface Row {
  handoverId: number;
  text: string;
  target: HandoverTarget;
  /** 逾期 N 天 when the work is past the day it was due. */
  overdue?: ReactNode;
}

/** One list of things waiting: each row a link to the place that settles it. Hidden when empty. */
function WaitingCard({ id, title, act, rows }: { id: string; title: string; act: string; rows: Row[] }) {
  const openHandover = useAppStore((s) => s.openHandover);
  if (rows.length === 0) return null;
  return (
    <Card size="small" title={<Flex gap={8} align="center">{title}<Badge count={rows.length} color="#1f5fa8" /></Flex>} data-testid={`wb-${id}`}>
      <List size="small" dataSource={rows} renderItem={(r) => (
        <List.Item actions={[<Button key="go" type="link" size="small" onClick={() => openHandover(r.target)} data-testid={`wb-${id}-go`}>{act}</Button>]}>
          <Flex gap={8} align="center" wrap>
            {r.overdue}
            <Typography.Link onClick={() => openHandover(r.target)}>{r.text}</Typography.Link>
          </Flex>
        </List.Item>
      )} />
    </Card>
  );
}

/** Calendar days since a backup, on the user's calendar (yesterday 23:00 is 1 day ago at 01:00 today). */
function daysSince(iso: string): number {
  return Math.max(0, daysBetween(dayOf(iso), localDay()));
}

/** The offer of a faster page cipher, right after unlock, to whoever may migrate the vault (issue 16). */
function CipherOffer() {
  const canUpgrade = useAppStore((s) => s.info?.user?.permissions.includes('users.manage') ?? false);
  const [info, setInfo] = useState<SecurityInfo | null>(null);
  const load = useCallback(() => api('vault.security', {}).then(setInfo, () => setInfo(null)), []);
  useEffect(() => {
    if (canUpgrade) void load();
  }, [canUpgrade, load]);
  return info ? <CipherUpgradeNotice info={info} onDone={load} /> : null;
}

/** 工作台: the home page after unlock — what waits for me, and, in a new vault, how to start. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const setPage = useAppStore((s) => s.setPage);
  const canBackup = useAppStore((s) => s.info?.user?.permissions.includes('vault.backup') ?? false);
  const [w, setW] = useState<Workbench | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [overdue, setOverdue] = useState(0);
  useEffect(() => {
    api('workbench.summary', {}).then(setW, setError);
  }, []);
  if (!w) return error ? <ErrorAlert error={error} /> : <Spin />;

  const name = (r: { ref: string; title: string }) => ({ ref: r.ref, title: r.title });
  const cards: ReactNode[] = [
    <WaitingCard key="approvals" id="approvals" title={t('workbench.approvals.title')} act={t('workbench.approvals.act')}
      rows={w.approvals.map((r) => ({ handoverId: r.handoverId, text: t('workbench.approvals.row', { ...name(r), by: r.submittedBy }), target: { id: r.handoverId, tab: 'wizard', step: 'approvals' } }))} />,
    <WaitingCard key="objections" id="objections" title={t('workbench.objections.title')} act={t('workbench.objections.act')}
      rows={w.objections.map((r) => ({
        handoverId: r.handoverId, target: { id: r.handoverId, tab: 'wizard', step: 'notices' },
        // A closed window whose unanswered clients still wait for a decision: overdue since the deadline.
        ...(r.days < 0 ? {
          text: t('workbench.objections.closedRow', { ...name(r), date: formatDate(r.deadline), undecided: r.undecided }),
          overdue: <OverdueTag days={-r.days} testId={`wb-objections-overdue-${r.handoverId}`} />,
        } : {
          text: t('workbench.objections.row', { ...name(r), date: formatDate(r.deadline), days: r.days === 0 ? t('workbench.objections.today') : t('workbench.objections.days', { count: r.days }), undecided: r.undecided }),
        }),
      }))} />,
    <WaitingCard key="notices" id="notices" title={t('workbench.notices.title')} act={t('workbench.notices.act')}
      rows={w.notices.map((r) => ({
        handoverId: r.handoverId, text: t('workbench.notices.row', { ...name(r), generate: r.toGenerate, send: r.toSend }), target: { id: r.handoverId, tab: 'wizard', step: 'notices' },
        // Notices still unsent after the notice start date are late.
        ...(r.dueOn && daysPast(r.dueOn) > 0 ? { overdue: <OverdueTag days={daysPast(r.dueOn)} due={t('common.dueOn', { date: formatDate(r.dueOn) })} testId={`wb-notices-overdue-${r.handoverId}`} /> } : {}),
      }))} />,
    <WaitingCard key="questions" id="questions" title={t('workbench.questions.title')} act={t('workbench.questions.act')}
      rows={w.questions.map((r) => ({ handoverId: r.handoverId, text: t('workbench.questions.row', { ...name(r), count: r.open }), target: { id: r.handoverId, tab: 'dataroom' } }))} />,
    <WaitingCard key="blocked" id="blocked" title={t('workbench.blocked.title')} act={t('workbench.blocked.act')}
      rows={w.blocked.map((r) => ({ handoverId: r.handoverId, text: t('workbench.blocked.row', { ...name(r), count: r.gatesOpen }), target: { id: r.handoverId, tab: 'dashboard' } }))} />,
  ];
  const waiting = w.approvals.length + w.objections.length + w.notices.length + w.questions.length + w.blocked.length + overdue;
  const age = w.lastBackupAt ? daysSince(w.lastBackupAt) : null;

  return (
    <Flex vertical gap={16} data-testid="workbench-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('workbench.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('workbench.intro')}</Typography.Text>
      </div>
      <CipherOffer />
      <FirstRunChecklist w={w} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            {cards}
            <OverdueCard onCount={setOverdue} />
            {waiting === 0 && <Card size="small"><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.nothing')} data-testid="wb-nothing" /></Card>}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('workbench.backup.title')} data-testid="wb-backup"
              extra={canBackup && <Button size="small" onClick={() => setPage('security')}>{t('workbench.backup.act')}</Button>}>
              {w.lastBackupAt === null || age === null ? (
                <Alert type="warning" showIcon message={t('workbench.backup.never')} />
              ) : (
                <Flex vertical gap={4}>
                  <Typography.Text>{t('workbench.backup.at', { when: formatDateTime(w.lastBackupAt), age: age === 0 ? t('workbench.backup.ageToday') : t('workbench.backup.age', { count: age }) })}</Typography.Text>
                  {age > WEEK_DAYS && <Typography.Text type="warning"><WarningOutlined /> {t('workbench.backup.old')}</Typography.Text>}
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
