import { Alert, App, Button, Card, Flex, Grid, Select, Spin, Steps, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverDetail } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HandoverContext } from './context';
import { StepDraftContext, type StepDraft } from './step-draft';
import { useAppStore } from '../../app/store';
import { Dashboard } from './Dashboard';
import { DataRoomTab } from './DataRoomTab';
import { CompensationTab } from '../compensation/CompensationTab';
import { ApprovalsStep, ExportStep, FollowupStep } from './FinishSteps';
import { NoticesStep } from './NoticesStep';
import { CounterpartyStep, ScopeStep, TeamStep } from './PlanSteps';
import { TimelineStep } from './TimelineStep';
import { ChecklistStep, NdaStep, RiskStep } from './RecordSteps';

const STEPS = [
  ['counterparty', CounterpartyStep], ['scope', ScopeStep], ['timeline', TimelineStep], ['team', TeamStep], ['nda', NdaStep], ['risks', RiskStep],
  ['checklist', ChecklistStep], ['notices', NoticesStep], ['approvals', ApprovalsStep], ['export', ExportStep], ['followup', FollowupStep],
] as const;

/** Which steps are finished, for the wizard's ticks (each step can be revisited at any time). */
function stepDone(h: HandoverDetail, key: string): boolean {
  const gate = (g: string) => h.gates.find((x) => x.gate === g)?.ok ?? false;
  switch (key) {
    case 'counterparty': return h.buyer.name !== '' && gate('recipients');
    case 'scope': return h.included > 0;
    case 'timeline': return Object.values(h.timeline).every((p) => p?.planned);
    case 'team': return h.team.owner !== '' && Object.keys(h.team.departments).length > 0;
    case 'nda': return gate('nda');
    case 'risks': return h.risks.length > 0;
    case 'checklist': return gate('checklist');
    case 'notices': return gate('notices');
    case 'approvals': return gate('backup') && gate('approvals');
    case 'export': return h.package !== null;
    default: return h.followups.retained + h.followups.lost > 0;
  }
}

/** One handover: its dashboard, and the wizard whose steps can each be saved as a draft and revisited. */
export function HandoverView({ id, onBack, tab: firstTab, step: firstStep }: { id: number; onBack(): void; tab?: string | undefined; step?: string | undefined }) {
  const { t } = useTranslation();
  const [h, setH] = useState<HandoverDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tab, setTab] = useState(firstTab ?? 'wizard');
  const [step, setStep] = useState(Math.max(0, STEPS.findIndex(([k]) => k === firstStep)));
  const narrow = !Grid.useBreakpoint().lg;
  const { modal } = App.useApp();
  // The open step's unsaved edits (see step-draft.ts); mirrored in the app store so the nav can warn too.
  const draft = useRef<StepDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const setUnsaved = useAppStore((s) => s.setUnsaved);
  const register = useCallback((d: StepDraft | null) => {
    draft.current = d;
    setDirty(d?.dirty ?? false);
  }, []);
  useEffect(() => setUnsaved(dirty), [dirty, setUnsaved]);
  useEffect(() => () => setUnsaved(false), [setUnsaved]);
  /** Runs `go` at once, or after the user agrees to drop the step's unsaved edits. */
  const leave = (go: () => void) => {
    if (!draft.current?.dirty) return go();
    modal.confirm({
      title: t('handover.leave.title'), content: t('handover.leave.body'), okText: t('handover.leave.discard'), cancelText: t('handover.leave.stay'), okButtonProps: { danger: true },
      onOk: () => {
        draft.current = null;
        setDirty(false);
        go();
      },
    });
  };
  const goStep = (n: number) => leave(() => setStep(n));
  const saveAndContinue = async () => {
    if (draft.current?.dirty && !(await draft.current.save())) return;
    setStep((s) => Math.min(s + 1, STEPS.length - 1));
  };
  const reload = useCallback(async () => {
    try {
      setH(await api('handovers.get', { id }));
    } catch (err) {
      setError(err);
    }
  }, [id]);
  useEffect(() => void reload(), [reload]);
  if (!h) return error ? <ErrorAlert error={error} /> : <Spin />;
  const [key, Step] = STEPS[step]!;
  return (
    <HandoverContext.Provider value={{ h, set: setH, reload }}>
      <Card data-testid="handover-view"
        title={
          <Flex gap={12} align="center" wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => leave(onBack)} data-testid="handover-back" aria-label={t('handover.back')} />
            <Typography.Text strong data-testid="handover-ref">{h.ref}</Typography.Text>
            <span>{h.title}</span>
            <Tag data-testid="handover-status">{t(`handover.status.${h.status}`)}</Tag>
          </Flex>
        }>
        {h.readOnly && <Alert type="info" showIcon message={t('handover.readOnly')} style={{ marginBottom: 12 }} />}
        <Tabs activeKey={tab} onChange={(k) => leave(() => setTab(k))} items={[
          { key: 'dashboard', label: t('handover.tabs.dashboard'), children: <Dashboard h={h} /> },
          { key: 'dataroom', label: t('dataroom.tab'), children: <DataRoomTab /> },
          { key: 'compensation', label: t('compensation.tab'), children: <CompensationTab firstFilter={firstTab === 'compensation' ? firstStep : undefined} /> },
          {
            key: 'wizard', label: t('handover.tabs.wizard'),
            children: (
              <Flex gap={24} align="start" vertical={narrow}>
                {narrow ? (
                  <Select value={step} onChange={goStep} style={{ width: '100%' }} data-testid="handover-steps-select" aria-label={t('handover.tabs.wizard')}
                    options={STEPS.map(([k], i) => ({ value: i, label: `${i + 1} / ${STEPS.length} · ${t(`handover.steps.${k}`)}${stepDone(h, k) ? ' ✓' : ''}` }))} />
                ) : <Steps direction="vertical" size="small" current={step} onChange={goStep} style={{ width: 190, flex: '0 0 190px' }} data-testid="handover-steps"
                  items={STEPS.map(([k], i) => ({ title: t(`handover.steps.${k}`), status: i === step ? 'process' : stepDone(h, k) ? 'finish' : 'wait' }))} />}
                <div style={{ flex: 1, minWidth: 0, width: '100%' }} data-testid={`step-${key}`}>
                  <Typography.Title level={4} style={{ marginTop: 0 }}>{t(`handover.steps.${key}`)}</Typography.Title>
                  <StepDraftContext.Provider value={register}>
                    <Step key={`${key}-${h.id}`} />
                  </StepDraftContext.Provider>
                  {/* Sticky: 上一步 / 保存并继续 stay in reach however long the step is. */}
                  <Flex justify="space-between" gap={8} className="wizard-footer" data-testid="wizard-footer">
                    <Button disabled={step === 0} onClick={() => goStep(step - 1)}>{t('common.back')}</Button>
                    <Flex gap={8} align="center">
                      {dirty && <Typography.Text type="warning" data-testid="step-unsaved">{t('handover.leave.unsaved')}</Typography.Text>}
                      <Button type={dirty ? 'primary' : 'default'} disabled={step === STEPS.length - 1 && !dirty} onClick={() => void saveAndContinue()} data-testid="step-next">
                        {dirty ? t('handover.saveAndContinue') : t('common.next')}
                      </Button>
                    </Flex>
                  </Flex>
                </div>
              </Flex>
            ),
          },
        ]} />
      </Card>
    </HandoverContext.Provider>
  );
}
