import { createHash } from 'node:crypto';
import { sha256p32, sha256p64 } from './log-scan';

/**
 * RFC 9162 (Certificate Transparency v2, same hashing as RFC 6962) Merkle
 * tree hashing: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || l || r),
 * and a tree of n leaves splits at the largest power of two below n.
 */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(data: Buffer | string): Buffer {
  // The common case (an entry hash as the leaf) avoids node:crypto's per-call overhead.
  if (typeof data !== 'string' && data.length === 32) return sha256p32(0, data);
  return createHash('sha256').update(LEAF).update(data).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length === 32 && right.length === 32) return sha256p64(1, left, right);
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

export const EMPTY_ROOT = createHash('sha256').digest();

/**
 * Appends leaves one at a time and gives the root of any prefix seen so far
 * without keeping the leaves: it keeps the "compact range" of [0, size), one
 * perfect subtree hash per set bit of size (largest first), as logs do.
 */
export class MerkleAccumulator {
  private readonly stack: { size: number; hash: Buffer }[] = [];
  size = 0;

  constructor(compactRange?: { size: number; hashes: Buffer[] }) {
    if (compactRange) {
      const sizes = compactSizes(compactRange.size);
      if (sizes.length !== compactRange.hashes.length) throw new RangeError('compact range does not fit its size');
      sizes.forEach((s, i) => this.stack.push({ size: s, hash: compactRange.hashes[i]! }));
      this.size = compactRange.size;
    }
  }

  pushLeafHash(hash: Buffer): void {
    let node = { size: 1, hash };
    while (this.stack.length && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.size++;
  }

  /** Append a whole perfect subtree of `size` leaves (a power of two); the tree so far must end at a multiple of it. */
  pushSubtree(size: number, hash: Buffer): void {
    let node = { size, hash };
    while (this.stack.length && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.size += size;
  }

  push(data: Buffer | string): void {
    this.pushLeafHash(leafHash(data));
  }

  /** The subtree hashes covering [0, size): what a later verifier needs to continue from here. */
  compactRange(): Buffer[] {
    return this.stack.map((n) => n.hash);
  }

  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    // Fold right to left: the smaller, later subtrees hang off the right spine.
    let hash = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i]!.hash, hash);
    return hash;
  }
}

/** Sizes of the perfect subtrees that make up [0, n), largest first. */
export function compactSizes(n: number): number[] {
  const sizes: number[] = [];
  for (let bit = 2 ** Math.floor(Math.log2(Math.max(n, 1))); bit >= 1; bit /= 2) if (n & bit) sizes.push(bit);
  return n === 0 ? [] : sizes;
}

/** The root of a whole list of leaf hashes (reference recursion, for tests and small trees). */
export function rootOfLeafHashes(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(rootOfLeafHashes(leaves.slice(0, k)), rootOfLeafHashes(leaves.slice(k)));
}

/**
 * Inclusion proofs (RFC 9162 §2.1.3.1, the audit path bottom up) of some
 * leaves of a tree given by all its leaf hashes. The tree's levels are built
 * once; a last node without a partner moves up as it is, which is the RFC's
 * split at the largest power of two.
 */
export function inclusionProofs(leaves: Buffer[], indexes: number[]): Buffer[][] {
  const levels: Buffer[][] = [leaves];
  for (let level = leaves; level.length > 1;) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    levels.push((level = next));
  }
  return indexes.map((index) => {
    const path: Buffer[] = [];
    let i = index;
    for (let l = 0; l < levels.length - 1; l++) {
      const sibling = i ^ 1;
      if (sibling < levels[l]!.length) path.push(levels[l]![sibling]!);
      i >>= 1;
    }
    return path;
  });
}

/** RFC 9162 §2.1.3.2: does `path` prove leaf `index` (hash `leaf`) in the tree of `size` leaves with `root`? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, path: Buffer[], root: Buffer): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}
