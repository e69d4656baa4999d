// Child process for the rotation kill tests: unlocks as an administrator,
// disables a user (which rotates the data key) and kills itself with SIGKILL
// right after the named step of the rotation: no cleanup, as in a power cut.
import { setUserDisabled } from '../../electron/core/users/service';
import { unlockVault } from '../../electron/core/vault/vault';
import { TEST_KDF } from './test-kdf';

const [dir, userName, passphrase, userId, stopAfter] = process.argv.slice(2) as [string, string, string, string, string];
const now = () => new Date();
void unlockVault({ dir, userName, passphrase, now, kdf: TEST_KDF }).then(async (vault) => {
  await setUserDisabled(vault, { userId: Number(userId), disabled: true }, now, {
    onStep: (step) => {
      if (step === stopAfter) process.kill(process.pid, 'SIGKILL');
    },
  });
  process.stdout.write('finished\n');
  process.exit(0);
});
