import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documentFont } from '../../electron/core/pdf/document-font';
import { PdfDoc } from '../../electron/core/pdf/pdf';
import { parseTrueType } from '../../electron/core/pdf/truetype';
import { tempDir } from '../helpers/temp';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function notice(name: string): Buffer {
  const doc = new PdfDoc('HV-2026-001 · 客户通知');
  doc.heading('关于客户关系转移的通知 / Notice of transfer');
  doc.text(`尊敬的${name}：贵公司的客户关系将于2026年12月31日转移至买方。`);
  doc.text(`Dear ${name}, We are writing to let you know that your client relationship will be transferred.`);
  doc.row(['客户 Client', '金额 Amount'], [0.5, 0.5], { header: true });
  doc.row([name, '¥1,234.56'], [0.5, 0.5]);
  return doc.toBuffer({ title: 'HV-2026-001 notice' });
}

/** The PDF's objects by number, streams inflated (our writer's layout: `n 0 obj … endobj`). */
function objects(pdf: Buffer): Map<number, { dict: string; stream?: Buffer }> {
  const found = new Map<number, { dict: string; stream?: Buffer }>();
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj\n/g)) {
    const body = m[2]!;
    const at = body.indexOf('\nstream\n');
    if (at < 0) found.set(Number(m[1]), { dict: body });
    else {
      const raw = Buffer.from(body.slice(at + 8, body.length - '\nendstream'.length), 'latin1');
      found.set(Number(m[1]), { dict: body.slice(0, at), stream: Buffer.from(unzlibSync(raw)) });
    }
  }
  return found;
}

/** What copy/search gives back: each page's Tj glyph runs read through the ToUnicode CMap. */
function copiedText(pdf: Buffer): string[] {
  const objs = [...objects(pdf).values()];
  const cmap = objs.find((o) => o.stream?.toString('latin1').includes('beginbfchar'))!.stream!.toString('latin1');
  const toText = new Map([...cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]+)>/g)].map((m) => [m[1]!, Buffer.from(m[2]!, 'hex').swap16().toString('utf16le')]));
  const contents = objs.filter((o) => o.stream && o.dict.includes('FlateDecode') && !o.dict.includes('Length1') && o.stream.includes(' Tj'));
  return contents.flatMap((o) =>
    [...o.stream!.toString('latin1').matchAll(/<([0-9A-F]*)> Tj/g)].map((m) => m[1]!.match(/.{4}/g)?.map((cid) => toText.get(cid) ?? '\uFFFD').join('') ?? ''),
  );
}

function poppler(tool: string, args: string[]): string | null {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

describe('the documents the app writes carry their own Chinese font', () => {
  it('the same notice generated twice is the same file, byte for byte (its SHA-256 can be checked by regenerating it)', () => {
    expect(sha256(notice('上海东方贸易有限公司'))).toBe(sha256(notice('上海东方贸易有限公司')));
    expect(sha256(notice('上海东方贸易有限公司'))).not.toBe(sha256(notice('杭州西湖贸易有限公司')));
    const pdf = notice('朱镕基').toString('latin1');
    expect(pdf).not.toMatch(/CreationDate|ModDate|\/ID/);
  });

  it('embeds a subset of WenQuanYi Micro Hei holding only the glyphs used, drawn exactly as the font draws them', () => {
    const objs = [...objects(notice('东方')).values()];
    const fontFile = objs.find((o) => o.dict.includes('/Length1'))!;
    const subset = parseTrueType(fontFile.stream!);
    const full = documentFont();
    const used = new Set([...'HV-2026-001 · 客户通知关于客户关系转移的通知 / Notice of transfer'].map((c) => c));
    expect(subset.numGlyphs).toBeLessThan(200);
    expect(subset.numGlyphs).toBeGreaterThan(used.size / 2);
    expect(full.numGlyphs).toBeGreaterThan(40_000);
    const cidFont = objs.find((o) => o.dict.includes('/CIDFontType2'))!.dict;
    expect(cidFont).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
    expect(cidFont).toContain('/CIDToGIDMap /Identity');
    // The subset's glyph for 客 is the full font's outline, and 'W' keeps its real advance width.
    const outlines = Array.from({ length: subset.numGlyphs }, (_, g) => subset.outline(g).toString('hex'));
    // (Composite glyphs differ only in their components' renumbered ids, so compare contours count and box.)
    const ke = full.outline(full.glyphFor('客'.codePointAt(0)!));
    const subsetKe = subset.outline(subset.glyphFor('客'.codePointAt(0)!));
    expect(subsetKe.subarray(0, 10).toString('hex')).toBe(ke.subarray(0, 10).toString('hex'));
    expect(subsetKe.length - ke.length).toBeLessThan(4); // (the subset pads each outline to 4 bytes)
    const w = full.outline(full.glyphFor(0x57)).toString('hex');
    expect(outlines.filter((o) => o.startsWith(w))).toHaveLength(1);
    const widths = Array.from({ length: subset.numGlyphs }, (_, g) => subset.advance(g));
    expect(widths).toContain(full.advance(full.glyphFor(0x57)));
  });

  it('copying the text of any line gives it back (Chinese, Latin, punctuation)', () => {
    const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
    const latin = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCodePoint(c));
    const line = fc.array(fc.oneof(cjk, latin, fc.constantFrom('，', '。', '“', '”', '¥', '€', '—')), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(line, (chars) => {
        const text = chars.join('');
        const doc = new PdfDoc();
        doc.textAt(56, 700, text, 10);
        expect(copiedText(doc.toBuffer({ title: 't' }))).toEqual([text]);
      }),
      { numRuns: 60 },
    );
  });

  it('poppler finds the font embedded, gives the text back with English words whole, and renders the page', () => {
    const dir = tempDir();
    const file = join(dir, 'notice.pdf');
    writeFileSync(file, notice('上海东方贸易有限公司'));
    const fonts = poppler('pdffonts', [file]);
    if (fonts === null) return void console.warn('poppler-utils missing: the PDF is checked by the tests above only');
    // name, type "CID TrueType", encoding, then emb / sub / uni all "yes".
    expect(fonts).toMatch(/[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const text = poppler('pdftotext', ['-layout', file, '-'])!;
    expect(text).toContain('尊敬的上海东方贸易有限公司');
    expect(text).toContain('Dear 上海东方贸易有限公司, We are writing to let you know');
    expect(text).not.toMatch(/D ear|W e /);
    poppler('pdftoppm', ['-r', '40', '-png', '-singlefile', file, join(dir, 'page')]);
  });
});
