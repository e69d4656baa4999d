import { Card, List } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { wan } from './money';

/** Overdue compensation promises, for the workbench: agreed, past due, not fully paid, within the user's scope. */
export function OverdueCard() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ChannelOutput<'compensation.overdue'> | null>(null);
  useEffect(() => {
    api('compensation.overdue', { limit: 20 }).then(setRows, () => setRows(null));
  }, []);
  if (!rows) return null;
  return (
    <Card size="small" title={t('compensation.overdue.title')} data-testid="comp-overdue">
      <List size="small" dataSource={rows} locale={{ emptyText: t('compensation.overdue.none') }}
        renderItem={(r) => <List.Item>{t('compensation.overdue.row', { ref: r.handoverRef, name: r.code ? `${r.code} ${r.name}` : r.name, owed: wan(r.owedFen), due: r.dueOn, days: r.daysOverdue })}</List.Item>} />
    </Card>
  );
}
