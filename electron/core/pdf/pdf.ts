/**
 * A small PDF writer for notices and reports, without a browser: A4 pages of wrapped text,
 * table rows and filled rectangles, drawn with the embedded document font (document-font.ts)
 * and written by pdf-file.ts as a subset, byte-for-byte reproducible from the content: the
 * SHA-256 of a notice can be checked by generating it again.
 */
import { documentFont } from './document-font';
import { writePdf, type PageOp } from './pdf-file';

export type Rgb = readonly [number, number, number];

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 56;

// Advance widths in 1/1000 em, from the embedded font's own hmtx (poppler spaced "W e" and
// "D ear" when the widths were STSong-Light's and the glyphs the reader's substitute).
const widthCache = new Map<number, number>();

function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  let w = widthCache.get(c);
  if (w === undefined) {
    const font = documentFont();
    w = (font.advance(font.glyphFor(c)) * 1000) / font.unitsPerEm;
    widthCache.set(c, w);
  }
  return w;
}

export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return (w * size) / 1000;
}

/** Break text into lines no wider than `width` (at word boundaries for Latin, anywhere for CJK). */
export function wrap(text: string, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    const tokens = para.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/g) ?? [''];
    for (const token of tokens) {
      const next = line + token;
      if (textWidth(next, size) <= width || line === '') {
        if (textWidth(token, size) > width && line === '') {
          // A single over-long word: cut it by characters.
          let piece = '';
          for (const ch of token) {
            if (textWidth(piece + ch, size) > width && piece) {
              out.push(piece);
              piece = '';
            }
            piece += ch;
          }
          line = piece;
        } else line = next;
      } else {
        out.push(line.trimEnd());
        line = token.trimStart();
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

const f = (n: number) => (Math.round(n * 100) / 100).toString();
const color = (c: Rgb) => c.map((v) => f(v)).join(' ');

export class PdfDoc {
  private pages: PageOp[][] = [];
  private ops: PageOp[] = [];
  /** Which code point each glyph was drawn for, for the ToUnicode map (the lowest, when several share a glyph). */
  private readonly unicodeOf = new Map<number, number>();
  y = PAGE_H - MARGIN;
  readonly width = PAGE_W - 2 * MARGIN;
  readonly left = MARGIN;

  constructor(private readonly footer?: string) {
    this.newPage();
  }

  newPage(): void {
    this.ops = [];
    this.pages.push(this.ops);
    this.y = PAGE_H - MARGIN;
    if (this.footer) this.textAt(MARGIN, 28, `${this.footer} · ${this.pages.length}`, 8, [0.45, 0.45, 0.45]);
  }

  /** Make room for `h` points, starting a page if needed. */
  need(h: number): void {
    if (this.y - h < MARGIN) this.newPage();
  }

  textAt(x: number, y: number, text: string, size: number, rgb: Rgb = [0, 0, 0]): void {
    this.ops.push(`BT ${color(rgb)} rg /F1 ${f(size)} Tf ${f(x)} ${f(y)} Td`, { glyphs: this.glyphs(text) }, 'ET');
  }

  private glyphs(text: string): number[] {
    const font = documentFont();
    const glyphs: number[] = [];
    for (const ch of text) {
      // Control characters cannot be shown: they become spaces.
      const c = ch.codePointAt(0)! < 0x20 ? 0x20 : ch.codePointAt(0)!;
      const g = font.glyphFor(c);
      const known = this.unicodeOf.get(g);
      if (known === undefined || c < known) this.unicodeOf.set(g, c);
      glyphs.push(g);
    }
    return glyphs;
  }

  rect(x: number, y: number, w: number, h: number, fill: Rgb, stroke?: Rgb): void {
    this.ops.push(`${color(fill)} rg ${stroke ? `${color(stroke)} RG 0.5 w ` : ''}${f(x)} ${f(y)} ${f(w)} ${f(h)} re ${stroke ? 'B' : 'f'}`);
  }

  /** A flowing paragraph. */
  text(text: string, size = 10.5, opts: { rgb?: Rgb; indent?: number; after?: number } = {}): void {
    const lead = size * 1.45;
    const indent = opts.indent ?? 0;
    for (const line of wrap(text, size, this.width - indent)) {
      this.need(lead);
      this.y -= lead;
      this.textAt(MARGIN + indent, this.y + size * 0.3, line, size, opts.rgb);
    }
    this.y -= opts.after ?? size * 0.4;
  }

  heading(text: string, size = 14): void {
    this.need(size * 3);
    this.y -= size * 0.6;
    this.text(text, size, { after: size * 0.3 });
  }

  gap(h: number): void {
    this.y -= h;
  }

  /** A table row: cells wrapped in fixed columns (fractions of the width). */
  row(cells: string[], columns: number[], opts: { size?: number; header?: boolean } = {}): void {
    const size = opts.size ?? 9;
    const lead = size * 1.35;
    const widths = columns.map((c) => c * this.width);
    const lines = cells.map((c, i) => wrap(c, size, widths[i]! - 6));
    const h = Math.max(...lines.map((l) => l.length)) * lead + 4;
    this.need(h);
    if (opts.header) this.rect(MARGIN, this.y - h, this.width, h, [0.93, 0.94, 0.96]);
    let x = MARGIN;
    lines.forEach((cellLines, i) => {
      cellLines.forEach((line, j) => this.textAt(x + 3, this.y - 2 - (j + 1) * lead + size * 0.3, line, size));
      x += widths[i]!;
    });
    this.y -= h;
    this.rect(MARGIN, this.y, this.width, 0.4, [0.8, 0.8, 0.8]);
  }

  toBuffer(info: { title: string }): Buffer {
    const pages = this.pages.map((ops) => ({ width: PAGE_W, height: PAGE_H, ops }));
    return writePdf(documentFont(), pages, this.unicodeOf, info.title);
  }
}
