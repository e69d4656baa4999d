import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The hash thread of crypto/hash-worker.ts: each chunk it is given (transferred) goes into every
 * hash asked for; 'end' answers the digests in that order. Each chunk is acknowledged so the
 * sender keeps a bounded number in flight.
 */
/** The digests a hash worker computes (its workerData). */
export type HashAlgorithm = 'sha256' | 'blake2b512';
export type HashRequest = ArrayBuffer | 'end';
export type HashReply = 'ack' | { digests: Uint8Array[] };

const port = parentPort!;
const hashes = (workerData as HashAlgorithm[]).map((a) => createHash(a));
port.on('message', (msg: HashRequest) => {
  if (msg === 'end') {
    const reply: HashReply = { digests: hashes.map((h) => h.digest()) };
    port.postMessage(reply);
    return;
  }
  const chunk = new Uint8Array(msg);
  for (const h of hashes) h.update(chunk);
  port.postMessage('ack' satisfies HashReply);
});
