import type { Ed25519PublicJwk } from '../crypto/ed25519';
import { PreflightError } from '../errors';
import {
  decodeJwsHeader,
  decodeJwsPayload,
  parseFlattenedJws,
  parseJsonBytes,
} from '../receipt/jws-envelope';
import { checkpointSchema } from './checkpoint';
import type { EntryBody } from './entry-schema';
import type { EvidenceCodec } from './evidence-codec';
import { MerkleFrontier } from './merkle-frontier';
import { parseEntryLine } from './parse-entry-line';

/**
 * What a writer must know about the end of the log to append to it: position, last hash, Merkle
 * frontier, active key and the policies already announced. Built by folding lines in order.
 */
export interface LogHead {
  logId: string | null;
  size: number;
  lastHash: string | null;
  frontier: MerkleFrontier;
  activeKeyId: string | null;
  keys: Map<string, Ed25519PublicJwk>;
  policies: Set<string>;
  lastCheckpoint: { size: number; time: string } | null;
}

export function emptyLogHead(): LogHead {
  return {
    logId: null,
    size: 0,
    lastHash: null,
    frontier: MerkleFrontier.empty(),
    activeKeyId: null,
    keys: new Map(),
    policies: new Set(),
    lastCheckpoint: null,
  };
}

export function cloneLogHead(head: LogHead): LogHead {
  return {
    ...head,
    frontier: head.frontier.clone(),
    keys: new Map(head.keys),
    policies: new Set(head.policies),
  };
}

/**
 * Folds one existing line into the head. A writer refuses to extend a log whose end it cannot
 * make sense of (throws `EVIDENCE_CORRUPT`): appending would bury the damage.
 */
export function applyEntryLine(head: LogHead, line: string, codec: EvidenceCodec = {}): void {
  const parsed = parseEntryLine(line, codec);
  if (!parsed.ok) throw corrupt(head.size, parsed.reason);
  const { entry, hash, leaf } = parsed.value;
  if (entry.seq !== head.size) {
    throw corrupt(head.size, `found seq ${entry.seq} where seq ${head.size} belongs`);
  }
  if (entry.prev !== head.lastHash) throw corrupt(head.size, 'its prev hash breaks the chain');
  if (head.logId !== null && entry.logId !== head.logId) {
    throw corrupt(head.size, 'it belongs to another log');
  }
  applyEntry(head, entry.logId, entry.seq, entry, hash);
  head.frontier.append(leaf, codec.sha256);
}

/**
 * Updates the head for an entry at `seq` of log `logId` (its leaf is added separately). Takes
 * the body and position apart so a writer need not merge them into one object per entry.
 */
export function applyEntry(
  head: LogHead,
  logId: string,
  seq: number,
  body: EntryBody,
  hash: string,
): void {
  head.logId = logId;
  head.size = seq + 1;
  head.lastHash = hash;
  if (body.kind === 'log-created' || body.kind === 'key-rotated') {
    head.keys.set(body.publicKey.kid, body.publicKey);
    head.activeKeyId = body.publicKey.kid;
  } else if (body.kind === 'policy-activated') {
    head.policies.add(body.policyHash);
  }
}

/** Folds one existing checkpoint line into the head (only its size and time matter here). */
export function applyCheckpointLine(head: LogHead, line: string): void {
  try {
    const jws = parseFlattenedJws(JSON.parse(line));
    const payload = jws && decodeJwsHeader(jws.protected) ? decodeJwsPayload(jws) : undefined;
    const checkpoint = checkpointSchema.safeParse(payload && parseJsonBytes(payload));
    if (checkpoint.success && checkpoint.data.size >= (head.lastCheckpoint?.size ?? 0)) {
      head.lastCheckpoint = { size: checkpoint.data.size, time: checkpoint.data.time };
    }
  } catch {
    // A damaged checkpoint line is the verifier's business; the writer simply writes a new one.
  }
}

function corrupt(seq: number, reason: string): PreflightError {
  return new PreflightError({
    code: 'EVIDENCE_CORRUPT',
    message: `The evidence log is damaged at entry ${seq}: ${reason}. Run \`preflight evidence verify\`; no entry was appended.`,
    details: { seq },
  });
}
