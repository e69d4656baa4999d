import { verifyLogChain, type ChainVerdict } from '../audit/store';
import { verifyAgainstCheckpoints, type CheckpointsVerdict } from '../audit/checkpoint-store';
import { vaultPublicKey } from '../keys/vault-keys';
import { readSlotFile } from './keyslots';
import type { OpenVault } from './open-vault';
import { verifyTreeHead, type TreeHeadVerdict } from './tree-head';

export interface VaultCheck {
  ok: boolean;
  integrity: string;
  accessLog: ChainVerdict;
  checkpoints: CheckpointsVerdict;
  /** The log against the signed tree head kept outside the database (slot file). */
  treeHead: TreeHeadVerdict;
}

/**
 * `handover vault check`: SQLite's full integrity check (every page is read,
 * so every page's Poly1305 tag is verified by the cipher), the access-log
 * hash chain, the log against every signed checkpoint kept in the vault, and
 * against the latest signed tree head kept outside it — the one a holder of
 * the data key alone cannot rewrite. All must hold.
 */
export function checkVault(vault: OpenVault): VaultCheck {
  let integrity: string;
  try {
    const rows = vault.db.pragma('integrity_check') as { integrity_check: string }[];
    integrity = rows.map((r) => r.integrity_check).join('; ');
  } catch (err) {
    integrity = `unreadable: ${(err as Error).message}`;
  }
  let accessLog: ChainVerdict;
  try {
    accessLog = verifyLogChain(vault.db);
  } catch {
    accessLog = { ok: false, entries: 0, seq: 0, reason: 'bad-details' };
  }
  let checkpoints: CheckpointsVerdict;
  try {
    checkpoints = verifyAgainstCheckpoints(vault.db, vaultPublicKey(vault).publicKey);
  } catch {
    checkpoints = { ok: false, checkpoints: 0, size: 0, reason: 'bad-signature' };
  }
  let treeHead: TreeHeadVerdict;
  try {
    treeHead = verifyTreeHead(vault.db, vault.signer, readSlotFile(vault.dir).treeHead);
  } catch {
    treeHead = { ok: false, size: 0, reason: 'log-differs' };
  }
  return { ok: integrity === 'ok' && accessLog.ok && checkpoints.ok && treeHead.ok, integrity, accessLog, checkpoints, treeHead };
}
