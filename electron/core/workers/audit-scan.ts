import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { perfectRoots, scanRange } from '../formats/log-scan';

/**
 * The second half of audit/verify.ts's parallel check: the same scan over data[from..), its
 * perfect-subtree roots of `chunk` leaves, and the BLAKE2b-512 of the whole file (minisign's prehash).
 * The file is shared, not copied (a SharedArrayBuffer).
 */
export interface AuditScanSetup {
  sab: SharedArrayBuffer;
  length: number;
  from: number;
  chunk: number;
}
export type AuditScanResult =
  | { ok: false; blake: Uint8Array }
  | { ok: true; count: number; firstSeq: number; firstPrev: string; lastSeq: number; lastHash: string; roots: Uint8Array; rest: Uint8Array; blake: Uint8Array };

const setup = workerData as AuditScanSetup;
const data = Buffer.from(setup.sab, 0, setup.length);
const scanned = scanRange(data, setup.from, data.length);
const blake = createHash('blake2b512').update(data).digest();
let result: AuditScanResult = { ok: false, blake };
if (scanned.ok) {
  const { roots, rest } = perfectRoots(scanned.leaves, setup.chunk);
  const { count, firstSeq, firstPrev, lastSeq, lastHash } = scanned;
  result = { ok: true, count, firstSeq, firstPrev, lastSeq, lastHash, roots: Buffer.concat(roots), rest: Buffer.concat(rest), blake };
}
parentPort!.postMessage(result);
