import { App, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useAppStore } from '../../app/store';
import { describeError } from '../../components/ErrorAlert';
import { RecoveryKeySheet } from '../setup/RecoveryKeySheet';

/**
 * A new recovery key a key rotation made (when disabling a user replaced a recovery key from before
 * the update, or an unlock finished such a rotation cut short): it cannot be dismissed, only
 * confirmed as written down; until then the core shows it to administrators at every unlock.
 */
export function NewRecoveryKeyModal() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const key = useAppStore((s) => s.newRecoveryKey);
  const setKey = useAppStore((s) => s.setNewRecoveryKey);
  const dir = useAppStore((s) => s.info?.vaultDir ?? '');
  const done = async () => {
    try {
      await api('vault.acknowledgeRecoveryKey', {});
      setKey(null);
    } catch (err) {
      message.error(describeError(err));
    }
  };
  return (
    <Modal open={key !== null} title={t('users.newRecoveryTitle')} closable={false} mask={{ closable: false }} keyboard={false} footer={null} width={640} destroyOnHidden>
      <div data-testid="new-recovery-key-screen">
        <Typography.Paragraph>{t('users.newRecoveryIntro')}</Typography.Paragraph>
        {key && <RecoveryKeySheet recoveryKey={key} vaultDir={dir} doneLabel={t('users.newRecoveryDone')} onDone={() => void done()} />}
      </div>
    </Modal>
  );
}
