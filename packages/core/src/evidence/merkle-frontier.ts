import type { Sha256 } from '../crypto/sha256';
import { EMPTY_TREE_ROOT, merkleNodeHash } from './merkle-hash';

/**
 * The right edge of an RFC 6962 tree (a "compact range"): one perfect subtree root per set bit of
 * the size, largest first. Appending is O(log n) and the root is computable at any time, so a
 * writer can sign checkpoints without keeping every leaf.
 */
export class MerkleFrontier {
  private constructor(
    private count: number,
    private readonly nodes: Uint8Array[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a leaf; `hash` (e.g. a native SHA-256) computes the merged nodes, the portable one if absent. */
  append(leafHash: Uint8Array, hash?: Sha256): void {
    let node = leafHash;
    // Each trailing 1 bit of the old size is a perfect subtree of the new leaf's size: merge.
    for (let bits = this.count; bits & 1; bits >>>= 1) {
      node = merkleNodeHash(this.nodes.pop() as Uint8Array, node, hash);
    }
    this.nodes.push(node);
    this.count++;
  }

  /** MTH of all leaves appended so far. */
  root(): Uint8Array {
    if (this.nodes.length === 0) return EMPTY_TREE_ROOT;
    let accumulator = this.nodes[this.nodes.length - 1] as Uint8Array;
    for (let index = this.nodes.length - 2; index >= 0; index--) {
      accumulator = merkleNodeHash(this.nodes[index] as Uint8Array, accumulator);
    }
    return accumulator;
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(this.count, [...this.nodes]);
  }
}
