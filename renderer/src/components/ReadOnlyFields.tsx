import { Descriptions } from 'antd';
import type { ReactNode } from 'react';

export interface ReadOnlyField {
  key: string;
  label: ReactNode;
  /** Empty ('' / null / an empty list) reads as a dash. */
  value: ReactNode;
}

const EMPTY = '—';
const isEmpty = (v: ReactNode) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Text, or a dash for nothing: for table cells that only show a value. */
export const orDash = (v: string | null | undefined): string => (v ? v : EMPTY);

/**
 * Data the user may read but not change, shown as text (issue 17): a closed handover, a step without
 * the edit right. Grey-on-grey disabled inputs are hard to read and look broken; a label–value list is
 * what antd Pro and 钉钉 show for an approved record.
 */
export function ReadOnlyFields({ items, testId, column = 1 }: { items: ReadOnlyField[]; testId: string; column?: number }) {
  return (
    <Descriptions size="small" bordered column={column} data-testid={testId} style={{ maxWidth: 820 }}
      items={items.map((i) => ({ key: i.key, label: i.label, children: isEmpty(i.value) ? EMPTY : i.value }))} />
  );
}
