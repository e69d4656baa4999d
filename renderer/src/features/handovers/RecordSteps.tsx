import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_STATUSES, RISK_CATEGORIES, RISK_STATUSES, type HandoverDetail } from '../../../../shared/contract';
import { CHECK_TITLES } from '../../../../shared/i18n/handover';
import { api } from '../../lib/api';
import { currentLanguage, formatDate } from '../../i18n';
import { formatCount } from '../../lib/format';
import { useHandover } from './context';
import { heatColor, HeatMap } from './Dashboard';
import { DayPicker } from '../../components/DayPicker';
import { orDash } from '../../components/ReadOnlyFields';

/** Pick a file with the shell's dialog; the core accepts only paths picked this way. */
async function pickFile(): Promise<string | null> {
  return (await api('dialog.chooseHandoverFile', {})).path;
}
const fileName = (p: string | null) => (p ? p.split(/[\\/]/).pop()! : '');

export function NdaStep() {
  const { t } = useTranslation();
  const { h, call, canEditOpen } = useHandover();
  const [form] = Form.useForm<{ parties: string; signedOn: string; expiresOn: string; scope: string }>();
  const [file, setFile] = useState<string | null>(null);
  const add = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const r = await call('handovers.addNda', { id: h.id, parties: v.parties, signedOn: v.signedOn, expiresOn: v.expiresOn || null, scope: v.scope ?? '', file }, t('handover.saved'));
    if (r) {
      form.resetFields();
      setFile(null);
    }
  };
  return (
    <>
      <Table size="small" rowKey="id" dataSource={h.ndas} pagination={false} locale={{ emptyText: t('handover.nda.none') }} data-testid="nda-table" scroll={{ x: 600 }}
        columns={[
          { title: t('handover.nda.parties'), dataIndex: 'parties' },
          { title: t('handover.nda.signedOn'), dataIndex: 'signedOn', render: (d: string) => formatDate(d) },
          { title: t('handover.nda.expiresOn'), dataIndex: 'expiresOn', render: (d: string | null) => formatDate(d, '—') },
          { title: t('handover.nda.scope'), dataIndex: 'scope' },
          {
            title: t('handover.nda.file'), dataIndex: 'file',
            render: (f: HandoverDetail['ndas'][number]['file']) => (f ? <span><PaperClipOutlined /> {f.name} <Typography.Text code>{f.sha256.slice(0, 12)}…</Typography.Text></span> : <Tag color="orange">{t('handover.nda.noFile')}</Tag>),
          },
          ...(canEditOpen ? [{
            key: 'x', width: 48,
            render: (_: unknown, n: { id: number }) => (
              <Popconfirm title={t('common.deleteConfirm')} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => void call('handovers.removeNda', { id: h.id, ndaId: n.id })}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            ),
          }] : []),
        ]} />
      {canEditOpen && (
        <Form form={form} layout="vertical" style={{ maxWidth: 720, marginTop: 16 }}>
          <Form.Item name="parties" label={t('handover.nda.parties')} rules={[{ required: true, whitespace: true }]}><Input data-testid="nda-parties" /></Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="signedOn" label={t('handover.nda.signedOn')} rules={[{ required: true }]}><DayPicker data-testid="nda-signed" /></Form.Item>
            <Form.Item name="expiresOn" label={t('handover.nda.expiresOn')}><DayPicker data-testid="nda-expires" /></Form.Item>
          </Flex>
          <Form.Item name="scope" label={t('handover.nda.scope')}><Input /></Form.Item>
          <Space>
            <Button icon={<PaperClipOutlined />} onClick={() => void pickFile().then((p) => p && setFile(p))} data-testid="nda-attach">{t('handover.nda.attach')}</Button>
            <Typography.Text data-testid="nda-file">{fileName(file)}</Typography.Text>
          </Space>
          <div style={{ marginTop: 12 }}><Button type="primary" onClick={() => void add()} data-testid="nda-add">{t('handover.nda.add')}</Button></div>
        </Form>
      )}
    </>
  );
}

type Risk = HandoverDetail['risks'][number];

