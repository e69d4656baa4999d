import { Button, Table, Tag } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASES, type HandoverDetail } from '../../../../shared/contract';
import { DayPicker, DayRangePicker } from '../../components/DayPicker';
import { daysPast, OverdueTag, todayIso } from '../../components/OverdueTag';
import { formatDate } from '../../i18n';
import { useHandover } from './context';
import { useEdited, useStepDraft } from './step-draft';

type Phase = (typeof PHASES)[number];
type PhaseDates = HandoverDetail['timeline'][Phase];

/** Done, overdue (逾期 N 天 with an icon: not red alone), or nothing to say yet. */
function PhaseStatus({ phase, d, today = todayIso() }: { phase: Phase; d: PhaseDates | undefined; today?: string }) {
  const { t } = useTranslation();
  if (d?.actual) return <Tag color="success" icon={<CheckCircleOutlined aria-hidden />}>{t('handover.phaseDone')}</Tag>;
  if (d?.planned && d.planned < today) {
    return <OverdueTag days={daysPast(d.planned, today)} due={t('common.dueOn', { date: formatDate(d.planned) })} testId={`timeline-overdue-${phase}`} />;
  }
  return null;
}

/** A phase's planned start–end as one range picker; the day it was finished; whether it is overdue. */
export function TimelineStep() {
  const { t } = useTranslation();
  const { h, call, canEditOpen } = useHandover();
  const [tl, setTl] = useState(h.timeline);
  const set = (phase: Phase, patch: Partial<PhaseDates>) => setTl({ ...tl, [phase]: { ...tl[phase], ...patch } });
  const [edited, saved] = useEdited(tl);
  const save = async () => {
    const ok = (await call('handovers.update', { id: h.id, patch: { timeline: tl } }, t('handover.saved'))) !== null;
    if (ok) saved();
    return ok;
  };
  useStepDraft(canEditOpen && edited, save);
  const phaseName = (p: Phase) => t(`handover.phases.${p}`);
  return (
    <div style={{ maxWidth: 860 }}>
      <Table size="small" pagination={false} rowKey="phase" dataSource={PHASES.map((phase) => ({ phase }))} data-testid="timeline" scroll={{ x: 'max-content' }}
        columns={[
          { title: t('handover.phase'), dataIndex: 'phase', render: (p: Phase) => phaseName(p) },
          {
            title: t('handover.plannedRange'), key: 'planned',
            render: (_: unknown, { phase }: { phase: Phase }) => {
              const d = tl[phase];
              if (!canEditOpen) return d?.start ? `${formatDate(d.start)} – ${formatDate(d.planned, '—')}` : formatDate(d?.planned ?? null, '—');
              return <DayRangePicker value={[d?.start ?? '', d?.planned ?? '']} onChange={([start, end]) => set(phase, { start: start || null, planned: end || null })}
                ariaLabel={`${phaseName(phase)} ${t('handover.plannedRange')}`} testId={`timeline-${phase}-planned`} />;
            },
          },
          {
            title: t('handover.actualDone'), key: 'actual',
            render: (_: unknown, { phase }: { phase: Phase }) => (!canEditOpen ? formatDate(tl[phase]?.actual ?? null, '—') :
              <DayPicker value={tl[phase]?.actual} onChange={(d) => set(phase, { actual: d || null })} data-testid={`timeline-${phase}-actual`}
                aria-label={`${phaseName(phase)} ${t('handover.actualDone')}`} />),
          },
          { title: t('handover.phaseStatus'), key: 'status', render: (_: unknown, { phase }: { phase: Phase }) => <PhaseStatus phase={phase} d={tl[phase]} /> },
        ]} />
      {canEditOpen && (
        <Button type="primary" style={{ marginTop: 16 }} onClick={() => void save()} data-testid="timeline-save">
          {t('handover.saveStep')}
        </Button>
      )}
    </div>
  );
}
