/** Readers for the icon containers the installers take, enough to check what is inside. */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (PNG spec §11.2.2); throws for anything else. */
export function pngSize(data: Buffer): { width: number; height: number } {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** ICO directory entries (a size byte of 0 means 256), each checked to hold a PNG of that size. */
export function icoEntries(data: Buffer): { size: number }[] {
  if (data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = data.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    const size = data.readUInt8(at) || 256;
    const png = data.subarray(data.readUInt32LE(at + 12), data.readUInt32LE(at + 12) + data.readUInt32LE(at + 8));
    if (pngSize(png).width !== size) throw new Error(`ICO entry ${i} says ${size} px but holds ${pngSize(png).width} px`);
    return { size };
  });
}

/** Pixel size of each PNG-backed ICNS element type. */
const ICNS_PIXELS: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };

/** ICNS elements: 'icns' + length, then type + length (including its 8-byte head) + data. */
export function icnsEntries(data: Buffer): { type: string; pixels: number; data: Buffer }[] {
  if (data.toString('ascii', 0, 4) !== 'icns' || data.readUInt32BE(4) !== data.length) throw new Error('not an ICNS file');
  const out: { type: string; pixels: number; data: Buffer }[] = [];
  for (let at = 8; at < data.length; ) {
    const type = data.toString('ascii', at, at + 4);
    const length = data.readUInt32BE(at + 4);
    out.push({ type, pixels: ICNS_PIXELS[type] ?? 0, data: data.subarray(at + 8, at + length) });
    at += length;
  }
  return out;
}
