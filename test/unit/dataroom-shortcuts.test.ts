import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataroomInputGuard, type InputFacts } from '../../electron/main/dataroom-guard';
import { REFUSED_SHORTCUTS, refusedShortcut, type KeyPress, type RefusedKind } from '../../shared/dataroom-shortcuts';

const plain = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, control: false, meta: false, shift: false, alt: false, ...extra });

/** Drives the main process's before-input-event handler as Electron would, and says what happened. */
function press(input: Partial<InputFacts> & { key: string }, inDataRoom = true) {
  const recorded: RefusedKind[] = [];
  let prevented = false;
  const guard = dataroomInputGuard(() => inDataRoom, (kind) => recorded.push(kind));
  guard({ preventDefault: () => (prevented = true) }, { type: 'keyDown', control: false, meta: false, shift: false, alt: false, ...input });
  return { prevented, recorded };
}

describe('the data room refuses keyboard shortcuts (main process, before-input-event)', () => {
  it.each(REFUSED_SHORTCUTS.map((s) => [s.name, s] as const))('%s is blocked before the page sees it and recorded', (_name, shortcut) => {
    expect(press(shortcut.press)).toEqual({ prevented: true, recorded: [shortcut.kind] });
  });

  it('covers DevTools, reload, print, save and select-all', () => {
    const names = REFUSED_SHORTCUTS.map((s) => s.name).join(' | ');
    for (const what of ['DevTools', 'Reload', 'Print', 'Save', 'Select all', 'View source']) expect(names).toContain(what);
  });

  it('records an attempt once: not again on release or while the key repeats, but the release is still held back', () => {
    expect(press({ key: 'p', control: true, type: 'keyUp' })).toEqual({ prevented: true, recorded: [] });
    expect(press({ key: 'F12', isAutoRepeat: true })).toEqual({ prevented: true, recorded: [] });
  });

  it('reads letters from the physical key, so Option on macOS or a Chinese input method cannot disguise them', () => {
    expect(press({ key: 'ˆ', code: 'KeyI', meta: true, alt: true }).recorded).toEqual(['devtools']);
    expect(press({ key: 'Process', code: 'KeyS', control: true }).recorded).toEqual(['save']);
    expect(press({ key: 'A', code: 'KeyA', control: true, shift: true }).recorded).toEqual(['copy']);
  });

  it('lets the reviewer type, move and close dialogs', () => {
    for (const key of ['a', 'S', '东', '1', ' ', 'Enter', 'Backspace', 'Escape', 'Tab', 'ArrowDown', 'PageDown']) {
      expect(press({ key }), key).toEqual({ prevented: false, recorded: [] });
    }
    expect(press({ key: 'f', control: true }).prevented).toBe(false);
    expect(press({ key: 'v', control: true }).prevented).toBe(false);
  });

  it('does nothing outside a data-room session: the staff keep their shortcuts', () => {
    for (const s of REFUSED_SHORTCUTS) expect(press(s.press, false)).toEqual({ prevented: false, recorded: [] });
  });

  it('never refuses typing without a modifier (property)', () => {
    const printable = fc.string({ minLength: 1, maxLength: 1 }).filter((k) => k.trim().length === 1);
    fc.assert(fc.property(printable, fc.boolean(), (key, shift) => refusedShortcut(plain(key, { shift })) === null));
  });

  it('refuses every Ctrl or Cmd variant of the listed letters whatever the case (property)', () => {
    const letters = fc.constantFrom(...'psaucxrwl'.split(''));
    fc.assert(fc.property(letters, fc.boolean(), fc.boolean(), (k, upper, mac) => {
      const key = upper ? k.toUpperCase() : k;
      return refusedShortcut(plain(key, mac ? { meta: true } : { control: true })) !== null;
    }));
  });
});
