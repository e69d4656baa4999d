import sodiumModule from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodiumModule;

/** libsodium's wasm module must be initialised once before any call. */
export async function loadSodium(): Promise<Sodium> {
  await sodiumModule.ready;
  return sodiumModule;
}

/** Overwrite a secret in place (sodium_memzero), whatever view it arrived as. */
export function wipe(sodium: Sodium, secret: Uint8Array | null | undefined): void {
  if (secret && secret.byteLength > 0) sodium.memzero(secret);
}
