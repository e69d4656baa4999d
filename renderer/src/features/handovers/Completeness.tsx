import { Button, Modal, Popover, Spin, Table, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, CompletenessItem, HandoverCompleteness } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatCount, formatPercent, labelled } from '../../lib/format';
import { useAppStore } from '../../app/store';

/** A link that Tab reaches and Enter follows (an antd Typography.Link without href is neither). */
function LinkButton({ onClick, label, testId, children }: { onClick(): void; label?: string; testId?: string; children: React.ReactNode }) {
  return (
    <Button type="link" size="small" onClick={onClick} aria-label={label} data-testid={testId} style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}>
      {children}
    </Button>
  );
}

type Row = ChannelOutput<'handovers.clients'>['rows'][number];
const PAGE = 20;

/** 查看全部: the handover's clients lacking one item, a page at a time; each opens the client's record, where it is fixed. */
function MissingClients({ handoverId, item, count, onClose }: { handoverId: number; item: CompletenessItem; count: number; onClose(): void }) {
  const { t } = useTranslation();
  const openClient = useAppStore((s) => s.openClient);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; rows: Row[] } | null>(null);
  useEffect(() => {
    void api('handovers.clients', { id: handoverId, filter: 'included', missing: item, offset, limit: PAGE }).then(setPage, () => setPage({ total: 0, rows: [] }));
  }, [handoverId, item, offset]);
  const title = t('handover.completenessTip.listTitle', { item: t(`handover.completenessTip.item.${item}`), n: formatCount(page?.total ?? count) });
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden data-testid="completeness-list">
      <Table<Row> size="small" rowKey="clientId" loading={!page} dataSource={page?.rows ?? []}
        pagination={{ current: offset / PAGE + 1, pageSize: PAGE, total: page?.total ?? 0, showSizeChanger: false, onChange: (p) => setOffset((p - 1) * PAGE) }}
        columns={[
          { title: t('handover.code'), dataIndex: 'code', width: 120 },
          {
            title: t('handover.client'), dataIndex: 'name',
            render: (name: string, r: Row) => <LinkButton onClick={() => openClient(r.clientId)} label={t('handover.completenessTip.openClient', { name })}>{name}</LinkButton>,
          },
        ]} />
    </Modal>
  );
}

/** What is missing, as sentences with the first clients named (links to their records) and 查看全部. */
function CompletenessDetails({ handoverId, onViewAll }: { handoverId: number; onViewAll(item: CompletenessItem, count: number): void }) {
  const { t } = useTranslation();
  const openClient = useAppStore((s) => s.openClient);
  const [c, setC] = useState<HandoverCompleteness | null>(null);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => void api('handovers.completeness', { id: handoverId }).then(setC, () => undefined), [handoverId]);
  // Keyboard users land inside the popover (it renders at the end of the page), and Tab walks its links.
  useEffect(() => first.current?.focus(), [c]);
  if (!c) return <Spin size="small" />;
  const sep = t('clientsBulk.listSeparator');
  return (
    <div ref={first} tabIndex={-1} style={{ maxWidth: 420, outline: 'none' }} data-testid="completeness-details">
      {c.clients === 0 ? <Typography.Paragraph>{t('handover.completenessTip.noClients')}</Typography.Paragraph> : (
        <Typography.Paragraph strong>
          {t('handover.completenessTip.now', { n: formatCount(c.clients), percent: formatPercent(c.expected ? c.present / c.expected : 1), scope: t(c.scoped ? 'handover.completenessTip.scopeMine' : 'handover.completenessTip.scopeAll') })}
        </Typography.Paragraph>
      )}
      {c.clients > 0 && c.missing.length === 0 && <Typography.Paragraph>{t('handover.completenessTip.allPresent')}</Typography.Paragraph>}
      <ul style={{ paddingInlineStart: 18, margin: 0 }}>
        {c.missing.map((m) => (
          <li key={m.item} data-testid={`missing-${m.item}`}>
            {labelled(t(`handover.completenessTip.missing.${m.item}`, { n: formatCount(m.count) }), '')}
            {c.examples.filter((x) => x.item === m.item).map((x, i) => (
              <span key={x.clientId}>{i > 0 && sep}<LinkButton onClick={() => openClient(x.clientId)} label={t('handover.completenessTip.openClient', { name: x.name })}>{x.name}</LinkButton></span>
            ))}
            {' '}<LinkButton onClick={() => onViewAll(m.item, m.count)} testId={`missing-${m.item}-all`}>{t('handover.completenessTip.viewAll', { n: formatCount(m.count) })}</LinkButton>
          </li>
        ))}
      </ul>
      {c.masked.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('handover.completenessTip.masked', { items: c.masked.map((i) => t(`handover.completenessTip.item.${i}`)).join(sep) })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{labelled(t('handover.completenessTip.how'), t('handover.export.completenessHelp'))}</Typography.Paragraph>
    </div>
  );
}

/**
 * 资料完整度 with what is missing (issue 17, GLOSSARY.md): a button beside the label (reachable by Tab, opened
 * with Enter or a click, closed with Escape) opens the handover scope's completeness now — per item how many
 * clients lack it and the first of them, each a link to the client's record, and 查看全部 for the whole list.
 */
export function CompletenessHelp({ handoverId, testId }: { handoverId: number; testId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<{ item: CompletenessItem; count: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomLeft" title={t('handover.completenessTip.open')} destroyOnHidden
        content={<div onKeyDown={(e) => e.key === 'Escape' && close()}><CompletenessDetails handoverId={handoverId} onViewAll={(item, count) => { setOpen(false); setList({ item, count }); }} /></div>}>
        <Button ref={button} type="text" size="small" icon={<QuestionCircleOutlined />} aria-label={t('handover.completenessTip.open')} aria-expanded={open} data-testid={testId} />
      </Popover>
      {list && <MissingClients handoverId={handoverId} item={list.item} count={list.count} onClose={() => setList(null)} />}
    </>
  );
}
