// The demo scenario on LangChain.js: a `createAgent` support agent with PreFlight as its tool
// middleware, three operator turns on one thread, one prompt injection, one human approval,
// signed evidence. The framework-independent parts live in ../support-scenario.
import { readFile } from 'node:fs/promises';
import { createGuard, type Decision } from '../../packages/core/src/index';
import { createEvidenceRecorder, verifyEvidencePath } from '../../packages/core/src/node/index';
import { preflightMiddleware } from '../../packages/langchain/src/index';
import {
  AIMessage,
  type BaseMessage,
  createAgent,
  MemorySaver,
} from '../../packages/langchain/test-support/langchain';
import { createApprovalsDesk } from '../support-scenario/approvals';
import { createCrm } from '../support-scenario/crm';
import type { DemoCall, DemoEvents, DemoResult } from '../support-scenario/demo-call';
import { instructions, operatorTurns, policyPath } from '../support-scenario/script';
import { supportMappings } from '../support-scenario/support-mappings';
import { supportTools, type ToolOutputs } from './support-tools';

export interface RunDemoOptions {
  /** The chat model: the scripted fake model, or a real one (it must support tool calling). */
  // biome-ignore lint/suspicious/noExplicitAny: any chat model createAgent accepts.
  model: any;
  /** The evidence directory. */
  evidenceDir: string;
  events: DemoEvents;
}

/** Runs the three turns and verifies the evidence written on the way. */
export async function runDemo({ model, evidenceDir, events }: RunDemoOptions): Promise<DemoResult> {
  const crm = createCrm();
  // One conversation: the thread id is PreFlight's session (counters add up across turns).
  const threadId = `support-${new Date().toISOString()}`;
  const desk = await createApprovalsDesk();
  const recorder = createEvidenceRecorder({ dir: evidenceDir });
  const decisions = new Map<string, Decision>();
  const guard = await createGuard({
    policy: await readFile(policyPath, 'utf8'),
    tools: supportMappings(crm),
    recorder,
    permissionVerifier: desk.verifier,
    onDecision: (decision) => {
      if (decision.action) decisions.set(decision.action.toolCallId, decision);
    },
  });

  const outputs: ToolOutputs = new Map();
  const agent = createAgent({
    model,
    tools: supportTools(crm, outputs),
    systemPrompt: instructions,
    // The one line: every tool call is checked before it runs.
    middleware: [preflightMiddleware(guard)],
    checkpointer: new MemorySaver(),
  });

  // Trusted context: what the app (not the model) knows. Empty until a human approves.
  const trusted: Record<string, string> = {};
  const calls: DemoCall[] = [];
  let seen = 0;
  try {
    for (const [index, operator] of operatorTurns.entries()) {
      const turn = index + 1;
      events.turnStarted(turn, operator);
      const result = await agent.invoke(
        { messages: [{ role: 'user', content: operator }] },
        { configurable: { thread_id: threadId }, context: { ...trusted }, recursionLimit: 20 },
      );
      const fresh: BaseMessage[] = result.messages.slice(seen);
      seen = result.messages.length;
      const turnCalls = fresh
        .filter((message): message is AIMessage => AIMessage.isInstance(message))
        .flatMap((message) => message.tool_calls ?? [])
        .flatMap((toolCall): DemoCall[] => {
          const decision = decisions.get(toolCall.id ?? '');
          if (decision === undefined) return [];
          const id = toolCall.id ?? '';
          return [
            {
              turn,
              toolName: toolCall.name,
              toolCallId: id,
              input: toolCall.args,
              output: outputs.get(id),
              decision,
              ran: outputs.has(id),
            },
          ];
        });
      calls.push(...turnCalls);
      const reply = fresh.findLast((message) => AIMessage.isInstance(message));
      events.turnEnded(turn, turnCalls, typeof reply?.content === 'string' ? reply.content : '');

      // The app turns a blocked change into an approval request; the supervisor signs exactly
      // that change (tool + args + session), and the app puts the token in the run's context.
      const blockedUpdate = turnCalls.findLast(
        (call) => call.toolName === 'updateRecord' && !call.decision.allowed,
      );
      if (turn === 2 && blockedUpdate !== undefined) {
        const approval = await desk.approve(blockedUpdate.decision, blockedUpdate.input);
        if (approval !== undefined) {
          trusted['authorization_token'] = approval.token;
          events.approvalIssued({ request: approval.request, tokenId: approval.tokenId });
        }
      }
    }
  } finally {
    await recorder.close();
  }
  return { calls, evidence: await verifyEvidencePath(evidenceDir) };
}
