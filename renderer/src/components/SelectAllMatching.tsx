import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../lib/format';

/**
 * What a bulk action applies to: the rows ticked, or every row matching the list's filter and search
 * (选择全部 N 个符合条件的客户) — sent to the core as that filter, which the router turns into ids in the user's scope.
 */
export interface RowSelection {
  ids: number[];
  allMatching: boolean;
}
export const NO_SELECTION: RowSelection = { ids: [], allMatching: false };

/** The banner over a list whose page is wholly ticked: 已选择本页 20 项 · 选择全部 1,234 个符合条件的客户. */
export function SelectAllMatching({ pageIds, total, selection, onChange }: {
  pageIds: number[]; total: number; selection: RowSelection; onChange(next: RowSelection): void;
}) {
  const { t } = useTranslation();
  if (selection.allMatching) {
    return (
      <Alert type="info" style={{ marginBottom: 8 }} data-testid="all-matching-selected"
        message={<>{t('wizardList.allSelected', { n: formatCount(total) })} · <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onChange(NO_SELECTION)} data-testid="clear-selection">{t('wizardList.clear')}</Button></>} />
    );
  }
  const pageTicked = pageIds.length > 0 && pageIds.every((id) => selection.ids.includes(id));
  if (!pageTicked || total <= pageIds.length) return null;
  return (
    <Alert type="info" style={{ marginBottom: 8 }} data-testid="page-selected"
      message={(
        <>
          {t('wizardList.pageSelected', { count: selection.ids.length })} ·{' '}
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onChange({ ids: [], allMatching: true })} data-testid="select-all-matching">
            {t('wizardList.selectAll', { n: formatCount(total) })}
          </Button>
        </>
      )} />
  );
}
