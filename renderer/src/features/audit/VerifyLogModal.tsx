import { Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditVerifyForm } from '../verify/AuditVerifyForm';

/**
 * Verify an exported log from the Access log page (recorded in this vault's log).
 * `initialDir` comes from "verify this export" right after an export.
 */
export function VerifyLogModal({ open, initialDir, onClose }: { open: boolean; initialDir?: string | undefined; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('audit.verifyTitle')} width={720} onCancel={onClose}
      footer={[<Button key="close" onClick={onClose}>{t('common.close')}</Button>]} destroyOnHidden>
      <AuditVerifyForm vaultless={false} initialDir={initialDir} />
    </Modal>
  );
}
