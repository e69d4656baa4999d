import { verifyLogChain, type ChainVerdict } from '../audit/access-log';
import { verifyAgainstCheckpoints, type CheckpointsVerdict } from '../audit/checkpoints';
import type { OpenVault } from './vault';

export interface VaultCheck {
  ok: boolean;
  integrity: string;
  accessLog: ChainVerdict;
  checkpoints: CheckpointsVerdict;
}

/**
 * `handover vault check`: SQLite's full integrity check (every page is read,
 * so every page's Poly1305 tag is verified by the cipher) and the access-log
 * hash chain, and the log against every signed checkpoint kept in the vault
 * (a rewritten or truncated history no longer matches). All must hold.
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
    checkpoints = verifyAgainstCheckpoints(vault.db);
  } catch {
    checkpoints = { ok: false, checkpoints: 0, size: 0, reason: 'bad-signature' };
  }
  return { ok: integrity === 'ok' && accessLog.ok && checkpoints.ok, integrity, accessLog, checkpoints };
}
