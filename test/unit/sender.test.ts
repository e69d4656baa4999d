import { describe, expect, it } from 'vitest';
import { senderIsTrusted } from '../../electron/main/sender';

function windowWith(url: string) {
  const mainFrame = { url };
  const webContents = { mainFrame };
  return { window: { webContents, isDestroyed: () => false }, webContents, mainFrame };
}

describe('IPC sender check', () => {
  it('trusts only the main window\'s top frame on app://handover', () => {
    const { window, webContents, mainFrame } = windowWith('app://handover/index.html');
    expect(senderIsTrusted({ sender: webContents, senderFrame: mainFrame }, window)).toBe(true);
  });

  it('refuses a null frame, a subframe, another window, a foreign origin and a destroyed window', () => {
    const { window, webContents, mainFrame } = windowWith('app://handover/index.html');
    expect(senderIsTrusted({ sender: webContents, senderFrame: null }, window)).toBe(false);
    expect(senderIsTrusted({ sender: webContents, senderFrame: { url: 'app://handover/x' } }, window)).toBe(false);
    expect(senderIsTrusted({ sender: {}, senderFrame: mainFrame }, window)).toBe(false);
    expect(senderIsTrusted({ sender: webContents, senderFrame: mainFrame }, null)).toBe(false);
    expect(senderIsTrusted({ sender: webContents, senderFrame: mainFrame }, { ...window, isDestroyed: () => true })).toBe(false);
    for (const url of ['file:///etc/passwd', 'https://handover', 'app://evil/index.html', 'app://handover.evil/', 'about:blank', 'not a url']) {
      const w = windowWith(url);
      expect(senderIsTrusted({ sender: w.webContents, senderFrame: w.mainFrame }, w.window), url).toBe(false);
    }
  });
});
