import { ToolMessage } from '@langchain/core/messages';
import type { Decision } from '@preflight/core';
import { decisionRecord } from './decision-record';

/**
 * The error `ToolMessage` that stands in for a blocked call's result: the model reads `content`,
 * the decision's full record travels in `artifact.preflight` (kept in state, never sent to the
 * model).
 */
export function blockedToolMessage(
  decision: Decision,
  call: { toolCallId: string; tool: string },
  content: string,
): ToolMessage {
  return new ToolMessage({
    status: 'error',
    content,
    tool_call_id: call.toolCallId,
    name: call.tool,
    artifact: { preflight: decisionRecord(decision) },
  });
}
