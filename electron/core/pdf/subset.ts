/**
 * A TrueType subset holding only the glyphs a document uses, for embedding as a PDF
 * CIDFontType2 (ISO 32000-1 §9.7.4.2, §9.9: FontFile2). The new glyph ids follow the old
 * ones in ascending order, so the same glyph set always gives the same bytes.
 */
import type { TrueTypeFont } from './truetype';

// Composite glyph flags (OpenType glyf table, "Composite glyph description").
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Each component of a composite glyph: the offset of its glyph id in the outline bytes. */
function components(outline: Buffer): { at: number; glyph: number }[] {
  if (outline.length < 10 || outline.readInt16BE(0) >= 0) return [];
  const found: { at: number; glyph: number }[] = [];
  let p = 10;
  for (;;) {
    const flags = outline.readUInt16BE(p);
    found.push({ at: p + 2, glyph: outline.readUInt16BE(p + 2) });
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
    if (!(flags & MORE_COMPONENTS)) return found;
  }
}

/** The glyphs to keep: .notdef, those given, and every component they are built from; ascending. */
export function glyphClosure(font: TrueTypeFont, glyphs: Iterable<number>): number[] {
  const keep = new Set<number>();
  const todo = [0, ...glyphs];
  while (todo.length) {
    const g = todo.pop()!;
    if (keep.has(g)) continue;
    keep.add(g);
    for (const c of components(font.outline(g))) if (!keep.has(c.glyph)) todo.push(c.glyph);
  }
  return [...keep].sort((a, b) => a - b);
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = data.length % 4 ? Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]) : data;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** An sfnt file from its tables (OpenType "Organization of an OpenType font"), tags in ascending order. */
function writeSfnt(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + count * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(count * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const record = 12 + i * 16;
    header.write(tag, record, 'latin1');
    header.writeUInt32BE(checksum(data), record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(data.length, record + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const file = Buffer.concat([header, ...bodies]);
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA (OpenType head table).
  const headAt = header.readUInt32BE(12 + tags.indexOf('head') * 16 + 8);
  file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headAt + 8);
  return file;
}

/**
 * A format 4 cmap (platform 3, encoding 1) for the BMP characters drawn, one segment each:
 * PDF readers draw by glyph id, but some want the embedded font to carry a cmap of its own.
 */
function unicodeCmap(codePointToGlyph: [number, number][]): Buffer {
  const segments = [...codePointToGlyph.filter(([cp]) => cp < 0xffff).sort((a, b) => a[0] - b[0]), [0xffff, 0] as [number, number]];
  const n = segments.length;
  const subtable = Buffer.alloc(16 + n * 8);
  const entrySelector = Math.floor(Math.log2(n));
  subtable.writeUInt16BE(4, 0);
  subtable.writeUInt16BE(subtable.length, 2);
  subtable.writeUInt16BE(n * 2, 6);
  subtable.writeUInt16BE(2 ** entrySelector * 2, 8);
  subtable.writeUInt16BE(entrySelector, 10);
  subtable.writeUInt16BE(n * 2 - 2 ** entrySelector * 2, 12);
  segments.forEach(([cp, glyph], i) => {
    subtable.writeUInt16BE(cp, 14 + i * 2); // endCode
    subtable.writeUInt16BE(cp, 16 + n * 2 + i * 2); // startCode (after reservedPad)
    // The last segment (0xFFFF) maps to .notdef: a delta of 1 turns 0xFFFF into 0.
    subtable.writeUInt16BE(cp === 0xffff ? 1 : (glyph - cp) & 0xffff, 16 + n * 4 + i * 2); // idDelta
  });
  const header = Buffer.alloc(12);
  header.writeUInt16BE(1, 2); // one encoding record
  header.writeUInt16BE(3, 4);
  header.writeUInt16BE(1, 6);
  header.writeUInt32BE(12, 8);
  return Buffer.concat([header, subtable]);
}

/**
 * The subset font for `glyphs` (as glyphClosure returns them: ascending, with 0), and the
 * new id of each old glyph. Hinting tables are kept as they are; name and OS/2 are copied
 * so viewers show the family; cmap maps the characters drawn; post is version 3 (no glyph names, which a CID font does not use).
 */
export function subsetTrueType(
  font: TrueTypeFont,
  glyphs: readonly number[],
  unicodeOf: ReadonlyMap<number, number>,
): { file: Buffer; newId: Map<number, number> } {
  const newId = new Map(glyphs.map((g, i) => [g, i]));
  const outlines: Buffer[] = [];
  const loca = Buffer.alloc((glyphs.length + 1) * 4);
  const hmtx = Buffer.alloc(glyphs.length * 4);
  let at = 0;
  glyphs.forEach((g, i) => {
    const outline = Buffer.from(font.outline(g));
    for (const c of components(outline)) outline.writeUInt16BE(newId.get(c.glyph)!, c.at);
    const padded = Buffer.concat([outline, Buffer.alloc((4 - (outline.length % 4)) % 4)]);
    loca.writeUInt32BE(at, i * 4);
    outlines.push(padded);
    at += padded.length;
    hmtx.writeUInt16BE(font.advance(g), i * 4);
    // The left side bearing is the glyph's xMin (the font's own hmtx agrees when flag bit 1 of head is set).
    hmtx.writeInt16BE(outline.length >= 10 ? outline.readInt16BE(2) : 0, i * 4 + 2);
  });
  loca.writeUInt32BE(at, glyphs.length * 4);

  const head = Buffer.from(font.table('head')!);
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set by writeSfnt
  head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
  const hhea = Buffer.from(font.table('hhea')!);
  hhea.writeUInt16BE(glyphs.length, 34);
  const maxp = Buffer.from(font.table('maxp')!);
  maxp.writeUInt16BE(glyphs.length, 4);
  const post = Buffer.from(font.table('post')!.subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0);

  const drawn = [...unicodeOf].filter(([g]) => g !== 0 && newId.has(g)).map(([g, cp]): [number, number] => [cp, newId.get(g)!]);
  const tables = new Map<string, Buffer>([
    ['cmap', unicodeCmap(drawn)],
    ['glyf', Buffer.concat(outlines)],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
    ['post', post],
  ]);
  for (const tag of ['cvt ', 'fpgm', 'prep', 'OS/2', 'name']) {
    const t = font.table(tag);
    if (t) tables.set(tag, Buffer.from(t));
  }
  return { file: writeSfnt(tables), newId };
}
