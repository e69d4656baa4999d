import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AppEvent } from '../../shared/contract';
import { HandoverCore } from '../../electron/core/core';
import { queuedPlatform, type Answers } from '../helpers/platform';
import { RENDERER_CONTENT_TYPES } from '../../electron/main/app-origin';
import { tempDir } from '../helpers/temp';
import { TEST_KDF } from '../helpers/test-kdf';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';

/**
 * The built renderer in Debian's Chromium, talking to the real core (real
 * encrypted database, real crypto) through the same router the Electron
 * adapter uses. No server, no socket: the renderer is served from a made-up
 * origin by page.route, and the bridge is injected before any page script.
 */
export const ORIGIN = 'https://handover.invalid';
const RENDERER = join(__dirname, '../../out/renderer');
export const SHOTS = join(__dirname, '../../test-results/screenshots');


export const CHROMIUM = process.env.HANDOVER_CHROMIUM ?? '/usr/bin/chromium';

export function e2eSkipReason(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(join(RENDERER, 'index.html'))) return 'the renderer is not built (npm run build:renderer)';
  return null;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export interface AppUnderTest {
  page: Page;
  core: HandoverCore;
  answers: Answers;
  appDataDir: string;
  /** Every call the page made to the core, in order (a test can count them). */
  calls: { channel: string; input: unknown }[];
  /** Calls the page made that the core has not answered yet (0: the page waits for nothing). */
  readonly inFlight: number;
  shot(name: string): Promise<void>;
  /** Moves both clocks forward (only with `clock: true`). */
  advance(ms: number): Promise<void>;
  /** Closes the page and the core; fails on any page error seen. Once: a second call does nothing. */
  close(): Promise<void>;
  readonly closed: boolean;
}

