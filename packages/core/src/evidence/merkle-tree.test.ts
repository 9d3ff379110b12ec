import { hexToBytes } from '@noble/hashes/utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vectors from './__fixtures__/rfc6962-vectors.json';
import { MerkleFrontier } from './merkle-frontier';
import { merkleLeafHash } from './merkle-hash';
import { verifyConsistency, verifyInclusion } from './merkle-proof';
import { MerkleTree } from './merkle-tree';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const leaves = vectors.leaves.map((leaf) => merkleLeafHash(hexToBytes(leaf)));
const tree = new MerkleTree(leaves);

describe('RFC 6962 Merkle tree (reference vectors)', () => {
  it('computes the published root of every prefix 0..8', () => {
    for (let size = 0; size <= 8; size++) {
      expect(hex(tree.root(size)), `size ${size}`).toBe(vectors.roots[size]);
    }
  });

  it('the frontier gives the same roots while appending', () => {
    const frontier = MerkleFrontier.empty();
    expect(hex(frontier.root())).toBe(vectors.roots[0]);
    for (const [index, leaf] of leaves.entries()) {
      frontier.append(leaf);
      expect(hex(frontier.root())).toBe(vectors.roots[index + 1]);
    }
  });

  it('produces and verifies the published inclusion proofs', () => {
    for (const vector of vectors.inclusion) {
      const index = vector.leaf - 1;
      const proof = tree.inclusionProof(index, vector.size);
      expect(proof.map(hex)).toEqual(vector.proof);
      const root = hexToBytes(vectors.roots[vector.size] as string);
      expect(verifyInclusion(index, vector.size, leaves[index] as Uint8Array, proof, root)).toBe(
        true,
      );
    }
  });

  it('produces and verifies the published consistency proofs', () => {
    for (const vector of vectors.consistency) {
      const proof = tree.consistencyProof(vector.size1, vector.size2);
      expect(proof.map(hex)).toEqual(vector.proof);
      const oldRoot = hexToBytes(vectors.roots[vector.size1] as string);
      const newRoot = hexToBytes(vectors.roots[vector.size2] as string);
      expect(verifyConsistency(vector.size1, vector.size2, proof, oldRoot, newRoot)).toBe(true);
      expect(verifyConsistency(vector.size1, vector.size2, proof, newRoot, oldRoot)).toBe(false);
    }
  });

  it('rejects corrupted inclusion proofs (the reference suite probes)', () => {
    const vector = vectors.inclusion[1] as (typeof vectors.inclusion)[number];
    const index = vector.leaf - 1;
    const proof = vector.proof.map((h) => hexToBytes(h));
    const root = hexToBytes(vectors.roots[vector.size] as string);
    const leaf = leaves[index] as Uint8Array;
    expect(verifyInclusion(index - 1, vector.size, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(index + 1, vector.size, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(index, vector.size * 2, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(index, vector.size / 2, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(index, vector.size, leaves[0] as Uint8Array, proof, root)).toBe(false);
    expect(verifyInclusion(index, vector.size, leaf, [...proof, root], root)).toBe(false);
    expect(verifyInclusion(index, vector.size, leaf, [root, ...proof], root)).toBe(false);
    expect(verifyInclusion(index, vector.size, leaf, proof.slice(0, -1), root)).toBe(false);
    for (let position = 0; position < proof.length; position++) {
      const flipped = proof.map((hash) => hash.slice());
      const hash = flipped[position] as Uint8Array;
      hash[0] = (hash[0] as number) ^ 8;
      expect(verifyInclusion(index, vector.size, leaf, flipped, root)).toBe(false);
    }
  });

  it('treats the edge sizes of consistency as the reference does', () => {
    const empty = hexToBytes(vectors.roots[0] as string);
    const one = hexToBytes(vectors.roots[1] as string);
    expect(verifyConsistency(0, 0, [], empty, empty)).toBe(true);
    expect(verifyConsistency(0, 1, [], empty, one)).toBe(true);
    expect(verifyConsistency(1, 0, [], one, empty)).toBe(false);
    expect(verifyConsistency(1, 2, [], one, one)).toBe(false);
    expect(verifyConsistency(1, 1, [empty], one, one)).toBe(false);
  });
});

describe('Merkle proofs (properties)', () => {
  const leafList = fc
    .array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 })
    .map((items) => items.map((item) => merkleLeafHash(item)));

  it('every leaf of every prefix has a verifying inclusion proof, and no other leaf does', () => {
    fc.assert(
      fc.property(leafList, fc.nat(), fc.nat(), (hashes, a, b) => {
        const merkle = new MerkleTree(hashes);
        const size = 1 + (a % hashes.length);
        const index = b % size;
        const proof = merkle.inclusionProof(index, size);
        const root = merkle.root(size);
        expect(verifyInclusion(index, size, hashes[index] as Uint8Array, proof, root)).toBe(true);
        const other = (index + 1) % size;
        if (
          other !== index &&
          hex(hashes[other] as Uint8Array) !== hex(hashes[index] as Uint8Array)
        ) {
          expect(verifyInclusion(index, size, hashes[other] as Uint8Array, proof, root)).toBe(
            false,
          );
        }
      }),
    );
  });

  it('consistency proofs verify between any two prefixes and fail against a rewritten history', () => {
    fc.assert(
      fc.property(leafList, fc.nat(), fc.nat(), (hashes, a, b) => {
        const merkle = new MerkleTree(hashes);
        const newSize = 1 + (a % hashes.length);
        const oldSize = 1 + (b % newSize);
        const proof = merkle.consistencyProof(oldSize, newSize);
        const oldRoot = merkle.root(oldSize);
        const newRoot = merkle.root(newSize);
        expect(verifyConsistency(oldSize, newSize, proof, oldRoot, newRoot)).toBe(true);
        const rewritten = hashes.slice();
        rewritten[0] = merkleLeafHash(
          new Uint8Array([0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8, 0xf7]),
        );
        const forgedOld = new MerkleTree(rewritten).root(oldSize);
        expect(verifyConsistency(oldSize, newSize, proof, forgedOld, newRoot)).toBe(false);
      }),
    );
  });
});
