import type { Assignment, PolicyIR, Value } from '../policy/ir';

/**
 * The contracts between the guard, its engines, its recorder (evidence log) and the adapters.
 * Everything an adapter or an engine needs to know about the guard lives here.
 */

/** SAT = allowed under every completion of unknown variables; UNSAT = violated under every
 * completion; SATISFIABLE = it depends on unknowns; ERROR = no decision could be made. */
export type DecisionResult = 'SAT' | 'UNSAT' | 'SATISFIABLE' | 'ERROR';

/** A tool call as the framework hands it over, before it runs. `args` are model-written. */
export interface ToolCall {
  tool: string;
  args: unknown;
  toolCallId: string;
  /** Session (conversation, thread) the call belongs to; counters accumulate per session. */
  sessionId?: string;
}

/**
 * What the app knows and the model cannot forge: tokens a human supplied, the user's identity.
 * Permission variables (tokens, approver ids) are read from here by default.
 */
export type TrustedContext = Readonly<Record<string, unknown>>;

/** Where a variable's value came from. */
export type Provenance = 'arg' | 'context' | 'session' | 'derived';

export interface ActionVariable {
  value: Value;
  provenance: Provenance;
  /** Why the value is what it is (e.g. "token failed verification: expired"). */
  note?: string;
}

/** A tool call turned into explicit policy variables, ready for an engine. */
export interface Action {
  tool: string;
  toolCallId: string;
  sessionId: string;
  /** Every variable the action fixes, with provenance. Variables absent here are unknown. */
  variables: Readonly<Record<string, ActionVariable>>;
  /** Canonical description: every policy variable listed explicitly (for ICME and receipts). */
  description: string;
  /** `sha256:` digest of the canonical action (tool, variables, args digest). */
  digest: string;
  /** `sha256:` digest of the canonical tool args. */
  argsDigest: string;
  /** Plain values of `variables`, for the evaluator. */
  assignment: Assignment;
  /**
   * Variables a source was found for but whose value could not be used (wrong type, missing list
   * data), with why. They stay unknown. (Added by the guard; optional.)
   */
  unresolved?: Readonly<Record<string, string>>;
}

/** What a permission verifier said about one token (for receipts: who approved what). */
export interface PermissionCheckRecord {
  /** The permission variable the token was offered for. */
  variable: string;
  ok: boolean;
  tokenId?: string;
  approverId?: string;
  /** Why verification failed. */
  reason?: string;
}

export interface Violation {
  /** Rule number in the policy text. */
  id: number;
  text: string;
}

/** One engine's verdict on one action. */
export interface EngineVerdict {
  engine: string;
  result: DecisionResult;
  violations: Violation[];
  /** Unknown variables the result depends on (for SATISFIABLE). */
  unknown: string[];
  /** Human-readable reason, always set for ERROR. */
  reason?: string;
  /** Engine-specific evidence (ICME check id, sub-results, proof id, raw payload...). */
  details?: Record<string, unknown>;
}

/** A checker. The embedded evaluator, the ICME API and the dual engine all implement this. */
export interface Engine {
  readonly name: string;
  /** Must not throw: failures are `{ result: 'ERROR', reason }`. The guard also catches throws. */
  decide(action: Action, options?: { signal?: AbortSignal }): Promise<EngineVerdict>;
}

export type GuardMode = 'enforce' | 'shadow';

/** Reference to the durable record of a decision (the signed receipt). */
export interface ReceiptRef {
  id: string;
  /** Sequence number in the evidence log. */
  seq?: number;
  /** The full signed receipt, for traces and tool-message artifacts. */
  envelope?: unknown;
}

export interface Decision {
  /** Unique id of this decision. */
  id: string;
  /** Whether the tool may run. In shadow mode always true; see `wouldAllow`. */
  allowed: boolean;
  /** What enforce mode would have done. */
  wouldAllow: boolean;
  mode: GuardMode;
  result: DecisionResult;
  violations: Violation[];
  unknown: string[];
  /** True when the action touched no policy variable and passed without a check. */
  screenedOut: boolean;
  /** One readable sentence: why allowed or blocked. */
  reason: string;
  /** Machine-readable reason for a block (e.g. 'POLICY_UNSAT', 'ENGINE_ERROR', 'ARGS_INVALID'). */
  code?: string;
  action?: Action;
  verdicts: EngineVerdict[];
  policyHash: string;
  /** Permission variables that, if provided, would make this action SAT (approval requests). */
  wouldAllowWith?: string[];
  receipt?: ReceiptRef;
  /** Verification of the permission tokens found in trusted context (when a verifier is set). */
  permissions?: PermissionCheckRecord[];
  timings: { totalMs: number; mapMs?: number; decideMs?: number; recordMs?: number };
  createdAt: string;
}

/** What happened after the decision: did the tool run, did it succeed. */
export interface Outcome {
  ran: boolean;
  ok: boolean;
  durationMs?: number;
  error?: string;
}

/**
 * Durable recording of decisions (the evidence log plugs in here). Write-ahead: `recordDecision`
 * resolves only once the receipt is durable; if it rejects, the guard blocks the call.
 */
export interface DecisionRecorder {
  recordDecision(decision: Decision, context: { policy: PolicyIR }): Promise<ReceiptRef>;
  recordOutcome(decision: Decision, outcome: Outcome): Promise<void>;
}

/**
 * Verifies a permission value (a token) found in trusted context before it counts as provided.
 * The approvals module implements it with signed, action-bound, single-use tokens.
 */
export interface PermissionVerifier {
  verify(request: {
    /** Policy variable the token is offered for, e.g. `authorization_token`. */
    variable: string;
    /** The raw value found in trusted context. */
    token: unknown;
    tool: string;
    /** Canonical digest of the tool args (`Action.argsDigest`): what a token is bound to. */
    argsDigest: string;
    sessionId: string;
  }): Promise<PermissionCheck>;
}

export type PermissionCheck =
  | {
      ok: true;
      /** Token id (jti), approver id and other claims to record in the receipt. */
      tokenId: string;
      approverId: string;
      /** Extra variables the verified token establishes, e.g. `{ approver_id: true }`. */
      grants?: Record<string, Value>;
    }
  | { ok: false; reason: string };
