import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

/**
 * The age v1 file format (C2SP age spec), X25519 recipients only — what
 * handover packages use. Decryption is strict as the spec and the C2SP CCTV
 * vectors ask (canonical base64, line lengths, stanza shape, header MAC,
 * STREAM chunking). Not implemented: scrypt recipients, ASCII armor, hybrid
 * post-quantum recipients (their vectors are skipped explicitly in tests).
 */
export type AgeFailure = 'no match' | 'header failure' | 'HMAC failure' | 'payload failure';

export class AgeError extends Error {
  constructor(readonly kind: AgeFailure, message: string, readonly released?: Buffer) {
    super(message);
    this.name = 'AgeError';
  }
}

const VERSION_LINE = 'age-encryption.org/v1';
const X25519_INFO = 'age-encryption.org/v1/X25519';
const CHUNK = 64 * 1024;
const TAG = 16;

// ---- bech32 (BIP 173), for age1… recipients and AGE-SECRET-KEY-1… identities ----
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i]!;
  }
  return chk >>> 0;
}

const hrpExpand = (hrp: string) => [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];

function convertBits(data: ArrayLike<number>, from: number, to: number, pad: boolean): number[] | null {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const max = (1 << to) - 1;
  for (let i = 0; i < data.length; i++) {
    acc = (acc << from) | data[i]!;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & max);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & max);
  } else if (bits >= from || ((acc << (to - bits)) & max) !== 0) {
    return null;
  }
  return out;
}

export function bech32Encode(hrp: string, data: Uint8Array): string {
  const words = convertBits(data, 8, 5, true)!;
  const chk = polymod([...hrpExpand(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (chk >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
}

export function bech32Decode(text: string): { hrp: string; data: Buffer } | null {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return null;
  const s = text.toLowerCase();
  const pos = s.lastIndexOf('1');
  if (pos < 1 || pos + 7 > s.length) return null;
  const hrp = s.slice(0, pos);
  const words: number[] = [];
  for (const c of s.slice(pos + 1)) {
    const v = CHARSET.indexOf(c);
    if (v < 0) return null;
    words.push(v);
  }
  if (polymod([...hrpExpand(hrp), ...words]) !== 1) return null;
  const bytes = convertBits(words.slice(0, -6), 5, 8, false);
  return bytes ? { hrp, data: Buffer.from(bytes) } : null;
}

// ---- X25519 keys ----
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

const privateKeyObject = (secret: Buffer): KeyObject => createPrivateKey({ key: Buffer.concat([PKCS8_X25519, secret]), format: 'der', type: 'pkcs8' });
const publicKeyObject = (pub: Buffer): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_X25519, pub]), format: 'der', type: 'spki' });
const rawPublic = (key: KeyObject): Buffer => (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_X25519.length);

export interface AgeIdentity {
  secret: Buffer; // 32 bytes
  publicKey: Buffer; // 32 bytes
}

export function generateIdentity(): AgeIdentity {
  const { privateKey } = generateKeyPairSync('x25519');
  const secret = (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).subarray(PKCS8_X25519.length);
  return { secret: Buffer.from(secret), publicKey: rawPublic(createPublicKey(privateKey)) };
}

export function identityFromSecret(secret: Buffer): AgeIdentity {
  return { secret, publicKey: rawPublic(createPublicKey(privateKeyObject(secret))) };
}

export function formatRecipient(publicKey: Buffer): string {
  return bech32Encode('age', publicKey);
}

export function formatIdentity(secret: Buffer): string {
  return bech32Encode('age-secret-key-', secret).toUpperCase();
}

export function parseRecipient(text: string): Buffer | null {
  const d = bech32Decode(text.trim());
  return d && d.hrp === 'age' && d.data.length === 32 && text.trim() === text.trim().toLowerCase() ? d.data : null;
}