/** A call straight to the app's core (seeding a test), its value or a thrown error naming the channel and code. */
export async function coreOk<T = unknown>(app: AppUnderTest, channel: string, input: unknown = {}): Promise<T> {
  const r = await app.core.handle(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export interface OpenOptions {
  width?: number;
  height?: number;
  appDataDir?: string;
  /**
   * The core's clock and the page's (Playwright's fake clock, installed before any page script) move
   * together by `advance`, so a test can reach a deadline (a data-room session's end) without waiting for it.
   */
  clock?: boolean;
  /** Key slots at the shipped Argon2id cost instead of the test cost (test/helpers/test-kdf.ts). */
  realKdf?: boolean;
  /**
   * The page's and the core's "now", fixed (Playwright's setFixedTime: timers still run), and the page's zone
   * (the core's is the test process's TZ): a test can stand at 01:30 in Beijing whatever the machine's clock says.
   */
  at?: { time: Date; timezoneId: string };
}

export async function openApp(browser: Browser, opts: OpenOptions = {}): Promise<AppUnderTest> {
  const appDataDir = opts.appDataDir ?? tempDir();
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 }, ...(opts.at ? { timezoneId: opts.at.timezoneId } : {}) });
  const page = await context.newPage();
  const answers: Answers = {};
  let skew = 0;
  if (opts.clock) await context.clock.install();
  if (opts.at) await context.clock.setFixedTime(opts.at.time);
  const emit = (event: AppEvent) => {
    page.evaluate((e) => (globalThis as unknown as { __handoverEmit(e: unknown): void }).__handoverEmit(e), event).catch(() => undefined);
  };
  const core = new HandoverCore({
    appDataDir,
    emit,
    ...(opts.clock ? { now: () => new Date(Date.now() + skew) } : {}),
    ...(opts.at ? { now: () => new Date(opts.at!.time) } : {}),
    ...(opts.realKdf ? {} : { testOnlyKdf: TEST_KDF }),
    platform: queuedPlatform(answers),
  });
  // Anything that is not the app's origin is refused, as in the Electron shell.
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(RENDERER, rel === '/' ? 'index.html' : rel);
    if (!file.startsWith(RENDERER) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, body: readFileSync(file), headers: { 'content-type': RENDERER_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' } });
  });
  const calls: { channel: string; input: unknown }[] = [];
  let inFlight = 0;
  await page.exposeBinding('__handoverInvoke', async (_source, channel: unknown, input: unknown) => {
    calls.push({ channel: String(channel), input });
    inFlight++;
    try {
      return await core.handle(channel, input);
    } finally {
      inFlight--;
    }
  });
  await page.addInitScript(() => {
    const listeners = new Set<(e: unknown) => void>();
    const w = globalThis as unknown as Record<string, unknown>;
    const invoke = w.__handoverInvoke as (c: string, i: unknown) => Promise<unknown>;
    w.handover = Object.freeze({
      invoke: (channel: string, input: unknown) => invoke(channel, input),
      onEvent: (l: (e: unknown) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    });
    w.__handoverEmit = (e: unknown) => listeners.forEach((l) => l(e));
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${ORIGIN}/index.html`);
  mkdirSync(SHOTS, { recursive: true });
  let closing: Promise<void> | null = null;
  return {
    page,
    core,
    answers,
    appDataDir,
    calls,
    advance: async (ms) => {
      if (!opts.clock) throw new Error('openApp({ clock: true }) to move the clocks');
      skew += ms;
      await page.clock.fastForward(ms);
    },
    shot: async (name) => {
      await page.waitForTimeout(250); // let antd's motion settle
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
    close: () => {
      if (closing) return Promise.resolve();
      closing = (async () => {
        core.dispose();
        await context.close();
        if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
      })();
      return closing;
    },
    get closed() {
      return closing !== null;
    },
    get inFlight() {
      return inFlight;
    },
  };
}

/** The first-run wizard as a user goes through it, in English; returns the recovery key as shown. */
export async function createVaultThroughUi(page: Page, name: string, passphrase: string): Promise<string> {
  await page.getByTestId('language-switch').getByText('English').click();
  await page.getByTestId('setup-next').click();
  await page.getByTestId('username-input').fill(name);
  await page.getByTestId('passphrase-input').fill(passphrase);
  await page.getByTestId('passphrase-confirm').fill(passphrase);
  await page.getByTestId('create-vault').click();
  const recovery = (await page.getByTestId('recovery-key').innerText()).replace(/\s+/g, '-');
  await page.getByTestId('confirm-written').click();
  await page.getByTestId('finish-setup').click();
  return recovery;
}

export interface InChromium {
  /** The browser, launched once for the whole block. */
  readonly browser: Browser;
  /** A fresh app (its own app-data folder unless given), closed after the test; a page error fails the test. */
  open(opts?: OpenOptions): Promise<AppUnderTest>;
  /** open(), then the first-run wizard in English as `user`, signed in on the home page; with the recovery key shown. */
  openWithVault(user: { name: string; pass: string }, opts?: OpenOptions): Promise<AppUnderTest & { recoveryKey: string }>;
}

/**
 * The preamble every end-to-end file shares: skipped (with the reason) where Chromium or the built
 * renderer is missing; one browser for the block; every app a test opens is closed after it.
 */
export function describeInChromium(title: string, fn: (chromium: InChromium) => void): void {
  const skip = e2eSkipReason();
  if (skip) console.warn(`e2e skipped: ${skip}`);
  describe.skipIf(skip !== null)(`${title} (Chromium)`, () => {
    let browser: Browser | null = null;
    const opened: AppUnderTest[] = [];
    beforeAll(async () => {
      browser = await launch();
    });
    afterEach(async () => {
      const results = await Promise.allSettled(opened.splice(0).map((app) => app.close()));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    });
    afterAll(async () => {
      await browser?.close();
    });
    const inChromium: InChromium = {
      get browser() {
        if (!browser) throw new Error('the browser is launched in beforeAll');
        return browser;
      },
      async open(opts) {
        const app = await openApp(inChromium.browser, opts);
        opened.push(app);
        return app;
      },
      async openWithVault(user, opts) {
        const app = await inChromium.open(opts);
        const recoveryKey = await createVaultThroughUi(app.page, user.name, user.pass);
        await app.page.getByTestId('nav').waitFor();
        return Object.assign(app, { recoveryKey });
      },
    };
    fn(inChromium);
  });
}
