import { ToolMessage } from '@langchain/core/messages';
import { ToolInvocationError } from 'langchain';

/**
 * Whether an error thrown while an allowed tool ran must keep propagating: graph control flow
 * (interrupts for human-in-the-loop, drains: `is_bubble_up` or their names), invalid tool input
 * (the agent's tool node turns `ToolInvocationError` into a message itself), and aborted runs.
 */
export function mustPropagate(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted === true) return true;
  if (ToolInvocationError.isInstance(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { is_bubble_up: bubbleUp, name } = error as { is_bubble_up?: unknown; name?: unknown };
  return (
    bubbleUp === true ||
    name === 'GraphInterrupt' ||
    name === 'NodeInterrupt' ||
    name === 'GraphDrained'
  );
}

/**
 * The error `ToolMessage` LangChain's tool node makes of a tool's error when no middleware wraps
 * the call (its default `handleToolErrors`), so adding PreFlight does not turn a recoverable
 * tool failure into a failed `agent.invoke`.
 */
export function toolErrorMessage(
  error: unknown,
  call: { toolCallId: string; tool: string },
): ToolMessage {
  return new ToolMessage({
    status: 'error',
    content: `${String(error)}\n Please fix your mistakes.`,
    tool_call_id: call.toolCallId,
    name: call.tool,
  });
}
