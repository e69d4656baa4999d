import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Argon2id (libsodium crypto_pwhash) on a worker thread that is discarded
 * after each derivation. Two reasons:
 * - a WebAssembly heap can grow but never shrink: running MODERATE (256 MiB)
 *   in the main thread would pin that memory for the life of the app;
 * - the main process keeps answering (progress, cancel, auto-lock) during the
 *   second a derivation takes.
 * A fresh worker (libsodium loaded, ~150 ms) is kept warm, unreferenced, so a
 * derivation starts at once and an idle worker never keeps a CLI process alive.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
sodium.ready.then(() => {
  parentPort.postMessage({ ready: true });
  parentPort.once('message', (m) => {
    try {
      const key = sodium.crypto_pwhash(32, m.passphrase, m.salt, m.opsLimit, m.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13);
      parentPort.postMessage({ key }, [key.buffer]);
      sodium.memzero(m.passphrase);
    } catch (e) {
      parentPort.postMessage({ error: String((e && e.message) || e) });
    }
  });
});
`;

const sodiumPath = createRequire(__filename).resolve('libsodium-wrappers-sumo');

function spawn(): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: { sodiumPath } });
    worker.unref();
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

let warm: Promise<Worker> | null = null;

/** Start loading a worker now, so the next derivation does not wait for it. */
export function warmArgon2(): void {
  if (!warm) {
    warm = spawn();
    warm.catch(() => {
      warm = null;
    });
  }
}

export async function argon2id(passphrase: Uint8Array, salt: Uint8Array, opsLimit: number, memLimitBytes: number): Promise<Uint8Array> {
  const worker = await (warm ?? spawn());
  warm = null;
  worker.ref();
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      worker.once('message', (m: { key?: Uint8Array; error?: string }) => (m.key ? resolve(new Uint8Array(m.key)) : reject(new Error(m.error ?? 'argon2 failed'))));
      worker.once('error', reject);
      const copy = new Uint8Array(passphrase);
      worker.postMessage({ passphrase: copy, salt, opsLimit, memLimitBytes }, [copy.buffer]);
    });
  } finally {
    void worker.terminate();
    warmArgon2();
  }
}
