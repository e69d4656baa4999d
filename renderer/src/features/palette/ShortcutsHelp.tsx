import { Modal, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Every keyboard shortcut of the app, in one list (issue 17: "shortcuts listed in a help panel"). */
const SHORTCUTS = [
  { keys: 'Ctrl/⌘+K', what: 'search' },
  { keys: 'Ctrl/⌘+L', what: 'lock' },
  { keys: '?  ·  Ctrl/⌘+/', what: 'help' },
  { keys: '↑ ↓  ·  Enter  ·  Esc', what: 'palette' },
  { keys: 'PgUp / PgDn  ·  Home / End', what: 'viewer' },
] as const;

/** Typing in a field keeps its `?`: the panel opens on `?` only when no text input has the focus. */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** `?` (outside a text field) or Ctrl/⌘+/ from anywhere in the shell opens the shortcuts panel. */
export function useShortcutsHelpKey(open: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (((e.ctrlKey || e.metaKey) && e.key === '/') || (e.key === '?' && !e.ctrlKey && !e.metaKey && !typingIn(e.target))) {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('palette.shortcuts.title')} destroyOnHidden data-testid="shortcuts-help">
      <Table size="small" pagination={false} rowKey="what" dataSource={[...SHORTCUTS]} data-testid="shortcuts-list" showHeader={false}
        columns={[
          { dataIndex: 'keys', width: 240, render: (k: string) => <Typography.Text keyboard>{k}</Typography.Text> },
          { dataIndex: 'what', render: (w: string) => t(`palette.shortcuts.${w}`) },
        ]} />
    </Modal>
  );
}
