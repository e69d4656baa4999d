import { Button, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { NO_SELECTION, SelectAllMatching, type RowSelection } from '../../components/SelectAllMatching';
import { formatCount } from '../../lib/format';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPENSATION_METHODS, PROPOSAL_FILTERS, type ChannelOutput, type Fairness, type ProposalRow } from '../../../../shared/contract';
import { useAppStore } from '../../app/store';
import { useHandover } from '../handovers/context';
import { EvaluationCard } from './EvaluationCard';
import { FairnessCard } from './FairnessCard';
import { toFen, wan, yuan } from './money';
import { ProposalDrawer } from './ProposalDrawer';
import { SendOffers } from './SendOffers';
import { StandardCard } from './StandardCard';
import { AMOUNT_INPUT } from '../../components/AmountInput';

type Kind = 'client' | 'staff';
type Page = ChannelOutput<'compensation.list'>;
/** 20 rows a page keeps the list about a screen high; 50 or 100 on request. */
const PAGE_SIZES = [20, 50, 100];

/** A handover's 客户补偿 tab: the standard, proposals per client with totals, the fairness view, exceptions, and each proposal's record. */
export function CompensationTab({ firstFilter }: { firstFilter?: string | undefined } = {}) {
  const { t } = useTranslation();
  const { h, call, canPlan, canRecord, reload } = useHandover();
  const staffAllowed = useAppStore((s) => s.info?.user?.permissions.includes('compensation.staff') ?? false);
  const [kind, setKind] = useState<Kind>('client');
  // The workbench's overdue card opens the list on 已逾期.
  const [filter, setFilter] = useState<(typeof PROPOSAL_FILTERS)[number]>(PROPOSAL_FILTERS.find((f) => f === firstFilter) ?? 'all');
  const [offset, setOffset] = useState(0);
  const [text, setText] = useState('');
  const [size, setSize] = useState(PAGE_SIZES[0]!);
  const [selection, setSelection] = useState<RowSelection>(NO_SELECTION);
  // Another kind, filter or search is another set of matches: what was selected no longer means the same.
  useEffect(() => setSelection(NO_SELECTION), [kind, filter, text]);
  const [page, setPage] = useState<Page | null>(null);
  const [fair, setFair] = useState<Fairness | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [exception, setException] = useState<ProposalRow | null>(null);
  const [exForm] = Form.useForm();
  const load = useCallback(async () => {
    const [p, f] = await Promise.all([
      call('compensation.list', { handoverId: h.id, kind, filter, text, offset, limit: size }),
      call('compensation.fairness', { handoverId: h.id, kind }),
    ]);
    setPage(p);
    setFair(f);
  }, [h.id, kind, filter, text, offset, size]);
  useEffect(() => void load(), [load]);

  const saveException = async (v: { amount: number; method: string; reason: string }) => {
    if (!exception) return;
    const r = await call('compensation.setException', { handoverId: h.id, proposalId: exception.id, amountFen: toFen(v.amount), method: v.method as never, reason: v.reason },
      t('compensation.exception.saved'));
    if (!r) return;
    setException(null);
    await reload();
    await load();
  };
  const totals = page?.totals;
  const selected = selection.allMatching ? (page?.total ?? 0) : selection.ids.length;
  const target = () => (selection.allMatching ? { matching: { kind, filter, text } } : selection.ids);
  const methods = COMPENSATION_METHODS.map((m) => ({ value: m, label: t(`compensation.methods.${m}`) }));
  return (
    <Flex vertical gap={16} data-testid="compensation-tab">
      {staffAllowed && (
        <Segmented value={kind} onChange={(k) => { setKind(k as Kind); setOffset(0); }} data-testid="comp-kind"
          options={(['client', 'staff'] as const).map((k) => ({ value: k, label: t(`compensation.kinds.${k}`) }))} />
      )}
      <StandardCard key={kind} kind={kind} onApplied={() => void load()} />
      {totals && (
        <Typography.Text strong data-testid="comp-totals">
          {totals.proposedFen === null ? t('compensation.maskedTotals', { count: totals.proposals }) : t('compensation.totals', {
            count: totals.proposals, proposed: wan(totals.proposedFen), budget: totals.budgetFen === null ? '—' : wan(totals.budgetFen), agreed: wan(totals.agreedFen), paid: wan(totals.paidFen), owed: wan(totals.owedFen),
          })}
        </Typography.Text>
      )}
      <Flex gap={12} wrap align="center">
        <Segmented value={filter} onChange={(f) => { setFilter(f as typeof filter); setOffset(0); }} data-testid="comp-filter"
          options={PROPOSAL_FILTERS.map((f) => ({ value: f, label: t(`compensation.filters.${f}`) }))} />
        {canPlan && (
          <Button onClick={async () => {
            const r = await call('compensation.compute', { handoverId: h.id, kind });
            if (r) await load();
          }} data-testid="comp-recompute">{t('compensation.recompute')}</Button>
        )}
        <Input.Search allowClear style={{ maxWidth: 260 }} onSearch={(v) => { setText(v.trim()); setOffset(0); }} aria-label={t('compensation.search')} placeholder={t('compensation.search')}
          data-testid="comp-search" />
        {canRecord && <SendOffers count={selected} target={target} onDone={() => { setSelection(NO_SELECTION); void load(); }} />}
      </Flex>
      {canRecord && <SelectAllMatching pageIds={(page?.rows ?? []).map((r) => r.id)} total={page?.total ?? 0} selection={selection} onChange={setSelection} />}
      <Table<ProposalRow> size="small" rowKey="id" dataSource={page?.rows ?? []} data-testid="comp-table" scroll={{ x: 1380 }}
        rowSelection={canRecord ? {
          selectedRowKeys: selection.allMatching ? (page?.rows ?? []).map((r) => r.id) : selection.ids, preserveSelectedRowKeys: true,
          onChange: (keys) => setSelection({ ids: keys as number[], allMatching: false }),
        } : undefined}
        pagination={{
          current: Math.floor(offset / size) + 1, pageSize: size, total: page?.total ?? 0, showSizeChanger: true, pageSizeOptions: PAGE_SIZES,
          showTotal: (n) => <Typography.Text type="secondary">{t('compensation.total', { n: formatCount(n) })}</Typography.Text>,
          onChange: (p, s) => { setOffset(s === size ? (p - 1) * s : 0); setSize(s); },
        }}
        onRow={(r) => ({ 'data-code': r.code || r.name }) as never}
        columns={[
          { title: t('compensation.col.code'), dataIndex: 'code', width: 100 },
          { title: kind === 'client' ? t('compensation.col.name') : t('compensation.col.person'), dataIndex: 'name', width: 160,
            render: (n: string, r) => <Space>{n}{r.exception && <Tag color="orange">{t('compensation.exception.mark')}</Tag>}</Space> },
          { title: t('compensation.col.region'), dataIndex: 'region', width: 80 },
          { title: t('handover.tier'), dataIndex: 'tier', width: 60 },
          { title: t('compensation.col.proposed'), dataIndex: 'proposedFen', align: 'right', width: 130, render: (v: number | null) => yuan(v) },
          { title: t('compensation.col.method'), dataIndex: 'method', width: 120, render: (m: string) => t(`compensation.methods.${m}`) },
          { title: t('compensation.col.agreed'), dataIndex: 'agreedFen', align: 'right', width: 130, render: (v: number | null, r) => (r.agreedOn ? yuan(v) : '') },
          { title: t('compensation.col.paid'), dataIndex: 'paidFen', align: 'right', width: 130, render: (v: number | null, r) => (r.agreedOn ? yuan(v) : '') },
          { title: t('compensation.col.owed'), dataIndex: 'owedFen', align: 'right', width: 130, render: (v: number | null, r) => (r.agreedOn ? yuan(v) : '') },
          { title: t('compensation.col.status'), dataIndex: 'status', width: 100, render: (s: ProposalRow['status']) => (
            <Tag color={s === 'overdue' ? 'red' : s === 'paid' ? 'green' : undefined} icon={s === 'overdue' ? <ClockCircleOutlined /> : undefined}>{t(`compensation.status.${s}`)}</Tag>
          ) },
          {
            // Wide enough for 详情 and 例外调整… side by side (issue 19: the button was clipped at 1024 px). Fixed only
            // with rows to act on: an empty list drew the fixed column's shadow across its empty header.
            title: t('compensation.col.actions'), key: 'actions', fixed: (page?.rows.length ?? 0) > 0 ? 'right' : undefined, width: 200, render: (_: unknown, r) => (
              <Space size={6} wrap={false}>
                <Button size="small" onClick={() => setOpen(r.id)} data-testid={`comp-open-${r.code || r.name}`}>{t('compensation.detail.open')}</Button>
                {canPlan && r.proposedFen !== null && (
                  <Button size="small" data-testid={`comp-exception-${r.code || r.name}`} onClick={() => {
                    setException(r);
                    exForm.setFieldsValue({ amount: (r.proposedFen ?? 0) / 100, method: r.method, reason: '' });
                  }}>{t('compensation.exception.button')}</Button>
                )}
              </Space>
            ),
          },
        ]} />
      <FairnessCard f={fair} />
      {kind === 'client' && <EvaluationCard handoverId={h.id} />}
      <Modal open={exception !== null} title={exception ? t('compensation.exception.title', { name: exception.name }) : ''} onCancel={() => setException(null)}
        onOk={() => exForm.submit()} data-testid="exception-modal" destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('compensation.exception.hint')}</Typography.Paragraph>
        <Form form={exForm} layout="vertical" onFinish={(v) => void saveException(v)}>
          <Form.Item name="amount" label={t('compensation.exception.amount')} rules={[{ required: true }]}><InputNumber min={0} {...AMOUNT_INPUT} style={{ width: 200 }} data-testid="exception-amount" /></Form.Item>
          <Form.Item name="method" label={t('compensation.col.method')}><Select options={methods} data-testid="exception-method" /></Form.Item>
          <Form.Item name="reason" label={t('compensation.exception.reason')} rules={[{ required: true, min: 5 }]}><Input.TextArea rows={3} data-testid="exception-reason" /></Form.Item>
        </Form>
      </Modal>
      <ProposalDrawer proposalId={open} onClose={() => setOpen(null)} onChanged={() => void load()} />
    </Flex>
  );
}