/** An identity line (`AGE-SECRET-KEY-1…`), or the first such line of an age-keygen key file. */
export function parseIdentity(text: string): AgeIdentity | null {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.startsWith('AGE-SECRET-KEY-1'));
  const d = line ? bech32Decode(line) : null;
  return d && d.hrp === 'age-secret-key-' && d.data.length === 32 ? identityFromSecret(d.data) : null;
}

// ---- header ----
const B64 = /^[A-Za-z0-9+/]*$/;

/** Unpadded, canonical base64, as the spec requires everywhere in the header. */
function b64decode(s: string): Buffer | null {
  if (!B64.test(s) || s.length % 4 === 1) return null;
  const buf = Buffer.from(s, 'base64');
  return buf.toString('base64').replace(/=+$/, '') === s ? buf : null;
}
const b64encode = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

interface Stanza {
  type: string;
  args: string[];
  body: Buffer;
}

interface Header {
  stanzas: Stanza[];
  /** Header bytes up to and including "---", which the MAC covers. */
  macInput: Buffer;
  mac: Buffer;
  /** Offset of the payload (after the header's final newline). */
  end: number;
}

const headerFail = (why: string): never => {
  throw new AgeError('header failure', why);
};

function readLine(data: Buffer, at: number): { line: string; next: number } {
  const nl = data.indexOf(10, at);
  if (nl < 0) headerFail('the header ends without a newline');
  const raw = data.subarray(at, nl);
  for (const b of raw) if (b < 0x20 || b > 0x7e) headerFail('the header holds a byte that is not printable ASCII');
  return { line: raw.toString('latin1'), next: nl + 1 };
}

function parseHeader(data: Buffer): Header {
  let { line, next } = readLine(data, 0);
  if (line !== VERSION_LINE) headerFail('not an age v1 file');
  const stanzas: Stanza[] = [];
  for (;;) {
    const lineStart = next;
    ({ line, next } = readLine(data, next));
    if (line.startsWith('--- ')) {
      const mac = b64decode(line.slice(4));
      if (!mac || mac.length !== 32) headerFail('the header MAC is malformed');
      return { stanzas, macInput: data.subarray(0, lineStart + 3), mac: mac!, end: next };
    }
    if (!line.startsWith('-> ')) headerFail('a stanza must start with "-> "');
    const args = line.slice(3).split(' ');
    if (args.some((a) => a.length === 0)) headerFail('a stanza has an empty argument');
    const [type, ...rest] = args;
    const chunks: Buffer[] = [];
    for (;;) {
      ({ line, next } = readLine(data, next));
      if (line.length > 64) headerFail('a stanza body line is longer than 64 columns');
      const part = b64decode(line);
      if (!part) headerFail('a stanza body is not canonical base64');
      chunks.push(part!);
      if (line.length < 64) break;
    }
    stanzas.push({ type: type!, args: rest, body: Buffer.concat(chunks) });
  }
}

function hkdf(ikm: Buffer, salt: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}

function aeadOpen(key: Buffer, nonce: Buffer, sealed: Buffer): Buffer | null {
  if (sealed.length < TAG) return null;
  const d = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
  } catch {
    return null;
  }
}

function aeadSeal(key: Buffer, nonce: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

const ZERO_NONCE = Buffer.alloc(12);

/** The file key from an X25519 stanza addressed to `id`, null when it is someone else's. */
function unwrapX25519(stanza: Stanza, id: AgeIdentity): Buffer | null {
  if (stanza.args.length !== 1) headerFail('an X25519 stanza takes exactly one argument');
  const share = b64decode(stanza.args[0]!);
  if (!share || share.length !== 32) headerFail('the X25519 share is not 32 bytes of canonical base64');
  if (stanza.body.length !== 32) headerFail('the X25519 stanza body is not a 16-byte file key');
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: privateKeyObject(id.secret), publicKey: publicKeyObject(share!) });
  } catch {
    return headerFail('the X25519 share is a low-order point');
  }
  if (shared.every((b) => b === 0)) headerFail('the X25519 shared secret is all zeros');
  const key = hkdf(shared, Buffer.concat([share!, id.publicKey]), X25519_INFO);
  return aeadOpen(key, ZERO_NONCE, stanza.body);
}

