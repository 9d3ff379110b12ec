import { describeError, snapshotInput } from '@preflight/core';

/** A tool call read once: what the guard checks is what the tool then runs with. */
export interface CheckedToolCall {
  /** The tool name as read ('(unknown tool)' when it is not a string). */
  tool: string;
  /** The tool call id as read, when it is a non-empty string. */
  toolCallId: string | undefined;
  /** The args the guard checks and the tool runs with (see {@link checkedArgs}). */
  args: unknown;
  /** The call to hand on to the tool: the original's fields, with name, id and args as read. */
  toolCall: Record<string, unknown>;
}

/** Either the call as read, or why it could not be read (a getter or proxy trap threw). */
export type ReadToolCall =
  | ({ ok: true } & CheckedToolCall)
  | { ok: false; tool: string; toolCallId: string | undefined; reason: string };

/**
 * Reads a tool call (`{ name, args, id }`) exactly once. Its args become a plain JSON copy; the
 * caller checks that copy and hands `toolCall` on, so neither getters that answer differently on
 * each read nor a mutation of the original while the decision is pending can change which tool
 * runs, under which id, with which args. Never throws.
 */
export function readToolCall(raw: unknown): ReadToolCall {
  let tool = '(unknown tool)';
  let toolCallId: string | undefined;
  try {
    const source = raw as Record<string, unknown>;
    const name = source['name'];
    const id = source['id'];
    const rawArgs = source['args'];
    if (typeof name === 'string') tool = name;
    if (typeof id === 'string' && id.length > 0) toolCallId = id;
    const args = checkedArgs(rawArgs);
    // The spread keeps fields LangChain may add; name, id and args are the values just read.
    const toolCall = { ...source, name, id, args };
    return { ok: true, tool, toolCallId, args, toolCall };
  } catch (error) {
    return { ok: false, tool, toolCallId, reason: unreadable(error) };
  }
}

/** What a guarded tool's `invoke` input was, read once. */
export type ReadToolInput =
  | { ok: true; args: unknown; toolCallId: string | undefined; input: unknown }
  | { ok: false; reason: string };

/**
 * Reads the input of a guarded tool's `invoke` exactly once: a tool call (any object whose
 * `type` is `'tool_call'`, as LangChain's tools decide) or plain args. `args` is what the guard
 * checks and `input` what the wrapped tool is invoked with: the same copy, so that the tool runs
 * with exactly what was checked. Never throws.
 */
export function readToolInput(raw: unknown): ReadToolInput {
  let type: unknown;
  try {
    type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  } catch (error) {
    return { ok: false, reason: unreadable(error) };
  }
  if (type === 'tool_call') {
    const read = readToolCall(raw);
    if (!read.ok) return { ok: false, reason: read.reason };
    const input = { ...read.toolCall, type: 'tool_call' };
    return { ok: true, args: read.args, toolCallId: read.toolCallId, input };
  }
  const args = checkedArgs(raw);
  return { ok: true, args, toolCallId: undefined, input: args };
}

/**
 * Tool args as the guard checks them and the tool runs with them: a plain JSON copy (getters run
 * once, no `toJSON`), or the original when it is not plain JSON, which the guard then blocks
 * (ARGS_INVALID). `undefined` stays `undefined` (the guard reads it as `{}`).
 */
export function checkedArgs(raw: unknown): unknown {
  if (raw === undefined) return raw;
  const snapshot = snapshotInput(raw);
  return snapshot.ok ? snapshot.input : raw;
}

function unreadable(error: unknown): string {
  return `the tool call could not be read: ${describeError(error)}`;
}
