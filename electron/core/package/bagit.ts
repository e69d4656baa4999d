import { createHash } from 'node:crypto';
import { isSafePath } from './tar';

/**
 * BagIt 1.0 (RFC 8493) in memory: build a bag from payload files, and verify
 * one: bagit.txt, every payload file listed in manifest-sha256.txt with the
 * right SHA-256 and nothing unlisted, the tag manifest over the tag files,
 * Payload-Oxum, and paths that stay inside the bag. Manifest paths are
 * percent-encoded for %, CR and LF as the RFC asks (section 2.1.3).
 */
export interface BagFile {
  path: string; // relative to the bag root, e.g. data/clients.json
  data: Buffer;
}

export type BagProblem =
  | { reason: 'not-a-bag' | 'bad-declaration' | 'no-manifest'; path?: string }
  | { reason: 'missing' | 'unlisted' | 'checksum' | 'unsafe-path' | 'oxum' | 'tag-checksum'; path: string };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const encodePath = (p: string) => p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const decodePath = (p: string) => p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');

const manifest = (files: BagFile[]) => files.map((f) => `${sha256(f.data)}  ${encodePath(f.path)}\n`).join('');

/** bag-info.txt lines: "Label: value", one per line, values without line breaks. */
function bagInfo(info: [string, string][], payload: BagFile[]): string {
  const bytes = payload.reduce((n, f) => n + f.data.length, 0);
  const lines: [string, string][] = [...info, ['Payload-Oxum', `${bytes}.${payload.length}`]];
  return lines.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

/**
 * The bag's files, tag files first. `payload` paths are relative to data/.
 * Extra tag files (such as a signature of the tag manifest) are added by
 * the caller after the tag manifest.
 */
export function makeBag(payload: { path: string; data: Buffer }[], info: [string, string][]): BagFile[] {
  const data = payload.map((f) => ({ path: `data/${f.path}`, data: f.data }));
  for (const f of data) if (!isSafePath(f.path)) throw new TypeError(`unsafe payload path ${f.path}`);
  const tags: BagFile[] = [
    { path: 'bagit.txt', data: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') },
    { path: 'bag-info.txt', data: Buffer.from(bagInfo(info, data)) },
    { path: 'manifest-sha256.txt', data: Buffer.from(manifest(data)) },
  ];
  return [...tags, { path: 'tagmanifest-sha256.txt', data: Buffer.from(manifest(tags)) }, ...data];
}

function parseManifest(text: string): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = /^([0-9a-fA-F]{64})[ \t]+(.+)$/.exec(line.replace(/\r$/, ''));
    if (!m) return null;
    out.set(decodePath(m[2]!.replace(/^\*/, '')), m[1]!.toLowerCase());
  }
  return out;
}

/** The first problem found, or null when the bag is complete and valid. */
export function verifyBag(files: BagFile[]): BagProblem | null {
  const byPath = new Map(files.map((f) => [f.path, f.data]));
  for (const f of files) if (!isSafePath(f.path)) return { reason: 'unsafe-path', path: f.path };
  const decl = byPath.get('bagit.txt');
  if (!decl) return { reason: 'not-a-bag' };
  if (!/^BagIt-Version: 1\.0\r?\nTag-File-Character-Encoding: UTF-8\r?\n?$/.test(decl.toString('utf8'))) return { reason: 'bad-declaration', path: 'bagit.txt' };
  const m = byPath.get('manifest-sha256.txt');
  const listed = m ? parseManifest(m.toString('utf8')) : null;
  if (!listed) return { reason: 'no-manifest', path: 'manifest-sha256.txt' };
  for (const [path, hash] of listed) {
    if (!isSafePath(path) || !path.startsWith('data/')) return { reason: 'unsafe-path', path };
    const data = byPath.get(path);
    if (!data) return { reason: 'missing', path };
    if (sha256(data) !== hash) return { reason: 'checksum', path };
  }
  for (const f of files) if (f.path.startsWith('data/') && !listed.has(f.path)) return { reason: 'unlisted', path: f.path };
  const tm = byPath.get('tagmanifest-sha256.txt');
  if (tm) {
    const tags = parseManifest(tm.toString('utf8'));
    if (!tags) return { reason: 'no-manifest', path: 'tagmanifest-sha256.txt' };
    for (const [path, hash] of tags) {
      const data = byPath.get(path);
      if (!data) return { reason: 'missing', path };
      if (sha256(data) !== hash) return { reason: 'tag-checksum', path };
    }
  }
  const info = byPath.get('bag-info.txt')?.toString('utf8') ?? '';
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)\s*$/m.exec(info);
  if (oxum) {
    const payload = files.filter((f) => f.path.startsWith('data/'));
    const bytes = payload.reduce((n, f) => n + f.data.length, 0);
    if (Number(oxum[1]) !== bytes || Number(oxum[2]) !== payload.length) return { reason: 'oxum', path: 'bag-info.txt' };
  }
  return null;
}
