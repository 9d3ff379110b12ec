import type { ListData } from '../action/list-membership';
import type { ToolMappings } from '../action/tool-mapping';
import type { ArgsLimits } from '../action/validate-args';
import type { PolicyIR } from '../policy/ir';
import type { SessionStore } from '../session/session-store';
import type { GuardPolicy } from './resolve-policy';
import type {
  Decision,
  DecisionRecorder,
  Engine,
  GuardMode,
  Outcome,
  PermissionVerifier,
  ToolCall,
  TrustedContext,
} from './types';

/** Options of `createGuard`. Only `policy` is required. */
export interface GuardOptions {
  /** The policy: numbered controlled-English text, a compiled policy, or IR. Required. */
  policy: GuardPolicy;
  /** The checker. Default: the embedded engine, `createLocalEngine({ policy })`. */
  engine?: Engine;
  /**
   * Tool name -> mapping from its args and the trusted context to policy variables. Tools not
   * listed are handled by `unmappedTools`. Default: none (every tool is unmapped).
   */
  tools?: ToolMappings;
  /** 'enforce' blocks; 'shadow' decides and records but never blocks. Default 'enforce'. */
  mode?: GuardMode;
  /** What a SATISFIABLE result (depends on unknown variables) does. Default 'block'. */
  uncertain?: 'block' | 'allow';
  /**
   * Tools with no mapping: 'check' maps them by name matching (an arg named like a policy
   * variable feeds it), screens and checks them; 'allow' lets them run unchecked (recorded as
   * screened out); 'block' blocks them (TOOL_NOT_MAPPED). Default 'check'.
   */
  unmappedTools?: 'check' | 'allow' | 'block';
  /**
   * Durable record of every decision (the evidence log). Write-ahead: a call is allowed only
   * after `recordDecision` resolves; if it rejects, the call is blocked (RECEIPT_NOT_WRITTEN).
   * Default: none.
   */
  recorder?: DecisionRecorder;
  /** Verifies permission tokens from trusted context before they count. Default: none. */
  permissionVerifier?: PermissionVerifier;
  /** Per-session counters. Default: a new in-memory store (`createMemorySessionStore()`). */
  sessionStore?: SessionStore;
  /** Observes every decision (logging, metrics). Errors it throws are swallowed. Default: none. */
  onDecision?: (decision: Decision) => void | Promise<void>;
  /**
   * Named list data by IR list key (e.g. `{ approved_baa: ['records@clinic.example'] }`). Every
   * list the policy names must be given. Default: none.
   */
  lists?: ListData;
  /** Source of decision times. Default `() => new Date()`. */
  clock?: () => Date;
  /** Bounds on model-written args. Default `defaultArgsLimits` (100,000-char strings, depth 32, 10,000 values). */
  argsLimits?: Partial<ArgsLimits>;
  /** Bound on the canonical action description. Default 2,000 (ICME's limit). */
  maxDescriptionLength?: number;
  /**
   * The start-up self-test: 'every-rule' checks a forbidden action for each rule, 'one-rule'
   * only for the first rule that can be violated (for slow or paid engines). Default 'every-rule'.
   */
  selfTest?: 'every-rule' | 'one-rule';
  /** Session of calls that carry no `sessionId`: they all count together. Default 'default'. */
  defaultSessionId?: string;
  /**
   * Longest wait, in milliseconds, for one `check` (mapping, token verification, session store,
   * engine), and separately for the recorder's write and for `settle`. A dependency that does not
   * answer in time blocks the call (`GUARD_TIMEOUT`; `RECEIPT_NOT_WRITTEN` for the recorder)
   * instead of hanging the agent loop: the engine's signal is aborted and whatever the late check
   * reserves is released. 0 turns the limit off. Default 180,000 (above the ICME client's own
   * 120 s deadline for a check).
   */
  timeoutMs?: number;
}

/** Options of one `guard.check`. */
export interface CheckOptions {
  /** Aborts the engine's work (the decision then blocks with ENGINE_ERROR). */
  signal?: AbortSignal;
}

/**
 * A running guard. `check` before a tool runs, `settle` after (or instead, when blocked).
 * Neither ever throws or rejects: every failure is a blocked decision with a code and a reason.
 */
export interface Guard {
  /** The policy IR the guard enforces. */
  readonly policy: PolicyIR;
  /** The policy version hash (`sha256:...`), as recorded in every decision. */
  readonly policyHash: string;
  readonly mode: GuardMode;
  /** The engine's name, e.g. 'local'. */
  readonly engine: string;
  /**
   * The guard's `timeoutMs` (0: no limit). Adapters bound the app's own option functions (trusted
   * context, session id) by it too. Optional so that custom guards need not set it; an adapter
   * then uses the default, 180,000.
   */
  readonly timeoutMs?: number;
  /**
   * Decides one tool call before it runs. Returns an allowed decision only after the recorder
   * (if any) has written it. Reserves session counters for an allowed call until `settle`.
   */
  check(call: ToolCall, context?: TrustedContext, options?: CheckOptions): Promise<Decision>;
  /**
   * Reports what happened to a checked call: commits its session counters when the tool ran and
   * succeeded (`outcome.ran && outcome.ok`), releases them otherwise, then records the outcome.
   * Call it once per decision, also for blocked ones (`{ ran: false, ok: false }`).
   */
  settle(decision: Decision, outcome: Outcome): Promise<void>;
}