export interface AgeHeaderInfo {
  recipients: number;
  types: string[];
}

/** What the header says before any key is tried: how many stanzas of which types. */
export function inspectHeader(data: Buffer): AgeHeaderInfo {
  const h = parseHeader(data);
  return { recipients: h.stanzas.length, types: h.stanzas.map((s) => s.type) };
}

/**
 * The payload key of an age file, from its header (`head` holds at least the
 * header and the 16-byte nonce): the first stanza that one of `identities`
 * opens, checked against the header MAC. `payloadStart` is where the STREAM
 * chunks begin.
 */
export function openHeader(head: Buffer, identities: AgeIdentity[]): { payloadKey: Buffer; payloadStart: number } {
  const h = parseHeader(head);
  let fileKey: Buffer | null = null;
  for (const s of h.stanzas) {
    if (s.type !== 'X25519') continue;
    for (const id of identities) {
      const k = unwrapX25519(s, id);
      if (k) {
        if (k.length !== 16) headerFail('the file key is not 16 bytes');
        fileKey = k;
        break;
      }
    }
    if (fileKey) break;
  }
  if (!fileKey) throw new AgeError('no match', 'none of the recipients is one of our identities');
  const mac = createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header')).update(h.macInput).digest();
  if (!timingSafeEqual(mac, h.mac)) throw new AgeError('HMAC failure', 'the header MAC does not match');
  if (head.length < h.end + 16) headerFail('the payload nonce is missing');
  return { payloadKey: hkdf(fileKey, head.subarray(h.end, h.end + 16), 'payload'), payloadStart: h.end + 16 };
}

/**
 * Decrypt a whole age file. On a payload failure the error carries the
 * plaintext released before it (every chunk that authenticated), as the CCTV
 * vectors describe; callers must still treat the result as failed.
 */
export function decrypt(data: Buffer, identities: AgeIdentity[]): Buffer {
  const { payloadKey, payloadStart } = openHeader(data, identities);
  const opener = new ChunkOpener(payloadKey, data.length - payloadStart);
  const out: Buffer[] = [];
  try {
    while (!opener.done) out.push(opener.open(data.subarray(payloadStart + opener.position, payloadStart + opener.position + opener.nextLength)));
  } catch (err) {
    if (err instanceof AgeError) throw new AgeError(err.kind, err.message, Buffer.concat(err.released ? [...out, err.released] : out));
    throw err;
  }
  return Buffer.concat(out);
}

function chunkNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

export const AGE_CHUNK = CHUNK;
export const AGE_TAG = TAG;

/**
 * STREAM decryption one chunk at a time, for a payload whose length is known
 * (a file, or a tar entry), as age's reference reader does it: a short chunk
 * must be the final one; a full chunk is tried as a middle chunk first and
 * then as the final one, and nothing may follow the final chunk. The caller
 * hands in `nextLength` bytes at `position` until `done`; every chunk it gets
 * back has authenticated.
 */
export class ChunkOpener {
  private counter = 0;
  position = 0;
  done = false;

  constructor(private readonly key: Buffer, private readonly length: number) {
    if (length === 0) throw new AgeError('payload failure', 'the payload has no chunks');
  }

  get nextLength(): number {
    return Math.min(CHUNK + TAG, this.length - this.position);
  }

  open(sealed: Buffer): Buffer {
    const fail = (why: string): never => {
      throw new AgeError('payload failure', why);
    };
    if (this.done || sealed.length !== this.nextLength) throw new TypeError('ChunkOpener: wrong chunk length');
    const counter = this.counter++;
    this.position += sealed.length;
    const atEnd = this.position === this.length;
    if (sealed.length < CHUNK + TAG) {
      const plain = aeadOpen(this.key, chunkNonce(counter, true), sealed);
      if (!plain) fail(`the final chunk ${counter} does not authenticate`);
      if (plain!.length === 0 && counter > 0) fail('the final chunk is empty');
      this.done = true;
      return plain!;
    }
    const middle = aeadOpen(this.key, chunkNonce(counter, false), sealed);
    if (middle) {
      if (atEnd) throw new AgeError('payload failure', 'the payload ends without a final chunk', middle);
      return middle;
    }
    const final = aeadOpen(this.key, chunkNonce(counter, true), sealed);
    if (!final) fail(`chunk ${counter} does not authenticate`);
    if (!atEnd) throw new AgeError('payload failure', 'data follows the final chunk', final!);
    this.done = true;
    return final!;
  }
}

