import { Alert, Button, Checkbox, Divider, Flex, Form, Input, Radio, Select, Space, Statistic, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ARRANGEMENTS, DATA_CATEGORIES, DEPARTMENTS, type Buyer, type ChannelOutput, type CounterpartyKey, type HandoverScope,
} from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatCount, formatMoneySummary, listText } from '../../lib/format';
import { CounterpartyKeysCard } from '../security/CounterpartyKeysCard';
import { HandoverClientTable, useHandoverClients, type HandoverClientRow } from './ClientPageTable';
import { useHandover } from './context';
import { useEdited, useStepDraft } from './step-draft';
import { orDash, ReadOnlyFields } from '../../components/ReadOnlyFields';

export function CounterpartyStep() {
  const { t } = useTranslation();
  const { h, call, canPlan } = useHandover();
  const [form] = Form.useForm<Buyer & { recipientKeys: number[] }>();
  const [keys, setKeys] = useState<CounterpartyKey[]>([]);
  const ageKeys = keys.filter((k) => k.kind === 'age');
  const [dirty, setDirty] = useState(false);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return false;
    const { recipientKeys, ...buyer } = v;
    const ok = (await call('handovers.update', { id: h.id, patch: { buyer, recipientKeys } }, t('handover.saved'))) !== null;
    if (ok) setDirty(false);
    return ok;
  };
  useStepDraft(dirty && canPlan, save);
  if (!canPlan) {
    const chosen = h.recipientKeys.map((id) => ageKeys.find((k) => k.id === id)).filter((k) => k !== undefined);
    return (
      <>
        <ReadOnlyFields testId="readonly-counterparty" items={[
          { key: 'name', label: t('handover.buyer.name'), value: h.buyer.name },
          { key: 'contact', label: t('handover.buyer.contact'), value: h.buyer.contact },
          { key: 'phone', label: t('handover.buyer.phone'), value: h.buyer.phone },
          { key: 'email', label: t('handover.buyer.email'), value: h.buyer.email },
          { key: 'address', label: t('handover.buyer.address'), value: h.buyer.address },
          { key: 'overseas', label: t('handover.buyer.overseas'), value: t(h.buyer.overseas ? 'common.yes' : 'common.no') },
          {
            key: 'keys', label: t('handover.recipients'),
            value: chosen.map((k) => <div key={k.id}>{k.label} · <Typography.Text code>{k.fingerprint}</Typography.Text> {k.verifiedAt && <Tag color="green">{t('handover.verified')}</Tag>}</div>),
          },
        ]} />
        <Divider />
        <CounterpartyKeysCard onChange={setKeys} />
      </>
    );
  }
  return (
    <>
      <Form form={form} layout="vertical" initialValues={{ ...h.buyer, recipientKeys: h.recipientKeys }} style={{ maxWidth: 720 }} onValuesChange={() => setDirty(true)}>
        <Flex gap={16} wrap>
          <Form.Item name="name" label={t('handover.buyer.name')} rules={[{ required: true, whitespace: true }]} style={{ flex: '1 1 300px' }}><Input data-testid="buyer-name" /></Form.Item>
          <Form.Item name="contact" label={t('handover.buyer.contact')} style={{ flex: '1 1 200px' }}><Input data-testid="buyer-contact" /></Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item name="phone" label={t('handover.buyer.phone')} style={{ flex: '1 1 200px' }}><Input data-testid="buyer-phone" /></Form.Item>
          <Form.Item name="email" label={t('handover.buyer.email')} rules={[{ type: 'email' }]} style={{ flex: '1 1 200px' }}><Input data-testid="buyer-email" /></Form.Item>
        </Flex>
        <Form.Item name="address" label={t('handover.buyer.address')}><Input /></Form.Item>
        <Form.Item name="overseas" valuePropName="checked" label={t('handover.buyer.overseas')}><Switch data-testid="buyer-overseas" /></Form.Item>
        <Form.Item name="recipientKeys" label={t('handover.recipients')} extra={ageKeys.length ? t('handover.recipientsHelp') : t('handover.noAgeKeys')}>
          <Checkbox.Group data-testid="recipient-keys">
            <Space direction="vertical">
              {ageKeys.map((k) => (
                <Checkbox key={k.id} value={k.id} disabled={!k.verifiedAt}>
                  {k.label} · <Typography.Text code>{k.fingerprint}</Typography.Text> {k.verifiedAt ? <Tag color="green">{t('handover.verified')}</Tag> : <Tag color="orange">{t('handover.unverified')}</Tag>}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Button type="primary" onClick={() => void save()} data-testid="step-save">{t('handover.saveStep')}</Button>
      </Form>
      <Divider />
      <CounterpartyKeysCard onChange={setKeys} />
    </>
  );
}

type Facets = ChannelOutput<'clients.facets'>;

export function ScopeStep() {
  const { t } = useTranslation();
  const { h, call, canPlan } = useHandover();
  const [scope, setScope] = useState<HandoverScope>(h.scope);
  const [categories, setCategories] = useState<string[]>(h.categories);
  const [facets, setFacets] = useState<Facets | null>(null);
  const [preview, setPreview] = useState<ChannelOutput<'handovers.scopePreview'> | null>(null);
  const [found, setFound] = useState<{ value: number; label: string }[]>([]);
  const [pickedLabels, setPickedLabels] = useState<Record<number, string>>({});
  useEffect(() => void api('clients.facets', {}).then(setFacets, () => undefined), []);
  useEffect(() => {
    if (!canPlan) return undefined;
    const timer = setTimeout(() => void api('handovers.scopePreview', { scope }).then(setPreview, () => undefined), 150);
    return () => clearTimeout(timer);
  }, [scope, canPlan]);
  const setFilter = (k: keyof HandoverScope['filter'], v: string[]) => setScope({ ...scope, filter: { ...scope.filter, [k]: v } });
  const opts = (xs: string[] | undefined) => (xs ?? []).map((x) => ({ value: x, label: x }));
  const search = async (text: string) => {
    if (!text.trim()) return setFound([]);
    const page = await api('clients.search', { text, limit: 20 }).catch(() => null);
    setFound((page?.rows ?? []).map((r) => ({ value: r.id, label: `${r.code} ${r.name}` })));
  };
  const save = async () => {
    if (JSON.stringify(categories) !== JSON.stringify(h.categories) && !(await call('handovers.update', { id: h.id, patch: { categories: categories as never } }))) return false;
    const ok = (await call('handovers.setScope', { id: h.id, scope }, t('handover.saved'))) !== null;
    if (ok) saved();
    return ok;
  };
  const [edited, saved] = useEdited(scope, categories);
  useStepDraft(canPlan && edited, save);
  const filters = [
    ['tiers', 'tiers', [{ value: 'A', label: 'A' }, { value: 'B', label: 'B' }, { value: 'C', label: 'C' }]],
    ['regions', 'regions', opts(facets?.regions)], ['industries', 'industries', opts(facets?.industries)], ['owners', 'owners', opts(facets?.owners)], ['tags', 'tags', opts(facets?.tags)],
  ] as const;
  const included = <Typography.Text data-testid="scope-included">{t('handover.scope.included', { included: formatCount(h.included), excluded: formatCount(h.excluded) })}</Typography.Text>;
  if (!canPlan) {
    const f = h.scope.filter;
    const byFilter = h.scope.mode === 'filter';
    return (
      <Flex vertical gap={12}>
        <ReadOnlyFields testId="readonly-scope" items={[
          { key: 'mode', label: t('handover.scope.mode'), value: byFilter ? `${t('handover.scope.byFilter')}${filters.every(([key]) => f[key].length === 0) ? ` · ${t('handover.scope.all')}` : ''}` : `${t('handover.scope.byHand')} · ${t('handover.scope.picked', { count: h.scope.picked.length })}` },
          ...(byFilter ? filters.filter(([key]) => f[key].length > 0).map(([key, label]) => ({ key, label: t(`handover.scope.${label}`), value: listText(f[key]) })) : []),
          { key: 'categories', label: t('handover.scope.categories'), value: listText(h.categories.map((c) => t(`handover.categories.${c}`))) },
        ]} />
        {included}
      </Flex>
    );
  }
  return (
    <Flex gap={24} wrap>
      <div style={{ flex: '1 1 420px', maxWidth: 640 }}>
        <Typography.Title level={5}>{t('handover.scope.mode')}</Typography.Title>
        <Radio.Group value={scope.mode} onChange={(e) => setScope({ ...scope, mode: e.target.value as 'filter' | 'picked' })} style={{ marginBottom: 16 }}
          options={[{ value: 'filter', label: t('handover.scope.byFilter') }, { value: 'picked', label: t('handover.scope.byHand') }]} optionType="button" data-testid="scope-mode" />
        {scope.mode === 'filter' ? (
          <Form layout="vertical">
            {filters.map(([key, label, options]) => (
              <Form.Item key={key} label={t(`handover.scope.${label}`)} style={{ marginBottom: 12 }}>
                <Select mode="multiple" allowClear value={scope.filter[key]} onChange={(v: string[]) => setFilter(key, v)} options={options as { value: string; label: string }[]}
                  data-testid={`scope-${key}`} aria-label={t(`handover.scope.${label}`)} />
              </Form.Item>
            ))}
            <Typography.Text type="secondary">{t('handover.scope.all')}</Typography.Text>
          </Form>
        ) : (
          <>
            <Select mode="multiple" showSearch filterOption={false} style={{ width: '100%' }} placeholder={t('handover.scope.pick')}
              value={scope.picked} onSearch={(v) => void search(v)} options={found} data-testid="scope-pick"
              labelRender={(p) => pickedLabels[Number(p.value)] ?? String(p.value)}
              onChange={(ids: number[]) => {
                setPickedLabels({ ...pickedLabels, ...Object.fromEntries(found.map((f) => [f.value, f.label])) });
                setScope({ ...scope, picked: ids });
              }} />
            <Typography.Text type="secondary">{t('handover.scope.picked', { count: scope.picked.length })}</Typography.Text>
          </>
        )}
        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('handover.scope.categories')}</Typography.Title>
        <Checkbox.Group value={categories} onChange={(v) => setCategories(v as string[])} data-testid="scope-categories"
          options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`handover.categories.${c}`) }))} />
        <div style={{ marginTop: 16 }}>
          {h.approvals.some((a) => !a.voidedAt) && <Alert type="warning" showIcon message={t('handover.scope.voidWarning')} style={{ marginBottom: 8 }} />}
          <Button type="primary" onClick={() => void save()} data-testid="scope-save">{t('handover.scope.save')}</Button>
        </div>
      </div>
      <div style={{ flex: '0 1 280px' }}>
        <Statistic title={t('handover.scope.live', { count: preview?.count ?? 0 })} value={preview?.count ?? 0} formatter={(v) => formatCount(Number(v))} data-testid="scope-count" />
        {preview?.revenue?.map((r) => <Statistic key={r.currency} title={t('handover.scope.revenue')} value={formatMoneySummary(r.amount, r.currency)} data-testid="scope-revenue" />)}
        <Divider />
        {included}
      </div>
    </Flex>
  );
}

