import { validateToolMappings } from '../action/validate-tool-mappings';
import { describeError } from '../adapter/describe-error';
import { createLocalEngine } from '../engine/local';
import { PreflightError } from '../errors';
import { createEvaluator } from '../evaluator';
import { createMemorySessionStore } from '../session/memory-session-store';
import type { SessionReservation } from '../session/session-store';
import { checkCall, type GuardRuntime } from './check-call';
import { type Draft, DraftDecision } from './draft-decision';
import type { CheckOptions, Guard, GuardOptions } from './guard-options';
import { createLazyAbort } from './lazy-abort';
import { prototypePolluted } from './prototype-polluted';
import { resolvePolicy } from './resolve-policy';
import { runSelfTest } from './self-test';
import type { Decision, DecisionRecorder, ToolCall, TrustedContext } from './types';
import { deadlinePassed, withDeadline } from './with-deadline';

/**
 * Creates a guard: the fail-closed pipeline that turns each tool call into an action, screens
 * it, decides it with the engine, reserves session counters, records the decision (write-ahead)
 * and returns allow or block. Resolves once the policy is valid, the tool mappings name real
 * variables, every list the policy uses has data, and the start-up self-test passed (a
 * known-forbidden action comes back UNSAT from the engine). Rejects with PreflightError
 * (POLICY_*, POLICY_LIST_MISSING, GUARD_CONFIG_INVALID or GUARD_SELF_TEST_FAILED) otherwise.
 *
 * @example
 * const guard = await createGuard({
 *   policy: await readFile('policy.txt', 'utf8'),
 *   tools: { exportRecords: { variables: { transfer_customer_record: { const: true } } } },
 * });
 * const decision = await guard.check({ tool: 'exportRecords', args, toolCallId }, { authorization_token });
 * if (decision.allowed) { await run(); await guard.settle(decision, { ran: true, ok: true }); }
 */
