import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSodium } from '../../electron/core/crypto/sodium';
import { dbPath, openEncryptedDb } from '../../electron/core/db/database';
import { candidateSlots, parseSlotFile, readSlotFile, slotsPath, type UserSlot } from '../../electron/core/vault/keyslots';
import { openSealed, openUserSlotPair } from '../../electron/core/vault/slot-crypto';
import { checkVault } from '../../electron/core/vault/check';
import { makeCore } from '../helpers/core';
import { TEST_KDF } from '../helpers/test-kdf';
import { ADMIN, STAFF } from '../helpers/temp';

type Unlocked = { since: { previousUnlockAt: string | null; checkpoints: number } };

/**
 * The attack, by a staff member with their own code and the data key from their own slot (no signing
 * key): save `vault.slots.json` now; later, after an administrator's sessions signed newer heads, cut
 * the log back to the saved head, delete the newer checkpoints and put the saved (validly signed) head
 * back into the slot file. The README says what this defeats and what shows it: `vault check` has
 * nothing left to compare with, but the administrator's next unlock reports fewer signed checkpoints
 * than the last one did. This test keeps both statements true.
 */
describe('attack: an older signed tree head put back, the log cut to it', () => {
  it('passes vault check (stated in the README) but the next unlock shows the checkpoint count went back', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    await h.call('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    await h.call('vault.lock');
    const saved = readFileSync(slotsPath(h.vaultDir), 'utf8');
    const savedHead = parseSlotFile(saved).treeHead!;

    // The administrator works on: every unlock and lock signs a newer head.
    for (let i = 0; i < 2; i++) {
      await h.call('vault.unlock', ADMIN);
      await h.call('clients.search', { text: `查询 ${i}` });
      await h.call('vault.lock');
    }
    const last = await h.call<Unlocked>('vault.unlock', ADMIN);
    await h.call('vault.lock');
    expect(readSlotFile(h.vaultDir).treeHead!.size).toBeGreaterThan(savedHead.size);

    // Staff's own code: the data key from their own slot, then the cut.
    const sodium = await loadSodium();
    const file = parseSlotFile(readFileSync(slotsPath(h.vaultDir), 'utf8'));
    const slot = candidateSlots(file, STAFF.userName)[0] as UserSlot;
    const key = openSealed(sodium, slot.sealed.dataKey, (await openUserSlotPair(sodium, file, file.signer!, slot, STAFF.passphrase, TEST_KDF))!)!;
    const db = openEncryptedDb(dbPath(h.vaultDir), key, { create: false, cipher: file.cipher });
    db.exec('DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete; DROP TRIGGER checkpoints_no_delete');
    db.prepare('DELETE FROM access_log WHERE seq > ?').run(savedHead.size);
    db.prepare('DELETE FROM checkpoints WHERE size > ?').run(savedHead.size);
    db.close();
    writeFileSync(slotsPath(h.vaultDir), JSON.stringify({ ...JSON.parse(readFileSync(slotsPath(h.vaultDir), 'utf8')), treeHead: savedHead }, null, 2));

    const next = await h.call<Unlocked>('vault.unlock', ADMIN);
    // What the vault cannot tell: the log matches the (older, genuinely signed) head it holds.
    const check = checkVault(h.core.openVaultForTests!);
    expect(check.treeHead.ok).toBe(true);
    // What the person unlocking sees: fewer signed checkpoints than at their last unlock.
    expect(next.since.checkpoints).toBeLessThan(last.since.checkpoints);
  });
});
