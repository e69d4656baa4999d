import { Alert, App, Button, Card, Checkbox, Descriptions, Divider, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOWUP_OUTCOMES, PHASES, type ChannelOutput } from '../../../../shared/contract';
import { api, newJobId } from '../../lib/api';
import { formatDateTime, formatBytes } from '../../i18n';
import { formatCount, formatPercent, labelled } from '../../lib/format';
import { JobProgress } from '../../components/JobProgress';
import { useHandover } from './context';
import { GateList } from './Dashboard';
import { CompletenessHelp } from './Completeness';
import { ApprovalTimeline } from './ApprovalTimeline';
import { HandoverClientTable, useHandoverClients } from './ClientPageTable';
import { DayPicker } from '../../components/DayPicker';
import { localDay } from '../../../../shared/dates';
import { HashText } from '../../components/HashText';

/** The contract's minimum for a written reason (handovers.reject). */
const REJECT_REASON_MIN = 5;

export function ApprovalsStep() {
  const { t } = useTranslation();
  const { h, call, canPlan, canApprove, canReject, canBackup, isAdmin, planOpen, reload } = useHandover();
  const [job, setJob] = useState<string | null>(null);
  const [approving, setApproving] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [rejectReason, setRejectReason] = useState('');
  const [overriding, setOverriding] = useState(false);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const backup = async () => {
    const jobId = newJobId();
    setJob(jobId);
    await call('handovers.backup', { id: h.id, jobId });
    setJob(null);
    await reload();
  };
  return (
    <>
      <Card size="small" title={t('handover.gates.backup')} style={{ marginBottom: 16 }}>
        {h.backup && <Alert type="success" showIcon style={{ marginBottom: 8 }} data-testid="backup-done"
          message={t('handover.approvals.backupDone', { file: h.backup.file, at: formatDateTime(h.backup.at), sha: h.backup.sha256.slice(0, 16) })} />}
        {canBackup && <Button onClick={() => void backup()} data-testid="handover-backup">{t('handover.approvals.backup')}</Button>}
      </Card>
      <Card size="small" title={t('handover.approvals.list')}>
        <Typography.Paragraph type="secondary">{t('handover.approvals.need')}</Typography.Paragraph>
        <ApprovalTimeline h={h} />
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {canPlan && h.status === 'draft' && <Button type="primary" onClick={() => void call('handovers.submit', { id: h.id }, t('handover.saved'))} data-testid="handover-submit">{t('handover.approvals.submit')}</Button>}
          {canApprove && h.status === 'submitted' && <Button type="primary" onClick={() => setApproving(true)} data-testid="handover-approve">{t('handover.approvals.approve')}</Button>}
          {canReject && (h.status === 'submitted' || h.status === 'approved') && <Button danger onClick={() => setRejecting(true)} data-testid="handover-reject">{t('handover.approvals.reject')}</Button>}
          {isAdmin && planOpen && <Button danger onClick={() => setOverriding(true)} data-testid="handover-override">{t('handover.approvals.override')}</Button>}
        </Flex>
      </Card>
      <JobProgress jobId={job} title={t('handover.approvals.backup')} />
      <Modal open={approving} title={t('handover.approvals.approve')} onCancel={() => setApproving(false)} destroyOnHidden
        onOk={() => void call('handovers.approve', { id: h.id, comment }, t('handover.saved')).then((r) => r && setApproving(false))}>
        <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('handover.approvals.comment')} data-testid="approve-comment" />
      </Modal>
      <Modal open={rejecting} title={t('handover.approvals.rejectTitle')} onCancel={() => setRejecting(false)} destroyOnHidden
        okText={t('handover.approvals.rejectOk')} okButtonProps={{ danger: true, disabled: rejectReason.trim().length < REJECT_REASON_MIN, 'data-testid': 'reject-ok' } as never}
        onOk={() => void call('handovers.reject', { id: h.id, reason: rejectReason.trim() }, t('handover.approvals.rejected')).then((r) => r && setRejecting(false))}>
        <Typography.Paragraph type="secondary">{t('handover.approvals.rejectHelp')}</Typography.Paragraph>
        <Input.TextArea rows={3} value={rejectReason} onChange={(e) => setRejectReason(e.target.value)} placeholder={t('handover.approvals.rejectReason')} data-testid="reject-reason"
          aria-label={t('handover.approvals.rejectReason')} />
      </Modal>
      <Modal open={overriding} title={t('handover.approvals.override')} onCancel={() => setOverriding(false)} destroyOnHidden okButtonProps={{ disabled: reason.trim().length < 10, danger: true }}
        onOk={() => void call('handovers.override', { id: h.id, gate: 'notices', reason }, t('handover.saved')).then((r) => r && setOverriding(false))}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('handover.approvals.overrideReason')} data-testid="override-reason" />
      </Modal>
    </>
  );
}

