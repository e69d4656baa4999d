import { Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoleView } from '../../../../shared/contract';
import { dotted } from '../../i18n/labels';
import type { RoleChange } from '../../../../shared/roles/role-changes';
import { roleLabel } from './roleLabel';

/** The list of what an edit of the role matrix will change; nothing is applied before OK. */
export function RoleChangesModal({ changes, roles, busy, onOk, onCancel }: {
  changes: RoleChange[] | null; roles: RoleView[]; busy: boolean; onOk(): void; onCancel(): void;
}) {
  const { t } = useTranslation();
  const label = (name: string) => {
    const role = roles.find((r) => r.name === name);
    return role ? roleLabel(t, role) : name;
  };
  const sentence = (c: RoleChange) =>
    t(`access.change.${c.kind}`, { role: label(c.role), what: 'permission' in c ? dotted(t, 'permissions', c.permission) : t(`maskable.${c.field}`) });
  return (
    <Modal open={changes !== null} title={t('access.confirmTitle')} okText={t('access.apply')} cancelText={t('access.backToEdit')}
      onOk={onOk} onCancel={onCancel} confirmLoading={busy} destroyOnHidden
      okButtonProps={{ 'data-testid': 'roles-apply' } as Record<`data-${string}`, string>}>
      <Typography.Paragraph type="secondary">{t('access.confirmHint')}</Typography.Paragraph>
      <ul data-testid="roles-changes">
        {(changes ?? []).map((c, i) => <li key={i}>{sentence(c)}</li>)}
      </ul>
    </Modal>
  );
}
