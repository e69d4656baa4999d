import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { csvText } from '../helpers/crm-files';
import { ADMIN, tempDir } from '../helpers/temp';

type Internals = { lastActivity: number; checkIdle: () => void; jobs: { busy: boolean } };

describe('the idle auto-lock and a running job', () => {
  it('does not lock (and so cancel) an import that is still running; idle time counts again once it ends', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('settings.setIdleMinutes', { minutes: 1 });
    const rows = [['客户编号', '客户名称', '地区'], ...Array.from({ length: 5000 }, (_, i) => [`I-${i}`, `空闲测试${i}`, '华东'])];
    const file = join(tempDir(), 'idle.csv');
    writeFileSync(file, csvText(rows));
    h.answers.chooseImportFile = [file];
    await h.call('dialog.chooseImportFile');
    const preview = await h.call<{ suggested: (string | null)[] }>('clients.importPreview', { file, encoding: 'auto' });
    const core = h.core as unknown as Internals;
    // The moment the import reports its first part done, the user has been away for two minutes.
    let checkedMidway = false;
    let busyWhenChecked = false;
    const emitted = h.events.length;
    const running = h.call<{ summary: { imported: number } }>('clients.importRun', { jobId: 'idle-import', file, encoding: 'auto', mapping: preview.suggested, onDuplicate: 'skip' });
    while (!checkedMidway) {
      await new Promise((r) => setImmediate(r));
      const progress = h.events.slice(emitted).find((e) => e.type === 'job.progress' && e.done < e.total);
      if (progress) {
        busyWhenChecked = core.jobs.busy;
        core.lastActivity = Date.now() - 120_000;
        core.checkIdle();
        checkedMidway = true;
      }
    }
    const report = await running;
    expect(busyWhenChecked).toBe(true);
    expect(report.summary.imported).toBe(5000);
    expect(h.events).not.toContainEqual({ type: 'vault.locked', reason: 'idle' });
    expect((await h.call<{ total: number }>('clients.search', { text: '空闲测试' })).total).toBeGreaterThan(0);
    // Once no job runs, the same two minutes away lock the vault.
    core.lastActivity = Date.now() - 120_000;
    core.checkIdle();
    expect(h.events).toContainEqual({ type: 'vault.locked', reason: 'idle' });
    expect((await h.call<{ state: string }>('app.info')).state).toBe('locked');
  });
});