/** Where a stream's full chunks are sealed elsewhere (a worker thread): the payload key, and the counter of the first. */
export interface SealPlan {
  key: Buffer;
  counter: number;
  /** Plaintext bytes before the first chunk sealed elsewhere (they complete the chunk being filled). */
  head: number;
  chunks: number;
}

/**
 * Encryption to X25519 recipients (32-byte public keys), one chunk at a time:
 * `header` (with the payload nonce) comes first, then `seal` of each 64 KiB
 * chunk in order, the last one (possibly short, empty only if it is the only
 * one) marked `last`.
 */
export class AgeWriter {
  readonly header: Buffer;
  private readonly key: Buffer;
  private counter = 0;
  private finished = false;

  constructor(recipients: Buffer[]) {
    if (recipients.length === 0) throw new TypeError('age: at least one recipient');
    const fileKey = randomBytes(16);
    const lines = [VERSION_LINE];
    for (const r of recipients) {
      const eph = generateIdentity();
      const shared = diffieHellman({ privateKey: privateKeyObject(eph.secret), publicKey: publicKeyObject(r) });
      const wrapKey = hkdf(shared, Buffer.concat([eph.publicKey, r]), X25519_INFO);
      const body = b64encode(aeadSeal(wrapKey, ZERO_NONCE, fileKey));
      lines.push(`-> X25519 ${b64encode(eph.publicKey)}`);
      // Body lines of 64 columns, always ending with a short (possibly empty) line.
      for (let i = 0; i <= body.length; i += 64) lines.push(body.slice(i, i + 64));
    }
    const macInput = Buffer.from(`${lines.join('\n')}\n---`);
    const mac = createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header')).update(macInput).digest();
    const nonce = randomBytes(16);
    this.key = hkdf(fileKey, nonce, 'payload');
    this.header = Buffer.concat([macInput, Buffer.from(` ${b64encode(mac)}\n`), nonce]);
  }

  /** The counter of the next chunk this writer seals. */
  get nextChunk(): number {
    return this.counter;
  }

  /**
   * Full chunks sealed elsewhere (a worker thread, with `payloadKey()` and
   * the counters from `nextChunk` on) take their places in the stream: the
   * counter moves past them. They are never the last chunk.
   */
  sealedElsewhere(chunks: number): void {
    if (this.finished) throw new TypeError('age: the final chunk was already sealed');
    this.counter += chunks;
  }

  /** A copy of the payload key, for a thread that seals chunks of this stream. */
  payloadKey(): Buffer {
    return Buffer.from(this.key);
  }

  seal(plain: Buffer, last: boolean): Buffer {
    if (this.finished) throw new TypeError('age: the final chunk was already sealed');
    if (plain.length > CHUNK || (!last && plain.length !== CHUNK)) throw new TypeError('age: chunks are 64 KiB except the last');
    this.finished = last;
    return aeadSeal(this.key, chunkNonce(this.counter++, last), plain);
  }
}

/** Encrypt a whole buffer to X25519 recipients. */
export function encrypt(plain: Buffer, recipients: Buffer[]): Buffer {
  const w = new AgeWriter(recipients);
  const chunks = Math.max(1, Math.ceil(plain.length / CHUNK));
  const parts = [w.header];
  for (let i = 0; i < chunks; i++) parts.push(w.seal(plain.subarray(i * CHUNK, (i + 1) * CHUNK), i === chunks - 1));
  return Buffer.concat(parts);
}