type Exported = NonNullable<ChannelOutput<'handovers.export'>['result']>;

export function ExportStep() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { h, call, canExport, canEditOpen } = useHandover();
  const [includeSelf, setIncludeSelf] = useState(true);
  const [job, setJob] = useState<string | null>(null);
  const [done, setDone] = useState<Exported | null>(null);
  const [archived, setArchived] = useState<string | null>(null);
  const ready = h.gates.every((g) => g.ok);
  const run = async () => {
    const jobId = newJobId();
    setJob(jobId);
    const r = await call('handovers.export', { id: h.id, jobId, includeSelf });
    setJob(null);
    if (r?.result) {
      setDone(r.result);
      await call('handovers.get', { id: h.id });
    }
  };
  const report = async (language: 'en' | 'zh-CN') => {
    const r = await call('handovers.report', { id: h.id, language });
    if (r?.path) void message.success(r.path);
  };
  const p = h.package;
  return (
    <>
      <Card size="small" title={t('handover.gates.title')} style={{ marginBottom: 16 }}><GateList h={h} /></Card>
      {!p && canExport && (
        <Card size="small" title={t('handover.export.title')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph data-testid="export-contents">
            {t('handover.export.contents', { clients: formatCount(h.included), documents: formatCount(h.contents.documents), size: formatBytes(h.contents.bytes) })}
          </Typography.Paragraph>
          {/* Before the package is made: what the buyer would miss now, so it can be filled in first. */}
          <Typography.Paragraph>{t('handover.export.completeness')}<CompletenessHelp handoverId={h.id} testId="export-completeness-help" /></Typography.Paragraph>
          <Checkbox checked={includeSelf} onChange={(e) => setIncludeSelf(e.target.checked)} data-testid="export-self">{t('handover.export.includeSelf')}</Checkbox>
          <div style={{ marginTop: 12 }}><Button type="primary" disabled={!ready} onClick={() => void run()} data-testid="handover-export">{t('handover.export.run')}</Button></div>
        </Card>
      )}
      {p && (
        <Card size="small" title={t('handover.export.done')} style={{ marginBottom: 16 }} data-testid="package-info">
          <Descriptions size="small" column={1} bordered items={[
            { key: 'f', label: t('handover.export.file'), children: `${p.file}${done ? ` (${formatBytes(done.bytes)})` : ''}` },
            { key: 'i', label: t('handover.export.id'), children: <Typography.Text code copyable={false}>{p.packageId}</Typography.Text> },
            { key: 's', label: t(p.checksumAlg === 'sha256' ? 'handover.export.shaOld' : 'handover.export.sha'), children: <HashText value={p.checksum} testId="package-checksum" /> },
            { key: 'k', label: t('handover.export.sender'), children: <Typography.Text code>{p.senderFingerprint}</Typography.Text> },
            { key: 'c', label: t('handover.col.clients'), children: t('handover.export.clients', { clients: formatCount(p.clients), documents: formatCount(p.documents) }) },
            { key: 'p', label: <span>{t('handover.export.completeness')}<CompletenessHelp handoverId={h.id} testId="completeness-help" /></span>, children: formatPercent(p.completeness) },
          ]} />
          {h.receipt ? (
            <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="receipt-done" message={t('handover.export.receiptDone', { by: h.receipt.receivedBy, at: formatDateTime(h.receipt.receivedAt) })} />
          ) : canEditOpen && (
            <Button style={{ marginTop: 12 }} data-testid="receipt-import" onClick={() => void api('dialog.chooseKeyFile', { kind: 'receipt' }).then(async (f) => { if (f.path) await call('handovers.importReceipt', { id: h.id, file: f.path }, t('handover.saved')); })}>
              {t('handover.export.receipt')}
            </Button>
          )}
        </Card>
      )}
      <Flex gap={8} wrap>
        <Typography.Text strong style={{ alignSelf: 'center' }}>{labelled(t('handover.export.report'), '').trimEnd()}</Typography.Text>
        <Button onClick={() => void report('en')} data-testid="report-en">{t('handover.export.reportEn')}</Button>
        <Button onClick={() => void report('zh-CN')} data-testid="report-zh">{t('handover.export.reportZh')}</Button>
        <Divider type="vertical" />
        {canEditOpen && (
          <Popconfirm title={t('handover.export.closeConfirm')} onConfirm={() => void call('handovers.close', { id: h.id }, t('handover.saved'))}>
            <Button danger data-testid="handover-close">{t('handover.export.close')}</Button>
          </Popconfirm>
        )}
        {h.status === 'closed' && <Button data-testid="handover-archive" onClick={() => void call('handovers.archive', { id: h.id }).then((r) => r?.path && setArchived(r.path))}>{t('handover.export.archive')}</Button>}
      </Flex>
      {archived && <Alert type="success" showIcon style={{ marginTop: 12 }} message={t('handover.export.archived', { path: archived })} />}
      <JobProgress jobId={job} title={t('handover.export.progress')} />
    </>
  );
}

