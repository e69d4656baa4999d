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

/** The header block(s) of an entry: a PAX `path` record first when the name does not fit ustar. */
export function tarHeader(path: string, size: number, mtime = 0): Buffer {
  const dir = path.endsWith('/');
  const parts: Buffer[] = [];
  let name = path;
  if (!fitsUstar(name)) {
    const pax = paxRecord('path', name);
    parts.push(header('PaxHeader', pax.length, 'x', mtime), pax, pad(pax.length));
    name = name.replace(/[^\x20-\x7e]/g, '_').slice(-100);
  }
  parts.push(header(name, dir ? 0 : size, dir ? '5' : '0', mtime));
  return Buffer.concat(parts);
}

/** Zero bytes that bring a body of `size` bytes to a whole block. */
export const tarPadding = pad;

/** Bytes an entry takes in the archive: header(s), body, padding. */

export function tarEntryBytes(e: TarEntry): Buffer[] {
  if (e.path.endsWith('/')) return [tarHeader(e.path, 0, e.mtime ?? 0)];
  return [tarHeader(e.path, e.data!.length, e.mtime ?? 0), e.data!, pad(e.data!.length)];
}

const TAR_END_BYTES = BLOCK * 2;

export function tarEnd(): Buffer {
  return Buffer.alloc(TAR_END_BYTES);
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

type Block = { kind: 'end' } | { kind: 'pax' | 'entry'; size: number; type: string; ustarPath: string };

function parseBlock(h: Buffer): Block {
  if (h.every((b) => b === 0)) return { kind: 'end' };
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  // The checksum field itself is outside the sum: only its one canonical form ("%06o\0 ") is accepted.
  if (h[154] !== 0 || h[155] !== 0x20 || sum !== readOctal(h, 148, 6)) throw new TarError('checksum', 'a header checksum does not match');
  const type = String.fromCharCode(h[156]!);
  const prefix = h.toString('utf8', 345, 500).replace(/\0.*$/s, '');
  const ustarName = h.toString('utf8', 0, 100).replace(/\0.*$/s, '');
  return { kind: type === 'x' ? 'pax' : 'entry', size: readOctal(h, 124, 12), type, ustarPath: prefix ? `${prefix}/${ustarName}` : ustarName };
}

const paxPathOf = (data: Buffer): string | null => {
  let path: string | null = null;
  for (const m of data.toString('utf8').matchAll(/^\d+ ([^=]+)=(.*)$/gm)) if (m[1] === 'path') path = m[2]!;
  return path;
};

/** Checks an entry the way a package needs it, and gives its final name (folders end with "/"). */
class EntryRules {
  private readonly seen = new Set<string>();
  name(block: Exclude<Block, { kind: 'end' }>, paxPath: string | null): string {
    const path = paxPath ?? block.ustarPath;
    if (block.type !== '0' && block.type !== '\0' && block.type !== '5') throw new TarError('unsupported-entry', `${path}: links and special files are not allowed`);
    const name = block.type === '5' && !path.endsWith('/') ? `${path}/` : path;
    if (!isSafePath(name)) throw new TarError('unsafe-path', `${name}: the path would escape the folder`);
    if (this.seen.has(name)) throw new TarError('duplicate', `${name} appears twice`);
    this.seen.add(name);
    return name;
  }
}

export interface TarIndexEntry {
  path: string;
  dir: boolean;
  /** Where the body starts in the archive, and its length. */
  offset: number;
  size: number;
}

/**
 * The entries of an archive read through `read(position, length)` (a file or a
 * buffer), without reading the bodies: regular files and folders, in order.
 * Throws TarError on anything a package must not hold.
 */
export function indexTar(read: (position: number, length: number) => Buffer, total: number): TarIndexEntry[] {
  const out: TarIndexEntry[] = [];
  const rules = new EntryRules();
  let pos = 0;
  let paxPath: string | null = null;
  const zeros = (at: number, n: number) => n <= 0 || read(at, n).every((b) => b === 0);
  for (;;) {
    if (pos + BLOCK > total) throw new TarError('truncated', 'the archive ends inside a header');
    const block = parseBlock(read(pos, BLOCK));
    if (block.kind === 'end') {
      // Strict: the second end block and anything after (a writer's record padding) hold only zeros.
      if (pos + 2 * BLOCK > total) throw new TarError('truncated', 'the archive ends inside its end marker');
      for (let at = pos + BLOCK; at < total; at += 64 * BLOCK) {
        if (!zeros(at, Math.min(64 * BLOCK, total - at))) throw new TarError('checksum', 'data follows the end of the archive');
      }
      return out;
    }
    const body = pos + BLOCK;
    if (body + block.size > total) throw new TarError('truncated', 'the archive ends inside a file');
    const padding = (BLOCK - (block.size % BLOCK)) % BLOCK;
    if (body + block.size + padding > total) throw new TarError('truncated', 'the archive ends inside a file');
    if (!zeros(body + block.size, padding)) throw new TarError('checksum', 'the padding after a file is not zero');
    pos = body + block.size + padding;
    if (block.kind === 'pax') {
      paxPath = paxPathOf(read(body, block.size));
      continue;
    }
    const name = rules.name(block, paxPath);
    paxPath = null;
    out.push({ path: name, dir: block.type === '5', offset: body, size: block.type === '5' ? 0 : block.size });
  }
}

/** Regular files and folders of an archive in memory, in order. */
export function readTar(tar: Buffer): TarEntry[] {
  return indexTar((p, n) => tar.subarray(p, p + n), tar.length).map((e) => (e.dir ? { path: e.path } : { path: e.path, data: Buffer.from(tar.subarray(e.offset, e.offset + e.size)) }));
}

/** Pulls exact byte counts out of a stream of chunks. */
export class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private ended = false;
  constructor(private readonly next: () => Promise<Buffer | null>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.buf.length < n && !this.ended) {
      const c = await this.next();
      if (c === null) this.ended = true;
      else this.buf = this.buf.length ? Buffer.concat([this.buf, c]) : c;
    }
    return this.buf.length >= n;
  }

  async read(n: number): Promise<Buffer | null> {
    if (!(await this.fill(n))) return null;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** `n` bytes as they come, in pieces; null at the end if the stream stops short. */
  async *pieces(n: number): AsyncGenerator<Buffer, void> {
    let left = n;
    while (left > 0) {
      if (!this.buf.length && !(await this.fill(1))) throw new TarError('truncated', 'the archive ends inside a file');
      const take = this.buf.subarray(0, Math.min(left, this.buf.length));
      this.buf = this.buf.subarray(take.length);
      left -= take.length;
      yield take;
    }
  }

  /** True when nothing but zero bytes is left. */
  async restIsZero(): Promise<boolean> {
    for (;;) {
      if (this.buf.some((b) => b !== 0)) return false;
      this.buf = Buffer.alloc(0);
      if (!(await this.fill(1))) return true;
    }
  }
}

