// The demo scenario on LangChain.js: a `createAgent` support agent with PreFlight as its tool
// middleware, run over the shared support scenario (../support-scenario): three operator turns
// on one thread, one prompt injection, one human approval, signed evidence.

import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { MemorySaver } from '@langchain/langgraph';
import { preflightMiddleware } from '@preflight/langchain';
import { createAgent } from 'langchain';
import type { DemoResult } from '../support-scenario/demo-call';
import {
  demoCalls,
  type RunDemoOptions,
  runSupportScenario,
} from '../support-scenario/run-scenario';
import { instructions } from '../support-scenario/script';
import { supportTools, type ToolOutputs } from './support-tools';

/**
 * Runs the three turns and verifies the evidence written on the way. The model is any chat
 * model `createAgent` accepts: the scripted one, or a real provider's.
 */
// biome-ignore lint/suspicious/noExplicitAny: whatever model the framework accepts.
export function runDemo({ model, ...options }: RunDemoOptions<any>): Promise<DemoResult> {
  return runSupportScenario({
    ...options,
    agent: ({ crm, guard, sessionId, trusted, decisions }) => {
      const outputs: ToolOutputs = new Map();
      const agent = createAgent({
        model,
        tools: supportTools(crm, outputs),
        systemPrompt: instructions,
        // The one line: every tool call is checked before it runs.
        middleware: [preflightMiddleware(guard)],
        checkpointer: new MemorySaver(),
      });
      // One conversation: the thread id is PreFlight's session.
      let seen = 0;
      return async (turn, operator) => {
        const result = await agent.invoke(
          { messages: [{ role: 'user', content: operator }] },
          { configurable: { thread_id: sessionId }, context: { ...trusted }, recursionLimit: 20 },
        );
        const fresh: BaseMessage[] = result.messages.slice(seen);
        seen = result.messages.length;
        const toolCalls = fresh
          .filter((message): message is AIMessage => AIMessage.isInstance(message))
          .flatMap((message) => message.tool_calls ?? [])
          .map(({ id, name, args }) => ({ toolCallId: id ?? '', toolName: name, input: args }));
        const reply = fresh.findLast((message) => AIMessage.isInstance(message));
        return {
          calls: demoCalls(turn, toolCalls, decisions, {
            output: (id) => outputs.get(id),
            ran: (id) => outputs.has(id),
          }),
          text: typeof reply?.content === 'string' ? reply.content : '',
        };
      };
    },
  });
}
