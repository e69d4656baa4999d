import { App, Button, Card, Col, Drawer, Flex, Form, InputNumber, Row, Segmented, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueWeights } from '../../../../shared/clients/value';
import { api } from '../../lib/api';
import { formatCount, formatMoneySummary } from '../../lib/format';
import { describeError } from '../../components/ErrorAlert';
import { ReadOnlyFields } from '../../components/ReadOnlyFields';

type Dist = { key: string; clients: number; revenue: number }[];
const WEIGHTS = ['revenue', 'profit', 'satisfaction', 'renewal', 'years'] as const;
const TIER_COLORS: Record<string, string> = { A: '#237804', B: '#1f5fa8', C: '#d48806', '-': '#bfbfbf' };

/** Horizontal bars drawn with plain elements: clients and revenue side by side per group. */
function Bars({ data, measure }: { data: Dist; measure: 'clients' | 'revenue' }) {
  const max = Math.max(1, ...data.map((d) => d[measure]));
  return (
    <div role="list" data-testid={`bars-${measure}`}>
      {data.map((d) => (
        <div key={d.key} role="listitem" style={{ display: 'grid', gridTemplateColumns: '90px 1fr 140px', alignItems: 'center', gap: 8, margin: '6px 0' }}>
          <Typography.Text ellipsis>{d.key}</Typography.Text>
          <div style={{ background: '#f0f0f0', borderRadius: 4, height: 16 }}>
            <div style={{ width: `${(d[measure] / max) * 100}%`, height: '100%', borderRadius: 4, background: TIER_COLORS[d.key] ?? '#1f5fa8' }} />
          </div>
          <Typography.Text style={{ textAlign: 'right' }}>{measure === 'clients' ? formatCount(d.clients) : formatMoneySummary(d.revenue, 'CNY')}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

export function ValuePanel({ canEdit, onClose, onChanged }: { canEdit: boolean; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [data, setData] = useState<{ weights: ValueWeights; distribution: { byTier: Dist; byRegion: Dist; byIndustry: Dist } } | null>(null);
  const [group, setGroup] = useState<'byTier' | 'byRegion' | 'byIndustry'>('byTier');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ValueWeights>();
  const load = async () => setData(await api('clients.value', {}));
  useEffect(() => void load(), []);
  const apply = async () => {
    setBusy(true);
    try {
      const r = await api('clients.setValueWeights', await form.validateFields());
      message.success(t('value.applied', { count: formatCount(r.updated) }));
      await load();
      onChanged();
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open width={Math.min(760, window.innerWidth)} title={t('value.title')} onClose={onClose} data-testid="value-panel">
      {data && (
        <Flex vertical gap={16}>
          <Segmented value={group} onChange={(v) => setGroup(v as typeof group)}
            options={[{ value: 'byTier', label: t('value.byTier') }, { value: 'byRegion', label: t('value.byRegion') }, { value: 'byIndustry', label: t('value.byIndustry') }]} />
          <Row gutter={16}>
            <Col xs={24} md={12}><Card size="small" title={t('value.clients')}><Bars data={data.distribution[group]} measure="clients" /></Card></Col>
            <Col xs={24} md={12}><Card size="small" title={t('value.revenue')}><Bars data={data.distribution[group]} measure="revenue" /></Card></Col>
          </Row>
          <Card size="small" title={t('value.weights')}>
            <Typography.Paragraph type="secondary">{t('value.weightsHint')}</Typography.Paragraph>
            {/* Without the edit right the weights read as text, not as disabled inputs. */}
            {canEdit ? (
              <Form form={form} layout="inline" initialValues={data.weights}>
                {WEIGHTS.map((k) => (
                  <Form.Item key={k} name={k} label={t(`value.${k}_w`)} style={{ marginBottom: 8 }}>
                    <InputNumber min={0} max={100} style={{ width: 80 }} />
                  </Form.Item>
                ))}
              </Form>
            ) : <ReadOnlyFields testId="readonly-weights" column={2} items={WEIGHTS.map((k) => ({ key: k, label: t(`value.${k}_w`), value: data.weights[k] }))} />}
            {canEdit && <Button type="primary" loading={busy} onClick={() => void apply()} style={{ marginTop: 8 }} data-testid="apply-weights">{t('value.apply')}</Button>}
          </Card>
        </Flex>
      )}
    </Drawer>
  );
}
