// Child process for test/integration/attack-disk-full.test.ts, run inside a user and mount namespace (`unshare -rm`)
// where the folders it is given are tiny tmpfs mounts. Prints what each call answered as one JSON line.
//   exports SMALL MID WORK  a vault in WORK writes a client export onto SMALL and a backup and a document onto MID
//   slots DISK              a vault on DISK, the disk filled to the last page, a mistyped passphrase, then the right one
//   sink DISK               a package export's writer thread (packages/package-sink.ts) writing 4 MiB onto DISK
import { closeSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HandoverCore } from '../../electron/core/core';
import { WorkerPackageSink } from '../../electron/core/packages/package-sink';
import { systemAppError } from '../../shared/errors';
import { queuedPlatform, type Answers } from './platform';
import { TEST_KDF } from './test-kdf';

const ADMIN = { userName: 'Alice Admin', passphrase: 'correct horse battery staple' };
const [mode, ...dirs] = process.argv.slice(2) as [string, ...string[]];

function coreIn(appDataDir: string) {
  const answers: Answers = {};
  const core = new HandoverCore({ appDataDir, platform: queuedPlatform(answers), emit: () => {}, testOnlyKdf: TEST_KDF });
  const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
    const r = await core.handle(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  return { core, answers, call };
}

const client = (i: number) => ({
  code: `K${i}`, name: `东方客户${i}`, type: 'company', industry: '制造业', region: '华东', city: '上海', address: '浦东新区'.repeat(100), owner: '', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '备注'.repeat(900), contacts: [],
});

async function exportsOntoFullDisks(small: string, mid: string, work: string) {
  const appDataDir = mkdtempSync(join(work, 'hv-diskfull-'));
  const { core, answers, call } = coreIn(appDataDir);
  await call('vault.create', { dir: join(appDataDir, 'vault'), ...ADMIN });
  const ids: number[] = [];
  for (let i = 0; i < 40; i++) ids.push((await call<{ id: number }>('clients.create', client(i))).id);
  // 3 MiB in 1 MiB chunks onto a 2.5 MiB disk: the last chunk's write takes half and nothing fails after it.
  const doc = join(appDataDir, '合同.pdf');
  writeFileSync(doc, Buffer.alloc(3 * 1024 * 1024, 0x41));
  answers.chooseDocumentFile = [doc];
  await call('dialog.chooseDocumentFile');
  const attached = await call<{ id: number }>('documents.attach', { jobId: 'job-attach', clientId: ids[0], file: doc });
  const attempts: [string, unknown, string][] = [
    ['clients.export', { query: {}, format: 'csv' }, small],
    ['documents.export', { jobId: 'job-doc', id: attached.id }, mid],
    ['vault.backup', { jobId: 'job-backup' }, mid],
  ];
  const results = [];
  for (const [channel, input, dir] of attempts) {
    answers.chooseSaveTarget = [join(dir, `${channel}.out`)];
    results.push({ channel, answer: await core.handle(channel, input) });
  }
  return results;
}

async function mistypedPassphraseOnFullDisk(disk: string) {
  let { core } = coreIn(disk);
  const ok = async (channel: string, input: unknown) => (await core.handle(channel, input)).ok;
  await ok('vault.create', { dir: join(disk, 'vault'), ...ADMIN });
  // Four colleagues: a slot file larger than one page, so a write can stop part-way.
  for (let i = 0; i < 4; i++) await ok('users.add', { name: `user${i}`, role: 'staff', passphrase: `pass phrase number ${i} long enough` });
  await ok('vault.lock', {});
  const filler = join(disk, 'filler');
  const fd = openSync(filler, 'w');
  try {
    for (;;) writeSync(fd, Buffer.alloc(4096, 1));
  } catch {
    // full
  }
  closeSync(fd);
  truncateSync(filler, statSync(filler).size - 4096);
  const slotBytes = statSync(join(disk, 'vault', 'vault.slots.json')).size;
  const mistyped = await core.handle('vault.unlock', { userName: ADMIN.userName, passphrase: 'a mistyped passphrase' });
  rmSync(filler);
  ({ core } = coreIn(disk));
  await core.handle('vault.open', { dir: join(disk, 'vault') });
  const unlock = await core.handle('vault.unlock', ADMIN);
  return { slotBytes, mistyped, unlock: unlock.ok ? { ok: true } : unlock };
}

/** What the export would answer when its writer thread hits the full disk (the router maps it with systemAppError). */
async function packageWriterOnFullDisk(disk: string) {
  const fd = openSync(join(disk, '.pkg.tmp'), 'wx', 0o600);
  const sink = new WorkerPackageSink(fd);
  try {
    for (let i = 0; i < 4; i++) await sink.payload([Buffer.alloc(1024 * 1024, i)]);
    await sink.payloadDigest();
    return { ok: true };
  } catch (err) {
    return { ok: false, code: systemAppError(err)?.code ?? 'INTERNAL' };
  } finally {
    await sink.abort();
    closeSync(fd);
  }
}

void (mode === 'sink' ? packageWriterOnFullDisk(dirs[0]!) : mode === 'slots' ? mistypedPassphraseOnFullDisk(dirs[0]!) : exportsOntoFullDisks(dirs[0]!, dirs[1]!, dirs[2]!))
  .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
