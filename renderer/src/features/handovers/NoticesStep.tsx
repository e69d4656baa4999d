import { Alert, Button, Divider, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Tag, Typography } from 'antd';
import { EyeOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_CHANNELS } from '../../../../shared/contract';
import { api, newJobId } from '../../lib/api';
import { formatDate } from '../../i18n';
import { JobProgress } from '../../components/JobProgress';
import { DocumentViewer } from '../clients/DocumentViewer';
import { useHandover } from './context';
import { NoticeChart } from './Dashboard';
import { HandoverClientTable, useHandoverClients, type HandoverClientRow } from './ClientPageTable';
import { DayPicker } from '../../components/DayPicker';
import { ReadOnlyFields } from '../../components/ReadOnlyFields';
import { daysPast, OverdueTag } from '../../components/OverdueTag';
import { localDay } from '../../../../shared/dates';

type Row = HandoverClientRow;
const FILTERS = ['all', 'included', 'not-sent', 'unanswered', 'objected', 'excluded'] as const;
/** A form's default day: today on the user's calendar (shared/dates.ts), not the UTC day. */
const today = () => localDay();

export function NoticesStep() {
  const { t } = useTranslation();
  const { h, call, canPlan, canRecord, reload: reloadHandover } = useHandover();
  const [settings, setSettings] = useState(h.notice);
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('included');
  const list = useHandoverClients(filter);
  const { page, setPage, reload } = list;
  const [job, setJob] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [viewing, setViewing] = useState<{ name: string; mime: string; data: string } | null>(null);
  const [form] = Form.useForm<{ status: 'sent' | 'acknowledged' | 'consented' | 'objected'; channel: string | null; date: string; note: string }>();

  const generate = async () => {
    const jobId = newJobId();
    setJob(jobId);
    const r = await call('handovers.generateNotices', { id: h.id, jobId, clientIds: list.count ? list.target() : null });
    setJob(null);
    if (r?.dir) {
      setResult(t('handover.notices.generated', { generated: r.generated, skipped: r.skipped, dir: r.dir }));
      await reloadHandover();
    }
  };
  const record = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const r = await call('handovers.recordNotices', { id: h.id, clientIds: list.target(), status: v.status, channel: (v.channel ?? null) as never, date: v.date, note: v.note ?? '' }, t('handover.saved'));
    if (r) {
      setRecording(false);
      list.clearSelection();
      await reloadHandover();
    }
  };
  const decide = async (decision: 'keep' | 'exclude') => {
    if (await call('handovers.decide', { id: h.id, clientIds: list.target(), decision }, t('handover.saved'))) {
      list.clearSelection();
      await reloadHandover();
      reload();
    }
  };
  const n = h.notices;
  // Late work, said as 逾期 N 天: notices not sent by the start date (while the plan is open), and unanswered clients not decided after the window.
  const unsent = n.notGenerated + n.generated;
  const sendLate = canRecord && unsent > 0 && h.notice.startDate ? Math.max(0, daysPast(h.notice.startDate)) : 0;
  const decisionLate = n.windowClosed && n.undecided > 0 && n.deadline ? Math.max(0, daysPast(n.deadline)) : 0;
  return (
    <>
      <Flex gap={24} wrap>
        {canPlan ? <Form layout="vertical" style={{ flex: '1 1 360px', maxWidth: 520 }}>
          <Typography.Title level={5}>{t('handover.notices.settings')}</Typography.Title>
          <Flex gap={12} wrap>
            <Form.Item label={t('handover.notices.startDate')}><DayPicker value={settings.startDate} onChange={(d) => setSettings({ ...settings, startDate: d || null })} data-testid="notice-start" /></Form.Item>
            <Form.Item label={t('handover.notices.effectiveDate')}><DayPicker value={settings.effectiveDate} onChange={(d) => setSettings({ ...settings, effectiveDate: d || null })} data-testid="notice-effective" /></Form.Item>
            <Form.Item label={t('handover.notices.weeks')}><InputNumber min={1} max={26} value={settings.objectionWeeks} onChange={(v) => setSettings({ ...settings, objectionWeeks: v ?? 6 })} data-testid="notice-weeks" /></Form.Item>
          </Flex>
          <Form.Item label={t('handover.notices.sellerContact')}><Input value={settings.sellerContact} onChange={(e) => setSettings({ ...settings, sellerContact: e.target.value })} data-testid="notice-seller" /></Form.Item>
          <Button type="primary" onClick={() => void call('handovers.update', { id: h.id, patch: { notice: settings } }, t('handover.saved'))} data-testid="notice-save">{t('handover.saveStep')}</Button>
        </Form> : (
          // Without the plan right (or once closed) the settings read as text, not as disabled inputs.
          <div style={{ flex: '1 1 360px', maxWidth: 520 }}>
            <Typography.Title level={5}>{t('handover.notices.settings')}</Typography.Title>
            <ReadOnlyFields testId="readonly-notices" items={[
              { key: 'start', label: t('handover.notices.startDate'), value: formatDate(h.notice.startDate) },
              { key: 'effective', label: t('handover.notices.effectiveDate'), value: formatDate(h.notice.effectiveDate) },
              { key: 'weeks', label: t('handover.notices.weeks'), value: h.notice.objectionWeeks },
              { key: 'seller', label: t('handover.notices.sellerContact'), value: h.notice.sellerContact },
            ]} />
          </div>
        )}
        <div style={{ flex: '1 1 320px' }}>
          {sendLate > 0 && h.notice.startDate && (
            <Alert type="warning" style={{ marginBottom: 12 }} data-testid="notice-send-late"
              message={<Flex gap={8} align="center" wrap><OverdueTag days={sendLate} testId="notice-send-overdue" />{t('handover.notices.sendLate', { date: formatDate(h.notice.startDate), count: unsent })}</Flex>} />
          )}
          {n.deadline && (
            <Alert type={n.windowClosed ? 'warning' : 'info'} showIcon={!decisionLate} style={{ marginBottom: 12 }} data-testid="notice-window"
              message={n.windowClosed ? (
                <Flex gap={8} align="center" wrap>
                  {decisionLate > 0 && <OverdueTag days={decisionLate} testId="notice-decision-overdue" />}
                  {t('handover.notices.closed', { date: formatDate(n.deadline) })}{decisionLate > 0 && t('handover.notices.undecidedLate', { count: n.undecided })}
                </Flex>
              ) : t('handover.notices.deadline', { date: formatDate(n.deadline) })} />
          )}
          <NoticeChart n={n} />
        </div>
      </Flex>
      <Divider />
      {result && <Alert type="success" showIcon message={result} closable onClose={() => setResult(null)} style={{ marginBottom: 12 }} data-testid="notice-result" />}
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Segmented value={filter} onChange={(v) => { setFilter(v as never); setPage({ offset: 0, text: page.text }); }} data-testid="notice-filter"
          options={FILTERS.map((f) => ({ value: f, label: t(`handover.notices.filter.${f}`) }))} />
        <Input.Search allowClear style={{ maxWidth: 240 }} onSearch={(text) => setPage({ offset: 0, text })} aria-label={t('wizardList.search')} placeholder={t('wizardList.search')} />
      </Flex>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        {canPlan && <Button icon={<FilePdfOutlined />} onClick={() => void generate()} data-testid="notice-generate">{t('handover.notices.generate')}</Button>}
        {canRecord && (
          <Button type="primary" disabled={list.count === 0} data-testid="notice-record"
            onClick={() => { form.setFieldsValue({ status: 'sent', channel: 'letter', date: today(), note: '' }); setRecording(true); }}>
            {t('handover.notices.record', { count: list.count })}
          </Button>
        )}
        {canPlan && filter === 'unanswered' && n.windowClosed && (
          <>
            <Button disabled={!list.count} onClick={() => void decide('keep')} data-testid="decide-keep">{t('handover.notices.keep')}</Button>
            <Button danger disabled={!list.count} onClick={() => void decide('exclude')} data-testid="decide-exclude">{t('handover.notices.drop')}</Button>
          </>
        )}
      </Flex>
      <HandoverClientTable list={list} testId="notice-table" scrollX={900} selectable={canRecord}
        columns={[
          { title: t('handover.code'), dataIndex: 'code', width: 110 },
          { title: t('handover.client'), dataIndex: 'name' },
          { title: t('handover.contact'), dataIndex: 'contact' },
          {
            title: t('handover.notices.status'), dataIndex: 'notice',
            render: (s: Row['notice'], r: Row) => (
              <>
                {s ? <Tag color={s === 'objected' ? 'red' : s === 'generated' ? 'default' : s === 'sent' ? 'blue' : 'green'}>{t(`handover.noticeStatus.${s}`)}</Tag> : '—'}
                {!r.included && <Tag>{t(`handover.reasons.${r.excludedReason}`, { defaultValue: r.excludedReason })}</Tag>}
                {r.decision && <Tag color="purple">{t(r.decision === 'keep' ? 'handover.notices.keep' : 'handover.notices.drop')}</Tag>}
              </>
            ),
          },
          { title: t('handover.notices.channel'), dataIndex: 'channel', render: (c: string) => (c ? t(`handover.channels.${c}`) : '') },
          { title: t('handover.notices.date'), dataIndex: 'sentOn', render: (d: string | null) => formatDate(d) },
          { title: t('handover.notices.evidence'), dataIndex: 'noticeSha256', render: (s: string | null) => (s ? <Typography.Text code title={s}>{s.slice(0, 12)}…</Typography.Text> : '') },
          {
            key: 'view', width: 60,
            render: (_: unknown, r: Row) => r.included && <Button size="small" icon={<EyeOutlined />} aria-label={t('handover.notices.view')} title={t('handover.notices.view')} data-testid={`notice-view-${r.code}`}
              onClick={() => void api('handovers.noticePdf', { id: h.id, clientId: r.clientId }).then(setViewing, (err: unknown) => void call('handovers.get', { id: h.id }).then(() => { throw err; }))} />,
          },
        ]} />
      <JobProgress jobId={job} title={t('handover.notices.generate')} />
      {viewing && <DocumentViewer doc={viewing} onClose={() => setViewing(null)} />}
      <Modal open={recording} title={t('handover.notices.recordTitle')} onOk={() => void record()} onCancel={() => setRecording(false)} destroyOnHidden forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="status" label={t('handover.notices.status')}>
            <Select data-testid="record-status" options={(['sent', 'acknowledged', 'consented', 'objected'] as const).map((s) => ({ value: s, label: t(`handover.noticeStatus.${s}`) }))} />
          </Form.Item>
          <Form.Item name="channel" label={t('handover.notices.channel')}>
            <Select allowClear data-testid="record-channel" options={NOTICE_CHANNELS.map((c) => ({ value: c, label: t(`handover.channels.${c}`) }))} />
          </Form.Item>
          <Form.Item name="date" label={t('handover.notices.date')} rules={[{ required: true }]}><DayPicker data-testid="record-date" /></Form.Item>
          <Form.Item name="note" label={t('handover.notices.note')}><Input.TextArea rows={2} data-testid="record-note" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
