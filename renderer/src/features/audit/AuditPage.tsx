import { Button, Card, Col, Flex, Input, List, Row, Select, Space, Table, Typography } from 'antd';
import { ExportOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView, AuditFilter } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { currentLanguage, formatDateTime } from '../../i18n';
import { auditDetailsText } from '../../../../shared/i18n/audit-details';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DayRangePicker } from '../../components/DayPicker';
import { dotted } from '../../i18n/labels';
import { ActivityChart } from './ActivityChart';
import { ExportLogModal } from './ExportLogModal';
import { ExportResultModal, type AuditExportDone } from './ExportResultModal';
import { VerifyLogModal } from './VerifyLogModal';

const PAGE = 50;
type Counted = { key: string; count: number }[];
type Stats = { byUser: Counted; byClient: Counted; byAction: Counted; byDay: Counted };

/** Dates from the inputs are local days; the log stores UTC instants. */
const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
const dayAfter = (d: string) => (d ? new Date(new Date(`${d}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined);


/**
 * The access log: every event with who, what, which client and when; filters,
 * totals per user and per client, activity per day; export for an auditor and
 * verification of an export.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const [actor, setActor] = useState<string | undefined>();
  const [client, setClient] = useState('');
  const [action, setAction] = useState<string | undefined>();
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<AuditEntryView[]>([]);
  const [total, setTotal] = useState(0);
  const [stats, setStats] = useState<Stats | null>(null);
  const [facets, setFacets] = useState<{ actors: string[]; actions: string[] }>({ actors: [], actions: [] });
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [verifying, setVerifying] = useState<false | { dir?: string }>(false);
  const [exported, setExported] = useState<AuditExportDone | null>(null);

  const filter: AuditFilter = {
    ...(actor ? { actor } : {}),
    ...(client.trim() ? { target: client.trim() } : {}),
    ...(action ? { action } : {}),
    ...(since ? { since: dayStart(since) } : {}),
    ...(until ? { until: dayAfter(until) } : {}),
  };
  const key = JSON.stringify(filter);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const f = JSON.parse(key) as AuditFilter;
      const [list, s] = await Promise.all([
        api('audit.query', { filter: f, offset: (page - 1) * PAGE, limit: PAGE }),
        api('audit.stats', { filter: f }),
      ]);
      setRows(list.rows);
      setTotal(list.total);
      setStats(s);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [key, page]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    api('audit.facets', {}).then(setFacets, setError);
  }, []);
  useEffect(() => setPage(1), [key]);

  const counted = (title: string, items: Counted | undefined, onPick: (k: string) => void, testid: string) => (
    <Card size="small" title={title} data-testid={testid}>
      <List
        size="small"
        dataSource={items ?? []}
        locale={{ emptyText: '—' }}
        renderItem={(i) => (
          <List.Item actions={[<Typography.Text key="n">{formatCount(i.count)}</Typography.Text>]}>
            <Typography.Link onClick={() => onPick(i.key)}>{i.key}</Typography.Link>
          </List.Item>
        )}
      />
    </Card>
  );

  return (
    <Flex vertical gap={16} data-testid="audit-page">
      <Card
        title={t('audit.title')}
        extra={
          <Space wrap>
            <Button icon={<SafetyCertificateOutlined />} onClick={() => setVerifying({})} data-testid="audit-verify">{t('audit.verify')}</Button>
            <Button type="primary" icon={<ExportOutlined />} onClick={() => setExporting(true)} data-testid="audit-export">{t('audit.export')}</Button>
          </Space>
        }
      >
        <ErrorAlert error={error} />
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label={t('audit.filters')}>
          <Select allowClear showSearch placeholder={t('audit.anyone')} value={actor} onChange={setActor} style={{ minWidth: 160 }}
            options={facets.actors.map((a) => ({ value: a, label: a }))} aria-label={t('audit.user')} data-testid="audit-filter-user" />
          <Input allowClear placeholder={t('audit.client')} value={client} onChange={(e) => setClient(e.target.value)} style={{ width: 160 }}
            aria-label={t('audit.client')} data-testid="audit-filter-client" />
          <Select allowClear showSearch placeholder={t('audit.anyAction')} value={action} onChange={setAction} style={{ minWidth: 200 }}
            optionFilterProp="label" options={facets.actions.map((a) => ({ value: a, label: dotted(t, 'actions', a) }))} aria-label={t('audit.action')} data-testid="audit-filter-action" />
          <DayRangePicker value={[since, until]} onChange={([a, b]) => { setSince(a); setUntil(b); }} ariaLabel={t('audit.period')} testId="audit-filter-period" />
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.reload')} title={t('common.reload')} />
          <Typography.Text type="secondary" data-testid="audit-count">
            {total > 100_000 ? t('audit.countCapped') : t('audit.count', { count: total, formatted: formatCount(total) })}
          </Typography.Text>
        </Flex>
        <Table<AuditEntryView>
          rowKey="seq"
          size="small"
          loading={loading}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE, total: Math.min(total, 100_000), showSizeChanger: false, onChange: setPage }}
          data-testid="audit-table"
          columns={[
            { title: t('audit.seq'), dataIndex: 'seq', width: 70 },
            { title: t('security.time'), dataIndex: 'time', render: (v: string) => formatDateTime(v) },
            { title: t('security.actor'), dataIndex: 'actor', render: (v: string) => <Typography.Link onClick={() => setActor(v)}>{v}</Typography.Link> },
            { title: t('security.action'), dataIndex: 'action', render: (v: string) => dotted(t, 'actions', v) },
            { title: t('security.target'), dataIndex: 'target', render: (v: string) => (v ? <Typography.Link onClick={() => setClient(v)}>{v}</Typography.Link> : '') },
            {
              title: t('audit.details'),
              dataIndex: 'details',
              render: (d: Record<string, unknown>, entry: { action: string }) => (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: true }}>
                  {auditDetailsText(currentLanguage(), d, entry.action)}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('audit.activity')}>
            <ActivityChart days={stats?.byDay ?? []} />
          </Card>
        </Col>
        <Col xs={24} md={12} lg={6}>{counted(t('audit.byUser'), stats?.byUser, setActor, 'audit-by-user')}</Col>
        <Col xs={24} md={12} lg={6}>{counted(t('audit.byClient'), stats?.byClient, setClient, 'audit-by-client')}</Col>
      </Row>
      <ExportLogModal
        open={exporting}
        onClose={(done) => {
          setExporting(false);
          if (done) {
            setExported(done);
            void load();
          }
        }}
      />
      <ExportResultModal done={exported} onClose={() => setExported(null)} onVerify={(dir) => { setExported(null); setVerifying({ dir }); }} />
      <VerifyLogModal open={verifying !== false} initialDir={verifying ? verifying.dir : undefined} onClose={() => setVerifying(false)} />
    </Flex>
  );
}