export function RiskStep() {
  const { t } = useTranslation();
  const { h, call, canEditOpen } = useHandover();
  const [editing, setEditing] = useState<Risk | 'new' | null>(null);
  const [form] = Form.useForm<Omit<Risk, 'id' | 'level'>>();
  const open = (r: Risk | 'new') => {
    setEditing(r);
    form.setFieldsValue(r === 'new' ? { title: '', category: 'information-leak', likelihood: 3, impact: 3, mitigation: '', owner: '', status: 'open', reviewOn: null } : r);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    const risk = { title: v.title, category: v.category, likelihood: v.likelihood, impact: v.impact, mitigation: v.mitigation ?? '', owner: v.owner ?? '', status: v.status, reviewOn: v.reviewOn || null };
    if (await call('handovers.saveRisk', { id: h.id, riskId: editing === 'new' ? null : editing.id, risk }, t('handover.saved'))) setEditing(null);
  };
  return (
    <Flex gap={24} wrap>
      <HeatMap risks={h.risks} />
      {/* Basis 700 (the table's width): beside the heat map it would cut 复核日期 off even at 1366 px, so it moves below it
          and gets the whole row. minWidth 0: narrower than that, it scrolls inside its box instead of pushing the page sideways. */}
      <div style={{ flex: '1 1 700px', minWidth: 0 }}>
        {canEditOpen && <Button icon={<PlusOutlined />} onClick={() => open('new')} style={{ marginBottom: 8 }} data-testid="risk-add">{t('handover.risk.add')}</Button>}
        <Table<Risk> size="small" rowKey="id" dataSource={h.risks} pagination={false} locale={{ emptyText: t('handover.risk.none') }} data-testid="risk-table" scroll={{ x: 700 }}
          onRow={(r) => ({ onDoubleClick: () => canEditOpen && open(r) })}
          columns={[
            // The risk's name stays in view while the other columns scroll (at 1366 px 复核日期 was cut off with no hint).
            { title: t('handover.risk.title'), dataIndex: 'title', fixed: 'left', width: 160, render: (v: string, r) => (canEditOpen ? <a onClick={() => open(r)}>{v}</a> : v) },
            { title: t('handover.risk.category'), dataIndex: 'category', render: (c: string) => t(`handover.riskCategories.${c}`) },
            { title: t('handover.risk.level'), dataIndex: 'level', render: (l: number, r) => <Tag color={heatColor(l)} style={{ color: '#000' }}>{l} ({r.likelihood}×{r.impact})</Tag> },
            { title: t('handover.risk.mitigation'), dataIndex: 'mitigation', ellipsis: true, render: orDash },
            { title: t('handover.risk.owner'), dataIndex: 'owner', render: orDash },
            { title: t('handover.risk.status'), dataIndex: 'status', render: (s: string) => t(`handover.riskStatus.${s}`) },
            { title: t('handover.risk.reviewOn'), dataIndex: 'reviewOn', render: (d: string | null) => formatDate(d, '—') },
          ]} />
      </div>
      <Modal open={editing !== null} title={editing === 'new' ? t('handover.risk.add') : t('handover.risk.edit')} onOk={() => void save()} onCancel={() => setEditing(null)} destroyOnHidden forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('handover.risk.title')} rules={[{ required: true, whitespace: true }]}><Input data-testid="risk-title" /></Form.Item>
          <Form.Item name="category" label={t('handover.risk.category')}>
            <Select options={RISK_CATEGORIES.map((c) => ({ value: c, label: t(`handover.riskCategories.${c}`) }))} data-testid="risk-category" />
          </Form.Item>
          <Flex gap={16}>
            <Form.Item name="likelihood" label={t('handover.risk.likelihood')} rules={[{ required: true }]}><InputNumber min={1} max={5} data-testid="risk-likelihood" /></Form.Item>
            <Form.Item name="impact" label={t('handover.risk.impact')} rules={[{ required: true }]}><InputNumber min={1} max={5} data-testid="risk-impact" /></Form.Item>
            <Form.Item name="status" label={t('handover.risk.status')}><Select style={{ width: 120 }} options={RISK_STATUSES.map((s) => ({ value: s, label: t(`handover.riskStatus.${s}`) }))} /></Form.Item>
          </Flex>
          <Form.Item name="mitigation" label={t('handover.risk.mitigation')}><Input.TextArea rows={2} data-testid="risk-mitigation" /></Form.Item>
          <Flex gap={16}>
            <Form.Item name="owner" label={t('handover.risk.owner')}><Input /></Form.Item>
            <Form.Item name="reviewOn" label={t('handover.risk.reviewOn')}><DayPicker data-testid="risk-review-on" /></Form.Item>
          </Flex>
        </Form>
      </Modal>
    </Flex>
  );
}

type Item = HandoverDetail['checklist'][number];

