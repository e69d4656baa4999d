import { parentPort, workerData } from 'node:worker_threads';
import sodium from 'libsodium-wrappers-sumo';

/**
 * One Argon2id derivation (libsodium crypto_pwhash), then the thread is discarded (crypto/argon2-worker.ts
 * says why). With `primeBytes`, a cheap one-pass run first grows and touches the WebAssembly heap so the
 * real derivation does not pay for it.
 */
export interface Argon2Setup {
  primeBytes: number;
}
export interface Argon2Request {
  passphrase: Uint8Array;
  salt: Uint8Array;
  opsLimit: number;
  memLimitBytes: number;
}
export type Argon2Reply = { ready: true } | { key: Uint8Array } | { error: string };

const port = parentPort!;
const setup = workerData as Argon2Setup;
void sodium.ready.then(() => {
  if (setup.primeBytes) sodium.crypto_pwhash(16, 'prime', new Uint8Array(16), 1, setup.primeBytes, sodium.crypto_pwhash_ALG_ARGON2ID13);
  port.postMessage({ ready: true } satisfies Argon2Reply);
  port.once('message', (m: Argon2Request) => {
    try {
      const key = sodium.crypto_pwhash(32, m.passphrase, m.salt, m.opsLimit, m.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13);
      port.postMessage({ key } satisfies Argon2Reply, [key.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies Argon2Reply);
    } finally {
      sodium.memzero(m.passphrase);
    }
  });
});
