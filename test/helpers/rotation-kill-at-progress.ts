// Child process for the rewrite kill attacks: an administrator disables a user through the router
// (`users.setDisabled` with a job, as the Users page and `handover user disable` do: the data key rotates),
// or upgrades the page cipher (`vault.upgrade`, `handover vault upgrade`), and the process SIGKILLs itself at
// the first progress event of that job at or past the given share — wherever the rewrite is then (copying,
// checking, swapping): no cleanup, as in a power cut or a killed task.
// It prints how far it got ("at D/T") before dying, so the parent knows which point it hit.
import { HandoverCore } from '../../electron/core/core';
import { queuedPlatform } from './platform';
import { TEST_KDF } from './test-kdf';

const [appDataDir, userName, passphrase, userId, share, op = 'disable'] = process.argv.slice(2) as [string, string, string, string, string, ('disable' | 'upgrade')?];
const target = Number(share);
const core = new HandoverCore({
  appDataDir,
  platform: queuedPlatform({}),
  testOnlyKdf: TEST_KDF,
  emit: (e) => {
    if (e.type !== 'job.progress' || e.jobId !== 'rotate-kill' || e.total <= 0 || e.done / e.total < target) return;
    process.stdout.write(`at ${e.done}/${e.total}\n`);
    process.kill(process.pid, 'SIGKILL');
  },
});
void (async () => {
  const unlocked = await core.handle('vault.unlock', { userName, passphrase });
  if (!unlocked.ok) throw new Error(`unlock: ${unlocked.error.code}`);
  const r = op === 'upgrade'
    ? await core.handle('vault.upgrade', { jobId: 'rotate-kill' })
    : await core.handle('users.setDisabled', { userId: Number(userId), disabled: true, jobId: 'rotate-kill' });
  process.stdout.write(`finished ${r.ok ? 'ok' : r.error.code}\n`);
  process.exit(0);
})();
