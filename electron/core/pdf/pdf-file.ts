/**
 * Serializes laid-out pages into a PDF 1.4 file with the document font embedded as a subset:
 * a Type0 font, Identity-H encoding, a CIDFontType2 descendant whose CIDs are the subset's glyph
 * ids (CIDToGIDMap /Identity), its real advance widths (/W), the subset as FontFile2, and a
 * ToUnicode CMap so copying and searching give the text back (ISO 32000-1 §9.7, §9.10.3).
 * Everything is a function of the content: objects in a fixed order, glyphs in ascending order,
 * the subset tag from the glyph set's hash, no date, no random id, deflate by fflate (pure JS,
 * pinned), so the same content always gives the same bytes and the same SHA-256.
 */
import { createHash } from 'node:crypto';
import { zlibSync } from 'fflate';
import { DOCUMENT_FONT_NAME } from './document-font';
import { glyphClosure, subsetTrueType } from './subset';
import type { TrueTypeFont } from './truetype';

/** A piece of a page's content stream: PDF operators, or a run of glyphs to show with Tj. */
export type PageOp = string | { readonly glyphs: readonly number[] };

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly ops: readonly PageOp[];
}

const flate = (data: Uint8Array): Buffer => Buffer.from(zlibSync(data, { level: 9 }));

/** UTF-16BE hex of one code point (a surrogate pair above the BMP), as ToUnicode wants. */
function utf16Hex(codePoint: number): string {
  return Buffer.from(String.fromCodePoint(codePoint), 'utf16le').swap16().toString('hex').toUpperCase();
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** Six capital letters naming this subset (ISO 32000-1 §9.6.4), derived from its glyphs. */
function subsetTag(glyphs: readonly number[]): string {
  const digest = createHash('sha256').update(glyphs.join(',')).digest();
  return [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
}

function toUnicodeCmap(entries: [number, number][]): string {
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
  ];
  // At most 100 entries per bfchar block (PDF CMap limit, Adobe TN 5411).
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    lines.push(`${block.length} beginbfchar`);
    for (const [cid, codePoint] of block) lines.push(`<${hex4(cid)}> <${utf16Hex(codePoint)}>`);
    lines.push('endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  return lines.join('\n');
}

/** The /W array: runs of consecutive CIDs with their widths in 1/1000 em, leaving out the default. */
function widthArray(widths: number[], defaultWidth: number): string {
  const parts: string[] = [];
  let i = 0;
  while (i < widths.length) {
    if (widths[i] === defaultWidth) {
      i++;
      continue;
    }
    const run: number[] = [];
    const start = i;
    while (i < widths.length && widths[i] !== defaultWidth) run.push(widths[i++]!);
    parts.push(`${start} [${run.join(' ')}]`);
  }
  return parts.join(' ');
}

const f = (n: number) => (Math.round(n * 100) / 100).toString();

/**
 * The PDF file. `unicodeOf` gives, for each glyph used, the code point it was drawn for
 * (the text that copy and search give back).
 */
export function writePdf(font: TrueTypeFont, pages: readonly PdfPage[], unicodeOf: ReadonlyMap<number, number>, title: string): Buffer {
  const used = new Set<number>();
  for (const page of pages) for (const op of page.ops) if (typeof op !== 'string') op.glyphs.forEach((g) => used.add(g));
  const glyphs = glyphClosure(font, used);
  const { file: fontFile, newId } = subsetTrueType(font, glyphs, unicodeOf);
  const scale = 1000 / font.unitsPerEm;
  const name = `${subsetTag(glyphs)}+${DOCUMENT_FONT_NAME}`;
  const widths = glyphs.map((g) => Math.round(font.advance(g) * scale));
  const toUnicode = [...unicodeOf].filter(([g]) => g !== 0).map(([g, cp]): [number, number] => [newId.get(g)!, cp]);
  toUnicode.sort((a, b) => a[0] - b[0]);

  const objects: Buffer[] = [];
  const add = (body: string) => objects.push(Buffer.from(body, 'latin1'));
  const addStream = (dict: string, data: Buffer) =>
    objects.push(Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));

  const first = 8; // 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 font file, 7 ToUnicode
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${pages.map((_, i) => `${first + i * 2} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  add(`<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 7 0 R >>`);
  add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
      `/FontDescriptor 5 0 R /DW 1000 /W [${widthArray(widths, 1000)}] /CIDToGIDMap /Identity >>`,
  );
  const [x0, y0, x1, y1] = font.bbox.map((v) => Math.round(v * scale)) as [number, number, number, number];
  add(
    `<< /Type /FontDescriptor /FontName /${name} /Flags 4 /FontBBox [${x0} ${y0} ${x1} ${y1}] /ItalicAngle 0 ` +
      `/Ascent ${Math.round(font.ascent * scale)} /Descent ${Math.round(font.descent * scale)} ` +
      `/CapHeight ${Math.round(font.capHeight * scale)} /StemV 80 /FontFile2 6 0 R >>`,
  );
  addStream(`/Filter /FlateDecode /Length1 ${fontFile.length}`, flate(fontFile));
  addStream('/Filter /FlateDecode', flate(Buffer.from(toUnicodeCmap(toUnicode), 'latin1')));
  pages.forEach((page, i) => {
    const content = page.ops.map((op) => (typeof op === 'string' ? op : `<${op.glyphs.map((g) => hex4(newId.get(g)!)).join('')}> Tj`)).join('\n');
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${f(page.width)} ${f(page.height)}] /Resources << /Font << /F1 3 0 R >> >> ` +
        `/Contents ${first + i * 2 + 1} 0 R >>`,
    );
    addStream('/Filter /FlateDecode', flate(Buffer.from(content, 'latin1')));
  });
  add(`<< /Title <FEFF${Buffer.from(title, 'utf16le').swap16().toString('hex').toUpperCase()}> /Producer (Handover Vault) >>`);

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(tail, 'latin1'));
  return Buffer.concat(chunks);
}
