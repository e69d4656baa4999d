/**
 * A small PDF writer for notices and reports, without a browser: A4 pages of
 * wrapped text, table rows and filled rectangles. Text uses the standard CJK
 * font STSong-Light with the UniGB-UTF16-H CMap (PDF 1.4, Adobe-GB1), which
 * every PDF viewer maps to an installed Chinese font, so nothing is embedded
 * and the output is byte-for-byte reproducible from its content: the SHA-256
 * of a notice can be checked by generating it again.
 */

export type Rgb = readonly [number, number, number];

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 56;

// Advance widths (1/1000 em) of STSong-Light's proportional Latin glyphs, CIDs 1-95 = U+0020-U+007E.
const LATIN_W = [
  207, 270, 342, 467, 462, 797, 710, 239, 374, 374, 423, 605, 238, 375, 238, 334, 462, 462, 462, 462, 462, 462, 462, 462, 462, 462,
  238, 238, 605, 605, 605, 344, 748, 684, 560, 695, 739, 563, 511, 729, 793, 318, 312, 666, 526, 896, 758, 772, 544, 772, 628, 465,
  607, 753, 711, 972, 647, 620, 607, 374, 333, 374, 606, 500, 239, 417, 503, 427, 529, 415, 264, 444, 518, 241, 230, 495, 228, 793,
  527, 524, 524, 504, 338, 336, 277, 517, 450, 652, 466, 452, 407, 370, 258, 370, 605,
];

function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0x20 && c <= 0x7e) return LATIN_W[c - 0x20]!;
  return c < 0x2e80 ? 600 : 1000;
}

export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return (w * size) / 1000;
}

function hex(text: string): string {
  // UTF-16BE, as UniGB-UTF16-H expects; control characters become spaces.
  // eslint-disable-next-line no-control-regex -- control characters cannot be shown
  const clean = text.replace(/[\u0000-\u001f]/g, ' ');
  return Buffer.from(clean, 'utf16le').swap16().toString('hex').toUpperCase();
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
  private pages: string[][] = [];
  private ops: string[] = [];
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
    this.ops.push(`BT ${color(rgb)} rg /F1 ${f(size)} Tf ${f(x)} ${f(y)} Td <${hex(text)}> Tj ET`);
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
    const objects: string[] = [];
    const add = (body: string) => objects.push(body);
    add('<< /Type /Catalog /Pages 2 0 R >>');
    const first = 5; // 1 catalog, 2 pages, 3 font, 4 descendant font
    add(`<< /Type /Pages /Kids [${this.pages.map((_, i) => `${first + i * 2} 0 R`).join(' ')}] /Count ${this.pages.length} >>`);
    add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [4 0 R] >>');
    add(
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> ' +
        `/FontDescriptor ${first + this.pages.length * 2} 0 R /DW 1000 /W [1 [${LATIN_W.join(' ')}]] >>`,
    );
    this.pages.forEach((ops, i) => {
      const stream = ops.join('\n');
      add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${first + i * 2 + 1} 0 R >>`);
      add(`<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`);
    });
    add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
    add(`<< /Title <FEFF${hex(info.title)}> /Producer (Handover Vault) >>`);
    let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(Buffer.byteLength(out, 'latin1'));
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = Buffer.byteLength(out, 'latin1');
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
  }
}
