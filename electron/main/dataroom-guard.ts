import { refusedShortcut, type RefusedKind } from '../../shared/dataroom-shortcuts';

/** The parts of Electron's `before-input-event` arguments the guard reads (structural, so Node tests can drive it). */
export interface InputEventFacts {
  preventDefault(): void;
}
export interface InputFacts {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
  isAutoRepeat?: boolean;
}

/**
 * The main process's own keyboard guard for a data-room session, wired to the
 * window's `before-input-event`: a refused shortcut never reaches the page or the
 * menu (preventDefault stops both), and each attempt is recorded once — on the key
 * going down, not on its release or auto-repeat. Outside a session it does nothing.
 */
export function dataroomInputGuard(inDataRoom: () => boolean, record: (kind: RefusedKind) => void) {
  return (event: InputEventFacts, input: InputFacts): void => {
    if (!inDataRoom()) return;
    const kind = refusedShortcut(input);
    if (!kind) return;
    event.preventDefault();
    if (input.type === 'keyDown' && !input.isAutoRepeat) record(kind);
  };
}
