import { expect } from 'vitest';
import type { AppUnderTest } from './harness';

/**
 * Layout measured only once the page has come to rest, so the same screen measures the same on an idle
 * machine and a loaded one: the fonts are loaded, the core has answered every call, and the page has
 * drawn several frames in a row with no change to the DOM, no finite animation running (antd's motion,
 * the sider folding at the md breakpoint) and the same document size. Counted in frames, never in
 * milliseconds. A page that never comes to rest fails with that sentence instead of being measured.
 */

/** Quiet frames in a row that count as "at rest". */
const QUIET_FRAMES = 3;
/** A guard against a page that keeps changing: frames, not time. */
const MAX_FRAMES = 1200;

/** Resolves true once the page has been quiet for `quiet` frames in a row; false after `max` frames. */
function quietInPage([quiet, max]: [number, number]): Promise<boolean> {
  interface Doc {
    fonts: { ready: Promise<unknown> };
    documentElement: { scrollWidth: number; scrollHeight: number };
    body: unknown;
    getAnimations(): { playState: string; effect: { getComputedTiming(): { iterations?: number | null } } | null }[];
  }
  const g = globalThis as unknown as {
    document: Doc;
    requestAnimationFrame(cb: () => void): void;
    MutationObserver: new (cb: () => void) => { observe(target: unknown, opts: object): void; disconnect(): void };
  };
  const d = g.document;
  return d.fonts.ready.then(
    () =>
      new Promise<boolean>((resolve) => {
        let still = 0;
        let frames = 0;
        let last = '';
        const observer = new g.MutationObserver(() => {
          still = 0;
        });
        observer.observe(d.body, { subtree: true, childList: true, attributes: true, characterData: true });
        // An endless animation (a spinner, a processing badge) never ends; only finite ones are waited for.
        const moving = () =>
          d.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
        const frame = () => {
          const size = `${d.documentElement.scrollWidth}×${d.documentElement.scrollHeight}`;
          still = moving() || size !== last ? 0 : still + 1;
          last = size;
          frames++;
          if (still >= quiet || frames >= max) {
            observer.disconnect();
            resolve(still >= quiet);
          } else g.requestAnimationFrame(frame);
        };
        g.requestAnimationFrame(frame);
      }),
  );
}

/** Waits until the page is at rest (see above). */
export async function settled(app: AppUnderTest): Promise<void> {
  for (;;) {
    await expect.poll(() => app.inFlight, { message: 'the core answers every call the page made' }).toBe(0);
    const quiet = await app.page.evaluate(quietInPage, [QUIET_FRAMES, MAX_FRAMES] as [number, number]);
    if (!quiet) throw new Error(`the page kept changing for ${MAX_FRAMES} frames`);
    // A render after the last answer may have asked the core again: at rest means both at once.
    if (app.inFlight === 0) return;
  }
}

export interface Overflow {
  /** How far the document scrolls sideways, in CSS pixels (0: it fits the window). */
  px: number;
  /** The innermost elements sticking out of the window, named by test id, class or tag, with their text. */
  culprits: string[];
}

/** The document's scrollWidth against its clientWidth, and what sticks out when it is wider. */
export function sidewaysOverflow(app: AppUnderTest): Promise<Overflow> {
  return app.page.evaluate(() => {
    interface El {
      tagName: string;
      className: unknown;
      innerText?: string;
      parentElement: El | null;
      children: ArrayLike<El>;
      getAttribute(n: string): string | null;
      getBoundingClientRect(): { right: number; width: number };
    }
    const g = globalThis as unknown as {
      document: {
        documentElement: El & { scrollWidth: number; clientWidth: number };
        body: El;
        querySelectorAll(s: string): Iterable<El>;
      };
      getComputedStyle(el: El): { overflowX: string; position: string };
    };
    const root = g.document.documentElement;
    const width = root.clientWidth;
    const px = root.scrollWidth - width;
    if (px <= 0) return { px: 0, culprits: [] };
    // Only what the document scrolls for: not inside a box that scrolls or clips sideways itself, not fixed.
    const counts = (el: El) => {
      for (let p: El | null = el; p && p !== g.document.body; p = p.parentElement) {
        const style = g.getComputedStyle(p);
        if (style.position === 'fixed') return false;
        if (p !== el && style.overflowX !== 'visible') return false;
      }
      return true;
    };
    const out = [...g.document.querySelectorAll('body *')].filter(
      (el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > width + 0.5 && counts(el),
    );
    const innermost = out.filter((el) => !out.some((o) => o !== el && isInside(o, el)));
    function isInside(inner: El, outer: El): boolean {
      for (let p = inner.parentElement; p; p = p.parentElement) if (p === outer) return true;
      return false;
    }
    const name = (el: El) => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 2).join('.') : '';
      const text = (el.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `${id ? `[${id}]` : `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}`} ${Math.round(el.getBoundingClientRect().right - width)} px "${text}"`;
    };
    return { px, culprits: innermost.slice(0, 4).map(name) };
  });
}
