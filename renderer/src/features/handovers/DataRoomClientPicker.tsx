import { Input, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../lib/format';
import { HandoverClientTable, type HandoverClientRow, type useHandoverClients } from './ClientPageTable';

/**
 * Which of the handover's clients the reviewer may see: the wizard's client table (search, 20/50 a page,
 * 选择全部 N 个符合条件的客户), so a handover of thousands of clients is pickable, not only its first 100.
 */
export function DataRoomClientPicker({ list }: { list: ReturnType<typeof useHandoverClients> }) {
  const { t } = useTranslation();
  return (
    <div data-testid="dr-client-picker">
      <Input.Search allowClear style={{ maxWidth: 300, marginBottom: 8 }} onSearch={(text) => list.setPage({ offset: 0, text })}
        aria-label={t('wizardList.search')} placeholder={t('wizardList.search')} data-testid="dr-client-search" />
      <HandoverClientTable list={list} testId="dr-clients" scrollX={520} selectable
        columns={[
          { title: t('handover.code'), dataIndex: 'code', width: 120 },
          { title: t('handover.client'), dataIndex: 'name' },
          { title: t('handover.region'), dataIndex: 'region', width: 90 },
          { title: t('handover.tier'), dataIndex: 'tier', width: 70 },
        ] as TableColumnsType<HandoverClientRow>} />
      <Typography.Text type={list.count ? undefined : 'secondary'} data-testid="dr-clients-chosen">
        {t('dataroom.chosen', { n: formatCount(list.count) })}
      </Typography.Text>
    </div>
  );
}
