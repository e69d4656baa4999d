import { App, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/contract';
import { api } from '../lib/api';
import { currentLanguage, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  return (
    <Segmented<Language>
      aria-label={t('common.language')}
      data-testid="language-switch"
      value={currentLanguage()}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
      onChange={(language) => {
        // A toast is written once, in the language of its moment: close the open ones rather than leave
        // English sentences on a Chinese screen (or the reverse).
        message.destroy();
        notification.destroy();
        setLanguage(language);
        void api('app.setLanguage', { language });
      }}
    />
  );
}
