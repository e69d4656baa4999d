import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { daysBetween, localDay } from '../../../shared/dates';

/** Today on the user's calendar (YYYY-MM-DD), the same rule as core's (shared/dates.ts), so a day's overdue count matches core's. */
export const todayIso = (): string => localDay();

/** Whole days from `day` (YYYY-MM-DD) to today; positive once the day has passed. */
export function daysPast(day: string, today = todayIso()): number {
  return daysBetween(day, today);
}

/**
 * 逾期 N 天 with a clock icon (issue 17: overdue is said in words and shown by a sign, never by red alone).
 * The icon is an image with a translated name, so a screen reader says 逾期 too. `due` (prose) goes in a tooltip.
 */
export function OverdueTag({ days, due, testId }: { days: number; due?: string; testId?: string }) {
  const { t } = useTranslation();
  const tag = (
    <Tag color="error" icon={<ClockCircleOutlined aria-label={t('common.overdueIcon')} />} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t('common.overdue', { count: days })}
    </Tag>
  );
  return due ? <Tooltip title={due}>{tag}</Tooltip> : tag;
}
