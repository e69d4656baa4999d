import { runAudit } from './audit';
import { cipherHeader, runCipher } from './cipher';
import { runClients, runImportOnly } from './clients';
import { runDocuments } from './documents';
import { runFoundation } from './foundation';
import { runHandover } from './handover';
import { runPackage } from './package';

// `npm run bench`: every figure next to its peer measured in the same run. Never a pass/fail.
// `npm run bench -- clients` runs one group; `npm run bench -- import` only the import figure (BENCH_CLIENTS=20000 for a short run).
const groups: Record<string, () => Promise<void>> = { foundation: runFoundation, clients: runClients, documents: runDocuments, audit: runAudit, handover: runHandover, package: runPackage, cipher: runCipher };
/** Groups that run only when named (their figures are part of a group above). */
const onRequest: Record<string, () => Promise<void>> = { import: runImportOnly };

void (async () => {
  console.log(`Handover Vault benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  // Figures from machines with and without AES instructions differ by the vault cipher: say which this one is.
  console.log(cipherHeader());
  const named = { ...groups, ...onRequest };
  const wanted = process.argv.slice(2).filter((a) => a in named);
  for (const name of wanted.length ? wanted : Object.keys(groups)) await named[name]!();
})();
