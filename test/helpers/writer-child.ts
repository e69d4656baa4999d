// Child process for the kill -9 test: unlocks a vault and appends access-log
// entries carrying a canary string, in a loop, until it is killed.
import type { AuditAction } from '../../shared/audit/actions';
import { appendLog } from '../../electron/core/audit/store';
import { unlockVault } from '../../electron/core/vault/vault';
import { TEST_KDF } from './test-kdf';

const [dir, userName, passphrase, canary] = process.argv.slice(2) as [string, string, string, string];
const now = () => new Date();
void unlockVault({ dir, userName, passphrase, now, kdf: TEST_KDF }).then((vault) => {
  let n = 0;
  for (;;) {
    vault.db.transaction(() => {
      for (let i = 0; i < 50; i++) appendLog(vault.db, { actor: userName, action: 'test.write' as AuditAction, target: canary, details: { note: `${canary} #${n++}` } }, now());
    }).immediate();
    if (n === 500) process.stdout.write('writing\n');
  }
});
