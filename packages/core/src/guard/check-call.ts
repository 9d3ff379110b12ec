import { buildAction } from '../action/build-action';
import type { ListData } from '../action/list-membership';
import { mapToolCall } from '../action/map-tool-call';
import { resolvePermissions } from '../action/resolve-permissions';
import type { ToolMapping } from '../action/tool-mapping';
import { type ArgsLimits, type JsonValue, validateArgs } from '../action/validate-args';
import { describeError } from '../adapter/describe-error';
import { decideOrError } from '../engine/decide-or-error';
import type { Evaluator } from '../evaluator';
import type { PolicyIR } from '../policy/ir';
import type { SessionReservation, SessionStore } from '../session/session-store';
import { admit } from './admit';
import type { Draft, DraftDecision } from './draft-decision';
import { reserveCounters } from './reserve-counters';
import type {
  Action,
  ActionVariable,
  Engine,
  PermissionVerifier,
  ToolCall,
  TrustedContext,
} from './types';

/** Everything `check` needs, resolved once by `createGuard`. */
export interface GuardRuntime {
  policy: PolicyIR;
  engine: Engine;
  /** For `wouldAllowWith` on blocked decisions, whatever the engine. */
  evaluator: Evaluator;
  tools: ReadonlyMap<string, ToolMapping>;
  uncertain: 'block' | 'allow';
  unmappedTools: 'check' | 'allow' | 'block';
  permissionVerifier: PermissionVerifier | undefined;
  sessionStore: SessionStore;
  lists: ListData;
  argsLimits: Partial<ArgsLimits>;
  maxDescriptionLength: number;
  defaultSessionId: string;
}

/**
 * Steps map, screen, reserve, decide and admit of one tool call (DESIGN.md section 3). Returns a
 * draft (enforce-mode verdict, before mode, recording and timings) and the session reservation
 * held for it. Never throws: `draft.fail` turns anything unexpected into a block.
 */
export async function checkCall(
  runtime: GuardRuntime,
  call: ToolCall,
  rawContext: TrustedContext | undefined,
  draft: DraftDecision,
  engineOptions: { readonly signal?: AbortSignal } | undefined,
): Promise<{ draft: Draft; reservation?: SessionReservation }> {
  if (
    call === null ||
    typeof call !== 'object' ||
    typeof call.tool !== 'string' ||
    call.tool === ''
  ) {
    return { draft: draft.block('CALL_INVALID', 'Blocked: the tool call has no tool name.') };
  }
  if (rawContext !== undefined && (rawContext === null || typeof rawContext !== 'object')) {
    return { draft: draft.block('CALL_INVALID', 'Blocked: the trusted context is not an object.') };
  }
  const context: TrustedContext = rawContext ?? {};
  const tool = call.tool;
  const toolCallId = typeof call.toolCallId === 'string' ? call.toolCallId : '';
  const sessionId =
    typeof call.sessionId === 'string' && call.sessionId !== ''
      ? call.sessionId
      : runtime.defaultSessionId;

  const validation = validateArgs(call.args, runtime.argsLimits);
  if (!validation.ok) {
    return {
      draft: draft.block(
        'ARGS_INVALID',
        `Blocked: invalid tool args at ${validation.path}: ${validation.reason}.`,
      ),
    };
  }
  const mapping = runtime.tools.get(tool);
  if (mapping === undefined && runtime.unmappedTools === 'block') {
    return {
      draft: draft.block(
        'TOOL_NOT_MAPPED',
        `Blocked: the tool has no mapping and unmapped tools are blocked.`,
      ),
    };
  }
  if (mapping === undefined && runtime.unmappedTools === 'allow') {
    return {
      draft: draft.screenOut(
        'Allowed unchecked: the tool has no mapping and unmapped tools are allowed.',
      ),
    };
  }

  const mapStart = performance.now();
  let totals: Record<string, number>;
  try {
    totals = { ...(await runtime.sessionStore.totals(sessionId)) };
  } catch (error) {
    return {
      draft: draft.block(
        'SESSION_STORE_FAILED',
        `Blocked: the session store failed: ${message(error)}.`,
      ),
    };
  }
  const mapped = mapToolCall({
    policy: runtime.policy,
    tool,
    args: validation.args,
    context,
    session: { id: sessionId, totals },
    mapping,
    lists: runtime.lists,
  });
  if (!mapped.ok) return { draft: draft.block(mapped.code, `Blocked: ${mapped.reason}.`) };
  const permissions = await resolvePermissions({
    policy: runtime.policy,
    offers: mapped.mapped.offers,
    verifier: runtime.permissionVerifier,
    tool,
    argsDigest: validation.digest,
    sessionId,
  });
  if (permissions.checks.length > 0) draft.permissions = permissions.checks;
  const variables: Record<string, ActionVariable> = {
    ...mapped.mapped.variables,
    ...permissions.variables,
  };
  const unresolved: Record<string, string> = { ...mapped.mapped.unresolved };

  // Screen: relevant only when the call itself (its args or its mapping) fixes a variable.
  const relevant = Object.values(variables).some(
    (v) => v.provenance === 'arg' || v.provenance === 'derived',
  );

  const reserved = relevant
    ? await reserveCounters(runtime.policy, runtime.sessionStore, sessionId, variables, unresolved)
    : { ok: true as const, reservation: undefined };
  if (!reserved.ok)
    return { draft: draft.block('SESSION_STORE_FAILED', `Blocked: ${reserved.reason}.`) };
  const reservation = reserved.reservation;
  draft.timings.mapMs = performance.now() - mapStart;

  try {
    return await decideReserved(runtime, draft, {
      tool,
      toolCallId,
      sessionId,
      variables,
      unresolved,
      args: validation.args,
      argsDigest: validation.digest,
      relevant,
      reservation,
      engineOptions,
    });
  } catch (error) {
    return {
      draft: draft.block('GUARD_INTERNAL', `Blocked: internal guard error: ${message(error)}.`),
      ...held(reservation),
    };
  }
}

