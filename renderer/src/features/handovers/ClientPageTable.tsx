import { Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput, HandoverMatching } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { useHandover } from './context';
import { SelectAllMatching, type RowSelection } from '../../components/SelectAllMatching';

export type HandoverClientRow = ChannelOutput<'handovers.clients'>['rows'][number];
type ListFilter = NonNullable<ChannelInput<'handovers.clients'>['filter']>;

/** Rows per page in a wizard's client tables: 20 keeps a step about one screen high; the user may show more. */
export const WIZARD_PAGE = 20;
const PAGE_SIZES = [20, 50, 100];

export type ClientSelection = RowSelection;
const NONE: ClientSelection = { ids: [], allMatching: false };

/** A page of the handover's clients, with a filter, a search, a page size and a selection; shared by the wizard's steps. */
export function useHandoverClients(filter: ListFilter, initialPageSize = WIZARD_PAGE) {
  const { h } = useHandover();
  const [page, setPageState] = useState({ offset: 0, text: '', size: initialPageSize });
  const [data, setData] = useState<{ total: number; rows: HandoverClientRow[] }>({ total: 0, rows: [] });
  const [selection, setSelection] = useState<ClientSelection>(NONE);
  const reload = () => void api('handovers.clients', { id: h.id, filter, text: page.text, offset: page.offset, limit: page.size }).then(setData, () => undefined);
  useEffect(reload, [h, filter, page]);
  // Another filter or search is another set of matches: what was selected no longer means the same.
  useEffect(() => setSelection(NONE), [filter, page.text]);
  const setPage = (p: { offset: number; text: string; size?: number }) => setPageState({ size: page.size, ...p });
  const count = selection.allMatching ? data.total : selection.ids.length;
  /** The `clientIds` of a bulk action: the ids ticked, or the list's filter and search. */
  const target = (): number[] | { matching: HandoverMatching } => (selection.allMatching ? { matching: { filter, text: page.text } } : selection.ids);
  return { data, page, setPage, selection, setSelection, clearSelection: () => setSelection(NONE), count, target, reload };
}

type Clients = ReturnType<typeof useHandoverClients>;

/**
 * A wizard step's client table: compact, 20 rows a page (the user may choose 50 or 100), the header kept in
 * view while the page scrolls, and — when `selectable` — row selection with 选择全部 N 个符合条件的客户.
 */
export function HandoverClientTable({ list, columns, selectable, testId, scrollX }: {
  list: Clients; columns: TableColumnsType<HandoverClientRow>; selectable: boolean; testId: string; scrollX: number;
}) {
  const { t } = useTranslation();
  const { data, page, setPage, selection, setSelection } = list;
  const rowSelection: TableProps<HandoverClientRow>['rowSelection'] = selectable ? {
    selectedRowKeys: selection.allMatching ? data.rows.map((r) => r.clientId) : selection.ids,
    preserveSelectedRowKeys: true,
    // Unticking a row of "all matching" leaves the rest of this page ticked: the user sees what they get.
    onChange: (keys) => setSelection({ ids: keys as number[], allMatching: false }),
  } : undefined;
  return (
    <>
      {selectable && <SelectAllMatching pageIds={data.rows.map((r) => r.clientId)} total={data.total} selection={selection} onChange={setSelection} />}
      <Table<HandoverClientRow> size="small" rowKey="clientId" dataSource={data.rows} data-testid={testId} scroll={{ x: scrollX }} sticky rowSelection={rowSelection}
        columns={columns}
        pagination={{
          total: data.total, pageSize: page.size, current: Math.floor(page.offset / page.size) + 1, showSizeChanger: true, pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => <Typography.Text type="secondary">{t('wizardList.total', { n: formatCount(total) })}</Typography.Text>,
          onChange: (p, size) => setPage({ text: page.text, size, offset: size === page.size ? (p - 1) * size : 0 }),
        }} />
    </>
  );
}
