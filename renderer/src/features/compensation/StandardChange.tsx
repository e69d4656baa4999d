import { List } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { wan } from './money';

type Change = ChannelOutput<'compensation.previewStandard'>;

/** What a standard would change, for whom — in the preview and in the confirmation before a change applies. */
export function StandardChange({ change }: { change: Change }) {
  const { t } = useTranslation();
  return (
    <>
      <div>{t('compensation.standard.totals', { before: wan(change.totalBeforeFen), after: wan(change.totalAfterFen), budget: wan(change.budgetFen) })}</div>
      {change.voidedApprovals > 0 && <div data-testid="std-change-voids">{t('compensation.standard.voids', { count: change.voidedApprovals })}</div>}
      {change.examples.length > 0 && (
        <List size="small" header={t('compensation.standard.exampleHead')} dataSource={change.examples}
          renderItem={(e) => <List.Item>{`${e.code} ${e.name}  ${e.beforeFen === null && change.totalBeforeFen !== null ? '—' : wan(e.beforeFen)} → ${wan(e.afterFen)}`}</List.Item>} />
      )}
    </>
  );
}

export function changeHeadline(change: Change, t: (key: string, values: Record<string, number>) => string): string {
  return t('compensation.standard.change', { proposals: change.proposals, changed: change.changed, increased: change.increased, decreased: change.decreased, kept: change.exceptionsKept });
}
