import { AppError } from '../../../shared/errors';
import type { AgeIdentity } from '../formats/age';
import type { PublicKey, SigningKey } from '../formats/minisign';
import type { Keyring } from '../vault/keyring';
import type { Signer } from '../vault/keyslots';

/**
 * The vault's keys as the rest of the core uses them. The secret halves
 * (Ed25519 signing key, X25519 age identity) exist only in the keyring the
 * unlocking user's slot opened (DESIGN.md §4 "Keys"): a user whose role does
 * not sign gets a clear refusal, whatever code path asks. The public halves
 * come from the slot file's `signer`, bound into the slot that opened.
 */
interface HasKeys {
  keyring: Keyring | null;
  signer: Signer;
}

function requireKeyring(vault: HasKeys): Keyring {
  if (!vault.keyring) {
    throw new AppError('KEYRING_NOT_HELD', 'Your role does not hold the vault\'s signing keys: you cannot sign or open packages');
  }
  return vault.keyring;
}

/** The Ed25519 key that signs checkpoints, receipts, reports and packages. */
export function vaultSigningKey(vault: HasKeys): SigningKey {
  return requireKeyring(vault).signing;
}

/** The X25519 identity packages for this vault's organisation are encrypted to. */
export function vaultAgeIdentity(vault: HasKeys): AgeIdentity {
  return requireKeyring(vault).age;
}

/** The public signing key, for anyone signed in (verifying needs no secret). */
export function vaultPublicKey(vault: { signer: Signer }): PublicKey {
  return { keyId: Buffer.from(vault.signer.keyId, 'hex'), publicKey: Buffer.from(vault.signer.signingPublic, 'base64') };
}

/** The vault's age recipient (public), for anyone signed in. */
export function vaultAgeRecipient(vault: { signer: Signer }): Buffer {
  return Buffer.from(vault.signer.agePublic, 'base64');
}
