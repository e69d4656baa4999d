import { Badge, Button, Card, Flex, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { useAppStore } from '../../app/store';
import { yuan } from './money';
import { OverdueTag } from '../../components/OverdueTag';

/**
 * Overdue compensation promises, for the workbench: agreed, past due, not fully paid, within the user's scope.
 * Each row opens the handover's 客户补偿 list on 已逾期, where the payment is recorded; overdue is said in
 * words with an icon (逾期 N 天), not by colour alone.
 */
export function OverdueCard({ onCount }: { onCount?(count: number): void } = {}) {
  const { t } = useTranslation();
  const openHandover = useAppStore((s) => s.openHandover);
  const [rows, setRows] = useState<ChannelOutput<'compensation.overdue'> | null>(null);
  useEffect(() => {
    api('compensation.overdue', { limit: 20 }).then((r) => {
      setRows(r);
      onCount?.(r.length);
    }, () => setRows(null));
  }, []);
  // Like the other waiting lists: shown only when something waits (the workbench says so when nothing does).
  if (!rows || rows.length === 0) return null;
  const go = (handoverId: number) => openHandover({ id: handoverId, tab: 'compensation', step: 'overdue' });
  return (
    <Card size="small" title={<Flex gap={8} align="center">{t('compensation.overdue.title')}<Badge count={rows.length} color="#cf1322" /></Flex>} data-testid="comp-overdue">
      <List size="small" dataSource={rows}
        renderItem={(r) => (
          <List.Item data-testid="comp-overdue-row"
            actions={[<Button key="go" type="link" size="small" onClick={() => go(r.handoverId)} data-testid="comp-overdue-go">{t('compensation.overdue.act')}</Button>]}>
            <Flex vertical gap={2}>
              <Typography.Link onClick={() => go(r.handoverId)}>
                {t('compensation.overdue.row', { ref: r.handoverRef, name: r.code ? `${r.code} ${r.name}` : r.name, owed: yuan(r.owedFen), due: r.dueOn })}
              </Typography.Link>
              {/* The app's one overdue sign: its icon is an image a screen reader names 逾期. */}
              <span><OverdueTag days={r.daysOverdue} /></span>
            </Flex>
          </List.Item>
        )} />
    </Card>
  );
}
