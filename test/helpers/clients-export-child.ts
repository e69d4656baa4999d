// Child process for the killed client export: unlocks a vault and writes its clients as CSV the way
// clients.export does (clientsExportPieces through writeExportFileSync, the export's own text and
// writer), then stops dead after the first page of rows — synchronously, as a process killed in the
// middle of writeSync would be — until it is killed.
import { getClient } from '../../electron/core/clients/store';
import { clientsExportPieces } from '../../electron/core/clients/service';
import { writeExportFileSync } from '../../electron/core/packages/export-temp';
import { unlockVault } from '../../electron/core/vault/vault';
import { TEST_KDF } from './test-kdf';

const [dir, userName, passphrase, out] = process.argv.slice(2) as [string, string, string, string];

function* stopAfterFirstRows(pieces: Iterable<string | Uint8Array>): Generator<string | Uint8Array> {
  let n = 0;
  for (const p of pieces) {
    yield p;
    if (++n === 2) {
      process.stdout.write('writing\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
  }
}

void unlockVault({ dir, userName, passphrase, now: () => new Date(), kdf: TEST_KDF }).then((vault) => {
  const ids = vault.db.prepare('SELECT id FROM clients ORDER BY id').pluck().all() as number[];
  writeExportFileSync(vault.dir, out, stopAfterFirstRows(clientsExportPieces(ids.map((id) => getClient(vault.db, id)!), 'csv')));
});
