import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scopedVault } from '../helpers/scoped-vault';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * The attack: a 华东-only user whose role may read and export the access log opens the Access log
 * page, its statistics, the Security page's recent entries, or exports the log. Every entry names its
 * client, document or handover, whoever they belong to: 南海贸易 (华南), its code, its contract's
 * file name and a reviewer's question about it would all be there. The log cannot be cut for them (its
 * chain and signed checkpoints prove it whole), so a scoped account reads none of it.
 */
describe('attack: the access log read by a user limited to a segment of clients', () => {
  it('refuses the log views and the export to a scoped account, writes nothing, and shows no recent entries on the Security page', async () => {
    const { h } = await scopedVault();
    for (const [channel, input] of [['audit.query', { filter: {} }], ['audit.stats', { filter: {} }], ['audit.facets', {}]] as const) {
      expect(await h.core.handle(channel, input), channel).toMatchObject({ ok: false, error: { code: 'SCOPED_AUDIT' } });
    }
    const parent = tempDir();
    h.answers.chooseFolder = [parent];
    const picked = await h.call<{ path: string }>('dialog.chooseAuditFolder', { purpose: 'audit-export' });
    expect(await h.core.handle('audit.export', { jobId: 'audit-export-1', dir: picked.path })).toMatchObject({ ok: false, error: { code: 'SCOPED_AUDIT' } });
    expect(readdirSync(parent)).toEqual([]);
    const security = await h.call<{ recentLog: unknown; logChainValid: unknown }>('vault.security');
    expect(security).toMatchObject({ recentLog: null, logChainValid: null });
    expect(JSON.stringify(security)).not.toMatch(/南海贸易|S-001|south-contract/);

    // An unscoped administrator reads it whole: the refusal is about scope.
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    const log = await h.call<{ rows: { target: string }[] }>('audit.query', { filter: {} });
    expect(log.rows.map((r) => r.target)).toContain('S-001');
  });
});
