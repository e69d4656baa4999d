import { readOnlySetup } from '../db/read-only';
import type { PackageClientsReply, PackageClientsSetup } from '../workers/package-clients';
import { startWorker } from '../workers/start';
import type { OpenVault } from '../vault/vault';
import type { ClientsTextInput } from './export-clients';
import type { OutFile } from './package-writer';

/**
 * The package's clients' text — clients.json, clients.csv, commitments.csv, handover.json — made on
 * a worker thread with its own read-only connection to the vault (workers/package-clients.ts), while
 * the main thread streams the documents and stays free for the user: for 100,000 clients the text
 * took a few seconds of the main thread, a page at a time. The files come back with their sizes and
 * SHA-256s, their pieces transferred; the package writer streams them as they are.
 */
export interface ClientsTextFiles {
  files: OutFile[];
  count: number;
  completeness: number;
}

export interface ClientsTextJob {
  result: Promise<ClientsTextFiles>;
  /** Ends the thread if it is still working (an export that failed or was cancelled). */
  stop(): Promise<void>;
}

/** The thread starts at once; `signal` (the export's cancel) ends it wherever it is. */
export function clientsTextOnWorker(vault: OpenVault, input: ClientsTextInput, signal?: AbortSignal): ClientsTextJob {
  const { setup, transfer } = readOnlySetup(vault.dir, vault.dataKey, vault.cipher);
  const worker = startWorker('package-clients', { workerData: { connection: setup, input } satisfies PackageClientsSetup, transferList: transfer });
  let settled = false;
  const result = new Promise<ClientsTextFiles>((resolve, reject) => {
    worker.once('message', (m: PackageClientsReply) => {
      settled = true;
      if ('error' in m) return reject(new Error(m.error));
      resolve({
        count: m.count,
        completeness: m.completeness,
        files: m.files.map((f) => {
          const parts = f.parts.map((p) => Buffer.from(p));
          return { path: f.path, size: f.size, sha256: f.sha256, chunks: () => parts, held: parts };
        }),
      });
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the clients' text thread ended (${code}) before it was done`));
    });
  });
  const cancel = () => void worker.terminate();
  signal?.addEventListener('abort', cancel, { once: true });
  // Awaited by the export once the documents are written; until then a failure must not go unhandled.
  result.catch(() => undefined).finally(() => signal?.removeEventListener('abort', cancel));
  return {
    result,
    stop: async () => {
      if (!settled) await worker.terminate();
    },
  };
}
