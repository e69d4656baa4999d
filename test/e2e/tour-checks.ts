import type { Locator, Page } from 'playwright-core';

/**
 * What a Chinese office user would notice on any screen, measured in the page: a page that scrolls
 * sideways, a title hidden under the toolbar, a label broken one character per line, a table cut off
 * with no way to scroll, English or machine text in the Chinese interface, ASCII punctuation next to
 * Chinese. Each finding is a sentence naming the screen, so a failing tour says what to look at.
 */

/**
 * English that may stand in the Chinese interface: names and data the tour seeded, product and
 * format names a Chinese user knows by their Latin name, and key names.
 */
const LATIN_ALLOWED = new Set([
  // data and names the tour seeded
  'Alice', 'Rita', 'Reviewer',
  // the language switch names each language in itself
  'English',
  // formats, tools and standards users know by these names
  'CSV', 'Excel', 'xlsx', 'XLSX', 'PDF', 'pdf', 'JSON', 'json', 'GBK', 'UTF', 'SHA', 'minisign', 'age', 'BagIt', 'Argon2id', 'ChaCha20', 'AEGIS', 'WAL', 'Poly1305', 'AES', 'GCM', 'SQLCipher',
  'PIPL', 'GDPR', 'WeCom', 'CRM', 'handover', 'hvbackup', 'pub', 'key', 'Ctrl', 'Enter', 'Esc', 'PgUp', 'PgDn', 'Shift', 'Tab',
]);

/** The little of the DOM the checks read (this file compiles without the DOM library; the functions run in the page). */
interface El { innerText?: string; contains(other: unknown): boolean; scrollWidth: number; clientWidth: number; classList: { contains(c: string): boolean }; getBoundingClientRect(): { left: number; top: number; width: number; height: number } }
interface Win {
  document: {
    documentElement: El; body: El; querySelectorAll(selector: string): Iterable<El>; elementFromPoint(x: number, y: number): El | null;
    createRange(): { selectNodeContents(el: El): void; getClientRects(): Iterable<{ top: number; width: number }> };
  };
  innerWidth: number;
  getComputedStyle(el: El): { fontSize: string; visibility: string; overflowX: string };
}

export interface ScreenCheck {
  screen: string;
  lang: 'zh-CN' | 'en';
  title: Locator;
  /** A drawer or dialog, which lies over the toolbar by design. */
  overlay?: boolean;
}

/** The problems a user would see on this screen, as sentences (empty when the screen is clean). */
export async function problemsOn(page: Page, { screen, lang, title, overlay }: ScreenCheck): Promise<string[]> {
  const found: string[] = [];
  const width = page.viewportSize()!.width;
  const where = `${screen} (${lang}, ${width} px)`;

  const overflow = await page.evaluate(() => {
    const w = globalThis as unknown as Win;
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });
  if (overflow > 1) found.push(`${where}: the page scrolls sideways by ${overflow} px`);

  if (!(await title.isVisible())) found.push(`${where}: the page title is not visible`);
  else {
    const box = (await title.boundingBox())!;
    const header = await page.locator('.app-header').boundingBox();
    if (!overlay && header && box.y < header.y + header.height - 1) found.push(`${where}: the title "${await title.innerText()}" lies under the toolbar`);
    if (box.x < 0 || box.x + Math.min(box.width, 40) > width) found.push(`${where}: the title is outside the window`);
    // Whatever lies on top of the title's first characters: the title itself, or something covering it.
    const covered = await title.evaluate((el) => {
      const w = globalThis as unknown as Win;
      const r = el.getBoundingClientRect();
      const top = w.document.elementFromPoint(r.left + Math.min(8, r.width / 2), r.top + r.height / 2);
      return top !== null && !el.contains(top) && !top.contains(el) ? (top.innerText ?? '').trim().slice(0, 20) || 'another element' : null;
    });
    if (covered !== null) found.push(`${where}: the title is covered by "${covered}"`);
  }

  const layout = await page.evaluate(() => {
    const w = globalThis as unknown as Win;
    const out: string[] = [];
    const visible = (el: El) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && w.getComputedStyle(el).visibility !== 'hidden';
    };
    // A label squeezed to one character per line: its text laid out in as many lines as it has characters.
    for (const el of w.document.querySelectorAll('th, td, button, label, .ant-tag, .ant-tabs-tab, .ant-statistic-title, .ant-descriptions-item-label, .ant-card-head-title, .ant-steps-item-title')) {
      const text = el.innerText?.trim() ?? '';
      if (text.length < 2 || !visible(el)) continue;
      const range = w.document.createRange();
      range.selectNodeContents(el);
      // Line boxes: tops more than most of a line apart (an icon beside the text sits a few pixels off, on the same line).
      const size = parseFloat(w.getComputedStyle(el).fontSize) || 14;
      const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top).sort((a, b) => a - b);
      const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1]! > size * 0.8).length;
      // One character per line: about as many lines as characters (a long label wrapping in a narrow column is fine).
      if (lines >= Math.max(2, text.replace(/\s/g, '').length * 0.8)) out.push(`"${text.slice(0, 20)}" wraps one character per line`);
    }
    // A table wider than its box must be scrollable, or columns are simply cut off.
    for (const el of w.document.querySelectorAll('.ant-table-content, .ant-table-body, .ant-table-header, .vl-body')) {
      if (!visible(el)) continue;
      const style = w.getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && !['auto', 'scroll'].includes(style.overflowX) && !el.classList.contains('ant-table-header')) out.push('a table is cut off with no scrollbar');
    }
    return out;
  });
  for (const p of layout) found.push(`${where}: ${p}`);

  if (lang === 'zh-CN') {
    // Text shown as code (paths, keys, fingerprints, the vault.pub file) is data, not interface.
    const text = await page.evaluate(() => {
      const d = (globalThis as unknown as Win).document;
      let all = d.body.innerText ?? '';
      for (const c of d.querySelectorAll('code, kbd, .mono')) for (const line of (c.innerText ?? '').split('\n')) if (line.trim()) all = all.split(line.trim()).join(' ');
      // minisign's own first line of a .pub file (shown as the file is).
      return all.replace(/untrusted comment: [^\n]*/g, ' ');
    });
    // Whole words only: not a part of an e-mail address, a domain, a fingerprint or a code.
    const english = [...new Set([...text.matchAll(/(?<![\w@.\-/])[A-Za-z][A-Za-z'’]{2,}(?![\w@.\-/])/g)].map((m) => m[0]))].filter((w) => !LATIN_ALLOWED.has(w));
    if (english.length) found.push(`${where}: English in the Chinese interface: ${english.slice(0, 12).join(', ')}`);
    const ascii = [...new Set([...text.matchAll(/[\u4e00-\u9fff][,:;()]|[,:;(][\u4e00-\u9fff]/g)].map((m) => m[0]))];
    if (ascii.length) found.push(`${where}: ASCII punctuation next to Chinese: ${ascii.slice(0, 8).join(' ')}`);
    const machine = [...new Set([...text.matchAll(/\b[a-z]+\.[a-z][a-zA-Z-]+\b|\b[a-z]+: \d+/g)].map((m) => m[0]))].filter((m) => !/\.(pdf|csv|xlsx|json|pub|handover|hvbackup|cn|com|example)$/.test(m));
    if (machine.length) found.push(`${where}: machine text: ${machine.slice(0, 8).join(', ')}`);
  }
  return found;
}
