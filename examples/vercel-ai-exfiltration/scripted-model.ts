// The offline stand-in for an LLM: an AI SDK 7 mock model fed the shared support script. Steps
// that depend on the last result read whether the SDK sent that tool result to the model as
// `execution-denied` (a PreFlight block).
import {
  type ScriptedStep,
  scriptedModelV4,
} from '../../packages/vercel-ai/test-support/scripted-model';
import { type ScriptedResponse, supportScript } from '../support-scenario/script';

/** The type of the last tool result the model was sent ('execution-denied', 'json', ...). */
function lastResultType(prompt: unknown[]): string | undefined {
  const last = prompt.at(-1) as {
    role?: string;
    content?: { type: string; output?: { type: string } }[];
  };
  if (last?.role !== 'tool' || !Array.isArray(last.content)) return undefined;
  return last.content.findLast((part) => part.type === 'tool-result')?.output?.type;
}

function toStep({ text, toolCalls }: ScriptedResponse): ScriptedStep {
  if (toolCalls === undefined) return { text: text ?? '' };
  return {
    ...(text === undefined ? {} : { text }),
    toolCalls: toolCalls.map(({ id, name, args }) => ({
      toolCallId: id,
      toolName: name,
      input: args,
    })),
  };
}

/** The support agent's model, scripted over the demo's three operator turns. */
export function scriptedSupportModel() {
  return scriptedModelV4(
    supportScript.map((step) =>
      typeof step === 'function'
        ? (prompt: unknown[]) => toStep(step(lastResultType(prompt) === 'execution-denied'))
        : toStep(step),
    ),
  );
}
