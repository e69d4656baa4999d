import { Empty } from 'antd';
import { formatCount } from '../../lib/format';

/** Entries per day as bars (SVG, no chart library): the last 60 days that have entries in the filter. */
export function ActivityChart({ days }: { days: { key: string; count: number }[] }) {
  const shown = days.slice(-60);
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const max = Math.max(...shown.map((d) => d.count), 1);
  const w = 600;
  const h = 140;
  const bar = w / shown.length;
  return (
    <svg viewBox={`0 0 ${w} ${h + 20}`} width="100%" role="img" aria-label="activity" data-testid="audit-chart">
      {shown.map((d, i) => {
        const bh = Math.max((d.count / max) * h, 1);
        return (
          <g key={d.key}>
            <rect x={i * bar + 1} y={h - bh} width={Math.max(bar - 2, 1)} height={bh} fill="#1677ff" rx={2}>
              <title>{`${d.key}: ${formatCount(d.count)}`}</title>
            </rect>
          </g>
        );
      })}
      <text x={0} y={h + 15} fontSize={11} fill="#888">{shown[0]!.key}</text>
      <text x={w} y={h + 15} fontSize={11} fill="#888" textAnchor="end">{shown[shown.length - 1]!.key}</text>
      <text x={w} y={11} fontSize={11} fill="#888" textAnchor="end">{formatCount(max)}</text>
    </svg>
  );
}
