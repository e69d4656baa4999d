import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/contract';
import { api } from '../lib/api';
import { currentLanguage, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('common.language')}
      data-testid="language-switch"
      value={currentLanguage()}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
      onChange={(language) => {
        setLanguage(language);
        void api('app.setLanguage', { language });
      }}
    />
  );
}
