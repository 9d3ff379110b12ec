import {
  type Decision,
  describeError,
  type Guard,
  type Outcome,
  snapshotInput,
} from '@preflight/core';
import { decideCall, sessionOfCall, settleDecision } from './decide-call';
import type { DecisionCache } from './decision-cache';
import type { GuardableTool, GuardToolsOptions, GuardWarning } from './guard-tools-options';
import { blockedOutput, PREFLIGHT_OUTPUT_KEY, preflightReceiptOf } from './preflight-output';
import {
  decisionAttributes,
  loadOtel,
  recordDecisionOnSpan,
  recordOutcomeOnSpan,
} from './span-receipt';

type Execute = NonNullable<GuardableTool['execute']>;

export interface GuardExecuteRequest {
  guard: Guard;
  toolName: string;
  /** The original tool (`this` of its execute). */
  tool: GuardableTool;
  /** The original execute. */
  execute: Execute;
  options: GuardToolsOptions;
  cache: DecisionCache;
  warn: (warning: GuardWarning) => void;
}

/**
 * The guarded `execute` of one tool. It decides first (or picks up the decision `policyApproval`
 * already made for this toolCallId), puts the decision on the active span, and then either
 * returns a denial without running the tool or runs the original `execute` unchanged. After
 * the tool finishes (for a streaming tool: when its iterable ends) it settles the decision.
 *
 * The SDK decides from the returned value whether a tool streams, before our async check has
 * finished. So an `async function*` tool gets a guarded async generator (preliminary results
 * pass through); any other tool gets a promise, and if it unexpectedly returns an async
 * iterable, that iterable is drained and its last value returned (as the SDK's final output).
 */
export function guardExecute(request: GuardExecuteRequest): Execute {
  const streaming = isAsyncGeneratorFunction(request.execute);
  if (streaming) {
    return function guardedStreamingExecute(input: unknown, executionOptions: unknown) {
      return runStreaming(request, input, executionOptions);
    };
  }
  return function guardedExecute(input: unknown, executionOptions: unknown) {
    return runOnce(request, input, executionOptions);
  };
}

async function runOnce(request: GuardExecuteRequest, input: unknown, executionOptions: unknown) {
  const { decision, checked } = await decide(request, input, executionOptions);
  if (!decision.allowed) return blockedOutput(decision);
  const started = performance.now();
  let output: unknown;
  try {
    output = await request.execute.call(request.tool, checked, executionOptions);
    if (isAsyncIterable(output)) output = await lastValue(output);
  } catch (error) {
    await settle(request, decision, failed(started, error));
    throw error;
  }
  await settle(request, decision, { ran: true, ok: true, durationMs: performance.now() - started });
  return withReceipt(request, decision, output);
}

async function* runStreaming(
  request: GuardExecuteRequest,
  input: unknown,
  executionOptions: unknown,
): AsyncGenerator<unknown> {
  const { decision, checked } = await decide(request, input, executionOptions);
  if (!decision.allowed) {
    yield blockedOutput(decision);
    return;
  }
  const started = performance.now();
  let outcome: Outcome = { ran: true, ok: false, error: 'the stream was not read to the end' };
  try {
    const result = request.execute.call(request.tool, checked, executionOptions);
    if (isAsyncIterable(result)) {
      for await (const value of result) yield withReceipt(request, decision, value);
    } else {
      yield withReceipt(request, decision, await result);
    }
    outcome = { ran: true, ok: true, durationMs: performance.now() - started };
  } catch (error) {
    outcome = failed(started, error);
    throw error;
  } finally {
    await settle(request, decision, outcome);
  }
}

/**
 * Decides one call. The input is read once into a plain copy (`checked`): the guard decides on
 * it, the cached decision must match it, and the tool runs with it, so an input that changes
 * between check and use (getters, mutation, `toJSON`) cannot run unchecked. An input that is not
 * plain JSON is passed as it is; the guard blocks it (in shadow mode the tool still runs with it).
 */
async function decide(
  request: GuardExecuteRequest,
  input: unknown,
  executionOptions: unknown,
): Promise<{ decision: Decision; checked: unknown }> {
  const { guard, toolName, options, cache, warn } = request;
  const execution = isRecord(executionOptions) ? executionOptions : {};
  const toolCallId = typeof execution['toolCallId'] === 'string' ? execution['toolCallId'] : '';
  const api = options.telemetry === false ? undefined : await loadOtel();
  const snapshot = snapshotInput(input);
  const checked = snapshot.ok ? snapshot.input : input;
  const signal = execution['abortSignal'];
  const call = {
    toolName,
    toolCallId,
    input: checked,
    // ai 7 passes the tool's context as `context`, ai 6 passes `experimental_context`.
    toolContext: 'context' in execution ? execution['context'] : execution['experimental_context'],
    path: 'execute' as const,
  };
  const sessionId = sessionOfCall(options, call);
  const cached =
    sessionId === null ? undefined : cache.take(toolName, toolCallId, checked, sessionId);
  const path = cached === undefined ? 'execute' : 'approval';
  const decision = await (cached ??
    decideCall({
      guard,
      options,
      warn,
      call,
      signal: signal instanceof AbortSignal ? signal : undefined,
    }));
  recordDecisionOnSpan(api, decisionAttributes(decision, toolName, toolCallId, path));
  // A blocked call is settled here: nothing runs after this.
  if (!decision.allowed) await settle(request, decision, { ran: false, ok: false });
  return { decision, checked };
}

async function settle(request: GuardExecuteRequest, decision: Decision, outcome: Outcome) {
  const api = request.options.telemetry === false ? undefined : await loadOtel();
  recordOutcomeOnSpan(api, decision, outcome);
  await settleDecision(request.guard, decision, outcome);
}

function withReceipt(request: GuardExecuteRequest, decision: Decision, output: unknown): unknown {
  if (request.options.receiptInOutput !== 'always') return output;
  return { [PREFLIGHT_OUTPUT_KEY]: preflightReceiptOf(decision), output };
}

function failed(started: number, error: unknown): Outcome {
  return {
    ran: true,
    ok: false,
    durationMs: performance.now() - started,
    error: describeError(error),
  };
}

async function lastValue(iterable: AsyncIterable<unknown>): Promise<unknown> {
  let last: unknown;
  for await (const value of iterable) last = value;
  return last;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function isAsyncGeneratorFunction(fn: unknown): boolean {
  return typeof fn === 'function' && fn.constructor?.name === 'AsyncGeneratorFunction';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
