import { Button, Card, Col, Empty, Flex, List, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { GATES, PHASES, type HandoverDetail } from '../../../../shared/contract';
import { formatDate } from '../../i18n';
import { EvaluationCard } from '../compensation/EvaluationCard';
import { formatCount, formatMoneySummary, labelled } from '../../lib/format';
import { useAppStore } from '../../app/store';
import { SECONDARY_TEXT } from '../../app/theme';
import { daysPast, OverdueTag, todayIso } from '../../components/OverdueTag';

/** The wizard step that settles each export condition (GLOSSARY: each unmet condition links to its step). */
export const GATE_STEP: Record<(typeof GATES)[number], string> = {
  recipients: 'counterparty', nda: 'nda', checklist: 'checklist', notices: 'notices', backup: 'approvals', approvals: 'approvals',
};

/** Risk level colours, the same scale as the report's heat map. */
export const heatColor = (level: number) => (level >= 15 ? '#de4540' : level >= 8 ? '#fa9e40' : level >= 4 ? '#fdd95a' : '#8ccc73');

/** The 5x5 matrix: likelihood across, impact up; each cell shows how many open risks sit there. */
export function HeatMap({ risks, size = 34 }: { risks: HandoverDetail['risks']; size?: number }) {
  const { t } = useTranslation();
  return (
    <div data-testid="heat-map" role="img" aria-label={t('handover.risk.heat')}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="heat-axis-impact">{t('handover.risk.impact')} ↑</Typography.Text>
      {[5, 4, 3, 2, 1].map((impact) => (
        <Flex key={impact} gap={2} style={{ marginBottom: 2 }}>
          <span style={{ width: 16, fontSize: 11, color: SECONDARY_TEXT, alignSelf: 'center' }}>{impact}</span>
          {[1, 2, 3, 4, 5].map((l) => {
            const n = risks.filter((r) => r.likelihood === l && r.impact === impact && r.status !== 'closed').length;
            return (
              <div key={l} title={`${l} × ${impact} = ${l * impact}`}
                style={{ width: size, height: size, background: heatColor(l * impact), opacity: n ? 1 : 0.35, display: 'grid', placeItems: 'center', fontWeight: 600, borderRadius: 3 }}>
                {n || ''}
              </div>
            );
          })}
        </Flex>
      ))}
      <Flex gap={2} style={{ marginLeft: 18 }}>{[1, 2, 3, 4, 5].map((l) => <span key={l} style={{ width: size, textAlign: 'center', fontSize: 11, color: SECONDARY_TEXT }}>{l}</span>)}</Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 18 }} data-testid="heat-axis-likelihood">{t('handover.risk.likelihood')} →</Typography.Text>
    </div>
  );
}

/** What stands between the handover and its export, in plain words. */
export function GateList({ h }: { h: HandoverDetail }) {
  const { t } = useTranslation();
  const openHandover = useAppStore((s) => s.openHandover);
  return (
    <List size="small" data-testid="gate-list" dataSource={[...GATES]}
      renderItem={(name) => {
        const g = h.gates.find((x) => x.gate === name)!;
        return (
          <List.Item data-testid={`gate-${name}`} data-ok={g.ok}>
            <Flex gap={8} align="start">
              {g.ok ? (g.overridden ? <ExclamationCircleFilled style={{ color: '#fa8c16' }} /> : <CheckCircleFilled style={{ color: '#52c41a' }} />) : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
              <div>
                <Typography.Text strong>{t(`handover.gates.${name}`)}</Typography.Text>
                {g.ok && !g.overridden && <Typography.Text type="secondary"> · {t('handover.gates.ok')}</Typography.Text>}
                {g.overridden && <div><Typography.Text type="warning">{t('handover.gates.overridden', g.overridden)}</Typography.Text></div>}
                {!g.ok && g.problems.map((p) => (
                  <div key={p.code}>
                    <Typography.Link onClick={() => openHandover({ id: h.id, tab: 'wizard', step: GATE_STEP[name] })} data-testid={`gate-problem-${p.code}`}>
                      {t(`handover.problem.${p.code}`, { ...p.values, date: typeof p.values.date === 'string' ? formatDate(p.values.date) : undefined })}
                    </Typography.Link>
                  </div>
                ))}
              </div>
            </Flex>
          </List.Item>
        );
      }} />
  );
}

const NOTICE_BARS = [
  ['sent', '#3f7fd9'], ['acknowledged', '#4db366'], ['consented', '#2f9a4d'], ['objected', '#de4540'], ['unanswered', '#999'], ['generated', '#d9d9d9'], ['notGenerated', '#eee'],
] as const;

/** Sent / answered / objected as horizontal bars (no chart library: plain boxes, readable in both languages). */
export function NoticeChart({ n }: { n: HandoverDetail['notices'] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...NOTICE_BARS.map(([k]) => n[k]));
  return (
    <div data-testid="notice-chart">
      {NOTICE_BARS.map(([k, color]) => (
        <Flex key={k} align="center" gap={8} style={{ marginBottom: 4 }}>
          <span style={{ width: 96, fontSize: 12 }}>{t(`handover.noticeStats.${k}`)}</span>
          <div style={{ flex: 1, background: '#f5f5f5', height: 14, borderRadius: 2 }}>
            <div style={{ width: `${(n[k] / max) * 100}%`, background: color, height: 14, borderRadius: 2 }} />
          </div>
          <span style={{ width: 48, textAlign: 'right', fontSize: 12 }} data-testid={`notice-count-${k}`}>{formatCount(n[k])}</span>
        </Flex>
      ))}
    </div>
  );
}

/** A handover with nothing in scope yet: the first steps to take, not six empty widgets. */
function FirstSteps({ h }: { h: HandoverDetail }) {
  const { t } = useTranslation();
  const openHandover = useAppStore((s) => s.openHandover);
  const steps = ['counterparty', 'scope', 'timeline', 'team'] as const;
  return (
    <Card size="small" data-testid="handover-first-steps">
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('handover.dash.startHere')}>
        <Flex vertical gap={8} align="center">
          {steps.map((step, i) => (
            <Button key={step} type={i === 0 ? 'primary' : 'default'} onClick={() => openHandover({ id: h.id, tab: 'wizard', step })} data-testid={`first-step-${step}`}>
              {`${i + 1}. ${t(`handover.steps.${step}`)}`}
            </Button>
          ))}
        </Flex>
      </Empty>
    </Card>
  );
}

