import { Input, Modal, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { useAppStore, type Page } from '../../app/store';

/** Pause after the last key before clients are searched: one search (and one log entry) per pause, not per key. */
const TYPING_PAUSE_MS = 250;
const CLIENTS_SHOWN = 8;

interface Choice {
  key: string;
  group: 'pages' | 'handovers' | 'clients';
  label: string;
  hint: string;
  go(): void;
}

/** Ctrl/⌘+K: pages, handovers and clients (by name, code or pinyin) in one box, keyboard only. */
export function CommandPalette({ open, onClose, pages, onShowShortcuts }: { open: boolean; onClose(): void; pages: { key: Page; label: string }[]; onShowShortcuts(): void }) {
  const { t } = useTranslation();
  const setPage = useAppStore((s) => s.setPage);
  const openHandover = useAppStore((s) => s.openHandover);
  const openClient = useAppStore((s) => s.openClient);
  const canReadClients = useAppStore((s) => s.info?.user?.permissions.includes('clients.read') ?? false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [handovers, setHandovers] = useState<ChannelOutput<'handovers.list'>>([]);
  const [clients, setClients] = useState<ChannelOutput<'clients.search'>['rows']>([]);
  const input = useRef<{ focus(): void } | null>(null);

  useEffect(() => {
    if (!open) return;
    setText('');
    setActive(0);
    setClients([]);
    if (canReadClients) api('handovers.list', {}).then(setHandovers, () => setHandovers([]));
  }, [open, canReadClients]);
  useEffect(() => {
    const q = text.trim();
    if (!open || !canReadClients || !q) return setClients([]);
    const timer = setTimeout(() => {
      api('clients.search', { text: q, limit: CLIENTS_SHOWN }).then((p) => setClients(p.rows), () => setClients([]));
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, open, canReadClients]);

  const choices = useMemo<Choice[]>(() => {
    const q = text.trim().toLowerCase();
    const has = (...xs: string[]) => !q || xs.some((x) => x.toLowerCase().includes(q));
    const done = (go: () => void) => () => {
      onClose();
      go();
    };
    return [
      ...pages.filter((p) => has(p.label, p.key)).map((p) => ({ key: `page-${p.key}`, group: 'pages' as const, label: p.label, hint: t('palette.page'), go: done(() => setPage(p.key)) })),
      ...handovers.filter((h) => has(h.ref, h.title, h.buyer)).slice(0, 6)
        .map((h) => ({ key: `handover-${h.id}`, group: 'handovers' as const, label: `${h.ref} ${h.title}`, hint: t('palette.handover'), go: done(() => openHandover({ id: h.id })) })),
      ...clients.map((c) => ({ key: `client-${c.id}`, group: 'clients' as const, label: `${c.code} ${c.name}`, hint: t('palette.client'), go: done(() => openClient(c.id)) })),
    ];
  }, [text, pages, handovers, clients, onClose, setPage, openHandover, openClient, t]);
  const current = Math.min(active, Math.max(0, choices.length - 1));

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + choices.length) % Math.max(1, choices.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choices[current]?.go();
    }
  };

  return (
    <Modal open={open} onCancel={onClose} footer={null} closable={false} destroyOnHidden title={null} width={560} afterOpenChange={(o) => o && input.current?.focus()}
      styles={{ body: { padding: 0 } }} data-testid="palette">
      <Input size="large" variant="borderless" autoFocus ref={input as never} value={text} placeholder={t('palette.placeholder')} aria-label={t('palette.placeholder')}
        onChange={(e) => { setText(e.target.value); setActive(0); }} onKeyDown={onKey} data-testid="palette-input"
        role="combobox" aria-expanded aria-controls="palette-list" aria-activedescendant={choices[current] ? `palette-${choices[current].key}` : undefined} />
      <div id="palette-list" role="listbox" aria-label={t('palette.results')} style={{ maxHeight: 360, overflowY: 'auto', borderTop: '1px solid #f0f0f0' }} data-testid="palette-list">
        {choices.length === 0 && <Typography.Paragraph type="secondary" style={{ padding: 12, margin: 0 }}>{t('palette.none')}</Typography.Paragraph>}
        {choices.map((c, i) => (
          <div key={c.key} id={`palette-${c.key}`} role="option" aria-selected={i === current} onMouseEnter={() => setActive(i)} onClick={c.go} data-testid="palette-option"
            style={{ padding: '8px 12px', cursor: 'pointer', display: 'flex', justifyContent: 'space-between', gap: 12, background: i === current ? '#e6f0fa' : undefined }}>
            <span>{c.label}</span>
            <Typography.Text type="secondary">{c.hint}</Typography.Text>
          </div>
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ padding: '8px 12px', margin: 0, fontSize: 12, borderTop: '1px solid #f0f0f0' }} data-testid="palette-keys">
        {t('palette.keys')} · <Typography.Link onClick={onShowShortcuts} style={{ fontSize: 12 }} data-testid="palette-all-shortcuts">{t('palette.all')}</Typography.Link>
      </Typography.Paragraph>
    </Modal>
  );
}
