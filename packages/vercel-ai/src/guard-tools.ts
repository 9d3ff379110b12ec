import type { Guard } from '@preflight/core';
import { decisionCacheFor } from './decision-cache';
import { guardExecute } from './guard-execute';
import type { GuardableTool, GuardToolsOptions, GuardWarning } from './guard-tools-options';
import { guardedModelOutput } from './guarded-model-output';
import { loadOtel } from './span-receipt';
import { warnerFor } from './warn';

/** Tools returned by `guardTools`, with the guard they are bound to. */
const guardedTools = new WeakMap<object, Guard>();

/** The guard a tool was wrapped with by `guardTools`, if any. */
export function guardOf(tool: unknown): Guard | undefined {
  return typeof tool === 'object' && tool !== null ? guardedTools.get(tool) : undefined;
}

/**
 * Puts a PreFlight guard in front of every tool of an AI SDK tool set (ai 6 or ai 7): before a
 * tool's `execute` runs, the guard decides. A blocked call never runs; the model receives an
 * `execution-denied` result with the reason and the violated rules, and the agent loop goes
 * on. An allowed call runs the original `execute` unchanged (streaming tools too) and is
 * settled with its outcome afterwards. Every decision lands on the active OpenTelemetry span,
 * in the denial's tool result, and in `onDecision`. Never throws into the loop: a failure on
 * the way to a decision blocks the call.
 *
 * Tools without `execute` and provider-executed tools cannot be guarded: they are returned
 * unchanged and reported through `onWarning`.
 *
 * @example
 * const result = await generateText({ model, prompt, tools: guardTools(tools, guard) });
 * // ai 7, native denial semantics as well:
 * // generateText({ ..., tools: guardTools(tools, guard), toolApproval: policyApproval(guard) })
 */
export function guardTools<TOOLS extends Record<string, GuardableTool>>(
  tools: TOOLS,
  guard: Guard,
  options: GuardToolsOptions = {},
): TOOLS {
  const warn = warnerFor(options);
  const cache = decisionCacheFor(guard);
  if (options.telemetry !== false) void loadOtel();
  const guarded: Record<string, GuardableTool> = {};
  for (const [toolName, tool] of Object.entries(tools)) {
    guarded[toolName] = guardTool(toolName, tool, guard, options, warn, cache);
  }
  return guarded as TOOLS;
}

function guardTool(
  toolName: string,
  tool: GuardableTool,
  guard: Guard,
  options: GuardToolsOptions,
  warn: (warning: GuardWarning) => void,
  cache: ReturnType<typeof decisionCacheFor>,
): GuardableTool {
  if (typeof tool !== 'object' || tool === null) return tool;
  const boundTo = guardedTools.get(tool);
  if (boundTo !== undefined) {
    warn({
      code: 'ALREADY_GUARDED',
      toolName,
      message:
        boundTo === guard
          ? `Tool "${toolName}" is already guarded by this guard; it is not wrapped twice.`
          : `Tool "${toolName}" is already guarded by another guard; both guards decide its calls.`,
    });
    if (boundTo === guard) return tool;
  }
  if (tool.type === 'provider' && tool.isProviderExecuted === true) {
    warn({
      code: 'PROVIDER_EXECUTED_TOOL',
      toolName,
      message: `Tool "${toolName}" is executed by the model provider; PreFlight cannot check its calls.`,
    });
    return tool;
  }
  if (typeof tool.execute !== 'function') {
    warn({
      code: 'TOOL_WITHOUT_EXECUTE',
      toolName,
      message: `Tool "${toolName}" has no execute function (the app or UI runs it); PreFlight cannot check its calls.`,
    });
    return tool;
  }
  const wrapped: GuardableTool = {
    ...tool,
    execute: guardExecute({ guard, toolName, tool, execute: tool.execute, options, cache, warn }),
    toModelOutput: guardedModelOutput(tool.toModelOutput?.bind(tool)),
  };
  guardedTools.set(wrapped, guard);
  return wrapped;
}
