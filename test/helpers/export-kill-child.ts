// Child process for the package-export kill attack: a handover manager exports a real package through the
// router (`handovers.export`, as the app and `handover package export` do: the document reader, the clients'
// text thread and the package's writer thread all at work) and the process SIGKILLs itself — no cleanup, as in
// a power cut or a killed task — either at the first progress event at or past a share of the bytes, or at
// the moment the finished, recorded temp file is renamed to the package (`rename`).
// It prints where it was ("at D/T" or "at rename") before dying, so the parent knows which point it hit.
import fs from 'node:fs';
import { HandoverCore } from '../../electron/core/core';
import { queuedPlatform } from './platform';
import { TEST_KDF } from './test-kdf';

const [appDataDir, userName, passphrase, handoverId, out, point] = process.argv.slice(2) as [string, string, string, string, string, string];
const die = (where: string) => {
  process.stdout.write(`at ${where}\n`);
  process.kill(process.pid, 'SIGKILL');
};
if (point === 'rename') {
  // The bundle calls fs.renameSync through the module object, so this is the call the export makes.
  const rename = fs.renameSync;
  fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => (String(to) === out ? die('rename') : rename(from, to));
}
const share = Number(point);
const core = new HandoverCore({
  appDataDir,
  platform: queuedPlatform({ chooseSaveTarget: [out] }),
  testOnlyKdf: TEST_KDF,
  emit: (e) => {
    if (point === 'rename' || e.type !== 'job.progress' || e.jobId !== 'export-kill' || e.total <= 0 || e.done / e.total < share) return;
    die(`${e.done}/${e.total}`);
  },
});
void (async () => {
  const unlocked = await core.handle('vault.unlock', { userName, passphrase });
  if (!unlocked.ok) throw new Error(`unlock: ${unlocked.error.code}`);
  const r = await core.handle('handovers.export', { id: Number(handoverId), jobId: 'export-kill', includeSelf: false });
  process.stdout.write(`finished ${r.ok ? 'ok' : r.error.code}\n`);
  process.exit(0);
})();
