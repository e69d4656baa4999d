// Child process for the search-rebuild kill attack: a user unlocks a vault whose search index a migration
// left to rebuild (vault.unlock through the router, as the unlock screen and the CLI do) and the process
// SIGKILLs itself at the first unlock-progress event at or past the given number of clients indexed — no
// cleanup, as in a power cut or a killed task. It prints how far the rebuild got ("at D/T") before dying.
import { HandoverCore } from '../../electron/core/core';
import { queuedPlatform } from './platform';
import { TEST_KDF } from './test-kdf';

const [appDataDir, userName, passphrase, atClients] = process.argv.slice(2) as [string, string, string, string];
const core = new HandoverCore({
  appDataDir,
  platform: queuedPlatform({}),
  testOnlyKdf: TEST_KDF,
  emit: (e) => {
    if (e.type !== 'vault.unlock-progress' || e.done < Number(atClients)) return;
    process.stdout.write(`at ${e.done}/${e.total}\n`);
    process.kill(process.pid, 'SIGKILL');
  },
});
void (async () => {
  const r = await core.handle('vault.unlock', { userName, passphrase });
  process.stdout.write(`finished ${r.ok ? 'ok' : r.error.code}\n`);
  process.exit(0);
})();
