import { Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SLOTLESS_ROLES, type RoleView } from '../../../../shared/contract';
import { roleLabel } from './roleLabel';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPassphraseFields } from '../../components/PassphraseFields';

interface Values { name: string; role: string; passphrase: string; withSlot?: boolean }

export function AddUserModal({ open, roles, onClose }: { open: boolean; roles: RoleView[]; onClose(added?: string): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api('users.add', { name: v.name, role: v.role, passphrase: v.passphrase, withSlot: v.withSlot === true });
      form.resetFields();
      onClose(v.name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.add')}
      okText={t('users.add')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose();
      }}
      okButtonProps={{ 'data-testid': 'add-user-ok' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={{ role: 'staff' }} requiredMark={false}>
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="new-user-name" maxLength={64} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Select data-testid="new-user-role" options={roles.map((r) => ({ value: r.name, label: roleLabel(t, r) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['role']}>
          {({ getFieldValue }) => SLOTLESS_ROLES.includes(getFieldValue('role') as string) && (
            <Form.Item name="withSlot" valuePropName="checked" extra={t('users.withSlotHelp')}>
              <Checkbox data-testid="new-user-with-slot">{t('users.withSlot')}</Checkbox>
            </Form.Item>
          )}
        </Form.Item>
        <NewPassphraseFields />
      </Form>
    </Modal>
  );
}
