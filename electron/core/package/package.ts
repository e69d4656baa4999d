import { createHash, randomUUID } from 'node:crypto';
import { decrypt, encrypt, formatRecipient, inspectHeader, AgeError, type AgeIdentity } from '../crypto/age';
import {
  blake2b512, fingerprint, formatPublicKey, keyIdHex, parsePublicKey, parseSignature, signDigest, verifyParsed, type PublicKey, type SigningKey,
} from '../crypto/minisign';
import { verifyBag, type BagFile, type BagProblem } from './bagit';
import { readTar, TarError, writeTar } from './tar';

/**
 * The handover package (DESIGN.md §5), in memory: a plain tar of README.txt,
 * sender.pub, payload.tar.age (age v1 to the recipients' X25519 keys) and its
 * minisign signature, whose trusted comment names the package, the handover,
 * the time and the recipients. Inside the payload, a BagIt bag in one folder,
 * with a minisign signature of its tag manifest. Everything is checked before
 * decryption where it can be, and before anything is returned after it.
 */
export const PACKAGE_FORMAT = 1;
const FILES = { readme: 'README.txt', sender: 'sender.pub', payload: 'payload.tar.age', signature: 'payload.tar.age.minisig' } as const;

export interface PackageMeta {
  packageId: string;
  handoverId: string;
  created: string; // ISO time
  recipients: string[]; // age1… of each recipient
}

export type PackageRefusal =
  | 'not-a-package' | 'unsupported-version' | 'wrong-signer' | 'bad-signature' | 'comment-edited'
  | 'not-for-us' | 'ciphertext-damaged' | 'bag-invalid' | 'unsafe-path' | 'unlisted-file';

export class PackageError extends Error {
  constructor(readonly reason: PackageRefusal, message: string, readonly detail?: string) {
    super(message);
    this.name = 'PackageError';
  }
}

const refuse = (reason: PackageRefusal, message: string, detail?: string): never => {
  throw new PackageError(reason, message, detail);
};

/** Recipient fingerprint for the trusted comment: first 16 hex of SHA-256 of the X25519 key. */
export const recipientFingerprint = (publicKey: Buffer) => createHash('sha256').update(publicKey).digest('hex').slice(0, 16);

function trustedComment(m: PackageMeta, recipientKeys: Buffer[]): string {
  return `handover-package format=${PACKAGE_FORMAT} id=${m.packageId} handover=${m.handoverId} created=${m.created} recipients=${recipientKeys.map(recipientFingerprint).join(',')}`;
}

