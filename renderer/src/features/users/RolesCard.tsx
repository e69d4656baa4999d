import { App, Button, Card, Checkbox, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_SCOPE, MASKABLE_FIELDS, PERMISSIONS, ROLE_NAME_PATTERN, type RoleView, type Scope } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { describeError } from '../../components/ErrorAlert';
import { roleLabel } from './roleLabel';
import { dotted } from '../../i18n/labels';
import { ScopeModal, scopeSummary } from './ScopeModal';
import { changedRoles, roleChanges, type RoleChange, type RoleDraft } from '../../../../shared/roles/role-changes';
import { RoleChangesModal } from './RoleChangesModal';

type Row = { key: string; kind: 'permission' | 'mask' | 'scope' };

/** The permission matrix: one column per role, one row per permission, then masked fields and scope. */
export function RolesCard({ roles, onChange }: { roles: RoleView[]; onChange(roles: RoleView[]): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [scoping, setScoping] = useState<RoleView | null>(null);
  const [form] = Form.useForm<{ name: string; label: string; from: string }>();
  // Edit mode (issue 17): ticks go to a draft; nothing reaches the vault before the listed changes are confirmed.
  const [draft, setDraft] = useState<RoleDraft | null>(null);
  const [confirming, setConfirming] = useState<RoleChange[] | null>(null);
  const [applying, setApplying] = useState(false);
  const startEditing = () => setDraft(Object.fromEntries(roles.map((r) => [r.name, { permissions: [...r.permissions], masked: [...r.masked] }])));
  const review = () => {
    const changes = draft ? roleChanges(roles, draft) : [];
    if (changes.length === 0) {
      message.info(t('access.noChanges'));
      setDraft(null);
    } else setConfirming(changes);
  };
  const apply = async () => {
    if (!draft || !confirming) return;
    setApplying(true);
    try {
      let latest = roles;
      for (const name of changedRoles(confirming)) {
        const role = roles.find((r) => r.name === name)!;
        latest = await api('roles.save', { name, label: role.label, permissions: draft[name]!.permissions, masked: draft[name]!.masked, scope: role.scope });
      }
      onChange(latest);
      setConfirming(null);
      setDraft(null);
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setApplying(false);
    }
  };
  const toggle = <T extends string>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list, item] : list.filter((x) => x !== item));

  const rows: Row[] = [
    ...PERMISSIONS.map((p) => ({ key: p, kind: 'permission' as const })),
    ...MASKABLE_FIELDS.map((m) => ({ key: m, kind: 'mask' as const })),
    { key: 'scope', kind: 'scope' },
  ];

  return (
    <Card
      title={t('access.rolesTitle')}
      extra={draft ? (
        <Flex gap={8} wrap>
          <Button onClick={() => setDraft(null)} data-testid="roles-cancel">{t('common.cancel')}</Button>
          <Button type="primary" onClick={review} data-testid="roles-save">{t('common.save')}</Button>
        </Flex>
      ) : (
        <Flex gap={8} wrap>
          <Button icon={<EditOutlined />} onClick={startEditing} data-testid="roles-edit">{t('access.edit')}</Button>
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-role">{t('access.newRole')}</Button>
        </Flex>
      )}
      data-testid="roles-card"
    >
      <Typography.Paragraph type="secondary">{t(draft ? 'access.editHint' : 'access.matrixHint')}</Typography.Paragraph>
      <Table<Row>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        sticky
        rowClassName={(r) => (r.kind === 'mask' && r.key === MASKABLE_FIELDS[0] ? 'matrix-section' : '')}
        columns={[
          {
            title: t('access.permission'),
            fixed: 'left',
            render: (_: unknown, r) =>
              r.kind === 'permission' ? dotted(t, 'permissions', r.key) : r.kind === 'mask' ? <><Tag>{t('access.masked')}</Tag>{t(`maskable.${r.key}`)}</> : t('access.scope'),
          },
          ...roles.map((role) => ({
            key: role.name,
            align: 'center' as const,
            title: (
              <Flex vertical align="center" gap={2}>
                <span data-testid={`role-col-${role.name}`}>{roleLabel(t, role)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {role.builtin ? t('access.builtin') : role.name} · {t('access.users', { count: role.users })}
                </Typography.Text>
                {!role.builtin && role.users === 0 && (
                  <Popconfirm title={t('access.deleteConfirm', { name: roleLabel(t, role) })} okText={t('common.yes')} cancelText={t('common.no')}
                    onConfirm={async () => {
                      try {
                        onChange(await api('roles.delete', { name: role.name }));
                      } catch (err) {
                        message.error(describeError(err));
                      }
                    }}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('access.deleteRole')} title={t('access.deleteRole')} />
                  </Popconfirm>
                )}
              </Flex>
            ),
            render: (_: unknown, r: Row) => {
              if (r.kind === 'scope') {
                return (
                  <Button size="small" type="link" onClick={() => setScoping(role)} data-testid={`role-scope-${role.name}`}>
                    {scopeSummary(t, role.scope)}
                  </Button>
                );
              }
              const shown = draft?.[role.name] ?? role;
              const checked = r.kind === 'permission' ? shown.permissions.includes(r.key as RoleView['permissions'][number]) : shown.masked.includes(r.key as RoleView['masked'][number]);
              const what = `${roleLabel(t, role)}: ${r.kind === 'permission' ? dotted(t, 'permissions', r.key) : t(`maskable.${r.key}`)}`;
              // Read-only: a tick or nothing, not a greyed checkbox (issue 17).
              if (!draft) {
                return checked
                  ? <CheckOutlined style={{ color: '#1f5fa8' }} aria-label={`${what} — ${t('access.on')}`} data-testid={`matrix-${role.name}-${r.key}`} data-on="true" />
                  : <span aria-label={`${what} — ${t('access.off')}`} data-testid={`matrix-${role.name}-${r.key}`} data-on="false" />;
              }
              return (
                <Checkbox
                  checked={checked}
                  aria-label={what}
                  data-testid={`matrix-${role.name}-${r.key}`}
                  onChange={(e) => setDraft({
                    ...draft,
                    [role.name]: r.kind === 'permission'
                      ? { ...shown, permissions: toggle(shown.permissions, r.key as RoleView['permissions'][number], e.target.checked) }
                      : { ...shown, masked: toggle(shown.masked, r.key as RoleView['masked'][number], e.target.checked) },
                  })}
                />
              );
            },
          })),
        ]}
      />
      <Modal
        open={creating}
        title={t('access.newRole')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setCreating(false)}
        okButtonProps={{ 'data-testid': 'new-role-ok' } as Record<`data-${string}`, string>}
        onOk={async () => {
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          const from = roles.find((r) => r.name === v.from);
          try {
            onChange(await api('roles.save', { name: v.name, label: v.label ?? '', permissions: from?.permissions ?? [], masked: from?.masked ?? [], scope: from?.scope ?? EMPTY_SCOPE }));
            form.resetFields();
            setCreating(false);
          } catch (err) {
            message.error(describeError(err));
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ from: 'staff' }} requiredMark={false}>
          <Form.Item name="label" label={t('access.roleLabel')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={60} data-testid="new-role-label" />
          </Form.Item>
          <Form.Item name="name" label={t('access.roleName')} extra={t('access.roleNameHint')}
            rules={[{ required: true, pattern: ROLE_NAME_PATTERN, message: t('access.roleNameHint') }, { validator: async (_, v) => { if (roles.some((r) => r.name === v)) throw new Error('exists'); } }]}>
            <Input maxLength={40} data-testid="new-role-name" />
          </Form.Item>
          <Form.Item name="from" label={t('access.copyFrom')}>
            <Select options={roles.map((r) => ({ value: r.name, label: roleLabel(t, r) }))} data-testid="new-role-from" />
          </Form.Item>
        </Form>
      </Modal>
      <RoleChangesModal changes={confirming} roles={roles} busy={applying} onOk={() => void apply()} onCancel={() => setConfirming(null)} />
      <ScopeModal
        title={scoping ? t('access.scopeTitle', { name: roleLabel(t, scoping) }) : null}
        scope={scoping?.scope ?? EMPTY_SCOPE}
        onClose={() => setScoping(null)}
        onSave={async (scope: Scope) => {
          if (!scoping) return;
          onChange(await api('roles.save', { name: scoping.name, label: scoping.label, permissions: scoping.permissions, masked: scoping.masked, scope }));
        }}
      />
    </Card>
  );
}
