import { Alert, App, Button, Card, Checkbox, Flex, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPENSATION_METHODS, type ChannelOutput, type CompensationStandardInput } from '../../../../shared/contract';
import { useHandover } from '../handovers/context';
import { toFen, yuan } from './money';
import { changeHeadline, StandardChange } from './StandardChange';
import { ReadOnlyFields, type ReadOnlyField } from '../../components/ReadOnlyFields';
import { listText } from '../../lib/format';
import type { TFunction } from 'i18next';
import { AMOUNT_INPUT } from '../../components/AmountInput';

type Kind = 'client' | 'staff';
type Change = ChannelOutput<'compensation.previewStandard'>;

const DEFAULT: CompensationStandardInput = {
  basis: 'revenue', rateBp: 500, fixedFen: { A: 5_000_000, B: 2_000_000, C: 1_000_000 }, tierFactors: { A: 1200, B: 1000, C: 800 },
  loyalty: { minRenewalPercent: 80, factorPermille: 1100 }, stability: { minYears: 3, factorPermille: 1050 },
  floorFen: 100_000, capFen: 20_000_000, methods: ['cash', 'discount', 'transition-service'], defaultMethod: 'cash', budgetFen: 200_000_000,
};

interface FormValues {
  basis: CompensationStandardInput['basis']; rate: number; fixedA: number; fixedB: number; fixedC: number; factorA: number; factorB: number; factorC: number;
  minRenewal: number; loyaltyFactor: number; minYears: number; stabilityFactor: number; floor: number; cap: number; methods: string[]; defaultMethod: string; budget: number;
}

const toForm = (s: CompensationStandardInput): FormValues => ({
  basis: s.basis, rate: s.rateBp / 100, fixedA: s.fixedFen.A / 100, fixedB: s.fixedFen.B / 100, fixedC: s.fixedFen.C / 100,
  factorA: s.tierFactors.A / 1000, factorB: s.tierFactors.B / 1000, factorC: s.tierFactors.C / 1000, minRenewal: s.loyalty.minRenewalPercent,
  loyaltyFactor: s.loyalty.factorPermille / 1000, minYears: s.stability.minYears, stabilityFactor: s.stability.factorPermille / 1000,
  floor: s.floorFen / 100, cap: s.capFen / 100, methods: s.methods, defaultMethod: s.defaultMethod, budget: s.budgetFen / 100,
});
const permille = (x: number) => Math.round(x * 1000);
const fromForm = (v: FormValues): CompensationStandardInput => ({
  basis: v.basis, rateBp: Math.round(v.rate * 100), fixedFen: { A: toFen(v.fixedA), B: toFen(v.fixedB), C: toFen(v.fixedC) },
  tierFactors: { A: permille(v.factorA), B: permille(v.factorB), C: permille(v.factorC) },
  loyalty: { minRenewalPercent: v.minRenewal, factorPermille: permille(v.loyaltyFactor) }, stability: { minYears: v.minYears, factorPermille: permille(v.stabilityFactor) },
  floorFen: toFen(v.floor), capFen: toFen(v.cap), methods: v.methods as CompensationStandardInput['methods'], defaultMethod: v.defaultMethod as CompensationStandardInput['defaultMethod'],
  budgetFen: toFen(v.budget),
});

/** The standard as label–value text, for whoever may read it but not change it. */
function standardFields(s: CompensationStandardInput, t: TFunction): ReadOnlyField[] {
  const factor = (permille: number) => `×${(permille / 1000).toFixed(3)}`;
  const tiers = ['A', 'B', 'C'] as const;
  return [
    { key: 'basis', label: t('compensation.standard.basis'), value: t(`compensation.standard.bases.${s.basis}`) },
    ...(s.basis === 'fixed'
      ? tiers.map((tier) => ({ key: `fixed${tier}`, label: t('compensation.standard.fixed', { tier }), value: yuan(s.fixedFen[tier]) }))
      : [{ key: 'rate', label: t('compensation.standard.rate'), value: (s.rateBp / 100).toFixed(2) },
        ...tiers.map((tier) => ({ key: `factor${tier}`, label: t('compensation.standard.tierFactor', { tier }), value: factor(s.tierFactors[tier]) }))]),
    { key: 'loyalty', label: t('compensation.standard.loyalty'), value: `${s.loyalty.minRenewalPercent} · ${factor(s.loyalty.factorPermille)}` },
    { key: 'stability', label: t('compensation.standard.stability'), value: `${s.stability.minYears} · ${factor(s.stability.factorPermille)}` },
    { key: 'floor', label: t('compensation.standard.floor'), value: yuan(s.floorFen) },
    { key: 'cap', label: t('compensation.standard.cap'), value: yuan(s.capFen) },
    { key: 'budget', label: t('compensation.standard.budget'), value: yuan(s.budgetFen) },
    { key: 'methods', label: t('compensation.standard.methods'), value: listText(s.methods.map((m) => t(`compensation.methods.${m}`))) },
    { key: 'default', label: t('compensation.standard.defaultMethod'), value: t(`compensation.methods.${s.defaultMethod}`) },
  ];
}