export function Dashboard({ h }: { h: HandoverDetail }) {
  const { t } = useTranslation();
  if (h.included + h.excluded === 0 && h.status === 'draft') {
    return (
      <Flex vertical gap={16} data-testid="handover-dashboard">
        <FirstSteps h={h} />
        <Card size="small" title={t('handover.dash.gates')}><GateList h={h} /></Card>
      </Flex>
    );
  }
  const doneItems = h.checklist.filter((c) => c.status !== 'open').length;
  const today = todayIso();
  const next = PHASES.map((p) => ({ p, d: h.timeline[p] })).find((x) => x.d?.planned && !x.d.actual && x.d.planned >= today);
  const levels = { high: h.risks.filter((r) => r.level >= 15 && r.status !== 'closed').length, medium: h.risks.filter((r) => r.level >= 8 && r.level < 15 && r.status !== 'closed').length, low: h.risks.filter((r) => r.level < 8 && r.status !== 'closed').length };
  return (
    <Row gutter={[16, 16]} data-testid="handover-dashboard">
      <Col xs={24} md={8}>
        <Card size="small" title={t('handover.dash.scope')}>
          <Statistic value={h.included} formatter={(v) => formatCount(Number(v))} suffix={`/ ${formatCount(h.included + h.excluded)}`} data-testid="dash-included" />
          {h.revenue && h.revenue.map((r) => <div key={r.currency}>{labelled(t('handover.dash.revenue'), formatMoneySummary(r.amount, r.currency))}</div>)}
          <div style={{ marginTop: 8 }}>{labelled(t('handover.dash.next'), next ? `${t(`handover.phases.${next.p}`)} · ${formatDate(next.d.planned!)}` : t('handover.dash.none'))}</div>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" title={t('handover.dash.phases')}>
          {PHASES.map((p) => {
            const d = h.timeline[p];
            return (
              <Flex key={p} justify="space-between" style={{ marginBottom: 4 }}>
                <span>{t(`handover.phases.${p}`)}</span>
                <span>{d?.actual ? <Tag color="green">{formatDate(d.actual)}</Tag> : d?.planned ? d.planned < today
                  // Overdue in words and an icon, not by colour alone; the day it was due in the tooltip.
                  ? <OverdueTag days={daysPast(d.planned, today)} due={t('common.dueOn', { date: formatDate(d.planned) })} testId={`phase-overdue-${p}`} />
                  : <Tag>{formatDate(d.planned)}</Tag> : '—'}</span>
              </Flex>
            );
          })}
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" title={t('handover.dash.checklist')}>
          <Progress type="circle" size={88} percent={h.checklist.length ? Math.round((doneItems / h.checklist.length) * 100) : 0} data-testid="dash-checklist" />
          <div>{t('handover.check.done', { done: doneItems, total: h.checklist.length })}</div>
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card size="small" title={t('handover.dash.notices')}><NoticeChart n={h.notices} /></Card>
      </Col>
      <Col xs={24} md={12}>
        <Card size="small" title={t('handover.dash.risks')}>
          <Flex gap={24} wrap>
            <HeatMap risks={h.risks} size={26} />
            <div>
              <Tag color="red">{labelled(t('handover.dash.high'), levels.high)}</Tag>
              <Tag color="orange">{labelled(t('handover.dash.medium'), levels.medium)}</Tag>
              <Tag color="green">{labelled(t('handover.dash.low'), levels.low)}</Tag>
            </div>
          </Flex>
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('handover.dash.gates')}><GateList h={h} /></Card>
      </Col>
      <Col xs={24}>
        <EvaluationCard handoverId={h.id} />
      </Col>
    </Row>
  );
}
