/**
 * A small POSIX ustar writer and a strict reader, enough for handover
 * packages (a tar of regular files and folders that `tar -xf` opens). Names
 * that do not fit ustar (longer than 100 bytes, or not ASCII such as Chinese
 * document names) get a PAX `path` record, which GNU tar, bsdtar and Go read.
 * The reader refuses what a package never holds: links, devices, names that
 * escape the target (`..`, absolute, `~`), duplicates, bad checksums.
 */
export interface TarEntry {
  path: string;
  /** Omitted for a folder (path ends with "/"). */
  data?: Buffer;
  mtime?: number; // seconds
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, type: '0' | '5' | 'x', mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(type === '5' ? 0o755 : 0o644, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(mtime, 12), 136, 'latin1');
  h.fill(0x20, 148, 156); // checksum is computed with the field as spaces
  h.write(type, 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

const pad = (n: number) => Buffer.alloc((BLOCK - (n % BLOCK)) % BLOCK);

/** One PAX record: "<len> path=<value>\n", where <len> counts itself. */
function paxRecord(key: string, value: string): Buffer {
  const bodyBytes = Buffer.byteLength(` ${key}=${value}\n`);
  let len = bodyBytes + 1;
  while (String(len).length + bodyBytes !== len) len = String(len).length + bodyBytes;
  return Buffer.from(`${len} ${key}=${value}\n`);
}

const fitsUstar = (name: string) => Buffer.byteLength(name) <= 100 && /^[\x20-\x7e]*$/.test(name);

export function tarEntryBytes(e: TarEntry): Buffer[] {
  const dir = e.path.endsWith('/');
  const size = dir ? 0 : e.data!.length;
  const mtime = e.mtime ?? 0;
  const parts: Buffer[] = [];
  let name = e.path;
  if (!fitsUstar(name)) {
    const pax = paxRecord('path', name);
    parts.push(header('PaxHeader', pax.length, 'x', mtime), pax, pad(pax.length));
    name = name.replace(/[^\x20-\x7e]/g, '_').slice(-100);
  }
  parts.push(header(name, size, dir ? '5' : '0', mtime));
  if (!dir) parts.push(e.data!, pad(size));
  return parts;
}

export function tarEnd(): Buffer {
  return Buffer.alloc(BLOCK * 2);
}

export function writeTar(entries: TarEntry[]): Buffer {
  return Buffer.concat([...entries.flatMap(tarEntryBytes), tarEnd()]);
}

export class TarError extends Error {
  constructor(readonly reason: 'truncated' | 'checksum' | 'unsupported-entry' | 'unsafe-path' | 'duplicate', message: string) {
    super(message);
    this.name = 'TarError';
  }
}

/** A name that stays inside the folder it is extracted into. */
export function isSafePath(path: string): boolean {
  if (!path || path.startsWith('/') || path.startsWith('~') || /^[A-Za-z]:/.test(path) || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((seg, i, all) => seg !== '..' && seg !== '.' && (seg !== '' || i === all.length - 1));
}

function readOctal(h: Buffer, at: number, len: number): number {
  const s = h.toString('latin1', at, at + len).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]*$/.test(s)) throw new TarError('checksum', 'a numeric field is not octal');
  return s ? parseInt(s, 8) : 0;
}

/** Regular files and folders, in order; throws TarError on anything a package must not hold. */
export function readTar(tar: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  const seen = new Set<string>();
  let pos = 0;
  let paxPath: string | null = null;
  for (;;) {
    if (pos + BLOCK > tar.length) throw new TarError('truncated', 'the archive ends inside a header');
    const h = tar.subarray(pos, pos + BLOCK);
    if (h.every((b) => b === 0)) return out;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
    if (sum !== readOctal(h, 148, 8)) throw new TarError('checksum', 'a header checksum does not match');
    const size = readOctal(h, 124, 12);
    const type = String.fromCharCode(h[156]!);
    const body = pos + BLOCK;
    if (body + size > tar.length) throw new TarError('truncated', 'the archive ends inside a file');
    const data = tar.subarray(body, body + size);
    pos = body + size + ((BLOCK - (size % BLOCK)) % BLOCK);
    if (type === 'x') {
      for (const m of data.toString('utf8').matchAll(/^\d+ ([^=]+)=(.*)$/gm)) if (m[1] === 'path') paxPath = m[2]!;
      continue;
    }
    const prefix = h.toString('utf8', 345, 500).replace(/\0.*$/s, '');
    const ustarName = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const path = paxPath ?? (prefix ? `${prefix}/${ustarName}` : ustarName);
    paxPath = null;
    if (type !== '0' && type !== '\0' && type !== '5') throw new TarError('unsupported-entry', `${path}: links and special files are not allowed`);
    const name = type === '5' && !path.endsWith('/') ? `${path}/` : path;
    if (!isSafePath(name)) throw new TarError('unsafe-path', `${name}: the path would escape the folder`);
    if (seen.has(name)) throw new TarError('duplicate', `${name} appears twice`);
    seen.add(name);
    out.push(type === '5' ? { path: name } : { path: name, data: Buffer.from(data) });
  }
}
