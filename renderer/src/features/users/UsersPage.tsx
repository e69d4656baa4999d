import { App, Button, Card, Flex, Form, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_SCOPE, type RoleView, type Scope, type UserView } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { formatDateTime } from '../../i18n';
import { useAppStore } from '../../app/store';
import { describeError, ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { NewPassphraseFields } from '../../components/PassphraseFields';
import { AddUserModal } from './AddUserModal';
import { RolesCard } from './RolesCard';
import { roleLabel } from './roleLabel';
import { ScopeModal, scopeSummary } from './ScopeModal';
import { labelled } from '../../lib/format';

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useAppStore((s) => s.info?.user);
  const [users, setUsers] = useState<UserView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [enabling, setEnabling] = useState<UserView | null>(null);
  const [enableForm] = Form.useForm<{ passphrase: string }>();
  const [roles, setRoles] = useState<RoleView[]>([]);
  const [scoping, setScoping] = useState<UserView | null>(null);
  const refresh = useAppStore((s) => s.refresh);
  const setNewRecoveryKey = useAppStore((s) => s.setNewRecoveryKey);
  const [rotationJob, setRotationJob] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [u, r] = await Promise.all([api('users.list', {}), api('roles.list', {})]);
      setUsers(u);
      setRoles(r);
    } catch (err) {
      setError(err);
    }
  }, []);

  const setRole = async (user: UserView, role: string) => {
    try {
      await api('users.setRole', { userId: user.id, role });
      message.success(t('access.saved', { name: user.name }));
      await load();
      if (user.id === me?.id) await refresh();
    } catch (err) {
      message.error(describeError(err));
    }
  };
  useEffect(() => void load(), [load]);

  const setDisabled = async (user: UserView, disabled: boolean, passphrase?: string) => {
    try {
      // Disabling re-encrypts the whole vault: a job, whose progress bar shows while the window stays usable.
      const jobId = disabled ? `disable-${user.id}-${Date.now()}` : null;
      setRotationJob(jobId);
      const changed = await api('users.setDisabled', { userId: user.id, disabled, ...(passphrase ? { passphrase } : {}), ...(jobId ? { jobId } : {}) });
      setRotationJob(null);
      const r = changed.rotation;
      if (r) {
        // Say plainly what the rotation did: who must get a new passphrase; a new recovery key gets its own screen.
        Modal.info({
          title: t('users.rotated'),
          width: 560,
          content: r.lostUsers.length > 0 ? <span>{t('users.rotatedLost', { names: r.lostUsers.join(i18n.language === 'zh-CN' ? '、' : ', ') })}</span> : null,
        });
        if (r.newRecoveryKey) setNewRecoveryKey(r.newRecoveryKey);
      }
      await load();
      return true;
    } catch (err) {
      setRotationJob(null);
      message.error(describeError(err));
      await load();
      return false;
    }
  };

  return (
    <Flex vertical gap={24}>
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
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('users.name'), dataIndex: 'name', fixed: 'left', render: (n: string, u) => <>{n}{u.id === me?.id && <Tag style={{ marginLeft: 8 }}>{t('users.you')}</Tag>}</> },
          {
            title: t('users.role'),
            dataIndex: 'role',
            render: (r: string, u) => (
              <Select
                value={r}
                style={{ minWidth: 160 }}
                aria-label={labelled(t('users.role'), u.name)}
                data-testid={`user-role-${u.name}`}
                options={roles.map((x) => ({ value: x.name, label: roleLabel(t, x) }))}
                onChange={(next: string) => void setRole(u, next)}
              />
            ),
          },
          {
            title: t('access.scope'),
            dataIndex: 'scope',
            render: (s: Scope, u) => (
              <Button type="link" size="small" onClick={() => setScoping(u)} data-testid={`user-scope-${u.name}`}>{scopeSummary(t, s)}</Button>
            ),
          },
          { title: t('users.state'), dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>) },
          { title: t('security.lastUnlock'), dataIndex: 'lastUnlockAt', render: (v: string | null) => formatDateTime(v, t('common.never')) },
          {
            key: 'actions',
            // At 1024 px the table scrolls: 停用 stays in view instead of being cut at the card's edge.
            fixed: 'right',
            render: (_: unknown, u) =>
              u.id === me?.id ? null : u.disabled ? (
                <Button size="small" onClick={() => setEnabling(u)}>{t('users.enable')}</Button>
              ) : (
                <Popconfirm
                  title={t('users.disableConfirm', { name: u.name })}
                  description={<Typography.Paragraph style={{ maxWidth: 420, marginBottom: 0 }}>{t('users.disableRotates')}</Typography.Paragraph>}
                  okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => setDisabled(u, true)}>
                  <Button size="small" danger data-testid={`disable-${u.name}`}>{t('users.disable')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <JobProgress jobId={rotationJob} title={t('users.rotating')} />
      <ScopeModal
        title={scoping ? t('access.scopeTitle', { name: scoping.name }) : null}
        scope={scoping?.scope ?? EMPTY_SCOPE}
        onClose={() => setScoping(null)}
        onSave={async (scope) => {
          if (!scoping) return;
          await api('users.setScope', { userId: scoping.id, scope });
          message.success(t('access.saved', { name: scoping.name }));
          await load();
        }}
      />
      <AddUserModal
        roles={roles}
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
    <RolesCard roles={roles} onChange={(r) => { setRoles(r); void load(); }} />
    </Flex>
  );
}
