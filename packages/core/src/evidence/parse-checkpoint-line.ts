import {
  decodeJwsHeader,
  decodeJwsPayload,
  type FlattenedJws,
  type JwsHeader,
  jwsTypes,
  parseFlattenedJws,
  parseJsonBytes,
} from '../receipt/jws-envelope';
import { type Checkpoint, checkpointSchema } from './checkpoint';

export type ParseCheckpointLineResult =
  | { ok: true; value: { checkpoint: Checkpoint; jws: FlattenedJws; header: JwsHeader } }
  | { ok: false; reason: string };

/** Decodes one checkpoint line without checking its signature. Never throws. */
export function parseCheckpointLine(line: string): ParseCheckpointLineResult {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'the line is not JSON' };
  }
  const jws = parseFlattenedJws(raw);
  const header = jws && decodeJwsHeader(jws.protected);
  if (!jws || !header) return { ok: false, reason: 'the line is not a PreFlight JWS' };
  if (header.typ !== jwsTypes.checkpoint) {
    return { ok: false, reason: `the JWS type is ${header.typ}, not a checkpoint` };
  }
  const payload = decodeJwsPayload(jws);
  const parsed = checkpointSchema.safeParse(payload && parseJsonBytes(payload));
  if (!parsed.success) return { ok: false, reason: 'the payload is not a v1 checkpoint' };
  return { ok: true, value: { checkpoint: parsed.data, jws, header } };
}