/**
 * The entries of an archive that arrives as a stream, in order, with the
 * same rules as `indexTar`. Each entry's body must be consumed (or skipped
 * with `skip`) before asking for the next entry.
 */
export async function* streamTar(reader: ByteReader): AsyncGenerator<{ path: string; dir: boolean; size: number; body: AsyncGenerator<Buffer, void> }, void> {
  const rules = new EntryRules();
  let paxPath: string | null = null;
  for (;;) {
    const h = await reader.read(BLOCK);
    if (!h) throw new TarError('truncated', 'the archive ends inside a header');
    const block = parseBlock(h);
    if (block.kind === 'end') {
      if (!(await reader.restIsZero())) throw new TarError('truncated', 'data follows the end of the archive');
      return;
    }
    const padding = (BLOCK - (block.size % BLOCK)) % BLOCK;
    if (block.kind === 'pax') {
      const data = await reader.read(block.size + padding);
      if (!data) throw new TarError('truncated', 'the archive ends inside a header');
      paxPath = paxPathOf(data.subarray(0, block.size));
      continue;
    }
    const name = rules.name(block, paxPath);
    paxPath = null;
    const size = block.type === '5' ? 0 : block.size;
    let left = size;
    const body = (async function* () {
      for await (const piece of reader.pieces(size)) {
        left -= piece.length;
        yield piece;
      }
    })();
    yield { path: name, dir: block.type === '5', size, body };
    // Whatever the consumer left unread is skipped, then the padding.
    for await (const piece of reader.pieces(left)) void piece;
    if (padding && !(await reader.read(padding))) throw new TarError('truncated', 'the archive ends inside a file');
  }
}
