import { randomBytes, createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, writeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientStatements, insertClient } from '../../electron/core/clients/repository';
import { attachDocument, chunksOf } from '../../electron/core/documents/documents';
import { silentJob } from '../../electron/core/jobs/jobs';
import { createVault } from '../../electron/core/vault/vault';
import { appendLog } from '../../electron/core/audit/access-log';
const now = () => new Date();
void (async () => {
  const root = mkdtempSync(join(tmpdir(), 'rs-'));
  const file = join(root, 'f.bin');
  const fd = openSync(file, 'w'); const block = randomBytes(8 << 20);
  for (let i = 0; i < 32; i++) writeSync(fd, block); closeSync(fd);
  const { vault } = await createVault({ dir: join(root, 'vault'), userName: 'bench', passphrase: 'benchmark passphrase for the vault', now });
  const cid = vault.db.transaction(() => { const id = insertClient(clientStatements(vault.db), { code: 'B1', name: 'Bench', type: 'company', industry: '', region: '', city: '', address: '', owner: '', department: '', importance: '', tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [] }, now().toISOString()); appendLog(vault.db, { actor: 'b', action: 'b', target: '' }, now()); return id; }).immediate();
  await attachDocument(vault, cid, file, silentJob(), now);
  const doc = vault.db.prepare('SELECT id FROM documents').pluck().get() as number;
  for (let k = 0; k < 3; k++) {
    let t = Date.now(); let n = 0;
    for (const c of chunksOf(vault.db, doc)) n += c.length;
    const ms = Date.now() - t;
    console.log('read', n >> 20, 'MB', ms, 'ms', ((n / 2 ** 20) / (ms / 1000)).toFixed(0), 'MB/s');
  }
  let t = Date.now(); const h = createHash('blake2b512'); for (let i = 0; i < 32; i++) h.update(block); console.log('blake2b 256MB', Date.now() - t);
  t = Date.now(); const s = createHash('sha256'); for (let i = 0; i < 32; i++) s.update(block); console.log('sha256 256MB', Date.now() - t);
  console.log(vault.db.pragma('page_size', { simple: true }));
  rmSync(root, { recursive: true, force: true });
})();
