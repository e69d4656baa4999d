import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { COMPENSATION_METHODS } from '../../../../shared/contract';
import { yuan } from './money';

type Commitment = ChannelOutput<'packages.preview'>['commitments'][number];

/** The buyer's view of what the seller promised clients and still owes them (待履行承诺), from the package. */
export function ReceivedCommitments({ list }: { list: Commitment[] }) {
  const { t } = useTranslation();
  const method = (m: string) => ((COMPENSATION_METHODS as readonly string[]).includes(m) ? t(`compensation.methods.${m}`) : m);
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('compensation.received.title')} data-testid="receive-commitments">
      <Table size="small" rowKey="code" dataSource={list} pagination={{ pageSize: 8, hideOnSinglePage: true }} locale={{ emptyText: t('compensation.received.none') }}
        columns={[
          { title: t('compensation.col.code'), dataIndex: 'code' },
          { title: t('compensation.col.name'), dataIndex: 'name' },
          { title: t('compensation.col.method'), dataIndex: 'method', render: method },
          { title: t('compensation.detail.promise'), dataIndex: 'promise' },
          { title: t('compensation.col.agreed'), dataIndex: 'agreedFen', align: 'right', render: yuan },
          { title: t('compensation.col.paid'), dataIndex: 'paidFen', align: 'right', render: yuan },
          { title: t('compensation.col.owed'), dataIndex: 'owedFen', align: 'right', render: yuan },
          { title: t('compensation.col.due'), dataIndex: 'dueOn' },
        ]} />
    </Card>
  );
}
