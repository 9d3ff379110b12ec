import type { Sha256 } from '../crypto/sha256';
import { EMPTY_TREE_ROOT, merkleNodeHash } from './merkle-hash';

/**
 * An RFC 6962 Merkle tree over a list of leaf hashes, with the tree head (MTH), audit paths
 * (§2.1.1) and consistency proofs (§2.1.2) for any tree size up to the number of leaves.
 *
 * Perfect subtrees are hashed once, level by level; every subtree the RFC's recursion visits is
 * either one of those or a right edge of O(log n) of them, so a proof costs O(log² n).
 */
export class MerkleTree {
  /** levels[h][i] = MTH of the perfect subtree of leaves [i·2^h, (i+1)·2^h). */
  private readonly levels: Uint8Array[][];

  /** @param hash SHA-256 for interior nodes (Node: `nodeSha256`); portable by default. */
  constructor(
    leafHashes: readonly Uint8Array[],
    private readonly hash?: Sha256,
  ) {
    this.levels = [[...leafHashes]];
    for (let level = this.levels[0] as Uint8Array[]; level.length > 1; ) {
      const next: Uint8Array[] = [];
      for (let index = 0; index + 1 < level.length; index += 2) {
        next.push(
          merkleNodeHash(level[index] as Uint8Array, level[index + 1] as Uint8Array, this.hash),
        );
      }
      this.levels.push(next);
      level = next;
    }
  }

  get size(): number {
    return (this.levels[0] as Uint8Array[]).length;
  }

  /** MTH(D[0:size]); the whole tree by default. */
  root(size = this.size): Uint8Array {
    this.checkSize(size);
    return size === 0 ? EMPTY_TREE_ROOT : this.hashRange(0, size);
  }

  /** Audit path for leaf `index` in the tree of the first `size` leaves, leaf to root. */
  inclusionProof(index: number, size = this.size): Uint8Array[] {
    this.checkSize(size);
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
    }
    const proof: Uint8Array[] = [];
    this.path(index, 0, size, proof);
    return proof;
  }

  /** Proof that the tree of `oldSize` leaves is a prefix of the tree of `newSize` leaves. */
  consistencyProof(oldSize: number, newSize = this.size): Uint8Array[] {
    this.checkSize(newSize);
    if (!Number.isInteger(oldSize) || oldSize < 0 || oldSize > newSize) {
      throw new RangeError(`cannot prove size ${oldSize} against size ${newSize}`);
    }
    const proof: Uint8Array[] = [];
    if (oldSize > 0 && oldSize < newSize) this.subproof(oldSize, 0, newSize, true, proof);
    return proof;
  }

  // PATH(m, D[lo:hi]) from RFC 6962 §2.1.1, appending bottom-up.
  private path(index: number, lo: number, hi: number, out: Uint8Array[]): void {
    if (hi - lo <= 1) return;
    const split = largestPowerOfTwoBelow(hi - lo);
    if (index < split) {
      this.path(index, lo, lo + split, out);
      out.push(this.hashRange(lo + split, hi));
    } else {
      this.path(index - split, lo + split, hi, out);
      out.push(this.hashRange(lo, lo + split));
    }
  }

  // SUBPROOF(m, D[lo:hi], b) from RFC 6962 §2.1.2.
  private subproof(m: number, lo: number, hi: number, complete: boolean, out: Uint8Array[]): void {
    const n = hi - lo;
    if (m === n) {
      if (!complete) out.push(this.hashRange(lo, hi));
      return;
    }
    const split = largestPowerOfTwoBelow(n);
    if (m <= split) {
      this.subproof(m, lo, lo + split, complete, out);
      out.push(this.hashRange(lo + split, hi));
    } else {
      this.subproof(m - split, lo + split, hi, false, out);
      out.push(this.hashRange(lo, lo + split));
    }
  }

  private hashRange(lo: number, hi: number): Uint8Array {
    const n = hi - lo;
    if ((n & (n - 1)) === 0) {
      const height = Math.log2(n);
      const cached = this.levels[height]?.[lo / n];
      if (lo % n === 0 && cached) return cached;
    }
    const split = largestPowerOfTwoBelow(n);
    return merkleNodeHash(
      this.hashRange(lo, lo + split),
      this.hashRange(lo + split, hi),
      this.hash,
    );
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) {
      throw new RangeError(`tree size ${size} is outside 0..${this.size}`);
    }
  }
}

/** The largest power of two strictly below n (n ≥ 2). */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
