import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly, type ReadOnlySetup } from '../db/read-only';
import { packageClientsText, type ClientsTextInput } from '../packages/export-clients';

/**
 * The thread of packages/clients-text.ts (issue 16: the clients' text for the package is made off the
 * main thread): its own read-only connection to the vault (db/read-only.ts), one read transaction so
 * every file describes the same moment, and each payload file back with its size and SHA-256 (the
 * bag's manifest line), its pieces transferred, not copied. Then the thread ends.
 */
export interface PackageClientsSetup {
  connection: ReadOnlySetup;
  input: ClientsTextInput;
}
export interface PackageClientsFile {
  path: string;
  size: number;
  sha256: string;
  parts: ArrayBuffer[];
}
export type PackageClientsReply = { files: PackageClientsFile[]; count: number; completeness: number } | { error: string };

const port = parentPort!;
const setup = workerData as PackageClientsSetup;

/** A piece's own buffer: small Buffers share Node's pool, which must not be transferred away. */
const own = (b: Buffer): ArrayBuffer =>
  (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) as ArrayBuffer;

async function run(): Promise<PackageClientsReply> {
  const db = openReadOnly(setup.connection);
  try {
    db.exec('BEGIN');
    const text = await packageClientsText(db, setup.input);
    db.exec('COMMIT');
    const files = text.files.map((f) => {
      const hash = createHash('sha256');
      for (const p of f.parts) hash.update(p);
      return { path: f.path, size: f.parts.reduce((n, p) => n + p.length, 0), sha256: hash.digest('hex'), parts: f.parts.map(own) };
    });
    return { files, count: text.count, completeness: text.completeness };
  } finally {
    db.close();
  }
}

run().then(
  (reply) => port.postMessage(reply, 'files' in reply ? reply.files.flatMap((f) => f.parts) : []),
  (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies PackageClientsReply),
);
