import { Alert, App, Button, Dropdown, Flex, Modal, Select, Typography } from 'antd';
import { DownloadOutlined, PlusSquareOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, ClientRow } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { describeError } from '../../components/ErrorAlert';

type Handover = ChannelOutput<'handovers.list'>[number];
/** A handover takes more clients until its package is exported (the core says so too: HANDOVER_EXPORTED). */
const OPEN_FOR_CLIENTS = new Set<Handover['status']>(['draft', 'submitted', 'approved']);

function AddToHandoverModal({ ids, onClose }: { ids: number[]; onClose(added: boolean): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [handovers, setHandovers] = useState<Handover[] | null>(null);
  const [chosen, setChosen] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api('handovers.list', {}).then((list) => setHandovers(list.filter((h) => OPEN_FOR_CLIENTS.has(h.status))), (err) => message.error(describeError(err)));
  }, [message]);
  const add = async () => {
    const h = handovers?.find((x) => x.id === chosen);
    if (!h) return;
    setBusy(true);
    try {
      await api('handovers.setIncluded', { id: h.id, clientIds: ids, included: true, reason: '' });
      void message.success(t('clientsBulk.added', { count: ids.length, ref: `${h.ref} ${h.title}` }));
      onClose(true);
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('clientsBulk.addTitle', { count: ids.length })} onCancel={() => onClose(false)} onOk={() => void add()} destroyOnHidden
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
  );
}

/** The bar over the list while rows are picked: how many, add them to a handover, export them, clear. */
export function BulkBar({ picked, canPlan, canExport, onClear, onExport }: {
  picked: Map<number, ClientRow>; canPlan: boolean; canExport: boolean; onClear(): void; onExport(format: 'xlsx' | 'csv'): void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  if (picked.size === 0) return null;
  return (
    <Flex gap={8} align="center" wrap className="bulk-bar" data-testid="bulk-bar"
      style={{ padding: '6px 12px', marginBottom: 8, background: '#e6f0fb', border: '1px solid #bcd3ee', borderRadius: 6 }}>
      <Typography.Text strong data-testid="bulk-count">{t('clientsBulk.picked', { count: picked.size, n: formatCount(picked.size) })}</Typography.Text>
      {canPlan && <Button size="small" icon={<PlusSquareOutlined />} onClick={() => setAdding(true)} data-testid="bulk-add">{t('clientsBulk.addToHandover')}</Button>}
      {canExport && (
        <Dropdown menu={{ items: [{ key: 'xlsx', label: t('clientsBulk.exportXlsx') }, { key: 'csv', label: t('clientsBulk.exportCsv') }], onClick: (e) => onExport(e.key as 'xlsx' | 'csv') }}>
          <Button size="small" icon={<DownloadOutlined />} data-testid="bulk-export">{t('clientsBulk.exportPicked')}</Button>
        </Dropdown>
      )}
      <Button size="small" type="link" onClick={onClear} data-testid="bulk-clear">{t('clientsBulk.clear')}</Button>
      {adding && <AddToHandoverModal ids={[...picked.keys()]} onClose={(added) => { setAdding(false); if (added) onClear(); }} />}
    </Flex>
  );
}
