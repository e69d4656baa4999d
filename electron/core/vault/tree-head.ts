import { accumulate, logSize, storeCheckpoint } from '../audit/checkpoint-store';
import { verifyCheckpoint } from '../formats/checkpoint';
import { MerkleAccumulator } from '../formats/merkle';
import type { Db } from '../db/database';
import { vaultPublicKey } from '../keys/vault-keys';
import type { Keyring } from './keyring';
import { readSlotFile, writeSlotFile, type Signer, type SlotFile, type TreeHead } from './keyslots';

/**
 * The latest signed tree head of the access log, kept outside the database
 * (in the slot file, and so in every backup, whose header carries the slot
 * file). Someone holding only the data key can rewrite the database, its
 * log, its checkpoints and even the triggers that keep them append-only,
 * but cannot sign: a log shorter than, or different from, the head signed
 * last fails `vault check`. Exactly: everything up to the latest signed head
 * is protected; entries after it are protected from the next signing on
 * (every unlock and lock by a keyring holder, every export, daily).
 */
export interface TreeHeadVerdict {
  ok: boolean;
  size: number;
  reason?: 'missing' | 'bad-signature' | 'log-shorter' | 'log-differs';
}

/**
 * Sign a checkpoint of the whole log now and keep it as the file's tree head.
 * Null if this user cannot sign, or if the log is shorter than the head
 * signed last (signing it would launder the cut: the old head stays, and
 * `vault check` keeps failing).
 */
export function signTreeHead(
  vault: { db: Db; dir: string; keyring: Keyring | null },
  reason: string,
  now: Date,
  file: SlotFile = readSlotFile(vault.dir),
): SlotFile | null {
  if (!vault.keyring) return null;
  const key = vault.keyring.signing;
  const acc = continueFrom(file.treeHead);
  // A log shorter than the head, or a head whose kept range does not give its root: never sign over that.
  if (!acc || logSize(vault.db) < acc.size) return null;
  // Only the entries since the last head are read: the new head commits to the old one's range, so a history
  // rewritten below it still fails `vault check`, which recomputes everything from the first entry.
  accumulate(vault.db, acc, logSize(vault.db));
  const cp = vault.db.transaction(() => storeCheckpoint(vault.db, key, reason, now, acc)).immediate();
  const compact = acc.compactRange().map((h) => h.toString('hex'));
  const next: SlotFile = { ...file, treeHead: { size: cp.size, root: cp.root.toString('hex'), note: cp.note, compact } };
  writeSlotFile(vault.dir, next);
  return next;
}

function continueFrom(head: TreeHead | null): MerkleAccumulator | null {
  if (!head) return new MerkleAccumulator();
  try {
    const acc = new MerkleAccumulator({ size: head.size, hashes: head.compact.map((h) => Buffer.from(h, 'hex')) });
    return acc.root().toString('hex') === head.root ? acc : null;
  } catch {
    return null;
  }
}

/** The log inside the database against the tree head kept outside it. */
export function verifyTreeHead(db: Db, signer: Signer, head: TreeHead | null): TreeHeadVerdict {
  if (!head) return { ok: false, size: 0, reason: 'missing' };
  const verdict = verifyCheckpoint(head.note, vaultPublicKey({ signer }).publicKey);
  if (!verdict.ok || verdict.checkpoint.size !== head.size || verdict.checkpoint.root.toString('hex') !== head.root) {
    return { ok: false, size: head.size, reason: 'bad-signature' };
  }
  if (logSize(db) < head.size) return { ok: false, size: head.size, reason: 'log-shorter' };
  // From the first entry: the checkpoints table's kept ranges live in the database and prove nothing here.
  const acc = new MerkleAccumulator();
  accumulate(db, acc, head.size);
  if (acc.size !== head.size || acc.root().toString('hex') !== head.root) return { ok: false, size: head.size, reason: 'log-differs' };
  return { ok: true, size: head.size };
}
