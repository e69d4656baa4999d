import { Button, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientDetail, ClientDraft } from '../../../../shared/contract';
import { normalizeEmail, normalizePhone, splitMulti } from '../../../../shared/clients/normalize';
import { FIELD_LABELS } from '../../../../shared/i18n/problems';
import { api } from '../../lib/api';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

interface FormValues extends Omit<ClientDraft, 'contacts' | 'tags' | 'annualRevenue' | 'grossProfit' | 'renewalRate' | 'cooperationStart'> {
  tags: string[];
  annualRevenue: number | null;
  grossProfit: number | null;
  renewalRate: number | null;
  cooperationStart: string | null;
  contacts: { name: string; title: string; phones: string; emails: string }[];
}

const EMPTY: ClientDraft = {
  code: '', name: '', type: 'company', industry: '', region: '', city: '', address: '', owner: '', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
};

function toForm(d: ClientDraft): FormValues {
  return {
    ...d,
    annualRevenue: d.annualRevenue === null ? null : d.annualRevenue / 100,
    grossProfit: d.grossProfit === null ? null : d.grossProfit / 100,
    renewalRate: d.renewalRate === null ? null : Math.round(d.renewalRate * 1000) / 10,
    contacts: d.contacts.map((c) => ({ name: c.name, title: c.title, phones: c.phones.join('; '), emails: c.emails.join('; ') })),
  };
}

function toDraft(v: FormValues): ClientDraft {
  return {
    ...v,
    tags: v.tags ?? [],
    cooperationStart: v.cooperationStart || null,
    annualRevenue: v.annualRevenue === null || v.annualRevenue === undefined ? null : Math.round(v.annualRevenue * 100),
    grossProfit: v.grossProfit === null || v.grossProfit === undefined ? null : Math.round(v.grossProfit * 100),
    renewalRate: v.renewalRate === null || v.renewalRate === undefined ? null : v.renewalRate / 100,
    satisfaction: v.satisfaction ?? null,
    contacts: (v.contacts ?? []).map((c) => ({ name: c.name ?? '', title: c.title ?? '', phones: splitMulti(c.phones ?? ''), emails: splitMulti(c.emails ?? '') })),
  };
}

/** Create or edit a client; phones and e-mails are checked as you type, with the same rules as the importer. */
export function ClientForm({ client, onClose }: { client: ClientDetail | null; onClose(saved?: ClientDetail): void }) {
  const { t } = useTranslation();
  const label = FIELD_LABELS[currentLanguage()];
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const multi = (check: (s: string) => { ok: boolean }, message: string) => ({
    validator: (_: unknown, v: string | undefined) =>
      // Masked values (138****8000) come back as shown; the core keeps the stored ones for them.
      splitMulti(v ?? '').every((x) => x.includes('*') || check(x).ok) ? Promise.resolve() : Promise.reject(new Error(message)),
  });

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const draft = toDraft(values);
      const saved = client ? await api('clients.update', { id: client.id, draft }) : await api('clients.create', draft);
      onClose(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof ClientDraft, max: number) => (
    <Form.Item name={name} label={label[name as keyof typeof label] ?? name} rules={[{ max }]}>
      <Input maxLength={max} />
    </Form.Item>
  );
  return (
    <Modal open title={client ? `${t('clients.edit')} — ${client.name}` : t('clients.add')} width={820} onCancel={() => onClose()} onOk={() => void save()}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'client-save' } as Record<`data-${string}`, string>}>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={toForm(client ?? EMPTY)} requiredMark>
        <Row gutter={16}>
          <Col xs={24} md={8}><Form.Item name="code" label={label.code} rules={[{ required: true, whitespace: true }, { max: 64 }]}><Input data-testid="client-code" /></Form.Item></Col>
          <Col xs={24} md={16}><Form.Item name="name" label={label.name} rules={[{ required: true, whitespace: true }, { max: 200 }]}><Input data-testid="client-name" /></Form.Item></Col>
          <Col xs={24} md={8}>
            <Form.Item name="type" label={label.type}>
              <Select options={[{ value: 'company', label: t('clients.company') }, { value: 'individual', label: t('clients.individual') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>{field('industry', 100)}</Col>
          <Col xs={24} md={8}>{field('importance', 32)}</Col>
          <Col xs={24} md={8}>{field('region', 100)}</Col>
          <Col xs={24} md={8}>{field('city', 100)}</Col>
          <Col xs={24} md={8}>{field('owner', 100)}</Col>
          <Col xs={24}>{field('address', 500)}</Col>
          <Col xs={24} md={8}>{field('department', 100)}</Col>
          <Col xs={24} md={8}>
            <Form.Item name="tags" label={label.tags}><Select mode="tags" tokenSeparators={[',', ';', '，', '；']} /></Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="cooperationStart" label={label.cooperationStart} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '2019-07-03' }]}>
              <Input placeholder="2019-07-03" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}><Form.Item name="annualRevenue" label={label.annualRevenue}><InputNumber style={{ width: '100%' }} min={0} precision={2} /></Form.Item></Col>
          <Col xs={24} md={6}><Form.Item name="grossProfit" label={label.grossProfit}><InputNumber style={{ width: '100%' }} precision={2} /></Form.Item></Col>
          <Col xs={24} md={6}><Form.Item name="renewalRate" label={`${label.renewalRate} (%)`}><InputNumber style={{ width: '100%' }} min={0} max={100} /></Form.Item></Col>
          <Col xs={24} md={6}><Form.Item name="satisfaction" label={`${label.satisfaction} (0-10)`}><InputNumber style={{ width: '100%' }} min={0} max={10} /></Form.Item></Col>
        </Row>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col xs={24} md={5}><Form.Item name={[f.name, 'name']} label={t('clients.contactName')}><Input /></Form.Item></Col>
                  <Col xs={24} md={4}><Form.Item name={[f.name, 'title']} label={t('clients.contactTitle')}><Input /></Form.Item></Col>
                  <Col xs={24} md={7}>
                    <Form.Item name={[f.name, 'phones']} label={t('clients.phones')} extra={t('clients.phonesHint')} rules={[multi(normalizePhone, t('problems.phoneMalformed'))]}>
                      <Input data-testid="contact-phones" />
                    </Form.Item>
                  </Col>
                  <Col xs={22} md={7}>
                    <Form.Item name={[f.name, 'emails']} label={t('clients.emails')} rules={[multi(normalizeEmail, t('problems.emailMalformed'))]}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={1} style={{ paddingTop: 34 }}><MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('clients.removeContact')} role="button" /></Col>
                </Row>
              ))}
              <Button type="dashed" onClick={() => add({ name: '', title: '', phones: '', emails: '' })} icon={<PlusOutlined />}>{t('clients.addContact')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="notes" label={label.notes} style={{ marginTop: 16 }} rules={[{ max: 100_000 }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} /></Form.Item>
      </Form>
    </Modal>
  );
}
