// Child process for the leftover test: starts writing a package the way an
// export does (writeExportFile, the export's own writer) and hangs half-way
// until it is killed.
import { writeExportFile } from '../../electron/core/packages/export-temp';
import { unlockVault } from '../../electron/core/vault/vault';
import { TEST_KDF } from './test-kdf';

const [dir, userName, passphrase, out] = process.argv.slice(2) as [string, string, string, string];
void unlockVault({ dir, userName, passphrase, now: () => new Date(), kdf: TEST_KDF }).then((vault) =>
  writeExportFile(vault.dir, out, async (write) => {
    write(Buffer.alloc(4 * 1024 * 1024, 7));
    process.stdout.write('writing\n');
    await new Promise(() => {});
  }),
);
