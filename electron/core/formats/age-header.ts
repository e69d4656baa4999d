import { createHmac, diffieHellman, randomBytes, timingSafeEqual } from 'node:crypto';
import { generateIdentity, privateKeyObject, publicKeyObject, type AgeIdentity } from './age-keys';
import { aeadOpen, aeadSeal, AgeError, hkdf, ZERO_NONCE } from './age-primitives';

/**
 * The age v1 header (C2SP age spec §"Header"): the version line, one X25519
 * stanza per recipient wrapping the file key, and the header MAC; then the
 * 16-byte payload nonce. Read strictly, as the spec and the CCTV vectors ask
 * (canonical base64, line lengths, stanza shape, header MAC).
 */
const VERSION_LINE = 'age-encryption.org/v1';
const X25519_INFO = 'age-encryption.org/v1/X25519';

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
 * A header to X25519 recipients (32-byte public keys) for a fresh file key,
 * with the payload nonce after it, and the payload key they make.
 */
export function writeHeader(recipients: Buffer[]): { header: Buffer; payloadKey: Buffer } {
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
  return { header: Buffer.concat([macInput, Buffer.from(` ${b64encode(mac)}\n`), nonce]), payloadKey: hkdf(fileKey, nonce, 'payload') };
}
