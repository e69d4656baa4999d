// Child process for the crash test of the cipher upgrade: unlocks a ChaCha20
// vault and upgrades it to AEGIS-256, killing itself (SIGKILL, no clean-up of
// any kind) when the upgrade reaches the step named on the command line.
import { silentJob } from '../../electron/core/jobs/jobs';
import { upgradeVaultCipher, type UpgradeStep } from '../../electron/core/vault/upgrade';
import { unlockVault } from '../../electron/core/vault/vault';
import { TEST_KDF } from './test-kdf';

const [dir, userName, passphrase, killAt] = process.argv.slice(2) as [string, string, string, UpgradeStep | 'never'];
const now = () => new Date();
void unlockVault({ dir, userName, passphrase, now, kdf: TEST_KDF }).then(async (vault) => {
  await upgradeVaultCipher(vault, silentJob(), now, {
    to: 'aegis',
    onStep: (step) => {
      if (step === killAt) process.kill(process.pid, 'SIGKILL');
    },
  });
  process.stdout.write('upgraded\n');
});
