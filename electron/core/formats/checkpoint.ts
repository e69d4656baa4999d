import { createHash } from 'node:crypto';
import { ed25519Sign, ed25519Verify, keyIdHex, type SigningKey } from './minisign';

/**
 * C2SP tlog-checkpoint in the C2SP signed-note form:
 *
 *   <origin>\n<tree size>\n<base64 root>\n[extension lines]\n
 *   \n
 *   — <key name> <base64(key id (4) || Ed25519 signature (64))>\n
 *
 * The signature covers the body including its final newline; key id =
 * SHA-256(name || 0x0A || 0x01 || public key)[:4]. The key name is the origin.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  extensions: string[];
}

export function noteKeyId(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from(`${name}\n`)).update(Buffer.from([0x01])).update(publicKey).digest().subarray(0, 4);
}

/** The verifier key text other signed-note tools take: name+hex(id)+base64(0x01 || key). */
export function noteVerifierKey(name: string, publicKey: Buffer): string {
  return `${name}+${noteKeyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([1]), publicKey]).toString('base64')}`;
}

export function checkpointBody(c: Checkpoint): string {
  if (/[\s+]/.test(c.origin) || !c.origin) throw new TypeError('origin must be non-empty with no spaces or +');
  return `${c.origin}\n${c.size}\n${c.root.toString('base64')}\n${c.extensions.map((e) => `${e}\n`).join('')}`;
}

export function signCheckpoint(c: Checkpoint, key: SigningKey): string {
  const body = checkpointBody(c);
  const sig = ed25519Sign(key, body);
  return `${body}\n\u2014 ${c.origin} ${Buffer.concat([noteKeyId(c.origin, key.publicKey), sig]).toString('base64')}\n`;
}

export type CheckpointVerdict =
  | { ok: true; checkpoint: Checkpoint }
  | { ok: false; reason: 'malformed' | 'no-signature-by-key' | 'bad-signature' };

/** Parses and checks a signed checkpoint against the vault's Ed25519 public key. */
export function verifyCheckpoint(text: string, publicKey: Buffer): CheckpointVerdict {
  const split = text.lastIndexOf('\n\n');
  if (split < 0 || !text.endsWith('\n')) return { ok: false, reason: 'malformed' };
  const body = text.slice(0, split + 1);
  const lines = body.split('\n').slice(0, -1);
  if (lines.length < 3 || !/^\d+$/.test(lines[1]!)) return { ok: false, reason: 'malformed' };
  const root = Buffer.from(lines[2]!, 'base64');
  if (root.length !== 32) return { ok: false, reason: 'malformed' };
  const origin = lines[0]!;
  const checkpoint = { origin, size: Number(lines[1]), root, extensions: lines.slice(3) };
  const wantId = noteKeyId(origin, publicKey);
  for (const line of text.slice(split + 2).split('\n').filter(Boolean)) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) return { ok: false, reason: 'malformed' };
    const raw = Buffer.from(m[2]!, 'base64');
    if (m[1] !== origin || raw.length !== 68 || !raw.subarray(0, 4).equals(wantId)) continue;
    return ed25519Verify(publicKey, body, raw.subarray(4)) ? { ok: true, checkpoint } : { ok: false, reason: 'bad-signature' };
  }
  return { ok: false, reason: 'no-signature-by-key' };
}

/** The checkpoint origin (and signed-note key name): unique per vault, stable across backups. */
export function vaultOrigin(key: { keyId: Buffer }): string {
  return `handover-vault/${keyIdHex(key.keyId)}`;
}