type Row = ChannelOutput<'handovers.clients'>['rows'][number];

export function FollowupStep() {
  const { t } = useTranslation();
  const { h, call, canRecord } = useHandover();
  const list = useHandoverClients('included');
  const [target, setTarget] = useState<Row | null>(null);
  const [form] = Form.useForm<{ date: string; outcome: 'contacted' | 'retained' | 'lost'; satisfaction: number | null; note: string }>();
  const f = h.followups;
  const onTime = PHASES.filter((p) => h.timeline[p]?.planned && h.timeline[p]?.actual && h.timeline[p]!.actual! <= h.timeline[p]!.planned!).length;
  const phasesDone = PHASES.filter((p) => h.timeline[p]?.planned && h.timeline[p]?.actual).length;
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !target) return;
    if (await call('handovers.followup', { id: h.id, clientId: target.clientId, date: v.date, outcome: v.outcome, satisfaction: v.satisfaction ?? null, note: v.note ?? '' }, t('handover.saved'))) {
      setTarget(null);
      list.reload();
    }
  };
  return (
    <>
      <Flex gap={32} wrap style={{ marginBottom: 16 }} data-testid="evaluation">
        <Statistic title={<span>{t('handover.followup.completeness')}<CompletenessHelp handoverId={h.id} testId="followup-completeness-help" /></span>} value={h.package ? formatPercent(h.package.completeness) : '—'} />
        <Statistic title={t('handover.followup.timeliness')} value={phasesDone ? `${onTime} / ${phasesDone}` : '—'} />
        <Statistic title={t('handover.followup.retention')} value={f.retained + f.lost ? formatPercent(f.retained / (f.retained + f.lost)) : '—'} />
        <Statistic title={t('handover.followup.avg')} value={f.satisfaction ?? '—'} />
      </Flex>
      <HandoverClientTable list={list} testId="followup-table" scrollX={600} selectable={false}
        columns={[
          { title: t('handover.code'), dataIndex: 'code', width: 110 },
          { title: t('handover.client'), dataIndex: 'name' },
          { title: t('handover.receivingOwner'), dataIndex: 'receivingOwner' },
          { title: t('handover.followup.outcome'), dataIndex: 'followup', render: (o: string | null) => (o ? <Tag color={o === 'lost' ? 'red' : o === 'retained' ? 'green' : 'blue'}>{t(`handover.outcomes.${o}`)}</Tag> : '—') },
          {
            key: 'add', width: 150,
            render: (_: unknown, r: Row) => canRecord && <Button size="small" data-testid={`followup-${r.code}`}
              onClick={() => { form.setFieldsValue({ date: localDay(), outcome: 'retained', satisfaction: null, note: '' }); setTarget(r); }}>{t('handover.followup.add')}</Button>,
          },
        ]} />
      <Modal open={target !== null} title={`${t('handover.followup.add')} ${target?.code ?? ''}`} onOk={() => void save()} onCancel={() => setTarget(null)} destroyOnHidden forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="date" label={t('handover.followup.date')} rules={[{ required: true }]}><DayPicker data-testid="followup-date" /></Form.Item>
          <Form.Item name="outcome" label={t('handover.followup.outcome')}><Select options={FOLLOWUP_OUTCOMES.map((o) => ({ value: o, label: t(`handover.outcomes.${o}`) }))} data-testid="followup-outcome" /></Form.Item>
          <Form.Item name="satisfaction" label={t('handover.followup.satisfaction')}><InputNumber min={0} max={10} step={0.5} /></Form.Item>
          <Form.Item name="note" label={t('handover.followup.note')}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
