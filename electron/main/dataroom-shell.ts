import type { BrowserWindow } from 'electron';
import type { RefusedKind } from '../../shared/dataroom-shortcuts';
import { dataroomInputGuard } from './dataroom-guard';

/**
 * The data room as the main process enforces it, whatever the page does: full
 * screen, screen capture blocked where the OS allows, no closing or minimising,
 * the keyboard guard in front of the page and the menu, DevTools closed the
 * moment they open. Every refusal goes to `refuse`, which records it through the
 * core's `dataroom.refused` and tells the page to show its notice.
 */
export class DataroomShell {
  private active = false;

  constructor(private readonly refuse: (kind: RefusedKind) => void) {}

  get inSession(): boolean {
    return this.active;
  }

  /** Wires the guards to a new window; they do nothing until a session starts. */
  attach(window: BrowserWindow): void {
    const contents = window.webContents;
    contents.on('before-input-event', dataroomInputGuard(() => this.active, this.refuse));
    contents.on('devtools-opened', () => {
      if (!this.active) return;
      contents.closeDevTools();
      this.refuse('devtools');
    });
    // Closing the window (Alt+F4, Cmd+Q) does not end a session: only the facilitator does.
    window.on('close', (event) => {
      if (this.active) event.preventDefault();
    });
  }

  set(window: BrowserWindow | null, on: boolean): void {
    this.active = on;
    if (!window || window.isDestroyed()) return;
    window.setContentProtection(on);
    window.setKiosk(on);
    window.setClosable(!on);
    window.setMinimizable(!on);
    if (on && window.webContents.isDevToolsOpened()) {
      window.webContents.closeDevTools();
      this.refuse('devtools');
    }
  }
}
