import { DatePicker } from 'antd';
import type { DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useTranslation } from 'react-i18next';
import { dayFormats } from '../i18n/dates';

dayjs.extend(customParseFormat);

const ISO_DAY = 'YYYY-MM-DD';
const toDay = (v: string | null | undefined): Dayjs | null => (v ? dayjs(v.slice(0, 10), ISO_DAY, true) : null);
const fromDay = (d: Dayjs | null): string => (d ? d.format(ISO_DAY) : '');

type DayProps = Omit<DatePickerProps, 'value' | 'onChange' | 'format'> & {
  /** A calendar day as core stores it (YYYY-MM-DD), or '' / null for none. */
  value?: string | null | undefined;
  onChange?(day: string): void;
};

/**
 * antd's DatePicker over plain ISO days: it shows the day as the app's language writes it
 * (2026-11-29 in Chinese, as GLOSSARY.md asks of inputs; Nov 29, 2026 in English) and accepts a typed
 * 2026-11-29 in both; core still gets YYYY-MM-DD.
 * Works inside a Form.Item (value/onChange) or on its own.
 */
export function DayPicker({ value, onChange, style, ...rest }: DayProps) {
  const { i18n } = useTranslation();
  return (
    <DatePicker {...rest} style={{ minWidth: 150, ...style }} format={dayFormats(i18n.language)} value={toDay(value)} onChange={(d) => onChange?.(fromDay(Array.isArray(d) ? (d[0] ?? null) : d))} />
  );
}

type RangeProps = {
  value: [string, string];
  onChange(range: [string, string]): void;
  /** Both ends' inputs carry it (rc-picker has one set of aria attributes for the pair). */
  ariaLabel: string;
  testId?: string;
};

/** A from–to pair of days (either end may stay open), as DayPicker writes them. */
export function DayRangePicker({ value, onChange, ariaLabel, testId }: RangeProps) {
  const { i18n } = useTranslation();
  return (
    <DatePicker.RangePicker allowEmpty={[true, true]} format={dayFormats(i18n.language)} style={{ minWidth: 280 }}
      value={[toDay(value[0]), toDay(value[1])]}
      onChange={(r) => onChange([fromDay(r?.[0] ?? null), fromDay(r?.[1] ?? null)])}
      aria-label={ariaLabel}
      {...(testId ? { 'data-testid': testId } : {})} />
  );
}
