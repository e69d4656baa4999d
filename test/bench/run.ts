import { runAudit } from './audit';
import { cipherHeader, runCipher } from './cipher';
import { runClients } from './clients';
import { runDocuments } from './documents';
import { runFoundation } from './foundation';
import { runHandover } from './handover';
import { runPackage } from './package';

// `npm run bench`: every figure next to its peer measured in the same run. Never a pass/fail.
// `npm run bench -- clients` runs one group.
const groups: Record<string, () => Promise<void>> = { foundation: runFoundation, clients: runClients, documents: runDocuments, audit: runAudit, handover: runHandover, package: runPackage, cipher: runCipher };

void (async () => {
  console.log(`Handover Vault benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  // Figures from machines with and without AES instructions differ by the vault cipher: say which this one is.
  console.log(cipherHeader());
  const wanted = process.argv.slice(2).filter((a) => a in groups);
  for (const name of wanted.length ? wanted : Object.keys(groups)) await groups[name]!();
})();
