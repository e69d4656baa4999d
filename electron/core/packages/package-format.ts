import { createHash } from 'node:crypto';
import type { PackageRefusal } from '../../../shared/contract/packages';
import { keyIdHex } from '../formats/minisign';

/**
 * What the handover package (DESIGN.md §5) is made of, shared by the writer
 * (package-writer.ts), the checks before decryption (package-inspect.ts) and
 * the reader (package-open.ts): a plain tar of README.txt, sender.pub,
 * payload.tar.age (age v1 to the recipients' X25519 keys) and its minisign
 * signature, whose trusted comment names the package, the handover, the time
 * and the recipients. Inside the payload, a BagIt bag in one folder, with a
 * minisign signature of its tag manifest.
 */
export const PACKAGE_FORMAT = 1;
export const PACKAGE_FILES = { readme: 'README.txt', sender: 'sender.pub', payload: 'payload.tar.age', signature: 'payload.tar.age.minisig' } as const;

export interface PackageMeta {
  packageId: string;
  handoverId: string;
  created: string; // ISO time
  recipients: string[]; // age1… of each recipient
}

export class PackageError extends Error {
  constructor(readonly reason: PackageRefusal, message: string, readonly detail?: string) {
    super(message);
    this.name = 'PackageError';
  }
}

/** Throw the refusal (typed `never`, so a check reads as one line). */
export const refuse = (reason: PackageRefusal, message: string, detail?: string): never => {
  throw new PackageError(reason, message, detail);
};

/** Recipient fingerprint for the trusted comment: first 16 hex of SHA-256 of the X25519 key. */
export const recipientFingerprint = (publicKey: Buffer) => createHash('sha256').update(publicKey).digest('hex').slice(0, 16);

/** The signed description: package, handover, time, recipients, and the README's SHA-256 (so the README is signed too). */
export function trustedComment(m: PackageMeta, recipientKeys: Buffer[], readmeText: string): string {
  return `handover-package format=${PACKAGE_FORMAT} id=${m.packageId} handover=${m.handoverId} created=${m.created} recipients=${recipientKeys.map(recipientFingerprint).join(',')} readme=${sha256Hex(readmeText)}`;
}

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
export const untrustedComment = (keyId: Buffer) => `signature from handover vault key ${keyIdHex(keyId)}`;

export function parseComment(text: string): Record<string, string> | null {
  if (!text.startsWith('handover-package ')) return null;
  return Object.fromEntries(text.split(' ').slice(1).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

export function readme(m: PackageMeta, senderFp: string): string {
  return `Handover package ${m.packageId} / 交接包 ${m.packageId}
Handover / 交接: ${m.handoverId}    Created / 创建时间: ${m.created}
Sender key fingerprint / 发送方密钥指纹: ${senderFp}  (compare it by phone or in person / 请电话或当面核验)

Verify, then open, with standard tools / 用标准工具先验证再打开:
  minisign -Vm payload.tar.age -p sender.pub
  age -d -i key.txt payload.tar.age | tar -x
  cd ${m.packageId} && sha256sum --strict -c manifest-sha256.txt
Or / 或: handover package verify FILE.handover --sender-key sender.pub
         handover package open FILE.handover --identity key.txt --out DIR
`;
}

/** Progress in plaintext bytes, and a chance to cancel between chunks. */
export interface StreamControl {
  progress?: (done: number, total: number) => void;
  throwIfCancelled?: () => void;
}

export interface PackageInfo {
  packageId: string;
  handoverId: string;
  created: string;
  recipientFingerprints: string[];
  recipientCount: number;
  senderFingerprint: string;
  senderKeyConfirmed: boolean;
  /** BLAKE2b-512 of payload.tar.age as hex: the signed prehash, what `b2sum payload.tar.age` prints and the receipt names. */
  payloadBlake2b512: string;
  payloadBytes: number;
}
