import { Button, Card, Empty, List, Progress, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Workbench } from '../../../../shared/contract';
import { useAppStore, type Page } from '../../app/store';

interface Task {
  key: 'users' | 'clients' | 'keys' | 'handover' | 'backup';
  done: boolean;
  page: Page;
}

/** The first-run checklist: colleagues → clients → the buyer's keys → a handover → a backup, each with the button that does it. */
export function FirstRunChecklist({ w }: { w: Workbench }) {
  const { t } = useTranslation();
  const setPage = useAppStore((s) => s.setPage);
  const perms = useAppStore((s) => s.info?.user?.permissions ?? []);
  const tasks: Task[] = [
    { key: 'users', done: w.setup.users > 1, page: 'users' },
    { key: 'clients', done: w.setup.clients > 0, page: 'clients' },
    { key: 'keys', done: w.setup.verifiedKeys > 0, page: 'security' },
    { key: 'handover', done: w.setup.handovers > 0, page: 'handovers' },
    { key: 'backup', done: w.lastBackupAt !== null, page: 'security' },
  ];
  const done = tasks.filter((x) => x.done).length;
  // Setting a vault up is the administrator's job; the others only see what waits for them.
  if (!perms.includes('users.manage') || done === tasks.length) return null;
  const next = tasks.find((x) => !x.done)!;
  return (
    <Card title={t('workbench.setup.title')} data-testid="first-run" extra={<Typography.Text type="secondary">{t('workbench.setup.progress', { done, total: tasks.length })}</Typography.Text>}>
      {done === 0 && (
        <Empty description={t('workbench.setup.empty')} style={{ marginBottom: 16 }}>
          <Button type="primary" onClick={() => setPage(next.page)} data-testid="first-run-start">{t(`workbench.setup.go.${next.key}`)}</Button>
        </Empty>
      )}
      <Progress percent={Math.round((done / tasks.length) * 100)} showInfo={false} style={{ marginBottom: 8 }} />
      <List size="small" dataSource={tasks} renderItem={(task) => (
        <List.Item data-testid={`first-run-${task.key}`}
          actions={task.done ? [] : [<Button key="go" size="small" type={task === next ? 'primary' : 'default'} onClick={() => setPage(task.page)}>{t(`workbench.setup.go.${task.key}`)}</Button>]}>
          <List.Item.Meta
            avatar={task.done ? <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('workbench.setup.done')} /> : <ClockCircleOutlined aria-hidden />}
            title={task.done ? <Typography.Text delete type="secondary">{t(`workbench.setup.${task.key}`)}</Typography.Text> : t(`workbench.setup.${task.key}`)} />
          {task.done && <Typography.Text type="secondary">{t('workbench.setup.done')}</Typography.Text>}
        </List.Item>
      )} />
    </Card>
  );
}
