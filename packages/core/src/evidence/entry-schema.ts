import { z } from 'zod';
import { decisionReceiptSchema } from '../receipt/receipt-schema';

/** An Ed25519 public key as recorded in the log (JWK with its RFC 7638 thumbprint as `kid`). */
export const publicJwkSchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    kid: z.string().min(1),
  })
  .strict();

/** `sha256:` + 64 lowercase hex digits. */
export const entryHashSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/);

/** Fields every log entry carries; they make the log a sequence and a hash chain. */
const entryBase = {
  version: z.literal('v1'),
  /** Random id fixed by the first entry; binds every entry and checkpoint to one log. */
  logId: z.string().min(1),
  /** 0-based position in the log. */
  seq: z.number().int().nonnegative(),
  /** When the entry was appended (ISO 8601, UTC). */
  time: z.string().min(1),
  /** Entry hash of entry `seq - 1`; `null` only for entry 0. */
  prev: entryHashSchema.nullable(),
};

const guardModeSchema = z.enum(['enforce', 'shadow']);

/** Every kind of log entry. A receipt is the `decision` kind. */
export const evidenceEntrySchema = z.discriminatedUnion('kind', [
  z.object({ ...entryBase, kind: z.literal('log-created'), publicKey: publicJwkSchema }).strict(),
  z
    .object({
      ...entryBase,
      kind: z.literal('key-rotated'),
      previousKeyId: z.string().min(1),
      publicKey: publicJwkSchema,
      reason: z.string().optional(),
    })
    .strict(),
  z
    .object({
      ...entryBase,
      kind: z.literal('policy-activated'),
      policyHash: z.string().min(1),
      icmePolicyId: z.string().optional(),
      name: z.string().optional(),
      /** The plain-English policy text, when the app supplied it. */
      text: z.string().optional(),
      /** The compiled policy IR (JSON), from which `policyHash` is computed. */
      ir: z.unknown().optional(),
    })
    .strict(),
  z
    .object({
      ...entryBase,
      kind: z.literal('mode-changed'),
      mode: guardModeSchema,
      previousMode: guardModeSchema.optional(),
      reason: z.string().optional(),
    })
    .strict(),
  z
    .object({
      ...entryBase,
      kind: z.literal('engine-configured'),
      engine: z.string().min(1),
      configuration: z.record(z.string(), z.unknown()),
    })
    .strict(),
  decisionReceiptSchema.extend(entryBase).strict(),
  z
    .object({
      ...entryBase,
      kind: z.literal('outcome'),
      receiptId: z.string().min(1),
      receiptSeq: z.number().int().nonnegative().nullable(),
      receiptHash: entryHashSchema.nullable(),
      ran: z.boolean(),
      ok: z.boolean(),
      durationMs: z.number().nonnegative().optional(),
      error: z.string().optional(),
    })
    .strict(),
  z
    .object({
      ...entryBase,
      kind: z.literal('tail-quarantined'),
      /** Byte offset in the log file where the torn tail started. */
      offset: z.number().int().nonnegative(),
      length: z.number().int().nonnegative(),
      sha256: z.string(),
      /** Where the bytes were moved, relative to the evidence directory. */
      file: z.string(),
      reason: z.string(),
    })
    .strict(),
]);
export type EvidenceEntry = z.infer<typeof evidenceEntrySchema>;
export type EvidenceEntryKind = EvidenceEntry['kind'];

/** An entry before the log assigns its position: what callers append. */
export type EntryBody = EvidenceEntry extends infer E
  ? E extends EvidenceEntry
    ? Omit<E, 'version' | 'logId' | 'seq' | 'time' | 'prev'>
    : never
  : never;
