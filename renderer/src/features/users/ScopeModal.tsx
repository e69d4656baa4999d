import { Alert, Checkbox, Form, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_SCOPE, type Scope } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';

type Facets = { regions: string[]; industries: string[]; owners: string[]; tags: string[] };
const LISTS = ['owners', 'departments', 'regions', 'industries', 'tags'] as const;

/** Edit a scope: which segment of clients a role or a user may see. */
export function ScopeModal({ title, scope, onSave, onClose }: {
  title: string | null;
  scope: Scope;
  onSave(scope: Scope): Promise<void>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Scope>();
  const [facets, setFacets] = useState<Facets>({ regions: [], industries: [], owners: [], tags: [] });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (title === null) return;
    form.setFieldsValue({ ...EMPTY_SCOPE, ...scope });
    setError(null);
    api('clients.facets', {}).then(setFacets, () => undefined);
  }, [title, scope, form]);
  const options = (k: (typeof LISTS)[number]) => {
    const known = k === 'owners' ? facets.owners : k === 'regions' ? facets.regions : k === 'industries' ? facets.industries : k === 'tags' ? facets.tags : [];
    return known.map((v) => ({ value: v, label: v }));
  };
  return (
    <Modal
      open={title !== null}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={async () => {
        const v = form.getFieldsValue();
        setBusy(true);
        try {
          await onSave({ ...EMPTY_SCOPE, ...v, ownOnly: Boolean(v.ownOnly) });
          onClose();
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
      okButtonProps={{ 'data-testid': 'scope-save' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('access.scopeHint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical">
        <Form.Item name="ownOnly" label={t('access.ownOnly')} valuePropName="checked">
          <Switch data-testid="scope-own" />
        </Form.Item>
        {LISTS.map((k) => (
          <Form.Item key={k} name={k} label={t(`access.${k}`)}>
            <Select mode="tags" options={options(k)} tokenSeparators={[',', '，']} data-testid={`scope-${k}`} placeholder={t('access.allClients')} />
          </Form.Item>
        ))}
        <Form.Item name="tiers" label={t('access.tiers')}>
          <Checkbox.Group options={['A', 'B', 'C']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A short human summary of a scope, for tables. */
export function scopeSummary(t: (k: string) => string, s: Scope): string {
  const parts = [
    s.ownOnly ? t('access.own') : '',
    ...(['owners', 'departments', 'regions', 'industries', 'tiers', 'tags'] as const).filter((k) => s[k].length).map((k) => `${t(`access.${k}`)}: ${s[k].join('、')}`),
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : t('access.allClients');
}
