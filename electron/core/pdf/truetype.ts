/**
 * Reads what the PDF writer needs from a TrueType font (a .ttf, or one face of a .ttc collection):
 * the Unicode -> glyph map, advance widths, vertical metrics and each glyph's outline bytes.
 * Only glyf-outline fonts (OpenType "true" / 0x00010000); CFF fonts are refused, since the
 * subsetter rewrites glyf/loca (OpenType spec, "Recommendations for OpenType fonts").
 */

export interface TrueTypeFont {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly bbox: readonly [number, number, number, number];
  readonly numGlyphs: number;
  /** The glyph for a code point, or 0 (.notdef) if the font has none. */
  glyphFor(codePoint: number): number;
  /** Advance width in font units. */
  advance(glyph: number): number;
  /** The glyph's outline bytes as stored in glyf (empty for a glyph without contours). */
  outline(glyph: number): Buffer;
  /** A table's bytes, or undefined. */
  table(tag: string): Buffer | undefined;
}

export class FontFormatError extends Error {}

function tableDirectory(file: Buffer, offset: number): Map<string, Buffer> {
  const version = file.readUInt32BE(offset);
  if (version !== 0x00010000 && version !== 0x74727565) throw new FontFormatError('not a TrueType (glyf) font');
  const count = file.readUInt16BE(offset + 4);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const record = offset + 12 + i * 16;
    const tag = file.toString('latin1', record, record + 4);
    const start = file.readUInt32BE(record + 8);
    const length = file.readUInt32BE(record + 12);
    if (start + length > file.length) throw new FontFormatError(`table ${tag} runs past the end of the file`);
    tables.set(tag, file.subarray(start, start + length));
  }
  return tables;
}

/** The Unicode cmap: format 12 (full range) if present, else format 4 (BMP). */
function readCmap(cmap: Buffer): Map<number, number> {
  const map = new Map<number, number>();
  const count = cmap.readUInt16BE(2);
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    const format = cmap.readUInt16BE(offset);
    const unicode = (platform === 3 && (encoding === 1 || encoding === 10)) || platform === 0;
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (!best || (format === 12 && best.format !== 12)) best = { offset, format };
  }
  if (!best) throw new FontFormatError('the font has no Unicode cmap');
  const at = best.offset;
  if (best.format === 12) {
    const groups = cmap.readUInt32BE(at + 12);
    for (let g = 0; g < groups; g++) {
      const start = cmap.readUInt32BE(at + 16 + g * 12);
      const end = cmap.readUInt32BE(at + 20 + g * 12);
      const glyph = cmap.readUInt32BE(at + 24 + g * 12);
      for (let c = start; c <= end; c++) map.set(c, glyph + c - start);
    }
    return map;
  }
  const segments = cmap.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = cmap.readUInt16BE(ends + s * 2);
    const start = cmap.readUInt16BE(starts + s * 2);
    const delta = cmap.readInt16BE(deltas + s * 2);
    const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        // The idRangeOffset indexes glyphIdArray relative to its own position (OpenType cmap format 4).
        const index = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
        glyph = cmap.readUInt16BE(index);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

/** Parse face `face` of a .ttc, or the font of a .ttf (face 0). */
export function parseTrueType(file: Buffer, face = 0): TrueTypeFont {
  let offset = 0;
  if (file.toString('latin1', 0, 4) === 'ttcf') {
    const faces = file.readUInt32BE(8);
    if (face >= faces) throw new FontFormatError(`the collection has ${faces} faces`);
    offset = file.readUInt32BE(12 + face * 4);
  }
  const tables = tableDirectory(file, offset);
  const need = (tag: string): Buffer => {
    const t = tables.get(tag);
    if (!t) throw new FontFormatError(`the font has no ${tag} table`);
    return t;
  };
  const head = need('head');
  const hhea = need('hhea');
  const maxp = need('maxp');
  const hmtx = need('hmtx');
  const loca = need('loca');
  const glyf = need('glyf');
  const os2 = tables.get('OS/2');
  const numGlyphs = maxp.readUInt16BE(4);
  const longLoca = head.readInt16BE(50) === 1;
  const metrics = hhea.readUInt16BE(34);
  const unicode = readCmap(need('cmap'));
  const ascent = hhea.readInt16BE(4);
  const locaAt = (g: number) => (longLoca ? loca.readUInt32BE(g * 4) : loca.readUInt16BE(g * 2) * 2);
  return {
    unitsPerEm: head.readUInt16BE(18),
    ascent,
    descent: hhea.readInt16BE(6),
    // OS/2 v2+ has sCapHeight; older fonts: the ascent is the closest honest figure.
    capHeight: os2 && os2.readUInt16BE(0) >= 2 && os2.length >= 90 ? os2.readInt16BE(88) : ascent,
    bbox: [head.readInt16BE(36), head.readInt16BE(38), head.readInt16BE(40), head.readInt16BE(42)],
    numGlyphs,
    glyphFor: (codePoint) => {
      const g = unicode.get(codePoint) ?? 0;
      return g < numGlyphs ? g : 0;
    },
    advance: (glyph) => hmtx.readUInt16BE(Math.min(glyph, metrics - 1) * 4),
    outline: (glyph) => glyf.subarray(locaAt(glyph), locaAt(glyph + 1)),
    table: (tag) => tables.get(tag),
  };
}