export async function createGuard({
  policy: policyInput,
  engine,
  tools = {},
  mode = 'enforce',
  uncertain = 'block',
  unmappedTools = 'check',
  recorder,
  permissionVerifier,
  sessionStore = createMemorySessionStore(),
  onDecision,
  lists = {},
  clock = () => new Date(),
  argsLimits = {},
  maxDescriptionLength = 2000,
  selfTest = 'every-rule',
  defaultSessionId = 'default',
  timeoutMs = 180_000,
}: GuardOptions): Promise<Guard> {
  const { ir: policy, hash: policyHash } = resolvePolicy(policyInput);
  checkChoice('mode', mode, ['enforce', 'shadow']);
  checkChoice('uncertain', uncertain, ['block', 'allow']);
  checkChoice('unmappedTools', unmappedTools, ['check', 'allow', 'block']);
  checkChoice('selfTest', selfTest, ['every-rule', 'one-rule']);
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw new PreflightError({
      code: 'GUARD_CONFIG_INVALID',
      message: 'createGuard: `timeoutMs` must be a number of milliseconds, 0 or more.',
    });
  }
  const missing = policy.lists.filter((list) => !Array.isArray(lists[list.key]));
  if (missing.length > 0) {
    throw new PreflightError({
      code: 'POLICY_LIST_MISSING',
      message: `The policy uses lists with no data: ${missing.map((list) => `"${list.name}" (lists.${list.key})`).join(', ')}.`,
      details: { lists: missing.map((list) => list.key) },
    });
  }
  const runtime: GuardRuntime = {
    policy,
    engine: engine ?? createLocalEngine({ policy }),
    evaluator: createEvaluator(policy),
    tools: validateToolMappings(policy, tools),
    uncertain,
    unmappedTools,
    permissionVerifier,
    sessionStore,
    lists,
    argsLimits,
    maxDescriptionLength,
    defaultSessionId,
  };
  await runSelfTest({ policy, engine: runtime.engine, which: selfTest, maxDescriptionLength });

  const reservations = new Map<string, SessionReservation>();

  async function check(
    call: ToolCall,
    context?: TrustedContext,
    options?: CheckOptions,
  ): Promise<Decision> {
    const started = performance.now();
    const draft = new DraftDecision();
    let outcome: { draft: Draft; reservation?: SessionReservation };
    // A dependency that never answers must not hang the agent loop: past `timeoutMs` the call
    // blocks, the engine's signal is aborted, and a reservation the late check still makes is
    // released when it finishes.
    // The deadline's signal is only made if the engine reads it (see createLazyAbort).
    const deadline = timeoutMs > 0 ? createLazyAbort(options?.signal) : undefined;
    const engineOptions =
      deadline !== undefined
        ? deadline.engineOptions
        : options?.signal === undefined
          ? undefined
          : { signal: options.signal };
    const running = checkCall(runtime, call, context, draft, engineOptions).catch(
      (error: unknown): { draft: Draft; reservation?: SessionReservation } => ({
        draft: draft.block(
          'GUARD_INTERNAL',
          `Blocked: internal guard error: ${errorMessage(error)}.`,
        ),
      }),
    );
    const finished = await withDeadline(running, timeoutMs);
    // Checked after the pipeline, so that a pollution during the check is caught too.
    const polluted = prototypePolluted();
    if (finished === deadlinePassed) {
      deadline?.abort(new Error(`the check did not finish within ${timeoutMs} ms`));
    }
    if (finished === deadlinePassed || polluted !== undefined) {
      void running.then((late) => late.reservation && releaseQuietly(late.reservation));
      outcome = {
        draft:
          polluted !== undefined
            ? draft.block(
                'GUARD_INTERNAL',
                `Blocked: Object.prototype carries the enumerable property ${JSON.stringify(polluted.slice(0, 60))} (prototype pollution), so no decision can be trusted.`,
              )
            : draft.block(
                'GUARD_TIMEOUT',
                `Blocked: the policy check did not finish within ${timeoutMs} ms (a dependency did not answer).`,
              ),
      };
    } else {
      outcome = finished;
    }
    let decision = toDecision(outcome.draft, draft);
    const reservation = outcome.reservation;
    decision.timings.totalMs = performance.now() - started;
    if (recorder !== undefined) decision = await record(recorder, decision);
    if (reservation !== undefined) {
      if (decision.allowed) reservations.set(decision.id, reservation);
      else await releaseQuietly(reservation);
    }
    decision.timings.totalMs = performance.now() - started;
    notify(decision);
    return decision;
  }

  function toDecision(result: Draft, draft: DraftDecision): Decision {
    const shadow = mode === 'shadow';
    // Field by field (no conditional spreads: this runs on every call), in the usual key order.
    const decision = {
      id: globalThis.crypto.randomUUID(),
      allowed: shadow || result.wouldAllow,
      wouldAllow: result.wouldAllow,
      mode,
      result: result.result,
    } as Decision;
    if (result.code !== undefined) decision.code = result.code;
    decision.reason =
      shadow && !result.wouldAllow ? `Shadow mode, not enforced. ${result.reason}` : result.reason;
    decision.violations = result.violations;
    decision.unknown = result.unknown;
    decision.screenedOut = result.screenedOut;
    if (result.wouldAllowWith !== undefined) decision.wouldAllowWith = result.wouldAllowWith;
    if (result.action !== undefined) decision.action = result.action;
    decision.verdicts = result.verdicts;
    if (result.permissions !== undefined) decision.permissions = result.permissions;
    decision.policyHash = policyHash;
    decision.timings = { totalMs: 0, ...draft.timings };
    decision.createdAt = safeNow();
    return decision;
  }

  // Write-ahead: an allowed decision is returned only once the recorder has it.
  async function record(sink: DecisionRecorder, decision: Decision): Promise<Decision> {
    const recordStart = performance.now();
    try {
      const written = await withDeadline(sink.recordDecision(decision, { policy }), timeoutMs);
      if (written === deadlinePassed)
        throw new Error(`the recorder did not answer within ${timeoutMs} ms`);
      // Write-ahead means a durable receipt, not just a resolved promise: a recorder that
      // answers without a receipt id has recorded nothing we can point an auditor to.
      if (typeof written?.id !== 'string' || written.id === '')
        throw new Error('the recorder returned no receipt id');
      const timings = { ...decision.timings, recordMs: performance.now() - recordStart };
      return { ...decision, receipt: written, timings };
    } catch (error) {
      const timings = { ...decision.timings, recordMs: performance.now() - recordStart };
      const failure = `the decision could not be recorded before the tool runs: ${errorMessage(error)}`;
      if (!decision.wouldAllow)
        return { ...decision, reason: `${decision.reason} (Also, ${failure}.)`, timings };
      const reason = `Blocked: ${failure}.`;
      return {
        ...decision,
        allowed: mode === 'shadow',
        wouldAllow: false,
        code: 'RECEIPT_NOT_WRITTEN',
        reason: mode === 'shadow' ? `Shadow mode, not enforced. ${reason}` : reason,
        timings,
      };
    }
  }

  function notify(decision: Decision): void {
    if (onDecision === undefined) return;
    try {
      const pending = onDecision(decision);
      if (pending && typeof pending.then === 'function') pending.then(undefined, () => {});
    } catch {
      // Observability only: a failing hook must never change or break a decision.
    }
  }

  async function settle(decision: Decision, outcome: { ran: boolean; ok: boolean }): Promise<void> {
    try {
      const reservation = decision && reservations.get(decision.id);
      if (reservation !== undefined) {
        reservations.delete(decision.id);
        // Bounded like check: a store that never answers leaves the reservation pending (counting).
        if (outcome?.ran === true && outcome.ok === true)
          await withDeadline(sessionStore.commit(reservation), timeoutMs);
        else await withDeadline(sessionStore.release(reservation), timeoutMs);
      }
    } catch {
      // A store failure at settle leaves the reservation pending: it keeps counting (safe side).
    }
    if (recorder === undefined) return;
    try {
      await withDeadline(recorder.recordOutcome(decision, outcome), timeoutMs);
    } catch {
      // The decision itself was recorded write-ahead; an outcome that cannot be written is lost.
    }
  }

  async function releaseQuietly(reservation: SessionReservation): Promise<void> {
    try {
      await withDeadline(sessionStore.release(reservation), timeoutMs);
    } catch {
      // Left pending, the reservation keeps counting: the safe side.
    }
  }

  function safeNow(): string {
    try {
      return clock().toISOString();
    } catch {
      return new Date().toISOString();
    }
  }

  return {
    policy,
    policyHash,
    mode,
    engine: runtime.engine.name,
    timeoutMs,
    check,
    settle,
  };
}

function checkChoice(option: string, value: unknown, choices: readonly string[]): void {
  if (typeof value !== 'string' || !choices.includes(value)) {
    throw new PreflightError({
      code: 'GUARD_CONFIG_INVALID',
      message: `createGuard: \`${option}\` must be one of ${choices.map((c) => `'${c}'`).join(', ')}.`,
    });
  }
}

// Never throws, even on a thrown value String() cannot convert (a block must stay a block).
const errorMessage = describeError;
