import { Alert, App, Button, Dropdown, Flex, Modal, Select, Typography } from 'antd';
import { DownloadOutlined, InboxOutlined, PlusSquareOutlined, TagsOutlined, UndoOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, ClientFilter, ClientRow } from '../../../../shared/contract';
import { api, newJobId } from '../../lib/api';
import { JobProgress } from '../../components/JobProgress';
import { formatCount } from '../../lib/format';
import { describeError } from '../../components/ErrorAlert';
import { BulkEditModal, type BulkEdit, type BulkSelection } from './BulkEditModals';

type Handover = ChannelOutput<'handovers.list'>[number];
/** A handover takes more clients until its package is exported (the core says so too: HANDOVER_EXPORTED). */
const OPEN_FOR_CLIENTS = new Set<Handover['status']>(['draft', 'submitted', 'approved']);

/**
 * 加入交接项目: the rows picked, or every client matching the list (选择全部 N 个符合条件的客户), join an open
 * handover in one all-or-nothing job in the core; a run longer than a second shows progress and can be cancelled.
 */
function AddToHandoverModal({ selection, count, onClose }: { selection: BulkSelection; count: number; onClose(added: boolean): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [handovers, setHandovers] = useState<Handover[] | null>(null);
  const [chosen, setChosen] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  useEffect(() => {
    void api('handovers.list', {}).then((list) => setHandovers(list.filter((h) => OPEN_FOR_CLIENTS.has(h.status))), (err) => message.error(describeError(err)));
  }, [message]);
  const n = formatCount(count);
  const add = async () => {
    const h = handovers?.find((x) => x.id === chosen);
    if (!h || busy) return;
    setBusy(true);
    const jobId = newJobId();
    // As the other bulk actions: a short run answers before a progress bar could be read, a long one shows it.
    const timer = setTimeout(() => setProgress(jobId), 1000);
    try {
      const r = await api('handovers.addClients', { jobId, handover: h.id, clientIds: selection });
      void message.success(t('clientsBulk.added', { count: r.count, n: formatCount(r.count), ref: `${h.ref} ${h.title}` }));
      onClose(true);
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      clearTimeout(timer);
      setProgress(null);
      setBusy(false);
    }
  };
  return (
    <>
    <Modal open title={t('clientsBulk.addTitle', { count, n })} onCancel={() => !busy && onClose(false)} onOk={() => void add()} destroyOnHidden
      okText={t('clientsBulk.addToHandover').replace('…', '')} cancelText={t('common.cancel')}
      okButtonProps={{ disabled: chosen === undefined, loading: busy, ...({ 'data-testid': 'bulk-add-ok' } as Record<`data-${string}`, string>) }}>
      {handovers && handovers.length === 0 ? <Alert type="info" showIcon message={t('clientsBulk.noHandover')} /> : (
        <>
          <Typography.Paragraph type="secondary">{t('clientsBulk.addHelp')}</Typography.Paragraph>
          <Select style={{ width: '100%' }} placeholder={t('clientsBulk.handover')} value={chosen} onChange={setChosen} loading={!handovers} data-testid="bulk-handover"
            aria-label={t('clientsBulk.handover')} options={(handovers ?? []).map((h) => ({ value: h.id, label: `${h.ref} · ${h.title}` }))} />
        </>
      )}
    </Modal>
    <JobProgress jobId={progress} title={t('clientsBulk.addTitle', { count, n })} />
    </>
  );
}

/** Every client matching the list's search and filters, chosen with 选择全部 N 个符合条件的客户 (the count as the list showed it). */
export interface AllMatching {
  filter: ClientFilter;
  total: number;
}

/**
 * The bar over the list while rows are picked: how many, 选择全部 N 个符合条件的客户 across pages, and what
 * to do with them — a new owner, tags, archive, add to a handover, export — then clear.
 */
export function BulkBar({ picked, allMatching, total, capped, perms, owners, tags, includeArchived, onSelectAll, onClear, onExport, onChanged }: {
  picked: Map<number, ClientRow>; allMatching: AllMatching | null; total: number; capped: boolean; perms: string[]; owners: string[]; tags: string[];
  includeArchived: boolean; onSelectAll(): void; onClear(): void; onExport(format: 'xlsx' | 'csv'): void; onChanged(): void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<BulkEdit | null>(null);
  if (picked.size === 0 && !allMatching) return null;
  const count = allMatching ? allMatching.total : picked.size;
  const selection: BulkSelection = allMatching ? { matching: allMatching.filter } : [...picked.keys()];
  // The owner every chosen client has now, when the list says so: filtered by one owner, or picked rows of one owner.
  const pickedOwners = new Set([...picked.values()].map((r) => r.owner));
  const fromOwner = allMatching ? (allMatching.filter.owner ?? null) : pickedOwners.size === 1 ? [...pickedOwners][0] || null : null;
  const canEdit = perms.includes('clients.edit');
  const edit = (kind: BulkEdit, label: string, icon: React.ReactNode, id: string) => (
    <Button size="small" icon={icon} onClick={() => setEditing(kind)} data-testid={id} danger={kind === 'archive'}>{label}</Button>
  );
  return (
    <Flex gap={8} align="center" wrap className="bulk-bar" data-testid="bulk-bar" role="region" aria-label={t('clientsBulk.barLabel')}
      style={{ padding: '6px 12px', marginBottom: 8, background: '#e6f0fb', border: '1px solid #bcd3ee', borderRadius: 6 }}>
      <Typography.Text strong data-testid="bulk-count">
        {allMatching ? t('clientsBulk.allPicked', { n: formatCount(allMatching.total) }) : t('clientsBulk.picked', { count: picked.size, n: formatCount(picked.size) })}
      </Typography.Text>
      {!allMatching && !capped && total > picked.size && (
        <Button size="small" type="link" style={{ padding: 0 }} onClick={onSelectAll} data-testid="select-all-matching">
          {t('clientsBulk.selectAllMatching', { n: formatCount(total) })}
        </Button>
      )}
      {canEdit && edit('owner', t('clientsBulk.changeOwner'), <UserSwitchOutlined />, 'bulk-owner')}
      {canEdit && edit('tags', t('clientsBulk.addTags'), <TagsOutlined />, 'bulk-tags')}
      {canEdit && edit('archive', t('clientsBulk.archive'), <InboxOutlined />, 'bulk-archive')}
      {canEdit && includeArchived && edit('unarchive', t('clientsBulk.unarchive'), <UndoOutlined />, 'bulk-unarchive')}
      {perms.includes('handover.plan') && <Button size="small" icon={<PlusSquareOutlined />} onClick={() => setAdding(true)} data-testid="bulk-add">{t('clientsBulk.addToHandover')}</Button>}
      {perms.includes('clients.export') && (
        <Dropdown menu={{ items: [{ key: 'xlsx', label: t('clientsBulk.exportXlsx') }, { key: 'csv', label: t('clientsBulk.exportCsv') }], onClick: (e) => onExport(e.key as 'xlsx' | 'csv') }}>
          <Button size="small" icon={<DownloadOutlined />} data-testid="bulk-export">{t('clientsBulk.exportPicked')}</Button>
        </Dropdown>
      )}
      <Button size="small" type="link" onClick={onClear} data-testid="bulk-clear">{t('clientsBulk.clear')}</Button>
      {adding && <AddToHandoverModal selection={selection} count={count} onClose={(added) => { setAdding(false); if (added) onClear(); }} />}
      {editing && (
        <BulkEditModal kind={editing} selection={selection} count={count} fromOwner={fromOwner} owners={owners} tags={tags}
          onClose={(changed) => { setEditing(null); if (changed) onChanged(); }} />
      )}
    </Flex>
  );
}
