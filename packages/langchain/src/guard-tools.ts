import { type Guard, PreflightError } from '@preflight/core';
import { createCallDecider } from './decide-call';
import { type GuardableTool, GuardedTool, isGuardedTool } from './guarded-tool';
import type { GuardToolsOptions } from './preflight-options';

/**
 * Wraps tools so that every call is checked by the guard before it runs, for LangGraph's
 * prebuilt `ToolNode`, custom graphs and plain `tool.invoke` users. (With `createAgent`, prefer
 * `preflightMiddleware`, which also covers tools registered by other middleware.)
 *
 * Throws PreflightError GUARD_CONFIG_INVALID, at setup time, for an entry that is not an
 * invokable tool (e.g. a provider-executed server tool, which PreFlight can never see run).
 *
 * @example
 * const toolNode = new ToolNode(guardTools([searchCustomers, exportRecords], guard));
 * // or for plain use: const [exportGuarded] = guardTools([exportRecords], guard);
 */
export function guardTools(
  tools: readonly GuardableTool[],
  guard: Guard,
  options: GuardToolsOptions = {},
): GuardedTool[] {
  const decide = createCallDecider(guard, options);
  return tools.map((tool, index) => wrap(tool, index, guard, decide));
}

/** `guardTools` for one tool. */
export function guardTool(
  tool: GuardableTool,
  guard: Guard,
  options: GuardToolsOptions = {},
): GuardedTool {
  return wrap(tool, 0, guard, createCallDecider(guard, options));
}

function wrap(
  tool: GuardableTool,
  index: number,
  guard: Guard,
  decide: ReturnType<typeof createCallDecider>,
): GuardedTool {
  if (
    typeof tool !== 'object' ||
    tool === null ||
    typeof (tool as { invoke?: unknown }).invoke !== 'function' ||
    typeof (tool as { name?: unknown }).name !== 'string'
  ) {
    const name = describeTool(tool);
    throw new PreflightError({
      code: 'GUARD_CONFIG_INVALID',
      message:
        `guardTools: tool ${index} (${name}) is not a LangChain tool with a name and invoke(). ` +
        'Provider-executed (server) tools run at the model provider, where PreFlight cannot ' +
        'check them; pass them to the agent separately if that is intended.',
    });
  }
  // Wrapping a guarded tool with the same guard would check (and count) every call twice.
  if (isGuardedTool(tool) && tool.guard === guard) return tool;
  return new GuardedTool(tool, guard, decide);
}

function describeTool(tool: unknown): string {
  if (typeof tool === 'object' && tool !== null) {
    const { name, type } = tool as { name?: unknown; type?: unknown };
    if (typeof name === 'string') return `"${name}"`;
    if (typeof type === 'string') return `type "${type}"`;
  }
  return typeof tool;
}
