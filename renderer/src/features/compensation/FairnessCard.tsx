import { Card, Col, Empty, List, Progress, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Fairness } from '../../../../shared/contract';
import { wan, yuan } from './money';

/** One rule for every client, made visible: distribution by tier and region, outliers, exceptions, total against budget. */
export function FairnessCard({ f }: { f: Fairness | null }) {
  const { t } = useTranslation();
  if (!f) return null;
  if (f.masked) return <Card size="small" title={t('compensation.fairness.title')}><Typography.Text type="secondary">{t('compensation.fairness.masked')}</Typography.Text></Card>;
  // Before any proposal, one sentence saying what to do, not four empty tables.
  if (f.byTier.length === 0 && f.exceptions.length === 0) {
    return (
      <Card size="small" title={t('compensation.fairness.title')} data-testid="comp-fairness">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compensation.fairness.empty')} />
      </Card>
    );
  }
  const columns = [
    { title: t('compensation.fairness.group'), dataIndex: 'key' },
    { title: t('compensation.fairness.count'), dataIndex: 'count', align: 'right' as const },
    { title: t('compensation.fairness.total'), dataIndex: 'totalFen', align: 'right' as const, render: (v: number) => wan(v) },
    { title: t('compensation.fairness.min'), dataIndex: 'minFen', align: 'right' as const, render: (v: number) => yuan(v) },
    { title: t('compensation.fairness.median'), dataIndex: 'medianFen', align: 'right' as const, render: (v: number) => yuan(v) },
    { title: t('compensation.fairness.max'), dataIndex: 'maxFen', align: 'right' as const, render: (v: number) => yuan(v) },
  ];
  const share = f.budgetFen ? Math.round((f.totalFen / f.budgetFen) * 1000) / 10 : 0;
  return (
    <Card size="small" title={t('compensation.fairness.title')} data-testid="comp-fairness">
      <Typography.Paragraph data-testid="fairness-budget">
        {t('compensation.fairness.budget', { total: wan(f.totalFen), budget: wan(f.budgetFen) })}
        {' · '}{t('compensation.fairness.atFloor', { count: f.atFloor })}{' · '}{t('compensation.fairness.atCap', { count: f.atCap })}
      </Typography.Paragraph>
      <Progress percent={Math.min(share, 100)} status={share > 100 ? 'exception' : 'normal'} format={() => `${share}%`} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Table size="small" rowKey="key" pagination={false} title={() => t('compensation.fairness.byTier')} dataSource={f.byTier} columns={columns} scroll={{ x: 'max-content' }} data-testid="fairness-tier" />
        </Col>
        <Col xs={24} xl={12}>
          <Table size="small" rowKey="key" pagination={false} title={() => t('compensation.fairness.byRegion')} dataSource={f.byRegion} columns={columns} scroll={{ x: 'max-content' }} data-testid="fairness-region" />
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <List size="small" header={t('compensation.fairness.outliers')} dataSource={f.outliers} data-testid="fairness-outliers"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compensation.fairness.noOutliers')} /> }}
            renderItem={(o) => <List.Item>{o.code} {o.name} <Tag color={o.why === 'high' ? 'red' : 'blue'}>{t(`compensation.fairness.outlier.${o.why}`)}</Tag> {yuan(o.proposedFen)}</List.Item>} />
        </Col>
        <Col xs={24} xl={12}>
          <List size="small" header={t('compensation.fairness.exceptions')} dataSource={f.exceptions} data-testid="fairness-exceptions"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compensation.fairness.noExceptions')} /> }}
            renderItem={(e) => (
              <List.Item>
                <List.Item.Meta title={`${e.code} ${e.name} · ${yuan(e.proposedFen)}`}
                  description={<>{t('compensation.fairness.computed', { amount: yuan(e.computedFen) })} · {e.reason} · {t('compensation.detail.by', { name: e.by })}</>} />
              </List.Item>
            )} />
        </Col>
      </Row>
    </Card>
  );
}
