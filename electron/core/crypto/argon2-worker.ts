import type { Worker } from 'node:worker_threads';
import type { Argon2Reply, Argon2Request, Argon2Setup } from '../workers/argon2';
import { startWorker } from '../workers/start';

/**
 * Argon2id (libsodium crypto_pwhash) on a worker thread that is discarded
 * after each derivation. Two reasons:
 * - a WebAssembly heap can grow but never shrink: running MODERATE (256 MiB)
 *   in the main thread would pin that memory for the life of the app;
 * - the main process keeps answering (progress, cancel, auto-lock) during the
 *   second a derivation takes.
 * A fresh worker (libsodium loaded, ~150 ms) is kept warm, unreferenced, so a
 * derivation starts at once and an idle worker never keeps a CLI process alive.
 * While the vault is locked the waiting worker is "primed": a cheap one-pass
 * run has already grown and touched its 256 MiB heap, so the real derivation
 * runs as fast as in the main thread. Once unlocked, the core swaps it for an
 * unprimed one (see relaxArgon2), and memory stays low while people work.
 */

/** libsodium MODERATE, the slots' floor: what a primed worker grows its heap to. */
const PRIME_BYTES = 256 * 1024 * 1024;
/** The core's slot cost sets it (a test core's cheap slots need no 256 MiB heap). */
let primeBytes = PRIME_BYTES;

interface Warm {
  worker: Worker;
  ready: Promise<Worker>;
  primed: boolean;
}

function spawn(primed: boolean): Warm {
  const worker = startWorker('argon2', { workerData: { primeBytes: primed ? primeBytes : 0 } satisfies Argon2Setup });
  worker.unref();
  const ready = new Promise<Worker>((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('argon2 worker exited')));
  });
  ready.catch(() => undefined);
  return { worker, ready, primed };
}

let warm: Warm | null = null;

/** Start loading a worker now (primed by default), so the next derivation does not wait for it. */
export function warmArgon2(primed = true, memLimitBytes?: number): void {
  const resized = memLimitBytes !== undefined && memLimitBytes !== primeBytes;
  if (resized) primeBytes = memLimitBytes;
  if (warm && warm.primed === primed && !(resized && primed)) return;
  // Terminated at once, even mid-priming, so its heap never lingers.
  void warm?.worker.terminate();
  warm = spawn(primed);
}

/** While unlocked, keep only an unprimed worker: frees the primed one's 256 MiB heap. */
export function relaxArgon2(): void {
  warmArgon2(false);
}

export async function argon2id(passphrase: Uint8Array, salt: Uint8Array, opsLimit: number, memLimitBytes: number): Promise<Uint8Array> {
  const taken = warm ?? spawn(false);
  warm = null;
  const worker = await taken.ready;
  worker.ref();
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      worker.once('message', (m: Argon2Reply) => ('key' in m ? resolve(new Uint8Array(m.key)) : reject(new Error('error' in m ? m.error : 'argon2 failed'))));
      worker.once('error', reject);
      const copy = new Uint8Array(passphrase);
      const request: Argon2Request = { passphrase: copy, salt, opsLimit, memLimitBytes };
      worker.postMessage(request, [copy.buffer]);
    });
  } finally {
    void worker.terminate();
    warmArgon2();
  }
}