/** The rule for every client: set, preview what it changes for whom, then apply (which voids standing approvals). */
export function StandardCard({ kind, onApplied }: { kind: Kind; onApplied(): void }) {
  const { t } = useTranslation();
  const { h, call, canPlan, reload } = useHandover();
  const { modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [view, setView] = useState<ChannelOutput<'compensation.standard'> | null>(null);
  const [change, setChange] = useState<Change | null>(null);
  const basis = Form.useWatch('basis', form);
  useEffect(() => {
    void call('compensation.standard', { handoverId: h.id, kind }).then((v) => {
      setView(v);
      form.setFieldsValue(toForm(v?.standard ?? DEFAULT));
    });
  }, [h.id, kind]);

  const preview = async () => setChange(await call('compensation.previewStandard', { handoverId: h.id, kind, standard: fromForm(await form.validateFields()) }));
  const apply = async () => {
    const standard = fromForm(await form.validateFields());
    if (view?.version) {
      // Proposals exist: say what changes for whom (and which approvals it voids) before it applies.
      const next = await call('compensation.previewStandard', { handoverId: h.id, kind, standard });
      if (!next) return;
      setChange(next);
      const yes = await modal.confirm({
        title: t('compensation.standard.confirm'), width: 560, okText: t('compensation.standard.apply'),
        content: <div data-testid="std-confirm"><p>{changeHeadline(next, t)}</p><StandardChange change={next} /></div>,
      });
      if (!yes) return;
    }
    const r = await call('compensation.setStandard', { handoverId: h.id, kind, standard }, undefined);
    if (!r) return;
    setChange(null);
    setView(await call('compensation.standard', { handoverId: h.id, kind }));
    await reload();
    onApplied();
  };
  if (view?.masked) return <Alert type="info" showIcon message={view.version ? t('compensation.standard.masked') : t('compensation.standard.none')} />;
  const method = COMPENSATION_METHODS.map((m) => ({ value: m, label: t(`compensation.methods.${m}`) }));
  const title = t('compensation.standard.title');
  const version = view?.version ? <Typography.Text type="secondary">{t('compensation.standard.version', { version: view.version, by: view.updatedBy })}</Typography.Text> : null;
  // Without the plan right (or once the handover is exported or closed) the standard reads as text, not as disabled inputs.
  if (!canPlan) {
    return (
      <Card size="small" title={title} data-testid="comp-standard" extra={version}>
        {view?.version && view.standard ? <ReadOnlyFields testId="readonly-standard" column={2} items={standardFields(view.standard, t)} />
          : <Alert type="info" showIcon message={t('compensation.standard.none')} />}
      </Card>
    );
  }
  const num = (name: keyof FormValues, label: string, props: Record<string, unknown> = {}) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
      <InputNumber min={0} style={{ width: 160 }} data-testid={`std-${name}`} {...props} />
    </Form.Item>
  );
  return (
    <Card size="small" title={title} data-testid="comp-standard" extra={version}>
      {!view?.version && <Alert type="info" showIcon message={t('compensation.standard.none')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Flex wrap gap={16}>
          <Form.Item name="basis" label={t('compensation.standard.basis')} style={{ marginBottom: 8 }}>
            <Select style={{ width: 200 }} data-testid="std-basis" options={(['revenue', 'profit', 'fixed'] as const).map((b) => ({ value: b, label: t(`compensation.standard.bases.${b}`) }))} />
          </Form.Item>
          {basis === 'fixed'
            ? (['A', 'B', 'C'] as const).map((tier) => <span key={tier}>{num(`fixed${tier}`, t('compensation.standard.fixed', { tier }), AMOUNT_INPUT)}</span>)
            : num('rate', t('compensation.standard.rate'), { max: 100, precision: 2, step: 0.5 })}
          {basis !== 'fixed' && (['A', 'B', 'C'] as const).map((tier) => <span key={tier}>{num(`factor${tier}`, t('compensation.standard.tierFactor', { tier }), { max: 10, precision: 3, step: 0.1 })}</span>)}
        </Flex>
        <Flex wrap gap={16}>
          {num('minRenewal', t('compensation.standard.loyalty'), { max: 100 })}
          {num('loyaltyFactor', t('compensation.standard.loyaltyFactor'), { max: 10, precision: 3, step: 0.05 })}
          {num('minYears', t('compensation.standard.stability'), { max: 100 })}
          {num('stabilityFactor', t('compensation.standard.stabilityFactor'), { max: 10, precision: 3, step: 0.05 })}
        </Flex>
        <Flex wrap gap={16}>
          {num('floor', t('compensation.standard.floor'), AMOUNT_INPUT)}
          {num('cap', t('compensation.standard.cap'), AMOUNT_INPUT)}
          {num('budget', t('compensation.standard.budget'), { ...AMOUNT_INPUT, style: { width: 200 } })}
          <Form.Item name="defaultMethod" label={t('compensation.standard.defaultMethod')} style={{ marginBottom: 8 }}>
            <Select style={{ width: 180 }} options={method} data-testid="std-default-method" />
          </Form.Item>
        </Flex>
        <Form.Item name="methods" label={t('compensation.standard.methods')} rules={[{ required: true }]}>
          <Checkbox.Group options={method} data-testid="std-methods" />
        </Form.Item>
      </Form>
      <Space>
        <Button onClick={() => void preview()} data-testid="std-preview">{t('compensation.standard.preview')}</Button>
        <Button type="primary" onClick={() => void apply()} data-testid="std-apply">{t('compensation.standard.apply')}</Button>
      </Space>
      {change && (
        <Alert style={{ marginTop: 12 }} type={change.voidedApprovals ? 'warning' : 'info'} showIcon data-testid="std-change"
          message={changeHeadline(change, t)} description={<StandardChange change={change} />} />
      )}
    </Card>
  );
}
