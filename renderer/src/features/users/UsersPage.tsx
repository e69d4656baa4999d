import { App, Button, Card, Form, Modal, Popconfirm, Table, Tag } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatDateTime } from '../../i18n';
import { useAppStore } from '../../app/store';
import { describeError, ErrorAlert } from '../../components/ErrorAlert';
import { NewPassphraseFields } from '../../components/PassphraseFields';
import { AddUserModal } from './AddUserModal';

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useAppStore((s) => s.info?.user);
  const [users, setUsers] = useState<UserView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [enabling, setEnabling] = useState<UserView | null>(null);
  const [enableForm] = Form.useForm<{ passphrase: string }>();

  const load = useCallback(async () => {
    try {
      setUsers(await api('users.list', {}));
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const setDisabled = async (user: UserView, disabled: boolean, passphrase?: string) => {
    try {
      await api('users.setDisabled', { userId: user.id, disabled, ...(passphrase ? { passphrase } : {}) });
      await load();
      return true;
    } catch (err) {
      message.error(describeError(err));
      return false;
    }
  };

  return (
    <Card
      title={t('users.title')}
      extra={<Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="add-user">{t('users.add')}</Button>}
      data-testid="users-page"
    >
      <ErrorAlert error={error} />
      <Table<UserView>
        rowKey="id"
        dataSource={users}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('users.name'), dataIndex: 'name', render: (n: string, u) => <>{n}{u.id === me?.id && <Tag style={{ marginLeft: 8 }}>{t('users.you')}</Tag>}</> },
          { title: t('users.role'), dataIndex: 'role', render: (r: string) => t(`roles.${r}`) },
          { title: t('users.state'), dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>) },
          { title: t('security.lastUnlock'), dataIndex: 'lastUnlockAt', render: (v: string | null) => formatDateTime(v, t('common.never')) },
          {
            key: 'actions',
            render: (_: unknown, u) =>
              u.id === me?.id ? null : u.disabled ? (
                <Button size="small" onClick={() => setEnabling(u)}>{t('users.enable')}</Button>
              ) : (
                <Popconfirm title={t('users.disableConfirm', { name: u.name })} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => setDisabled(u, true)}>
                  <Button size="small" danger data-testid={`disable-${u.name}`}>{t('users.disable')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <AddUserModal
        open={adding}
        onClose={(added) => {
          setAdding(false);
          if (added) {
            message.success(t('users.added', { name: added }));
            void load();
          }
        }}
      />
      <Modal
        open={enabling !== null}
        title={enabling ? t('users.enableTitle', { name: enabling.name }) : ''}
        onCancel={() => setEnabling(null)}
        onOk={async () => {
          const v = await enableForm.validateFields();
          if (enabling && (await setDisabled(enabling, false, v.passphrase))) {
            enableForm.resetFields();
            setEnabling(null);
          }
        }}
        destroyOnHidden
      >
        <Form form={enableForm} layout="vertical" requiredMark={false}>
          <NewPassphraseFields />
        </Form>
      </Modal>
    </Card>
  );
}
