import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Radio, Table, Tag, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATA_CATEGORIES, MASKABLE_FIELDS, type ChannelOutput, type DataroomReport } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatDateTime } from '../../i18n';
import { useAppStore } from '../../app/store';
import { useHandover } from './context';
import { useHandoverClients } from './ClientPageTable';
import { DataRoomClientPicker } from './DataRoomClientPicker';

type Session = ChannelOutput<'dataroom.list'>[number];
/** Time limits offered in one click (minutes); any whole number from 1 to 720 can be typed. */
const MINUTE_PRESETS = [30, 60, 120, 240];
type Question = ChannelOutput<'dataroom.allQuestions'>[number];

/** Past sessions with their reports, the reviewers' questions to answer, and starting a new session. */
export function DataRoomTab() {
  const { t } = useTranslation();
  const { h, call } = useHandover();
  const { modal } = App.useApp();
  const perms = useAppStore((s) => s.info?.user?.permissions ?? []);
  const canRun = perms.includes('dataroom.run') && h.status !== 'closed';
  const canAnswer = perms.includes('handover.plan');
  const [sessions, setSessions] = useState<Session[]>([]);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [starting, setStarting] = useState(false);
  const [report, setReport] = useState<DataroomReport | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [form] = Form.useForm();
  const [subset, setSubset] = useState<'all' | 'some'>('all');
  const [pickMissing, setPickMissing] = useState(false);
  // The included clients, a page at a time, searchable, with 选择全部 N 个符合条件的客户 (not only the first 100).
  const picker = useHandoverClients('included');
  const load = useCallback(() => {
    void api('dataroom.list', { handoverId: h.id }).then(setSessions, () => undefined);
    void api('dataroom.allQuestions', { handoverId: h.id }).then(setQuestions, () => undefined);
  }, [h.id]);
  useEffect(load, [load]);

  // Two steps: the form, then a confirm that says what the lockdown does before the window locks (issue 17).
  const start = async () => {
    const v = await form.validateFields().catch(() => null);
    setPickMissing(subset === 'some' && picker.count === 0);
    if (!v || (subset === 'some' && picker.count === 0)) return;
    const clients = subset === 'all' ? h.included : picker.count;
    // The selection as it stands now: ids ticked, or the search whose matches the router lists in my scope.
    const clientIds = subset === 'all' ? [] : picker.target();
    modal.confirm({
      title: t('dataroom.confirmTitle'), width: 560, okText: t('dataroom.go'), cancelText: t('common.back'), zIndex: 1100,
      content: (
        <div data-testid="dataroom-lockdown">
          <Typography.Paragraph strong>{t('dataroom.confirmSummary', { reviewer: v.name, organisation: v.organisation, clients, minutes: v.minutes })}</Typography.Paragraph>
          <Typography.Paragraph>{t('dataroom.lockdown')}</Typography.Paragraph>
          <Typography.Paragraph>{t('dataroom.lockdownEnd')}</Typography.Paragraph>
        </div>
      ),
      onOk: () => call('dataroom.start', {
        handoverId: h.id, reviewer: { name: v.name, organisation: v.organisation, idNumber: v.idNumber ?? '' }, clientIds,
        categories: v.categories, masked: v.masked ?? [], documents: (v.categories as string[]).includes('documents'), seconds: (v.minutes as number) * 60, passphrase: v.passphrase,
      }),
    });
  };
  return (
    <>
      <Card size="small" title={t('dataroom.sessions')} data-testid="dataroom-sessions"
        extra={canRun && <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => {
          form.resetFields();
          setSubset('all');
          setPickMissing(false);
          picker.clearSelection();
          picker.setPage({ offset: 0, text: '' });
          setStarting(true);
        }} data-testid="dataroom-start">{t('dataroom.start')}</Button>}>
        <Table<Session> size="small" rowKey="id" dataSource={sessions} pagination={false} locale={{ emptyText: t('dataroom.none') }} scroll={{ x: 800 }}
          columns={[
            { title: t('dataroom.col.id'), dataIndex: 'id' },
            { title: t('dataroom.col.reviewer'), key: 'r', render: (_, s) => `${s.reviewer}, ${s.organisation}` },
            { title: t('dataroom.col.started'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
            { title: t('dataroom.col.reason'), key: 'e', render: (_, s) => (s.endReason ? t(`dataroom.reasons.${s.endReason}`, { defaultValue: s.endReason }) : <Tag color="green">{t('dataroom.running')}</Tag>) },
            { title: t('dataroom.col.views'), dataIndex: 'views', align: 'right' },
            { title: t('dataroom.col.questions'), dataIndex: 'questions', align: 'right' },
            {
              key: 'report', render: (_, s) => s.endedAt && (
                <Button size="small" data-testid={`dataroom-report-${s.id}`} onClick={() => void api('dataroom.report', { id: s.id }).then(setReport, () => undefined)}>{t('dataroom.report')}</Button>
              ),
            },
          ]} />
      </Card>
      <Card size="small" title={t('dataroom.qa')} style={{ marginTop: 16 }} data-testid="dataroom-qa">
        <List size="small" dataSource={questions} locale={{ emptyText: t('dataroom.noQuestions') }}
          renderItem={(q) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <div>{q.client && <Tag>{q.client}</Tag>}{q.question} <Typography.Text type="secondary">— {q.sessionId}, {formatDateTime(q.askedAt)}</Typography.Text></div>
                {q.answer ? <Typography.Text type="success">{q.answer} ({q.answeredBy})</Typography.Text> : canAnswer ? (
                  <Flex gap={8} style={{ marginTop: 4 }}>
                    <Input size="small" placeholder={t('dataroom.answer')} value={answers[q.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })} data-testid={`answer-${q.id}`} />
                    <Button size="small" disabled={!answers[q.id]?.trim()} onClick={() => void call('dataroom.answer', { id: q.id, answer: answers[q.id]! }).then((qs) => qs && setQuestions(qs))}>{t('dataroom.answerSave')}</Button>
                  </Flex>
                ) : <Tag>{t('dataroom.unanswered')}</Tag>}
              </div>
            </List.Item>
          )} />
      </Card>
      <Modal open={starting} title={t('dataroom.startTitle')} onCancel={() => setStarting(false)} onOk={() => void start()} okText={t('dataroom.next')} width={720} destroyOnHidden forceRender>
        <Form form={form} layout="vertical" initialValues={{ categories: ['basic', 'contacts', 'transactions', 'documents'], masked: ['phones', 'emails'], minutes: 120 }}>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('dataroom.lockdown')} />
          <Flex gap={12} wrap>
            <Form.Item name="name" label={t('dataroom.reviewer')} rules={[{ required: true, whitespace: true }]} style={{ flex: '1 1 200px' }}><Input data-testid="dr-reviewer" /></Form.Item>
            <Form.Item name="organisation" label={t('dataroom.organisation')} rules={[{ required: true, whitespace: true }]} style={{ flex: '1 1 200px' }}><Input data-testid="dr-org" /></Form.Item>
          </Flex>
          <Form.Item name="idNumber" label={t('dataroom.idNumber')}><Input /></Form.Item>
          <Form.Item label={t('dataroom.clients')} validateStatus={pickMissing && picker.count === 0 ? 'error' : undefined} help={pickMissing && picker.count === 0 ? t('dataroom.pickClients') : undefined}>
            <Radio.Group value={subset} onChange={(e) => setSubset(e.target.value as 'all' | 'some')} data-testid="dr-subset"
              options={[{ value: 'all', label: t('dataroom.allClients', { count: h.included }) }, { value: 'some', label: t('dataroom.someClients') }]} />
          </Form.Item>
          {subset === 'some' && <Form.Item><DataRoomClientPicker list={picker} /></Form.Item>}
          <Form.Item name="categories" label={t('dataroom.categories')} rules={[{ required: true }]}>
            <Checkbox.Group options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`handover.categories.${c}`) }))} />
          </Form.Item>
          <Form.Item name="masked" label={t('dataroom.masked')}>
            <Checkbox.Group options={MASKABLE_FIELDS.map((f) => ({ value: f, label: t(`maskable.${f}`) }))} />
          </Form.Item>
          <Form.Item label={t('dataroom.minutes')} required>
            <Flex gap={12} align="center" wrap>
              <Form.Item noStyle shouldUpdate={(a, b) => a.minutes !== b.minutes}>
                {() => (
                  <Radio.Group optionType="button" value={MINUTE_PRESETS.includes(form.getFieldValue('minutes') as number) ? form.getFieldValue('minutes') : null}
                    onChange={(e) => form.setFieldValue('minutes', e.target.value)} data-testid="dr-minute-presets"
                    options={MINUTE_PRESETS.map((m) => ({ value: m, label: m < 60 ? t('dataroom.preset', { count: m }) : t('dataroom.presetHours', { count: m / 60 }) }))} />
                )}
              </Form.Item>
              <Typography.Text type="secondary">{t('dataroom.minutesCustom')}</Typography.Text>
              <Form.Item name="minutes" noStyle rules={[{ required: true }]}>
                <InputNumber min={1} max={720} step={1} precision={0} style={{ width: 96 }} data-testid="dr-minutes" aria-label={t('dataroom.minutesCustom')} />
              </Form.Item>
            </Flex>
          </Form.Item>
          <Form.Item name="passphrase" label={t('dataroom.passphrase')} extra={t('dataroom.passphraseHelp')} rules={[{ required: true }]}>
            <Input.Password autoComplete="off" data-testid="dr-passphrase" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={report !== null} title={report ? t('dataroom.reportTitle', { id: report.sessionId }) : ''} onCancel={() => { setReport(null); setExported(null); }} width={760} footer={null} destroyOnHidden>
        {report && (
          <div data-testid="dataroom-report">
            <Descriptions size="small" column={1} bordered items={[
              { key: 'r', label: t('dataroom.reviewer'), children: t('dataroom.mode.reviewer', { name: report.reviewer.name, organisation: report.reviewer.organisation }) },
              { key: 'f', label: t('dataroom.facilitator'), children: report.facilitator },
              { key: 't', label: t('dataroom.duration'), children: t('dataroom.span', { from: formatDateTime(report.startedAt), to: formatDateTime(report.endedAt), count: Math.round(report.seconds / 60) }) },
              { key: 'e', label: t('dataroom.col.reason'), children: t(`dataroom.reasons.${report.endReason}`, { defaultValue: report.endReason }) },
              { key: 'x', label: t('dataroom.refused'), children: report.refused },
            ]} />
            <Typography.Title level={5} style={{ marginTop: 12 }}>{t('dataroom.viewed')}</Typography.Title>
            <Table size="small" pagination={false} rowKey="code" dataSource={report.clients} data-testid="report-clients"
              columns={[{ title: t('handover.code'), dataIndex: 'code' }, { title: t('handover.client'), dataIndex: 'name' }, { title: t('dataroom.views'), dataIndex: 'views' }, { title: t('dataroom.seconds'), dataIndex: 'seconds' }]} />
            <Typography.Title level={5} style={{ marginTop: 12 }}>{t('dataroom.opened')}</Typography.Title>
            <Table size="small" pagination={false} rowKey="name" dataSource={report.documents} data-testid="report-documents"
              columns={[{ title: t('handover.code'), dataIndex: 'client' }, { title: t('dataroom.mode.documents'), dataIndex: 'name' }, { title: t('dataroom.pages'), dataIndex: 'pages', render: (p: number[]) => p.join(', ') }, { title: t('dataroom.seconds'), dataIndex: 'seconds' }]} />
            <Typography.Title level={5} style={{ marginTop: 12 }}>{t('dataroom.searches')}</Typography.Title>
            {report.searches.map((s) => <div key={s.at}>“{s.text}” — {s.hits}</div>)}
            <Typography.Title level={5} style={{ marginTop: 12 }}>{t('dataroom.qa')}</Typography.Title>
            {report.questions.map((q) => <div key={q.at}>{q.client && <Tag>{q.client}</Tag>}{q.question}</div>)}
            <Flex gap={8} style={{ marginTop: 16 }}>
              <Button onClick={() => void call('dataroom.exportReport', { id: report.sessionId }).then((r) => r?.path && setExported(r.path))} data-testid="dataroom-export-report">{t('dataroom.exportReport')}</Button>
            </Flex>
            {exported && <Alert type="success" showIcon style={{ marginTop: 8 }} message={t('dataroom.exported', { path: exported })} />}
          </div>
        )}
      </Modal>
    </>
  );
}
