import { bytesToHex } from '@noble/hashes/utils';
import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { type FlattenedJws, jwsTypes } from '../receipt/jws-envelope';
import type { JwsSigner } from '../receipt/jws-signer';
import { entryHashSchema } from './entry-schema';

/**
 * A signed tree head: the log of `logId` had `size` entries with Merkle root `root` at `time`.
 * Checkpoints live in their own file (`checkpoints.jsonl`), one flattened JWS per line, signed
 * with the JWS type `application/vnd.preflight.checkpoint.v1+jws`.
 */
export const checkpointSchema = z
  .object({
    version: z.literal('v1'),
    kind: z.literal('checkpoint'),
    logId: z.string().min(1),
    size: z.number().int().nonnegative(),
    /** RFC 6962 MTH of entries [0, size), lowercase hex. */
    root: z.string().regex(/^[0-9a-f]{64}$/),
    /** Entry hash of entry `size - 1` (`null` for size 0), tying the tree to the hash chain. */
    lastHash: entryHashSchema.nullable(),
    time: z.string().min(1),
    keyId: z.string().min(1),
  })
  .strict();
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** Signs a checkpoint for the current tree head and returns its log line. */
export async function signCheckpoint({
  signer,
  logId,
  size,
  root,
  lastHash,
  time,
}: {
  signer: JwsSigner;
  logId: string;
  size: number;
  root: Uint8Array;
  lastHash: string | null;
  time: string;
}): Promise<{ checkpoint: Checkpoint; jws: FlattenedJws }> {
  const checkpoint: Checkpoint = {
    version: 'v1',
    kind: 'checkpoint',
    logId,
    size,
    root: bytesToHex(root),
    lastHash,
    time,
    keyId: signer.keyId,
  };
  const jws = await signer.sign(jwsTypes.checkpoint, canonicalJson(checkpoint));
  return { checkpoint, jws };
}
