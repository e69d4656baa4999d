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

/** A file of the bag known by its size and SHA-256 (its bytes may live elsewhere, e.g. in the vault). */
export interface BagFileInfo {
  path: string;
  size: number;
  sha256: string;
}

const manifest = (files: BagFileInfo[]) => files.map((f) => `${f.sha256}  ${encodePath(f.path)}\n`).join('');
const infoOf = (f: BagFile): BagFileInfo => ({ path: f.path, size: f.data.length, sha256: sha256(f.data) });

/** bag-info.txt lines: "Label: value", one per line, values without line breaks. */
function bagInfo(info: [string, string][], payload: BagFileInfo[]): string {
  const bytes = payload.reduce((n, f) => n + f.size, 0);
  const lines: [string, string][] = [...info, ['Payload-Oxum', `${bytes}.${payload.length}`]];
  return lines.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

/**
 * The tag files of a bag whose payload files are known by size and SHA-256
 * (paths relative to the bag root, under data/): bagit.txt, bag-info.txt,
 * the manifest, and last the tag manifest over the other three.
 */
export function makeBagTags(payload: BagFileInfo[], info: [string, string][]): BagFile[] {
  for (const f of payload) if (!isSafePath(f.path) || !f.path.startsWith('data/')) throw new TypeError(`unsafe payload path ${f.path}`);
  const tags: BagFile[] = [
    { path: 'bagit.txt', data: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') },
    { path: 'bag-info.txt', data: Buffer.from(bagInfo(info, payload)) },
    { path: 'manifest-sha256.txt', data: Buffer.from(manifest(payload)) },
  ];
  return [...tags, { path: 'tagmanifest-sha256.txt', data: Buffer.from(manifest(tags.map(infoOf))) }];
}

/**
 * A whole bag in memory, tag files first. `payload` paths are relative to
 * data/. Extra tag files (such as a signature of the tag manifest) are added
 * by the caller after the tag manifest.
 */
export function makeBag(payload: { path: string; data: Buffer }[], info: [string, string][]): BagFile[] {
  const data = payload.map((f) => ({ path: `data/${f.path}`, data: f.data }));
  return [...makeBagTags(data.map(infoOf), info), ...data];
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
  return verifyBagInfos(files.filter((f) => f.path.startsWith('data/')).map(infoOf), files.filter((f) => !f.path.startsWith('data/')));
}

/**
 * The same check for a bag read as a stream: the payload files by the size
 * and SHA-256 measured while they went by, the tag files in memory.
 */
export function verifyBagInfos(payload: BagFileInfo[], tagFiles: BagFile[]): BagProblem | null {
  const tagsByPath = new Map(tagFiles.map((f) => [f.path, f.data]));
  const payloadByPath = new Map(payload.map((f) => [f.path, f]));
  for (const f of [...tagFiles, ...payload]) if (!isSafePath(f.path)) return { reason: 'unsafe-path', path: f.path };
  const decl = tagsByPath.get('bagit.txt');
  if (!decl) return { reason: 'not-a-bag' };
  if (!/^BagIt-Version: 1\.0\r?\nTag-File-Character-Encoding: UTF-8\r?\n?$/.test(decl.toString('utf8'))) return { reason: 'bad-declaration', path: 'bagit.txt' };
  const m = tagsByPath.get('manifest-sha256.txt');
  const listed = m ? parseManifest(m.toString('utf8')) : null;
  if (!listed) return { reason: 'no-manifest', path: 'manifest-sha256.txt' };
  for (const [path, hash] of listed) {
    if (!isSafePath(path) || !path.startsWith('data/')) return { reason: 'unsafe-path', path };
    const f = payloadByPath.get(path);
    if (!f) return { reason: 'missing', path };
    if (f.sha256 !== hash) return { reason: 'checksum', path };
  }
  for (const f of payload) if (!listed.has(f.path)) return { reason: 'unlisted', path: f.path };
  const tm = tagsByPath.get('tagmanifest-sha256.txt');
  if (tm) {
    const tags = parseManifest(tm.toString('utf8'));
    if (!tags) return { reason: 'no-manifest', path: 'tagmanifest-sha256.txt' };
    for (const [path, hash] of tags) {
      const data = tagsByPath.get(path);
      if (!data) return { reason: 'missing', path };
      if (sha256(data) !== hash) return { reason: 'tag-checksum', path };
    }
  }
  const info = tagsByPath.get('bag-info.txt')?.toString('utf8') ?? '';
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)\s*$/m.exec(info);
  if (oxum) {
    const bytes = payload.reduce((n, f) => n + f.size, 0);
    if (Number(oxum[1]) !== bytes || Number(oxum[2]) !== payload.length) return { reason: 'oxum', path: 'bag-info.txt' };
  }
  return null;
}
