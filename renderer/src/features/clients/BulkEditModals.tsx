import { Alert, App, AutoComplete, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkResult, ChannelInput } from '../../../../shared/contract';
import { api, newJobId } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { describeError } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';

/** What a bulk edit applies to, as the core takes it: the rows picked, or every client matching the list. */
export type BulkSelection = ChannelInput<'clients.tag'>['clientIds'];

export type BulkEdit = 'owner' | 'tags' | 'archive' | 'unarchive';

interface Props {
  kind: BulkEdit;
  selection: BulkSelection;
  /** How many clients the selection holds, as the list counted them. */
  count: number;
  /** The one owner every chosen client has now, when known (「从 张伟 改为 李娜」). */
  fromOwner: string | null;
  owners: string[];
  tags: string[];
  onClose(changed: boolean): void;
}

const testId = (id: string) => ({ 'data-testid': id }) as Record<`data-${string}`, string>;

/**
 * The confirm of one bulk edit on the clients list: it says how many clients and what changes, in a
 * sentence that follows the input (将 1,234 个客户的负责人从 张伟 改为 李娜), then runs it in the core as one
 * all-or-nothing job. A run longer than a second shows its progress and can be cancelled.
 */
export function BulkEditModal({ kind, selection, count, fromOwner, owners, tags, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [owner, setOwner] = useState('');
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const n = formatCount(count);
  const to = owner.trim();
  const list = (xs: string[]) => xs.join(t('clientsBulk.listSeparator'));
  const ready = kind === 'owner' ? to.length > 0 && to !== fromOwner : kind === 'tags' ? add.length + remove.length > 0 : true;

  const sentences: string[] = kind === 'owner'
    ? (to ? [fromOwner ? t('clientsBulk.ownerConfirmFrom', { n, from: fromOwner, to }) : t('clientsBulk.ownerConfirm', { n, to })] : [])
    : kind === 'tags'
      ? [add.length ? t('clientsBulk.tagConfirmAdd', { n, tags: list(add) }) : '', remove.length ? t('clientsBulk.tagConfirmRemove', { n, tags: list(remove) }) : ''].filter(Boolean)
      : [t(kind === 'archive' ? 'clientsBulk.archiveConfirm' : 'clientsBulk.unarchiveConfirm', { n })];

  const call = (jobId: string): Promise<BulkResult> => {
    if (kind === 'owner') return api('clients.reassignOwner', { jobId, clientIds: selection, owner: to });
    if (kind === 'tags') return api('clients.tag', { jobId, clientIds: selection, add, remove });
    return api('clients.archiveMany', { jobId, clientIds: selection, archived: kind === 'archive' });
  };
  const run = async () => {
    if (!ready || busy) return;
    setBusy(true);
    const jobId = newJobId();
    // A short run answers before anyone could read a progress bar; a long one (100,000 clients) shows it.
    const timer = setTimeout(() => setProgress(jobId), 1000);
    try {
      const r = await call(jobId);
      const done = { owner: 'clientsBulk.ownerDone', tags: 'clientsBulk.tagDone', archive: 'clientsBulk.archiveDone', unarchive: 'clientsBulk.unarchiveDone' }[kind];
      void message.success(t(done, { count: r.changed, n: formatCount(r.changed), to }));
      onClose(true);
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      clearTimeout(timer);
      setProgress(null);
      setBusy(false);
    }
  };

  const title = { owner: t('clientsBulk.ownerTitle', { n }), tags: t('clientsBulk.tagTitle', { n }), archive: t('clientsBulk.archiveTitle', { n }), unarchive: t('clientsBulk.unarchiveTitle', { n }) }[kind];
  const okText = { owner: t('clientsBulk.changeOwner'), tags: t('common.save'), archive: t('clientsBulk.archive'), unarchive: t('clientsBulk.unarchive') }[kind];
  const options = (xs: string[]) => xs.map((x) => ({ value: x, label: x }));
  return (
    <>
      <Modal open title={title} onCancel={() => !busy && onClose(false)} onOk={() => void run()} destroyOnHidden okText={okText} cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !ready, loading: busy, danger: kind === 'archive', ...testId('bulk-edit-ok') }} data-testid="bulk-edit-dialog">
        <Form layout="vertical" component="div">
          {kind === 'owner' && (
            <Form.Item label={t('clientsBulk.newOwner')} extra={t('clientsBulk.ownerHelp')}>
              <AutoComplete value={owner} onChange={setOwner} options={options(owners.filter((o) => o !== fromOwner))} autoFocus
                filterOption={(input, o) => String(o?.value ?? '').includes(input)} placeholder={t('clientsBulk.ownerPlaceholder')}
                aria-label={t('clientsBulk.newOwner')} data-testid="bulk-owner-input" />
            </Form.Item>
          )}
          {kind === 'tags' && (
            <>
              <Form.Item label={t('clientsBulk.tagsToAdd')} extra={t('clientsBulk.tagsHelp')}>
                <Select mode="tags" value={add} onChange={(v: string[]) => setAdd(v.map((x) => x.trim()).filter(Boolean))} options={options(tags)} autoFocus
                  tokenSeparators={[',', '，', '、']} aria-label={t('clientsBulk.tagsToAdd')} data-testid="bulk-tags-add" />
              </Form.Item>
              <Form.Item label={t('clientsBulk.tagsToRemove')}>
                <Select mode="multiple" value={remove} onChange={setRemove} options={options(tags)} aria-label={t('clientsBulk.tagsToRemove')} data-testid="bulk-tags-remove" />
              </Form.Item>
            </>
          )}
        </Form>
        {sentences.length > 0 && (
          <Alert type={kind === 'archive' ? 'warning' : 'info'} showIcon data-testid="bulk-edit-summary"
            message={sentences.map((s) => <div key={s}>{s}</div>)} />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('clientsBulk.allOrNothing')}</Typography.Paragraph>
      </Modal>
      <JobProgress jobId={progress} title={title} />
    </>
  );
}
