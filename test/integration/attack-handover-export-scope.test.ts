import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HandoverDetail } from '../../shared/contract';
import { scopedVault } from '../helpers/scoped-vault';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';

/**
 * The attack: a 华东-only user with the right to export packages works on a national handover that
 * also holds a 华南 client. A package (or the closed handover's archive) carries every client in
 * full, unmasked — the one way out of the vault for clients this user cannot even list. The README
 * promises exports leave the others out; a package cannot, so it is refused to them.
 */
describe('attack: exporting a handover that holds clients outside the user\'s scope', () => {
  it('refuses the package and the archive with HANDOVER_BEYOND_SCOPE, writes nothing, and the scope is what it names first', async () => {
    const v = await scopedVault();
    const { h } = v;
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    const mixed = await h.call<HandoverDetail>('handovers.create', { title: '全国交接', buyerName: '北方收购集团' });
    await h.call('handovers.setScope', { id: mixed.id, scope: { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [v.inScope.client, v.outOfScope.client] } });
    await h.call('vault.lock');
    await h.call('vault.unlock', STAFF);
    // The handover is visible to them (one of its clients is theirs).
    expect((await h.call<{ id: number }[]>('handovers.list')).map((x) => x.id)).toContain(mixed.id);

    const out = join(tempDir(), 'stolen.handover');
    h.answers.chooseSaveTarget = [out, out];
    expect(await h.core.handle('handovers.export', { id: mixed.id, jobId: 'job-export', includeSelf: true })).toMatchObject({ ok: false, error: { code: 'HANDOVER_BEYOND_SCOPE' } });
    expect(await h.core.handle('handovers.archive', { id: mixed.id })).toMatchObject({ ok: false, error: { code: 'HANDOVER_BEYOND_SCOPE' } });
    expect(existsSync(out)).toBe(false);
    // A handover wholly in their scope is still refused to them: their role masks every field, which the package
    // carries unmasked (test/integration/attack-masked-export.test.ts).
    expect(await h.core.handle('handovers.export', { id: v.inScope.handover, jobId: 'job-export-2', includeSelf: true })).toMatchObject({ ok: false, error: { code: 'HANDOVER_BEYOND_MASKS' } });
  });
});