export function TeamStep() {
  const { t } = useTranslation();
  const { h, call, canPlan } = useHandover();
  const [team, setTeam] = useState(h.team);
  const list = useHandoverClients('included');
  const [arr, setArr] = useState({ receivingOwner: '', arrangement: 'business-transfer', negotiation: '' });
  const setDept = (d: (typeof DEPARTMENTS)[number], k: 'lead' | 'duty', v: string) =>
    setTeam({ ...team, departments: { ...team.departments, [d]: { lead: team.departments[d]?.lead ?? '', duty: team.departments[d]?.duty ?? '', [k]: v } } });
  const [edited, saved] = useEdited(team);
  const saveTeam = async () => {
    const ok = (await call('handovers.update', { id: h.id, patch: { team } }, t('handover.saved'))) !== null;
    if (ok) saved();
    return ok;
  };
  useStepDraft(canPlan && edited, saveTeam);
  const arrangementOptions = useMemo(() => ARRANGEMENTS.map((a) => ({ value: a, label: t(`handover.arrangements.${a}`) })), [t]);
  return (
    <>
      {/* Without the edit right (or once closed) the team reads as text, not as disabled inputs. */}
      <Form layout="vertical" style={{ maxWidth: 820 }}>
        {canPlan
          ? <Form.Item label={t('handover.team.owner')}><Input value={team.owner} onChange={(e) => setTeam({ ...team, owner: e.target.value })} data-testid="team-owner" /></Form.Item>
          : <ReadOnlyFields testId="readonly-team" items={[{ key: 'owner', label: t('handover.team.owner'), value: team.owner }]} />}
        <Table size="small" pagination={false} rowKey="d" dataSource={DEPARTMENTS.map((d) => ({ d }))} style={{ marginTop: canPlan ? 0 : 12 }}
          columns={[
            { title: t('handover.team.department'), dataIndex: 'd', width: 140, render: (d: string) => t(`handover.depts.${d}`) },
            ...(['lead', 'duty'] as const).map((k) => ({
              title: t(`handover.team.${k}`), key: k, width: k === 'lead' ? 180 : undefined,
              render: (_: unknown, r: { d: (typeof DEPARTMENTS)[number] }) => (canPlan
                ? <Input value={team.departments[r.d]?.[k] ?? ''} onChange={(e) => setDept(r.d, k, e.target.value)} data-testid={`dept-${r.d}-${k}`} />
                : orDash(team.departments[r.d]?.[k])),
            })),
          ]} />
        {canPlan && <Button type="primary" style={{ marginTop: 12 }} onClick={() => void saveTeam()} data-testid="team-save">{t('handover.saveStep')}</Button>}
      </Form>
      <Divider />
      <Typography.Title level={5}>{t('handover.perClient')}</Typography.Title>
      {canPlan && (
        <Flex gap={8} wrap style={{ marginBottom: 8 }}>
          <Input placeholder={t('handover.receivingOwner')} value={arr.receivingOwner} onChange={(e) => setArr({ ...arr, receivingOwner: e.target.value })} style={{ width: 200 }} data-testid="arr-owner" />
          <Select value={arr.arrangement} options={arrangementOptions} onChange={(v) => setArr({ ...arr, arrangement: v })} style={{ width: 200 }} data-testid="arr-kind" />
          <Input placeholder={t('handover.negotiation')} value={arr.negotiation} onChange={(e) => setArr({ ...arr, negotiation: e.target.value })} style={{ flex: '1 1 200px' }} data-testid="arr-notes" />
          <Button disabled={list.count === 0} data-testid="arr-apply"
            onClick={() => void call('handovers.setArrangement', { id: h.id, clientIds: list.target(), ...arr }, t('handover.saved')).then(() => { list.clearSelection(); list.reload(); })}>
            {t('handover.applyTo', { count: list.count })}
          </Button>
        </Flex>
      )}
      <Input.Search allowClear style={{ maxWidth: 300, marginBottom: 8 }} onSearch={(text) => list.setPage({ offset: 0, text })} aria-label={t('wizardList.search')} placeholder={t('wizardList.search')} />
      <HandoverClientTable list={list} testId="arr-table" scrollX={700} selectable={canPlan}
        columns={[
          { title: t('handover.code'), dataIndex: 'code', width: 110 },
          { title: t('handover.client'), dataIndex: 'name' },
          { title: t('handover.receivingOwner'), dataIndex: 'receivingOwner' },
          { title: t('handover.arrangement'), dataIndex: 'arrangement', render: (a: string) => (a ? t(`handover.arrangements.${a}`, { defaultValue: a }) : '') },
          { title: t('handover.negotiation'), dataIndex: 'negotiation', ellipsis: true },
        ] as TableColumnsType<HandoverClientRow>} />
    </>
  );
}
