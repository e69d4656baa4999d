import { Alert, App, Button, Input, Modal, Radio, Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DATAROOM_EXTENSION_LIMITS, type DataroomInfo } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { useAppStore } from '../../app/store';
import { describeError } from '../../components/ErrorAlert';

/**
 * Milliseconds left in the session, ticking each second. The core's clock decides (the renderer's may
 * differ): `info.now` fixes the offset. At zero it asks the core, which ends the session and locks.
 */
export function useTimeLeft(info: DataroomInfo): number {
  const offset = useMemo(() => Date.parse(info.now) - Date.now(), [info.now]);
  const [left, setLeft] = useState(() => Date.parse(info.expiresAt) - (Date.now() + offset));
  useEffect(() => {
    const tick = () => {
      const ms = Date.parse(info.expiresAt) - (Date.now() + offset);
      setLeft(ms);
      if (ms <= 0) void api('dataroom.info', {}).catch(() => undefined);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [info.expiresAt, offset]);
  return left;
}

export function Countdown({ left }: { left: number }) {
  const { t } = useTranslation();
  const s = Math.max(0, Math.ceil(left / 1000));
  const text = `${Math.floor(s / 3600) ? `${Math.floor(s / 3600)}:` : ''}${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return <Tag icon={<ClockCircleOutlined />} color={s <= 300 ? 'red' : 'blue'} style={{ fontSize: 16, padding: '4px 10px' }} data-testid="countdown">{t('dataroom.mode.left')} {text}</Tag>;
}

/** The T-5 and T-1 minute warnings (issue 17): a banner that stays, and a toast when each threshold is crossed. */
export function TimeWarning({ left, onExtend }: { left: number; onExtend(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const level = left <= 60_000 ? 1 : left <= 300_000 ? 5 : null;
  useEffect(() => {
    if (level !== null) void message.warning({ content: t(`dataroom.mode.warn${level}`), key: 'time-warning', duration: 6 });
  }, [level, message, t]);
  if (level === null) return null;
  return (
    <Alert type={level === 1 ? 'error' : 'warning'} showIcon style={{ marginBottom: 12 }} data-testid="dataroom-time-warning" message={t(`dataroom.mode.warn${level}`)}
      action={<Button size="small" onClick={onExtend} data-testid="dataroom-extend-from-warning">{t('dataroom.mode.extend')}</Button>} />
  );
}

/** 延长: the facilitator picks the minutes and enters their password; the core logs it and caps it. */
export function ExtendModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [minutes, setMinutes] = useState<number>(15);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const close = () => {
    setPassphrase('');
    onClose();
  };
  const extend = async () => {
    setBusy(true);
    try {
      await api('dataroom.extend', { minutes, passphrase });
      await useAppStore.getState().refresh();
      void message.success({ content: t('dataroom.mode.extended', { count: minutes }), key: 'time-warning' });
      close();
    } catch (err) {
      void message.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const { extensions, totalHours } = DATAROOM_EXTENSION_LIMITS;
  return (
    <Modal open={open} title={t('dataroom.mode.extendTitle')} onCancel={close} destroyOnHidden zIndex={1100} okText={t('dataroom.mode.extendGo')}
      okButtonProps={{ disabled: !passphrase, loading: busy, ...({ 'data-testid': 'dataroom-extend-ok' } as Record<`data-${string}`, string>) }} onOk={() => void extend()}>
      <Typography.Paragraph>{t('dataroom.mode.extendHelp', { extensions, hours: totalHours })}</Typography.Paragraph>
      <Radio.Group value={minutes} onChange={(e) => setMinutes(e.target.value as number)} optionType="button" data-testid="dataroom-extend-minutes"
        options={DATAROOM_EXTENSION_LIMITS.minutes.map((m) => ({ value: m, label: t('dataroom.mode.minutes', { count: m }) }))} />
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 4 }}>{t('dataroom.mode.facilitatorPassword')}</Typography.Paragraph>
      <Input.Password value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" data-testid="dataroom-extend-passphrase"
        aria-label={t('dataroom.mode.facilitatorPassword')} onPressEnter={() => passphrase && void extend()} />
    </Modal>
  );
}