export function ChecklistStep() {
  const { t } = useTranslation();
  const { h, call, canEditOpen } = useHandover();
  const [drafts, setDrafts] = useState<Record<number, { owner: string; evidence: string; status: Item['status']; file: string | null }>>({});
  const [custom, setCustom] = useState('');
  const draft = (c: Item) => drafts[c.id] ?? { owner: c.owner, evidence: c.evidence, status: c.status, file: null };
  const edit = (c: Item, patch: Partial<ReturnType<typeof draft>>) => setDrafts({ ...drafts, [c.id]: { ...draft(c), ...patch } });
  const save = async (c: Item) => {
    const d = draft(c);
    const r = await call('handovers.saveCheck', { id: h.id, itemId: c.id, item: { title: c.title, owner: d.owner, status: d.status, evidence: d.evidence }, file: d.file }, t('handover.saved'));
    if (r) setDrafts(Object.fromEntries(Object.entries(drafts).filter(([k]) => Number(k) !== c.id)));
  };
  const title = (c: Item) => c.title || CHECK_TITLES[currentLanguage()][c.key] || c.key;
  const cb = h.crossBorder;
  const done = h.checklist.filter((c) => c.status !== 'open').length;
  return (
    <>
      <Alert type={cb.warn ? 'error' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="cross-border"
        message={t(h.buyer.overseas ? 'handover.crossBorder' : 'handover.crossBorderNone', { year: cb.year, individuals: formatCount(cb.yearIndividuals), sensitive: formatCount(cb.yearSensitive), own: formatCount(cb.individuals), ownSensitive: formatCount(cb.sensitive) })}
        description={cb.warn ? t('handover.crossBorderWarn') : undefined} />
      {canEditOpen && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Button onClick={() => void call('handovers.applyTemplate', { id: h.id, template: 'prc' })} data-testid="template-prc">{t('handover.check.prc')}</Button>
          <Button onClick={() => void call('handovers.applyTemplate', { id: h.id, template: 'eu' })} data-testid="template-eu">{t('handover.check.eu')}</Button>
          <Input value={custom} onChange={(e) => setCustom(e.target.value)} style={{ width: 260 }} placeholder={t('handover.check.item')} />
          <Button icon={<PlusOutlined />} disabled={!custom.trim()} onClick={() => void call('handovers.saveCheck', { id: h.id, itemId: null, item: { title: custom, owner: '', status: 'open', evidence: '' }, file: null }).then(() => setCustom(''))}>
            {t('handover.check.custom')}
          </Button>
        </Flex>
      )}
      <Typography.Text type="secondary">{h.checklist.length ? t('handover.check.done', { done, total: h.checklist.length }) : t('handover.check.none')}</Typography.Text>
      <Table<Item> size="small" rowKey="id" dataSource={h.checklist} pagination={false} data-testid="checklist" scroll={{ x: 760 }}
        columns={[
          { title: t('handover.check.item'), key: 'title', render: (_, c) => title(c) },
          // Without the edit right (or once closed) each item reads as text, not as disabled inputs.
          { title: t('handover.check.owner'), key: 'owner', width: 130, render: (_, c) => (canEditOpen ? <Input size="small" value={draft(c).owner} onChange={(e) => edit(c, { owner: e.target.value })} /> : orDash(c.owner)) },
          {
            title: t('handover.check.status'), key: 'status', width: 130,
            render: (_, c) => (canEditOpen
              ? <Select size="small" value={draft(c).status} style={{ width: 120 }} onChange={(v) => edit(c, { status: v })} data-testid={`check-status-${c.key}`}
                options={CHECK_STATUSES.map((s) => ({ value: s, label: t(`handover.checkStatus.${s}`) }))} />
              : <Tag color={c.status === 'open' ? 'orange' : c.status === 'done' ? 'green' : 'default'} data-testid={`check-status-${c.key}`}>{t(`handover.checkStatus.${c.status}`)}</Tag>),
          },
          {
            title: t('handover.check.evidence'), key: 'evidence',
            render: (_, c) => (
              <Flex gap={4} align="center">
                {canEditOpen ? <Input size="small" value={draft(c).evidence} onChange={(e) => edit(c, { evidence: e.target.value })} data-testid={`check-evidence-${c.key}`} />
                  : <span data-testid={`check-evidence-${c.key}`}>{orDash(c.evidence)}</span>}
                {canEditOpen && <Button size="small" icon={<PaperClipOutlined />} title={t('handover.check.attach')} onClick={() => void pickFile().then((p) => p && edit(c, { file: p }))} />}
                {(drafts[c.id]?.file || c.file) && <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{fileName(drafts[c.id]?.file ?? null) || c.file?.name}</Typography.Text>}
              </Flex>
            ),
          },
          { key: 'save', width: 80, render: (_, c) => drafts[c.id] && <Button size="small" type="primary" onClick={() => void save(c)} data-testid={`check-save-${c.key}`}>{t('common.save')}</Button> },
        ]} />
    </>
  );
}