function parseComment(text: string): Record<string, string> | null {
  if (!text.startsWith('handover-package ')) return null;
  return Object.fromEntries(text.split(' ').slice(1).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

function readme(m: PackageMeta, senderFp: string): string {
  return `Handover package ${m.packageId} / 交接包 ${m.packageId}
Handover / 交接: ${m.handoverId}    Created / 创建时间: ${m.created}
Sender key fingerprint / 发送方密钥指纹: ${senderFp}  (compare it by phone or in person / 请电话或当面核对)

Verify, then open, with standard tools / 用标准工具先验证再打开:
  minisign -Vm payload.tar.age -p sender.pub
  age -d -i key.txt payload.tar.age | tar -x
  cd ${m.packageId} && sha256sum --strict -c manifest-sha256.txt
Or / 或: handover package verify FILE.handover --sender-key sender.pub
         handover package open FILE.handover --identity key.txt --out DIR
`;
}

/** Build a package from a bag (files relative to the bag root). */
export function writePackage(bag: BagFile[], recipients: Buffer[], key: SigningKey, meta: Omit<PackageMeta, 'recipients' | 'packageId'> & { packageId?: string }): { bytes: Buffer; meta: PackageMeta; payloadSha256: string } {
  const m: PackageMeta = { ...meta, packageId: meta.packageId ?? randomUUID(), recipients: recipients.map(formatRecipient) };
  const comment = trustedComment(m, recipients);
  const tagManifest = bag.find((f) => f.path === 'tagmanifest-sha256.txt');
  if (!tagManifest) throw new TypeError('the bag has no tag manifest');
  const tagSig = signDigest(key, blake2b512(tagManifest.data), comment);
  const inner = writeTar([...bag, { path: 'tagmanifest-sha256.txt.minisig', data: Buffer.from(tagSig) }].map((f) => ({ path: `${m.packageId}/${f.path}`, data: f.data })));
  const payload = encrypt(inner, recipients);
  const outer = writeTar([
    { path: FILES.readme, data: Buffer.from(readme(m, fingerprint(key.publicKey))) },
    { path: FILES.sender, data: Buffer.from(formatPublicKey(key)) },
    { path: FILES.payload, data: payload },
    { path: FILES.signature, data: Buffer.from(signDigest(key, blake2b512(payload), comment, `signature from handover vault key ${keyIdHex(key.keyId)}`)) },
  ]);
  return { bytes: outer, meta: m, payloadSha256: createHash('sha256').update(payload).digest('hex') };
}

export interface PackageInfo {
  packageId: string;
  handoverId: string;
  created: string;
  recipientFingerprints: string[];
  recipientCount: number;
  senderFingerprint: string;
  senderKeyConfirmed: boolean;
  payloadSha256: string;
  payloadBytes: number;
}

/** Everything that can be checked before decrypting: signer, signature, trusted comment, version, recipients. */
export function inspectPackage(bytes: Buffer, senderKeyText?: string): { info: PackageInfo; sender: PublicKey; payload: Buffer } {
  let entries;
  try {
    entries = readTar(bytes);
  } catch (err) {
    if (err instanceof TarError && err.reason === 'unsafe-path') refuse('unsafe-path', 'The package holds a path that escapes its folder', err.message);
    return refuse('not-a-package', 'This is not a handover package (not a readable tar)');
  }
  const get = (name: string) => entries.find((e) => e.path === name)?.data;
  const payload = get(FILES.payload);
  const sigText = get(FILES.signature)?.toString('utf8');
  const shipped = get(FILES.sender)?.toString('utf8');
  if (!payload || !sigText || !shipped) return refuse('not-a-package', 'This is not a handover package (files are missing)');
  const sender = (() => {
    try {
      return parsePublicKey(senderKeyText ?? shipped);
    } catch {
      return refuse('not-a-package', 'The sender key cannot be read');
    }
  })();
  if (senderKeyText !== undefined && parsePublicKey(shipped).publicKey.compare(sender.publicKey) !== 0) {
    refuse('wrong-signer', 'The package was signed by another key than the one you hold for this sender');
  }
  let verdict;
  try {
    verdict = verifyParsed(sender, parseSignature(sigText), { digest: blake2b512(payload) });
  } catch {
    return refuse('bad-signature', 'The package signature cannot be read');
  }
  if (!verdict.ok) {
    if (verdict.reason === 'wrong-key') refuse('wrong-signer', 'The package was signed by an unknown key');
    if (verdict.reason === 'comment-mismatch') refuse('comment-edited', 'The signed description of the package (trusted comment) was changed');
    refuse('bad-signature', 'The signature does not match the encrypted payload: it was altered or truncated');
  }
  const c = parseComment(parseSignature(sigText).trustedComment);
  if (!c || !c.id || !c.handover || !c.created) return refuse('not-a-package', 'The signature does not describe a handover package');
  if (c.format !== String(PACKAGE_FORMAT)) refuse('unsupported-version', `Package format ${c.format ?? '?'} is not supported by this version`, c.format);
  let recipientCount = 0;
  try {
    recipientCount = inspectHeader(payload).types.filter((t) => t === 'X25519').length;
  } catch {
    refuse('ciphertext-damaged', 'The encrypted payload is damaged');
  }
  return {
    sender,
    payload,
    info: {
      packageId: c.id,
      handoverId: c.handover,
      created: c.created,
      recipientFingerprints: (c.recipients ?? '').split(',').filter(Boolean),
      recipientCount,
      senderFingerprint: fingerprint(sender.publicKey),
      senderKeyConfirmed: senderKeyText !== undefined,
      payloadSha256: createHash('sha256').update(payload).digest('hex'),
      payloadBytes: payload.length,
    },
  };
}

/** Verify, decrypt with one of our identities, check the bag and its signature; returns the bag's files. */
export function openPackage(bytes: Buffer, identities: AgeIdentity[], senderKeyText?: string): { info: PackageInfo; files: BagFile[] } {
  const { info, sender, payload } = inspectPackage(bytes, senderKeyText);
  let inner: Buffer;
  try {
    inner = decrypt(payload, identities);
  } catch (err) {
    if (err instanceof AgeError && err.kind === 'no match') refuse('not-for-us', 'The package is not encrypted to any of your keys');
    return refuse('ciphertext-damaged', 'The encrypted payload is damaged or was altered', err instanceof AgeError ? err.kind : undefined);
  }
  let entries;
  try {
    entries = readTar(inner);
  } catch (err) {
    if (err instanceof TarError && err.reason === 'unsafe-path') refuse('unsafe-path', 'The bag holds a path that escapes its folder', err.message);
    return refuse('bag-invalid', 'The payload is not a readable bag');
  }
  const root = `${info.packageId}/`;
  const files: BagFile[] = [];
  for (const e of entries) {
    if (!e.path.startsWith(root)) refuse('unsafe-path', 'The bag holds a file outside its folder', e.path);
    if (e.data) files.push({ path: e.path.slice(root.length), data: e.data });
  }
  const problem: BagProblem | null = verifyBag(files.filter((f) => f.path !== 'tagmanifest-sha256.txt.minisig'));
  if (problem) {
    if (problem.reason === 'unlisted') refuse('unlisted-file', 'The bag holds a file its manifest does not list', problem.path);
    if (problem.reason === 'unsafe-path') refuse('unsafe-path', 'The bag manifest names a path that escapes the bag', problem.path);
    refuse('bag-invalid', `The bag does not verify (${problem.reason})`, 'path' in problem ? problem.path : undefined);
  }
  const tagSig = files.find((f) => f.path === 'tagmanifest-sha256.txt.minisig');
  const tagManifest = files.find((f) => f.path === 'tagmanifest-sha256.txt');
  const ok = tagSig && tagManifest && verifyParsed(sender, parseSignature(tagSig.data.toString('utf8')), { digest: blake2b512(tagManifest.data) }).ok;
  if (!ok) refuse('bad-signature', 'The signature of the bag\'s tag manifest does not hold');
  return { info, files };
}
