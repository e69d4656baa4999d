import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseTrueType, type TrueTypeFont } from './truetype';

/**
 * The one font every PDF the app writes uses: WenQuanYi Micro Hei (Apache-2.0 or GPLv3 with the
 * font-embedding exception; resources/fonts/LICENSE.txt), face 0 of the collection Debian ships as
 * fonts-wqy-microhei, committed unchanged so its SHA-256 can be checked against the package.
 * It covers GB 18030's CJK ideographs and Latin, so every client name is drawn from the document
 * itself, on any machine, years later (README, "The documents the app writes").
 */
export const DOCUMENT_FONT_FILE = 'wqy-microhei.ttc';
/** The PostScript-style name written in the PDF (with the subset tag in front). */
export const DOCUMENT_FONT_NAME = 'WenQuanYiMicroHei';

/** The font from the single-file CLI's assets (scripts/build-sea.mjs), or null outside one. */
function fromSeaAssets(): Buffer | null {
  let sea: typeof import('node:sea');
  try {
    sea = createRequire(__filename)('node:sea') as typeof import('node:sea');
  } catch {
    return null; // a Node without SEA support: certainly not inside one
  }
  // Inside the single executable the font must be an asset: a missing one is a build error, said plainly.
  return sea.isSea() ? Buffer.from(sea.getAsset(`fonts/${DOCUMENT_FONT_FILE}`)) : null;
}

/**
 * resources/fonts/ is found by walking up from this module: electron/core/pdf (sources, vitest),
 * out/cli (the CLI bundle), out/main (the app; inside app.asar once packaged, electron-builder.yml).
 */
export function documentFontPath(from = __dirname): string {
  for (let dir = from, up = 0; up < 6; up++, dir = dirname(dir)) {
    const file = join(dir, 'resources', 'fonts', DOCUMENT_FONT_FILE);
    if (existsSync(file)) return file;
  }
  throw new Error(`The document font resources/fonts/${DOCUMENT_FONT_FILE} is missing from the build (looked up from ${from})`);
}

let loaded: TrueTypeFont | undefined;

/** Parsed once per process: a notice batch of thousands reads the 5 MB file one time. */
export function documentFont(): TrueTypeFont {
  loaded ??= parseTrueType(fromSeaAssets() ?? readFileSync(documentFontPath()), 0);
  return loaded;
}
