import { App, Button, Card, Checkbox, Dropdown, Empty, Flex, Input, Modal, Select, Tag, Typography } from 'antd';
import { BarChartOutlined, DeleteOutlined, DownloadOutlined, ImportOutlined, PlusOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientDetail, ClientQuery, ClientRow, SavedFilter } from '../../../../shared/contract';
import { FIELD_LABELS } from '../../../../shared/i18n/problems';
import { api } from '../../lib/api';
import { currentLanguage } from '../../i18n';
import { formatCount, formatMoney } from '../../lib/format';
import { useAppStore } from '../../app/store';
import { describeError } from '../../components/ErrorAlert';
import { PAGE, VirtualList, type VirtualColumn } from '../../components/VirtualList';
import { ClientDrawer } from './ClientDrawer';
import { ClientForm } from './ClientForm';
import { ImportWizard } from './ImportWizard';
import { ValuePanel } from './ValuePanel';
import { BulkBar, type AllMatching } from './BulkActions';

type Filters = Pick<ClientQuery, 'region' | 'industry' | 'owner' | 'tag' | 'tier'> & { includeArchived: boolean };
type SortKey = NonNullable<ClientQuery['sort']>;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export function ClientsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useAppStore((s) => s.info?.user);
  const label = FIELD_LABELS[currentLanguage()];
  const [text, setText] = useState('');
  const query = useDebounced(text, 120);
  const [filters, setFilters] = useState<Filters>({ includeArchived: false });
  const [sort, setSort] = useState<{ key: SortKey; order: 'asc' | 'desc' }>({ key: 'name', order: 'asc' });
  const [result, setResult] = useState<{ key: string; total: number; capped: boolean; rows: ClientRow[] } | null>(null);
  // The core refuses to rank by masked amounts (or the score derived from them): no sort offered then.
  const [amountsMasked, setAmountsMasked] = useState(false);
  const [facets, setFacets] = useState<{ regions: string[]; industries: string[]; owners: string[]; tags: string[]; total: number } | null>(null);
  const [open, setOpen] = useState<ClientDetail | null>(null);
  const [editing, setEditing] = useState<ClientDetail | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [valueOpen, setValueOpen] = useState(false);
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [currentSaved, setCurrentSaved] = useState<string | undefined>();
  const [naming, setNaming] = useState<string | null>(null);
  // Rows picked for a bulk action; kept across searches (pick from one search, then another) until cleared.
  const [picked, setPicked] = useState<Map<number, ClientRow>>(new Map());
  // Or every client matching the list (选择全部 N 个符合条件的客户): its filter, which a new search or filter drops.
  const [allMatching, setAllMatching] = useState<AllMatching | null>(null);
  const togglePicked = (rows: ClientRow[], on: boolean) => setPicked((prev) => {
    const next = new Map(prev);
    for (const r of rows) {
      if (on) next.set(r.id, r);
      else next.delete(r.id);
    }
    return next;
  });
  useEffect(() => {
    void api('clients.savedFilters', {}).then(setSaved);
  }, []);
  const applySaved = (name: string | undefined) => {
    setCurrentSaved(name);
    const f = saved.find((s) => s.name === name)?.filter;
    if (!f) return;
    setText(f.text ?? '');
    setFilters({ region: f.region, industry: f.industry, owner: f.owner, tag: f.tag, tier: f.tier, includeArchived: f.includeArchived ?? false });
    setSort({ key: f.sort ?? 'name', order: f.order ?? 'asc' });
  };
  const saveCurrent = async (name: string) => {
    const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
    setSaved(await api('clients.saveFilter', { name, filter: clean({ text, ...filters, sort: sort.key, order: sort.order }) }));
    setCurrentSaved(name);
    setNaming(null);
  };
  const [version, setVersion] = useState(0);
  const [height, setHeight] = useState(() => Math.max(240, window.innerHeight - 300));
  const [narrow, setNarrow] = useState(() => window.innerWidth < 900);

  useEffect(() => {
    const onResize = () => {
      setHeight(Math.max(240, window.innerHeight - 300));
      setNarrow(window.innerWidth < 900);
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useEffect(() => {
    void api('clients.facets', {}).then(setFacets);
  }, [version]);

  const base = useMemo<ClientQuery>(() => ({ text: query, ...filters, sort: sort.key, order: sort.order }), [query, filters, sort]);
  const filterKey = JSON.stringify([query, filters]);
  useEffect(() => setAllMatching(null), [filterKey]);
  const queryKey = JSON.stringify(base) + version;
  // One call per query gives the count and the first page together (issue 17: it used to ask twice,
  // which was two FTS queries and two clients.search entries in the access log).
  useEffect(() => {
    let live = true;
    void api('clients.search', { ...base, offset: 0, limit: PAGE }).then((p) => {
      if (!live) return;
      setResult({ key: queryKey, total: p.total, capped: p.capped, rows: p.rows });
      setAmountsMasked(p.masked.includes('amounts'));
    });
    return () => {
      live = false;
    };
  }, [queryKey, base]);
  // The last answer stays on screen while the next one is on its way; its rows only for its own query.
  const total = result?.total ?? 0;
  const capped = result?.capped ?? false;
  const firstPage = result?.key === queryKey ? result.rows : null;
  const filtered = Boolean(text.trim()) || Boolean(filters.region || filters.industry || filters.owner || filters.tag || filters.tier);
  const clearSearch = () => {
    setCurrentSaved(undefined);
    setText('');
    setFilters((f) => ({ includeArchived: f.includeArchived }));
  };
  const fetchPage = useCallback(async (offset: number, limit: number) => (await api('clients.search', { ...base, offset, limit })).rows, [base]);

  const openClient = async (row: ClientRow) => {
    try {
      setOpen(await api('clients.get', { id: row.id }));
    } catch (err) {
      message.error(describeError(err));
    }
  };
  // A client chosen in the Ctrl/⌘+K palette opens here.
  const clientToOpen = useAppStore((s) => s.clientToOpen);
  useEffect(() => {
    if (clientToOpen === null) return;
    useAppStore.getState().openClient(null);
    void openClient({ id: clientToOpen } as ClientRow);
  }, [clientToOpen]);
  const doExport = async (format: 'csv' | 'json' | 'xlsx', ids?: number[]) => {
    try {
      const r = await api('clients.export', { query: base, format, ...(ids ? { ids } : {}) });
      if (r.path) message.success(t('clients.exported', { count: formatCount(r.count), path: r.path }));
    } catch (err) {
      message.error(describeError(err));
    }
  };

  const pagePicked = (firstPage ?? []).filter((r) => picked.has(r.id)).length;
  const pageAllPicked = pagePicked > 0 && pagePicked === firstPage?.length;
  // The name first: it is the column that stays in view when the list scrolls sideways.
  const allColumns: VirtualColumn<ClientRow>[] = [
    {
      key: 'name', width: 'minmax(210px, 2fr)', sortable: true,
      // The checkbox sits in the name column, which stays in view when the list scrolls sideways.
      title: (
        <>
        <span onClick={(e) => e.stopPropagation()} style={{ marginRight: 8 }}>
          <Checkbox checked={allMatching !== null || pageAllPicked} indeterminate={!allMatching && !pageAllPicked && pagePicked > 0}
            onChange={(e) => { setAllMatching(null); togglePicked(firstPage ?? [], e.target.checked); }}
            aria-label={t('clientsBulk.selectPage', { count: firstPage?.length ?? 0 })} title={t('clientsBulk.selectPage', { count: firstPage?.length ?? 0 })} data-testid="pick-page" />
        </span>
        {label.name}
        </>
      ),
      render: (r) => (
        <>
          <span onClick={(e) => e.stopPropagation()} style={{ marginRight: 8 }}>
            <Checkbox checked={allMatching !== null || picked.has(r.id)} onChange={(e) => { setAllMatching(null); togglePicked([r], e.target.checked); }} aria-label={t('clientsBulk.selectRow', { name: r.name })} data-testid="pick-row" />
          </span>
          {r.name}{r.archived && <Typography.Text type="secondary"> · {t('clients.archived')}</Typography.Text>}
        </>
      ),
    },
    { key: 'valueScore', title: t('value.tier'), width: 70, sortable: !amountsMasked, render: (r) => (r.tier ? <Tag color={{ A: 'green', B: 'blue', C: 'gold' }[r.tier]} title={`${t('value.score')} ${r.valueScore ?? ''}`}>{r.tier}</Tag> : <Typography.Text type="secondary">-</Typography.Text>) },
    { key: 'code', title: label.code, width: 110, sortable: true, render: (r) => r.code },
    { key: 'contact', title: label.contactName, width: 'minmax(80px, 1fr)', render: (r) => r.contact },
    { key: 'phone', title: label.phone, width: 150, render: (r) => r.phone },
    { key: 'region', title: label.region, width: 90, sortable: true, render: (r) => r.region },
    { key: 'industry', title: label.industry, width: 'minmax(80px, 1fr)', sortable: true, render: (r) => r.industry },
    { key: 'owner', title: label.owner, width: 'minmax(70px, 1fr)', sortable: true, render: (r) => r.owner },
    { key: 'annualRevenue', title: label.annualRevenue, width: 140, sortable: !amountsMasked, render: (r) => <span style={{ float: 'right' }}>{formatMoney(r.annualRevenue, r.currency)}</span> },
  ];
  // A narrow window keeps the columns that identify a client; the drawer has the rest.
  const columns = narrow ? allColumns.filter((c) => ['name', 'valueScore', 'code', 'phone'].includes(c.key)) : allColumns;
  const select = (key: keyof Filters, options: string[] | undefined, placeholder: string) => (
    <Select allowClear showSearch placeholder={placeholder} style={{ minWidth: 120 }} value={filters[key] as string | undefined}
      options={(options ?? []).map((o) => ({ value: o, label: o }))} onChange={(v: string | undefined) => { setCurrentSaved(undefined); setFilters((f) => ({ ...f, [key]: v })); }}
      data-testid={`filter-${key}`} />
  );
  const perms = user?.permissions ?? [];
  return (
    <Card title={t('clients.title')} data-testid="clients-page" extra={
      <Flex gap={8} wrap>
        <Button icon={<BarChartOutlined />} onClick={() => setValueOpen(true)} data-testid="open-value">{t('value.open')}</Button>
        {perms.includes('clients.import') && <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="open-import">{t('clients.import')}</Button>}
        {perms.includes('clients.export') && (
          <Dropdown menu={{ items: [{ key: 'xlsx', label: t('clientsBulk.exportAllXlsx') }, { key: 'csv', label: t('clients.exportCsv') }, { key: 'json', label: t('clients.exportJson') }], onClick: (e) => void doExport(e.key as 'csv' | 'json' | 'xlsx') }}>
            <Button icon={<DownloadOutlined />}>{t('clients.export')}</Button>
          </Dropdown>
        )}
        {perms.includes('clients.edit') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-client">{t('clients.add')}</Button>}
      </Flex>
    }>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input allowClear prefix={<SearchOutlined />} placeholder={t('clients.search')} value={text} onChange={(e) => { setCurrentSaved(undefined); setText(e.target.value); }}
          style={{ flex: '1 1 280px' }} data-testid="client-search" autoFocus />
        {select('region', facets?.regions, t('clients.region'))}
        {select('industry', facets?.industries, t('clients.industry'))}
        {select('owner', facets?.owners, t('clients.owner'))}
        {select('tag', facets?.tags, t('clients.tag'))}
        {select('tier', ['A', 'B', 'C'], t('value.tier'))}
        <Select allowClear placeholder={t('clients.savedFilters')} style={{ minWidth: 150 }} value={currentSaved} onChange={applySaved}
          options={saved.map((f) => ({ value: f.name, label: f.name }))} data-testid="saved-filters" />
        <Button icon={<SaveOutlined />} onClick={() => setNaming('')} data-testid="save-filter">{t('clients.saveFilter')}</Button>
        {currentSaved && <Button icon={<DeleteOutlined />} aria-label={t('clients.deleteFilter')} title={t('clients.deleteFilter')}
          onClick={async () => { setSaved(await api('clients.deleteFilter', { name: currentSaved })); setCurrentSaved(undefined); }} />}
        <Checkbox style={{ alignSelf: 'center' }} checked={filters.includeArchived} onChange={(e) => { setCurrentSaved(undefined); setFilters((f) => ({ ...f, includeArchived: e.target.checked })); }}>{t('clients.includeArchived')}</Checkbox>
      </Flex>
      <Typography.Text type="secondary" data-testid="client-count" style={{ display: 'block', marginBottom: 8 }}>
        {capped ? t('clients.foundCapped', { count: formatCount(total) }) : t('clients.found', { count: total, n: formatCount(total) })}
      </Typography.Text>
      <BulkBar picked={picked} allMatching={allMatching} total={total} capped={capped} perms={perms} owners={facets?.owners ?? []} tags={facets?.tags ?? []}
        includeArchived={filters.includeArchived} onSelectAll={() => setAllMatching({ filter: { text: query, ...filters }, total })}
        onClear={() => { setPicked(new Map()); setAllMatching(null); }}
        onExport={(format) => void doExport(format, allMatching ? undefined : [...picked.keys()])}
        onChanged={() => { setPicked(new Map()); setAllMatching(null); setVersion((v) => v + 1); }} />
      {facets && facets.total === 0 && !text ? (
        <Empty description={t('clients.empty')} data-testid="clients-empty">
          <Flex gap={8} justify="center">
            {perms.includes('clients.import') && <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>{t('clients.import')}</Button>}
            {perms.includes('clients.edit') && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('clients.add')}</Button>}
          </Flex>
        </Empty>
      ) : firstPage && total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clients.none')} data-testid="clients-none">
          <Flex gap={8} justify="center">
            {filtered && <Button onClick={clearSearch} data-testid="clear-search">{t('clients.clearSearch')}</Button>}
            {perms.includes('clients.edit') && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('clients.add')}</Button>}
          </Flex>
        </Empty>
      ) : (
        <VirtualList<ClientRow> queryKey={queryKey} total={total} firstPage={firstPage} fetchPage={fetchPage} columns={columns} rowKey={(r) => r.id} onOpen={(r) => void openClient(r)}
          sort={sort} onSort={(key) => setSort((s) => ({ key: key as SortKey, order: s.key === key && s.order === 'asc' ? 'desc' : 'asc' }))}
          height={height} label={t('clients.title')} />
      )}
      {open && (
        <ClientDrawer client={open} canEdit={perms.includes('clients.edit')} canManageDocs={perms.includes('documents.manage')} canPurge={perms.includes('clients.purge')} onClose={() => setOpen(null)} onEdit={() => setEditing(open)}
          onChanged={() => { setOpen(null); setVersion((v) => v + 1); }} onUpdated={setOpen} />
      )}
      {editing && (
        <ClientForm client={editing === 'new' ? null : editing} onClose={(saved) => {
          setEditing(null);
          if (saved) {
            message.success(t('clients.saved'));
            setOpen(saved);
            setVersion((v) => v + 1);
          }
        }} />
      )}
      <Modal open={naming !== null} title={t('clients.saveFilterTitle')} onCancel={() => setNaming(null)} onOk={() => naming?.trim() && void saveCurrent(naming.trim())}
        okButtonProps={{ disabled: !naming?.trim(), ...({ 'data-testid': 'save-filter-ok' } as Record<`data-${string}`, string>) }} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Input value={naming ?? ''} maxLength={60} onChange={(e) => setNaming(e.target.value)} data-testid="save-filter-name" autoFocus />
      </Modal>
      {valueOpen && <ValuePanel canEdit={perms.includes('clients.value')} onClose={() => setValueOpen(false)} onChanged={() => setVersion((v) => v + 1)} />}
      {importing && <ImportWizard onClose={(changed) => { setImporting(false); if (changed) { clearSearch(); setVersion((v) => v + 1); } }} />}
    </Card>
  );
}
