// The demo scenario on the Vercel AI SDK: an AI SDK 7 `ToolLoopAgent` with PreFlight in front of
// its tools, run over the shared support scenario (../support-scenario): three operator turns,
// one prompt injection, one human approval, signed evidence.
import { guardTools } from '@preflight/vercel-ai';
import { isStepCount, type ModelMessage, ToolLoopAgent } from 'ai';
import type { DemoResult } from '../support-scenario/demo-call';
import {
  demoCalls,
  type RunDemoOptions,
  runSupportScenario,
} from '../support-scenario/run-scenario';
import { instructions } from '../support-scenario/script';
import { supportTools } from './support-tools';

/**
 * Runs the three turns and verifies the evidence written on the way. The model is any
 * LanguageModel AI SDK 7 accepts: the scripted one, or a real provider's.
 */
// biome-ignore lint/suspicious/noExplicitAny: whatever model the framework accepts.
export function runDemo({ model, ...options }: RunDemoOptions<any>): Promise<DemoResult> {
  return runSupportScenario({
    ...options,
    agent: ({ crm, guard, sessionId, trusted, decisions }) => {
      const ran = new Set<string>();
      const agent = new ToolLoopAgent({
        model,
        instructions,
        // The one line: every tool call is checked before it runs, with the app's trusted
        // context (not the model's args) as the source of permissions.
        tools: guardTools(supportTools(crm, ran), guard, {
          sessionId,
          context: () => ({ ...trusted }),
        }),
        stopWhen: isStepCount(6),
      });
      const messages: ModelMessage[] = [];
      return async (turn, operator) => {
        messages.push({ role: 'user', content: operator });
        const result = await agent.generate({ messages });
        messages.push(...result.response.messages);
        // A blocked call's output is its denial (the model read `execution-denied`).
        const outputs = new Map(
          result.steps.flatMap((step) => step.toolResults).map((r) => [r.toolCallId, r.output]),
        );
        return {
          calls: demoCalls(
            turn,
            result.steps.flatMap((step) => step.toolCalls),
            decisions,
            { output: (id) => outputs.get(id), ran: (id) => ran.has(id) },
          ),
          text: result.text,
        };
      };
    },
  });
}
