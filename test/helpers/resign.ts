import { createHash } from 'node:crypto';
import { blake2b512, fingerprint, formatPublicKey, keyIdHex, parseSignature, signDigest, type SigningKey } from '../../electron/core/formats/minisign';
import { readTar, writeTar } from '../../electron/core/formats/tar';

/**
 * What an attacker can do with a real package: keep its encrypted payload byte for byte, and sign it
 * again with their own key — README, sender.pub and the signature all made consistent, so the package
 * verifies on its own. Only the receiving vault's list of verified sender keys can tell it apart.
 */
export function resignPackage(pkg: Buffer, attacker: SigningKey): Buffer {
  const entries = readTar(pkg);
  const data = (name: string) => entries.find((e) => e.path === name)!.data!;
  const payload = data('payload.tar.age');
  const original = parseSignature(data('payload.tar.age.minisig').toString('utf8'));
  const readme = data('README.txt').toString('utf8').replace(/(发送方密钥指纹: )([0-9A-F ]+?)( {2})/, `$1${fingerprint(attacker.publicKey)}$3`);
  const comment = original.trustedComment.replace(/readme=[0-9a-f]+/, `readme=${createHash('sha256').update(readme).digest('hex')}`);
  const signature = signDigest(attacker, blake2b512(payload), comment, `signature from handover vault key ${keyIdHex(attacker.keyId)}`);
  return writeTar([
    { path: 'README.txt', data: Buffer.from(readme) },
    { path: 'sender.pub', data: Buffer.from(formatPublicKey(attacker)) },
    { path: 'payload.tar.age', data: payload },
    { path: 'payload.tar.age.minisig', data: Buffer.from(signature) },
  ]);
}