interface Reserved {
  tool: string;
  toolCallId: string;
  sessionId: string;
  variables: Record<string, ActionVariable>;
  unresolved: Record<string, string>;
  args: JsonValue;
  argsDigest: string;
  relevant: boolean;
  reservation: SessionReservation | undefined;
  /** Passed to `engine.decide` as is (the guard's deadline signal, made when first read). */
  engineOptions: { readonly signal?: AbortSignal } | undefined;
}

// Build, decide and admit, once the counters are reserved (the caller releases on a block).
async function decideReserved(
  runtime: GuardRuntime,
  draft: DraftDecision,
  {
    tool,
    toolCallId,
    sessionId,
    variables,
    unresolved,
    args,
    argsDigest,
    relevant,
    reservation,
    engineOptions,
  }: Reserved,
): Promise<{ draft: Draft; reservation?: SessionReservation }> {
  const built = buildAction({
    policy: runtime.policy,
    tool,
    toolCallId,
    sessionId,
    variables,
    args,
    argsDigest,
    unresolved,
    maxDescriptionLength: runtime.maxDescriptionLength,
  });
  if (!built.ok)
    return {
      draft: draft.block('ACTION_TOO_LARGE', `Blocked: ${built.reason}.`),
      ...held(reservation),
    };
  draft.action = built.action;
  if (!relevant) {
    return {
      draft: draft.screenOut('Allowed: the call touches no policy variable (screened out).'),
    };
  }

  const decideStart = performance.now();
  const verdict = await decideOrError(runtime.engine, built.action, engineOptions);
  draft.timings.decideMs = performance.now() - decideStart;
  const admission = admit(verdict, runtime.engine.name, runtime.uncertain);
  draft.verdicts = [admission.verdict];
  if (admission.allowed)
    return { draft: draft.allow(admission.verdict, admission.reason), ...held(reservation) };

  const wouldAllowWith = permissionsToAllow(
    runtime.evaluator,
    built.action,
    admission.verdict.result,
  );
  const hints = permissionHints(built.action, runtime.policy);
  const withHint =
    wouldAllowWith && wouldAllowWith.length > 0
      ? ` It would be allowed with: ${wouldAllowWith.join(', ')}.`
      : '';
  const result = draft.block(
    admission.code,
    `${admission.reason}${hints}${withHint}`,
    admission.verdict,
  );
  if (wouldAllowWith !== undefined) result.wouldAllowWith = wouldAllowWith;
  return { draft: result, ...held(reservation) };
}

function held(reservation: SessionReservation | undefined): { reservation?: SessionReservation } {
  return reservation === undefined ? {} : { reservation };
}

function permissionsToAllow(
  evaluator: Evaluator,
  action: Action,
  result: string,
): string[] | undefined {
  if (result !== 'UNSAT' && result !== 'SATISFIABLE') return undefined;
  try {
    return evaluator.permissionsToAllow(action.assignment);
  } catch {
    return undefined;
  }
}

// Why a permission did not count (ignored args, failed verification): said in the block reason.
function permissionHints(action: Action, policy: PolicyIR): string {
  const hints: string[] = [];
  for (const variable of policy.variables) {
    const entry = action.variables[variable.name];
    if (entry?.value !== false || entry.note === undefined) continue;
    if (/ignored|failed verification/.test(entry.note))
      hints.push(`${variable.name}: ${entry.note}`);
  }
  return hints.length > 0 ? ` Not provided: ${hints.join('; ')}.` : '';
}

// Never throws, even on a thrown value String() cannot convert (a block must stay a block).
const message = describeError;
