import { z } from 'zod';

/** The four decision results (see `DecisionResult` in guard/types). */
export const decisionResultSchema = z.enum(['SAT', 'UNSAT', 'SATISFIABLE', 'ERROR']);

/** A policy variable's value in a receipt, with where it came from. */
export const receiptVariableSchema = z
  .object({
    value: z.union([z.boolean(), z.number(), z.string()]),
    provenance: z.enum(['arg', 'context', 'session', 'derived']),
    note: z.string().optional(),
  })
  .strict();

/** What the ICME engine returned that an auditor can follow up: check, proof and policy ids. */
export const icmeEvidenceSchema = z
  .object({
    checkId: z.string(),
    proofId: z.string(),
    proofUrl: z.string(),
    policyId: z.string(),
    /** The combined verdict string as ICME sent it (e.g. `AR uncertain`). */
    result: z.string(),
    detail: z.string(),
    /** Per-layer results: `z3` is what the zero-knowledge proof attests. */
    subResults: z.object({ z3: z.string(), ar: z.string(), llm: z.string() }).partial().strict(),
  })
  .partial()
  .strict();
export type IcmeEvidence = z.infer<typeof icmeEvidenceSchema>;

/** One engine's verdict as recorded. */
export const receiptVerdictSchema = z
  .object({
    engine: z.string(),
    result: decisionResultSchema,
    /** Rule numbers the engine found violated. */
    violations: z.array(z.number().int()),
    unknown: z.array(z.string()),
    reason: z.string().optional(),
    icme: icmeEvidenceSchema.optional(),
  })
  .strict();

/**
 * The body of a receipt: everything DESIGN.md §6 lists about one decision. The log entry that
 * carries it adds `version`, `logId`, `seq`, `time` and `prev` (see `evidenceEntrySchema`).
 */
export const decisionReceiptSchema = z
  .object({
    kind: z.literal('decision'),
    /** The decision's id; `evidence show <receipt-id>` finds the receipt by it. */
    receiptId: z.string().min(1),
    session: z.string().nullable(),
    tool: z.string().nullable(),
    toolCallId: z.string().nullable(),
    /** `null` when the call never became an action (e.g. its args were invalid). */
    action: z
      .object({ digest: z.string(), argsDigest: z.string(), description: z.string() })
      .strict()
      .nullable(),
    variables: z.record(z.string(), receiptVariableSchema),
    policy: z.object({ hash: z.string(), icmePolicyId: z.string().optional() }).strict(),
    engines: z.array(z.string()),
    verdicts: z.array(receiptVerdictSchema),
    mode: z.enum(['enforce', 'shadow']),
    result: decisionResultSchema,
    allowed: z.boolean(),
    wouldAllow: z.boolean(),
    screenedOut: z.boolean(),
    reason: z.string(),
    code: z.string().optional(),
    violations: z.array(z.object({ id: z.number().int(), text: z.string() }).strict()),
    unknown: z.array(z.string()),
    wouldAllowWith: z.array(z.string()).optional(),
    /**
     * Who approved what: one entry per permission token found in trusted context and checked by
     * the token verifier (ISO/IEC 42001 A.9.2). Absent when no verifier ran.
     */
    approvals: z
      .array(
        z
          .object({
            variable: z.string(),
            ok: z.boolean(),
            tokenId: z.string().optional(),
            approverId: z.string().optional(),
            reason: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    /** When the guard made the decision (the entry's `time` is when it was logged). */
    decidedAt: z.string(),
  })
  .strict();
export type DecisionReceipt = z.infer<typeof decisionReceiptSchema>;
