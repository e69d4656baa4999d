import { existsSync } from 'node:fs';
import type { PackageVerdict } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { fileSource, inspectPackage, PackageError } from './package';

/**
 * A package checked by anyone who holds it, with no vault: its format, signer, signature and
 * recipients, before anything is decrypted (`handover package verify`, issue 14: a router call).
 * A refusal is an answer, not an error: it names the reason of PACKAGE_REFUSALS.
 */
export async function verifyPackageFile(file: string, senderKeyText?: string): Promise<PackageVerdict> {
  if (!existsSync(file)) throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  const src = fileSource(file);
  try {
    const { info } = await inspectPackage(src, senderKeyText);
    return { ok: true, info, refusal: null };
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    return { ok: false, info: null, refusal: { reason: err.reason, message: err.message, detail: err.detail ?? null } };
  } finally {
    src.close();
  }
}
