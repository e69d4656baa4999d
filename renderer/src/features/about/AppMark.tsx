import { Button } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import appIcon from '../../../../resources/icon.svg';
import { useAppStore } from '../../app/store';

/** The app icon (resources/icon.svg, inlined by the build), as in the installers. */
export function AppMark({ size }: { size: number }) {
  return <img src={appIcon} width={size} height={size} alt="" data-testid="app-icon" style={{ flex: 'none' }} />;
}

/** `compact`: the icon alone (a narrow window's toolbar), still named for screen readers. */
export function AboutButton({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const setOpen = useAppStore((s) => s.setAboutOpen);
  return <Button type="text" icon={<InfoCircleOutlined />} onClick={() => setOpen(true)} data-testid="about-button" aria-label={t('about.open')}>{!compact && t('about.open')}</Button>;
}
