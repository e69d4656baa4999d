/**
 * Which keyboard shortcuts a data-room session refuses, decided in one place for
 * both guards: the main process's `before-input-event` (Electron's Input) and the
 * page's own keydown listener (a KeyboardEvent). The main process is the one that
 * counts — the page is untrusted — the page's copy gives the reviewer the notice.
 */

/** The refusal kinds the core records (the `dataroom.refused` channel's `what`). */
export type RefusedKind = 'copy' | 'print' | 'save' | 'navigate' | 'devtools';

/** The fields Electron's Input and a DOM KeyboardEvent share, by Electron's names. */
export interface KeyPress {
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/** Every shortcut the data room refuses, named, for tests and the README. */
export const REFUSED_SHORTCUTS: { name: string; kind: RefusedKind; press: KeyPress }[] = [
  { name: 'DevTools (F12)', kind: 'devtools', press: { key: 'F12', control: false, meta: false, shift: false, alt: false } },
  { name: 'DevTools (Ctrl+Shift+I)', kind: 'devtools', press: { key: 'I', control: true, meta: false, shift: true, alt: false } },
  { name: 'DevTools console (Ctrl+Shift+J)', kind: 'devtools', press: { key: 'J', control: true, meta: false, shift: true, alt: false } },
  { name: 'Inspect element (Ctrl+Shift+C)', kind: 'devtools', press: { key: 'C', control: true, meta: false, shift: true, alt: false } },
  { name: 'DevTools on macOS (Cmd+Option+I)', kind: 'devtools', press: { key: 'i', control: false, meta: true, shift: false, alt: true } },
  { name: 'View source (Ctrl+U)', kind: 'devtools', press: { key: 'u', control: true, meta: false, shift: false, alt: false } },
  { name: 'Reload (F5)', kind: 'navigate', press: { key: 'F5', control: false, meta: false, shift: false, alt: false } },
  { name: 'Reload (Ctrl+R)', kind: 'navigate', press: { key: 'r', control: true, meta: false, shift: false, alt: false } },
  { name: 'Hard reload (Ctrl+Shift+R)', kind: 'navigate', press: { key: 'R', control: true, meta: false, shift: true, alt: false } },
  { name: 'Reload on macOS (Cmd+R)', kind: 'navigate', press: { key: 'r', control: false, meta: true, shift: false, alt: false } },
  { name: 'Back (Alt+Left)', kind: 'navigate', press: { key: 'ArrowLeft', control: false, meta: false, shift: false, alt: true } },
  { name: 'Close window (Ctrl+W)', kind: 'navigate', press: { key: 'w', control: true, meta: false, shift: false, alt: false } },
  { name: 'New window (Ctrl+N)', kind: 'navigate', press: { key: 'n', control: true, meta: false, shift: false, alt: false } },
  { name: 'Address bar (Ctrl+L)', kind: 'navigate', press: { key: 'l', control: true, meta: false, shift: false, alt: false } },
  { name: 'Print (Ctrl+P)', kind: 'print', press: { key: 'p', control: true, meta: false, shift: false, alt: false } },
  { name: 'Print on macOS (Cmd+P)', kind: 'print', press: { key: 'p', control: false, meta: true, shift: false, alt: false } },
  { name: 'Save (Ctrl+S)', kind: 'save', press: { key: 's', control: true, meta: false, shift: false, alt: false } },
  { name: 'Save as (Ctrl+Shift+S)', kind: 'save', press: { key: 'S', control: true, meta: false, shift: true, alt: false } },
  { name: 'Save on macOS (Cmd+S)', kind: 'save', press: { key: 's', control: false, meta: true, shift: false, alt: false } },
  { name: 'Select all (Ctrl+A)', kind: 'copy', press: { key: 'a', control: true, meta: false, shift: false, alt: false } },
  { name: 'Select all on macOS (Cmd+A)', kind: 'copy', press: { key: 'a', control: false, meta: true, shift: false, alt: false } },
  { name: 'Copy (Ctrl+C)', kind: 'copy', press: { key: 'c', control: true, meta: false, shift: false, alt: false } },
  { name: 'Cut (Ctrl+X)', kind: 'copy', press: { key: 'x', control: true, meta: false, shift: false, alt: false } },
  { name: 'Copy (Ctrl+Insert)', kind: 'copy', press: { key: 'Insert', control: true, meta: false, shift: false, alt: false } },
  { name: 'Screenshot (PrintScreen)', kind: 'copy', press: { key: 'PrintScreen', control: false, meta: false, shift: false, alt: false } },
];

/**
 * The refusal for a key press in a data-room session, or null when the key may
 * reach the page (typing in the search box, arrows, Escape, Tab…). A letter is
 * read from the physical key (`code`) when there is one — Option on macOS and an
 * input method turn `key` into another character — and case-insensitively.
 */
export function refusedShortcut(press: KeyPress): RefusedKind | null {
  const physical = press.code && /^Key[A-Z]$/.test(press.code) ? press.code.slice(3) : press.key;
  const key = physical.length === 1 ? physical.toLowerCase() : physical;
  const mod = press.control || press.meta;
  if (key === 'F12' || key === 'PrintScreen') return key === 'F12' ? 'devtools' : 'copy';
  if (key === 'F5' || key === 'BrowserRefresh' || key === 'BrowserBack' || key === 'BrowserForward') return 'navigate';
  if (press.alt && !mod && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return 'navigate';
  if (!mod) return null;
  if (press.shift && (key === 'i' || key === 'j' || key === 'c')) return 'devtools';
  if (press.meta && press.alt && (key === 'i' || key === 'j' || key === 'c' || key === 'u')) return 'devtools';
  switch (key) {
    case 'u':
      return 'devtools';
    case 'p':
      return 'print';
    case 's':
      return 'save';
    case 'a':
    case 'c':
    case 'x':
    case 'Insert':
      return 'copy';
    case 'r':
    case 'w':
    case 'n':
    case 't':
    case 'l':
    case 'o':
    case 'q':
      return 'navigate';
    default:
      return null;
  }
}
