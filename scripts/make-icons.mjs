// Renders resources/icon.svg (and icon-16.svg for the two smallest sizes, drawn on a
// 16 px grid so they stay legible) into every size the installers need:
//   resources/icons/<N>x<N>.png   Linux (electron-builder reads the folder), the window icon
//   resources/icon.ico            Windows: PNG-compressed entries 16–256 px (Vista and later)
//   resources/icon.icns           macOS: PNG-backed entries 16–1024 px
// The outputs are committed, so neither CI nor the release workflow needs this script or
// a rasteriser. It uses Chromium (the one the e2e tests use) through playwright-core:
//   node scripts/make-icons.mjs
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const res = join(root, 'resources');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types (Apple's IconFamily.h): PNG data, by pixel size.
const ICNS_TYPES = [['icp4', 16], ['icp5', 32], ['ic11', 32], ['ic12', 64], ['ic07', 128], ['ic08', 256], ['ic13', 256], ['ic09', 512], ['ic14', 512], ['ic10', 1024]];

const svgFor = (size) => readFileSync(join(res, size <= 24 ? 'icon-16.svg' : 'icon.svg'), 'utf8');

async function renderAll() {
  const browser = await chromium.launch({ executablePath: process.env.HANDOVER_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const out = new Map();
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const src = `data:image/svg+xml;base64,${Buffer.from(svgFor(size)).toString('base64')}`;
      await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
      await page.waitForFunction('document.images[0] && document.images[0].complete');
      out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** ICO: ICONDIR, one ICONDIRENTRY per image (0 in the size bytes means 256), then the PNGs. */
function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * ICO_SIZES.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(ICO_SIZES.length, 4);
  let offset = header.length;
  ICO_SIZES.forEach((size, i) => {
    const png = pngs.get(size);
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...ICO_SIZES.map((s) => pngs.get(s))]);
}

/** ICNS: 'icns' and the file length, then per element its type, its length (with the 8-byte head) and the PNG. */
function icns(pngs) {
  const parts = ICNS_TYPES.map(([type, size]) => {
    const png = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const pngs = await renderAll();
mkdirSync(join(res, 'icons'), { recursive: true });
for (const [size, png] of pngs) writeFileSync(join(res, 'icons', `${size}x${size}.png`), png);
writeFileSync(join(res, 'icon.ico'), ico(pngs));
writeFileSync(join(res, 'icon.icns'), icns(pngs));
console.log(`icons written to ${res}: ${SIZES.join(', ')} px, icon.ico, icon.icns`);
