import { Empty } from 'antd';
import { formatCount } from '../../lib/format';
import { formatDate } from '../../i18n';
import { useTranslation } from 'react-i18next';
import { SECONDARY_TEXT } from '../../app/theme';
import { addDays, daysBetween } from '../../../../shared/dates';

const MIN_DAYS = 14;
const MAX_DAYS = 90;

/** Every calendar day from the first to the last with entries (at least two weeks, at most ninety days), zeros filled in. */
function continuous(days: { key: string; count: number }[]): { key: string; count: number }[] {
  const counts = new Map(days.map((d) => [d.key, d.count]));
  const last = days[days.length - 1]!.key;
  const span = Math.max(MIN_DAYS - 1, Math.min(daysBetween(days[0]!.key, last), MAX_DAYS - 1));
  const out: { key: string; count: number }[] = [];
  for (let n = span; n >= 0; n--) {
    const key = addDays(last, -n);
    out.push({ key, count: counts.get(key) ?? 0 });
  }
  return out;
}

/** Entries per day as bars (SVG, no chart library). */
export function ActivityChart({ days }: { days: { key: string; count: number }[] }) {
  const { t } = useTranslation();
  if (days.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const shown = continuous(days);
  const max = Math.max(...shown.map((d) => d.count), 1);
  const w = 600;
  const h = 140;
  const bar = w / shown.length;
  return (
    <svg viewBox={`0 0 ${w} ${h + 20}`} width="100%" role="img" aria-label={t('audit.activity')} data-testid="audit-chart">
      <line x1={0} y1={h} x2={w} y2={h} stroke="#ddd" />
      {shown.map((d, i) => {
        const bh = d.count === 0 ? 0 : Math.max((d.count / max) * (h - 14), 2);
        return (
          <rect key={d.key} x={i * bar + bar * 0.15} y={h - bh} width={bar * 0.7} height={bh} fill="#1677ff" rx={2}>
            <title>{`${formatDate(d.key)}: ${formatCount(d.count)}`}</title>
          </rect>
        );
      })}
      <text x={0} y={h + 15} fontSize={11} fill={SECONDARY_TEXT}>{formatDate(shown[0]!.key)}</text>
      <text x={w} y={h + 15} fontSize={11} fill={SECONDARY_TEXT} textAnchor="end">{formatDate(shown[shown.length - 1]!.key)}</text>
      <text x={0} y={10} fontSize={11} fill={SECONDARY_TEXT}>{formatCount(max)}</text>
    </svg>
  );
}
