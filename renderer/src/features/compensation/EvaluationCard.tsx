import { Card, Descriptions } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../../../../shared/contract';
import { formatMoney, formatPercent } from '../../lib/format';
import { api } from '../../lib/api';

/** After the follow-ups: compensated clients against the rest, and what compensation cost per retained revenue. */
export function EvaluationCard({ handoverId }: { handoverId: number }) {
  const { t } = useTranslation();
  const [e, setE] = useState<Evaluation | null>(null);
  useEffect(() => {
    api('compensation.evaluation', { handoverId }).then(setE, () => setE(null));
  }, [handoverId]);
  if (!e) return null;
  const cohort = (c: Evaluation['compensated']) => `${t('compensation.evaluation.clients')} ${c.clients} · ${t('compensation.evaluation.retention')} ${c.retention === null ? '—' : formatPercent(c.retention)} · ${t('compensation.evaluation.satisfaction')} ${c.satisfaction ?? '—'}`;
  return (
    <Card size="small" title={t('compensation.evaluation.title')} data-testid="comp-evaluation">
      <Descriptions size="small" column={1} items={[
        { key: 'c', label: t('compensation.evaluation.compensated'), children: cohort(e.compensated) },
        { key: 'o', label: t('compensation.evaluation.others'), children: cohort(e.others) },
        // A row like the two above (it stood as loose text under them, out of line with their labels).
        { key: 'cost', label: t('compensation.evaluation.costLabel'), children: <span data-testid="comp-evaluation-cost">{e.costPerRetainedRevenue === null
          ? t('compensation.evaluation.noCost') : t('compensation.evaluation.cost', { cost: formatMoney(e.costPerRetainedRevenue * 10_000, 'CNY') })}</span> },
      ]} />
    </Card>
  );
}
