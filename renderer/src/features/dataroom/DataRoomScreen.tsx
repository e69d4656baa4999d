import { Alert, App, Button, Card, Descriptions, Empty, Flex, Input, Layout, List, Modal, Table, Tag, Typography } from 'antd';
import { FieldTimeOutlined, FileTextOutlined, LogoutOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, DataroomInfo } from '../../../../shared/contract';
import { api, onAppEvent } from '../../lib/api';
import { refusedShortcut } from '../../../../shared/dataroom-shortcuts';
import { formatDateTime } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { describeError } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { DocumentViewer } from '../clients/DocumentViewer';
import { Countdown, ExtendModal, TimeWarning, useTimeLeft } from './SessionClock';

type Found = ChannelOutput<'dataroom.search'>;
type Seen = ChannelOutput<'dataroom.client'>;
type Question = ChannelOutput<'dataroom.questions'>[number];

/** Reviewer name, organisation, session id and the time, tiled over everything (documents too); redrawn each minute. */
function Watermark({ info }: { info: DataroomInfo }) {
  const [time, setTime] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setTime(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const text = `${info.reviewer} · ${info.organisation} · ${info.sessionId} · ${formatDateTime(time.toISOString())}`;
  return (
    <div className="dataroom-watermark" aria-hidden data-testid="watermark" data-text={text}>
      {Array.from({ length: 48 }, (_, i) => <span key={i}>{text}</span>)}
    </div>
  );
}

/** No copy, cut, context menu, drag, print or save from the keyboard; each attempt is recorded for the report. */
function useLockdown(onBlocked: () => void) {
  useEffect(() => {
    const refuse = (what: 'copy' | 'print' | 'save' | 'context-menu' | 'devtools' | 'navigate') => {
      void api('dataroom.refused', { what }).catch(() => undefined);
      onBlocked();
    };
    const block = (what: 'copy' | 'context-menu') => (e: Event) => {
      e.preventDefault();
      refuse(what);
    };
    const onCopy = block('copy');
    const onMenu = block('context-menu');
    const onDrag = (e: Event) => e.preventDefault();
    const onKey = (e: KeyboardEvent) => {
      // The same decision as the main process's before-input-event guard, which blocks these first in the app.
      const what = refusedShortcut({ key: e.key, code: e.code, control: e.ctrlKey, meta: e.metaKey, shift: e.shiftKey, alt: e.altKey });
      if (what) {
        e.preventDefault();
        e.stopPropagation();
        refuse(what);
      }
    };
    // A shortcut the main process refused never reaches the page: it says so, and the notice shows here.
    const offShell = onAppEvent((e) => {
      if (e.type === 'shell.refused') onBlocked();
    });
    const print = window.print;
    window.print = () => refuse('print');
    document.addEventListener('copy', onCopy, true);
    document.addEventListener('cut', onCopy, true);
    document.addEventListener('contextmenu', onMenu, true);
    document.addEventListener('dragstart', onDrag, true);
    window.addEventListener('keydown', onKey, true);
    return () => {
      offShell();
      window.print = print;
      document.removeEventListener('copy', onCopy, true);
      document.removeEventListener('cut', onCopy, true);
      document.removeEventListener('contextmenu', onMenu, true);
      document.removeEventListener('dragstart', onDrag, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [onBlocked]);
}

export function DataRoomScreen({ info }: { info: DataroomInfo }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found>({ total: 0, rows: [] });
  const [seen, setSeen] = useState<Seen | null>(null);
  const [doc, setDoc] = useState<{ id: number; name: string; mime: string; data: string } | null>(null);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [asking, setAsking] = useState<false | { documentId: number | null; about: string }>(false);
  const [question, setQuestion] = useState('');
  const [ending, setEnding] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [extending, setExtending] = useState(false);
  const left = useTimeLeft(info);
  const blocked = useCallback(() => void message.warning({ content: t('dataroom.mode.blocked'), key: 'blocked' }), [message, t]);
  useLockdown(blocked);
  const fail = (err: unknown) => void message.error(describeError(err));

  useEffect(() => {
    const timer = setTimeout(() => void api('dataroom.search', { text, offset: 0, limit: 200 }).then(setFound, fail), text ? 250 : 0);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => void api('dataroom.questions', {}).then(setQuestions, () => undefined), []);

  const c = seen?.client;
  return (
    <Layout style={{ minHeight: '100vh', userSelect: 'none' }} className="dataroom" data-testid="dataroom">
      <Watermark info={info} />
      <Layout.Header className="app-header">
        <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={12} wrap>
          <Flex gap={12} align="center" wrap>
            <Typography.Text strong>{t('dataroom.mode.title')}</Typography.Text>
            <Typography.Text type="secondary">{t('dataroom.mode.session', { id: info.sessionId })} · {info.handoverRef}</Typography.Text>
            <Tag data-testid="dataroom-reviewer">{t('dataroom.mode.reviewer', { name: info.reviewer, organisation: info.organisation })}</Tag>
          </Flex>
          {/* Wraps in a narrow window (600 px): the English labels are wider than the toolbar. */}
          <Flex gap={12} align="center" justify="end" wrap style={{ marginInlineStart: 'auto' }}>
            <Countdown left={left} />
            <Button icon={<FieldTimeOutlined />} onClick={() => setExtending(true)} data-testid="dataroom-extend">{t('dataroom.mode.extend')}</Button>
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={() => setEnding(true)} data-testid="dataroom-end">{t('dataroom.mode.end')}</Button>
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <TimeWarning left={left} onExtend={() => setExtending(true)} />
        <Alert type="info" showIcon message={t('dataroom.mode.readOnly')} style={{ marginBottom: 12 }} />
        <Flex gap={16} align="start" wrap>
          <Card size="small" className="dataroom-list">
            <Input.Search allowClear placeholder={t('dataroom.mode.search')} value={text} onChange={(e) => setText(e.target.value)} data-testid="dataroom-search" />
            <List size="small" dataSource={found.rows} style={{ maxHeight: '65vh', overflow: 'auto', marginTop: 8 }} data-testid="dataroom-clients"
              renderItem={(r) => (
                <List.Item style={{ cursor: 'pointer', background: seen?.client.id === r.id ? '#e6f0fa' : undefined }} tabIndex={0}
                  onClick={() => void api('dataroom.client', { id: r.id }).then(setSeen, fail)}
                  onKeyDown={(e) => e.key === 'Enter' && void api('dataroom.client', { id: r.id }).then(setSeen, fail)}>
                  <span><Typography.Text code>{r.code}</Typography.Text> {r.name}</span>
                  <Typography.Text type="secondary">{r.region}</Typography.Text>
                </List.Item>
              )} />
          </Card>
          <div style={{ flex: '1 1 480px', minWidth: 0 }}>
            {!c ? <Card><Empty description={t('dataroom.mode.pick')} /></Card> : (
              <Card size="small" title={`${c.code} ${c.name}`} data-testid="dataroom-client"
                extra={<Button icon={<QuestionCircleOutlined />} onClick={() => setAsking({ documentId: null, about: `${c.code} ${c.name}` })} data-testid="dataroom-ask">{t('dataroom.mode.ask')}</Button>}>
                <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered items={[
                  { key: 'type', label: t('clients.type'), children: t(`clients.${c.type}`) },
                  { key: 'industry', label: t('clients.industry'), children: c.industry },
                  { key: 'region', label: t('clients.region'), children: `${c.region} ${c.city}` },
                  { key: 'address', label: t('handover.buyer.address'), children: c.address },
                  ...(c.annualRevenue !== null ? [{ key: 'rev', label: t('handover.scope.revenue'), children: formatMoney(c.annualRevenue, c.currency) }] : []),
                ]} />
                {c.contacts.length > 0 && (
                  <>
                    <Typography.Title level={5} style={{ marginTop: 12 }}>{t('dataroom.mode.contacts')}</Typography.Title>
                    <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={c.contacts} data-testid="dataroom-contacts" scroll={{ x: 'max-content' }}
                      columns={[
                        { title: t('dataroom.mode.contactCol.name'), dataIndex: 'name' }, { title: t('dataroom.mode.contactCol.title'), dataIndex: 'title' },
                        { title: t('dataroom.mode.contactCol.phones'), dataIndex: 'phones', render: (p: string[]) => p.join(', ') },
                        { title: t('dataroom.mode.contactCol.emails'), dataIndex: 'emails', render: (p: string[]) => p.join(', ') },
                      ]} />
                  </>
                )}
                {c.transactions.length > 0 && (
                  <>
                    <Typography.Title level={5} style={{ marginTop: 12 }}>{t('dataroom.mode.transactions')}</Typography.Title>
                    <Table size="small" pagination={false} rowKey="id" dataSource={c.transactions} data-testid="dataroom-transactions" scroll={{ x: 'max-content' }}
                      columns={[
                        { title: t('dataroom.mode.transactionCol.ref'), dataIndex: 'ref' }, { title: t('dataroom.mode.transactionCol.date'), dataIndex: 'date' },
                        { title: t('dataroom.mode.transactionCol.amount'), dataIndex: 'amount', align: 'right', render: (a: number | null, r) => formatMoney(a, r.currency) },
                        { title: t('dataroom.mode.transactionCol.status'), dataIndex: 'status' },
                      ]} />
                  </>
                )}
                {c.notes && <><Typography.Title level={5} style={{ marginTop: 12 }}>{t('dataroom.mode.notes')}</Typography.Title><Typography.Paragraph>{c.notes}</Typography.Paragraph></>}
                <Typography.Title level={5} style={{ marginTop: 12 }}>{t('dataroom.mode.documents')}</Typography.Title>
                {seen.documents.length === 0 ? <Typography.Text type="secondary">{t('dataroom.mode.noDocuments')}</Typography.Text> : (
                  <List size="small" dataSource={seen.documents} data-testid="dataroom-documents"
                    renderItem={(d) => (
                      <List.Item actions={[<Button key="o" size="small" icon={<FileTextOutlined />} data-testid={`dataroom-open-${d.name}`}
                        onClick={() => void api('dataroom.document', { id: d.id }).then((p) => setDoc({ id: d.id, ...p }), fail)}>{t('dataroom.mode.open')}</Button>]}>
                        {d.name}
                      </List.Item>
                    )} />
                )}
              </Card>
            )}
            <Card size="small" title={t('dataroom.mode.questions')} style={{ marginTop: 16 }} data-testid="dataroom-questions">
              <List size="small" dataSource={questions} locale={{ emptyText: t('dataroom.noQuestions') }}
                renderItem={(q) => (
                  <List.Item>
                    <div>
                      <div>{q.client && <Tag>{q.client}</Tag>}{q.document && <Tag color="blue">{q.document}</Tag>}{q.question}</div>
                      {q.answer ? <Typography.Text type="success">{q.answer}</Typography.Text> : <Tag>{t('dataroom.unanswered')}</Tag>}
                    </div>
                  </List.Item>
                )} />
            </Card>
          </div>
        </Flex>
      </Layout.Content>
      {doc && (
        <DocumentViewer doc={doc} onClose={() => setDoc(null)} onPage={(page) => void api('dataroom.page', { id: doc.id, page }).catch(() => undefined)}
          extra={<Button size="small" icon={<QuestionCircleOutlined />} onClick={() => setAsking({ documentId: doc.id, about: doc.name })} data-testid="dataroom-ask-document">{t('dataroom.mode.ask')}</Button>} />
      )}
      <Modal open={asking !== false} title={t('dataroom.mode.askTitle')} onCancel={() => setAsking(false)} destroyOnHidden okButtonProps={{ disabled: !question.trim() }} zIndex={1100}
        onOk={() => asking && void api('dataroom.ask', { clientId: c?.id ?? null, documentId: asking.documentId, question }).then((qs) => { setQuestions(qs); setQuestion(''); setAsking(false); }, fail)}>
        {asking && <Typography.Paragraph type="secondary">{t('dataroom.mode.askAbout', { client: asking.about })}</Typography.Paragraph>}
        <Input.TextArea rows={4} value={question} onChange={(e) => setQuestion(e.target.value)} data-testid="dataroom-question" />
      </Modal>
      <ExtendModal open={extending} onClose={() => setExtending(false)} />
      <Modal open={ending} title={t('dataroom.mode.endTitle')} onCancel={() => setEnding(false)} destroyOnHidden okButtonProps={{ disabled: !passphrase, danger: true }}
        onOk={() => void api('dataroom.end', { passphrase }).catch(fail)}>
        <Typography.Paragraph>{t('dataroom.mode.endHelp')}</Typography.Paragraph>
        <Input.Password value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" data-testid="dataroom-end-passphrase" />
      </Modal>
    </Layout>
  );
}
