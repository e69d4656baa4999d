import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { DataroomShell } from '../../electron/main/dataroom-shell';
import { appDataDirFor, cliArguments, isDeveloperRun, packageFileFrom } from '../../electron/main/launch';
import { menuRoles, menuTemplate } from '../../electron/main/menu';
import { readWindowState, restorableState, writeWindowState } from '../../electron/main/window-state';
import { tempDir } from '../helpers/temp';

const EXE = '/opt/Handover Vault/handover-vault';

describe('how the released app starts', () => {
  it('runs the CLI for `--cli …`, from the installed exe or from source, and only then', () => {
    expect(cliArguments([EXE, '--cli', 'vault', 'check', '--json'])).toEqual(['vault', 'check', '--json']);
    expect(cliArguments(['/usr/bin/electron', 'out/main/index.js', '--cli', '--help'])).toEqual(['--help']);
    expect(cliArguments([EXE])).toBeNull();
    expect(cliArguments([EXE, '/home/li/收到/华东.handover'])).toBeNull();
  });

  it('keeps DevTools and HANDOVER_HOME for development runs and an explicit --developer only', () => {
    const env = { HANDOVER_HOME: '/tmp/elsewhere' };
    expect(isDeveloperRun([EXE], true)).toBe(false);
    expect(isDeveloperRun([EXE, '--developer'], true)).toBe(true);
    expect(isDeveloperRun(['electron', 'out/main/index.js'], false)).toBe(true);
    expect(appDataDirFor({ developer: false, env, userData: '/home/li/.config/Handover Vault' })).toBe('/home/li/.config/Handover Vault');
    expect(appDataDirFor({ developer: true, env, userData: '/home/li/.config/Handover Vault' })).toBe('/tmp/elsewhere');
    expect(appDataDirFor({ developer: true, env: {}, userData: '/u' })).toBe('/u');
  });

  it('finds a .handover file given on the command line, relative to where it was launched', () => {
    expect(packageFileFrom([EXE, '华东业务.handover'], '/home/li/下载')).toBe('/home/li/下载/华东业务.handover');
    expect(packageFileFrom([EXE, '--no-sandbox', '/media/usb/PKG.HANDOVER'], '/')).toBe('/media/usb/PKG.HANDOVER');
    expect(packageFileFrom([EXE, '--flag=x.handover'], '/')).toBeNull();
    expect(packageFileFrom([EXE, 'notes.txt'], '/')).toBeNull();
  });
});

describe('the window comes back where it was left', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

  it('remembers size, position and maximised state in the app data folder', () => {
    const dir = tempDir();
    writeWindowState(dir, { bounds: { x: 100, y: 80, width: 1300, height: 900 }, maximized: true });
    expect(readWindowState(dir, screen)).toEqual({ bounds: { x: 100, y: 80, width: 1300, height: 900 }, maximized: true });
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).not.toHaveProperty('vault');
  });

  it('forgets a window left on a screen that is gone, too small, or a damaged file', () => {
    expect(restorableState({ bounds: { x: 2500, y: 100, width: 1200, height: 800 } }, screen)).toBeNull();
    expect(restorableState({ bounds: { x: 10, y: 10, width: 200, height: 100 } }, screen)).toBeNull();
    expect(restorableState({ bounds: { x: 'a' } }, screen)).toBeNull();
    const dir = tempDir();
    writeFileSync(join(dir, 'window-state.json'), '{not json');
    expect(readWindowState(dir, screen)).toBeNull();
    expect(readWindowState(tempDir(), screen)).toBeNull();
  });
});

describe('the application menu', () => {
  const roles = (lang: 'zh-CN' | 'en', platform: NodeJS.Platform, dataRoom = false) => menuRoles(menuTemplate(lang, platform, dataRoom, () => undefined));

  it('has no Reload, no DevTools and no View menu on any platform', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const used = roles('en', platform);
      for (const forbidden of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu', 'zoomIn', 'resetZoom', 'togglefullscreen']) expect(used).not.toContain(forbidden);
    }
  });

  it('has Edit roles only on macOS, where text fields need them', () => {
    expect(roles('en', 'win32')).not.toContain('copy');
    expect(roles('en', 'linux')).toEqual(['quit']);
    expect(roles('en', 'darwin')).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'quit']));
  });

  it('speaks the app language', () => {
    const zh = JSON.stringify(menuTemplate('zh-CN', 'win32', false, () => undefined));
    expect(zh).toContain('关于客户交接保险库');
    expect(zh).toContain('退出');
    expect(JSON.stringify(menuTemplate('en', 'win32', false, () => undefined))).toContain('About Handover Vault');
  });

  it('offers nothing to quit, copy or select in a data-room session', () => {
    expect(menuTemplate('en', 'win32', true, () => undefined)).toBeNull();
    expect(roles('zh-CN', 'darwin', true)).toEqual([]);
  });
});

describe('the data room in the main process (DataroomShell, on a window double)', () => {
  /** Just enough of a BrowserWindow to record what the shell does to it. */
  function fakeWindow() {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    const calls: string[] = [];
    let devToolsOpen = false;
    const contents = {
      on: (name: string, fn: (...args: unknown[]) => void) => handlers.set(`wc:${name}`, fn),
      isDevToolsOpened: () => devToolsOpen,
      closeDevTools: () => {
        devToolsOpen = false;
        calls.push('closeDevTools');
      },
    };
    const window = {
      webContents: contents,
      on: (name: string, fn: (...args: unknown[]) => void) => handlers.set(`win:${name}`, fn),
      isDestroyed: () => false,
      setContentProtection: (on: boolean) => calls.push(`contentProtection:${on}`),
      setKiosk: (on: boolean) => calls.push(`kiosk:${on}`),
      setClosable: (on: boolean) => calls.push(`closable:${on}`),
      setMinimizable: (on: boolean) => calls.push(`minimizable:${on}`),
    };
    return { window: window as unknown as BrowserWindow, handlers, calls, openDevTools: () => (devToolsOpen = true) };
  }

  it('locks the window down, closes DevTools that open during a session and records each attempt; lets go when it ends', () => {
    const refused: string[] = [];
    const shell = new DataroomShell((kind) => refused.push(kind));
    const w = fakeWindow();
    shell.attach(w.window);
    w.openDevTools();
    shell.set(w.window, true);
    expect(w.calls).toEqual(['contentProtection:true', 'kiosk:true', 'closable:false', 'minimizable:false', 'closeDevTools']);
    expect(refused).toEqual(['devtools']);

    w.openDevTools();
    w.handlers.get('wc:devtools-opened')!();
    expect(refused).toEqual(['devtools', 'devtools']);
    let closePrevented = false;
    w.handlers.get('win:close')!({ preventDefault: () => (closePrevented = true) });
    expect(closePrevented).toBe(true);
    let keyPrevented = false;
    w.handlers.get('wc:before-input-event')!({ preventDefault: () => (keyPrevented = true) }, { type: 'keyDown', key: 'p', control: true, meta: false, shift: false, alt: false });
    expect([keyPrevented, refused.at(-1)]).toEqual([true, 'print']);

    shell.set(w.window, false);
    expect(shell.inSession).toBe(false);
    let closedAfter = true;
    w.handlers.get('win:close')!({ preventDefault: () => (closedAfter = false) });
    expect(closedAfter).toBe(true);
    w.handlers.get('wc:devtools-opened')!();
    expect(refused).toHaveLength(3);
  });
});
