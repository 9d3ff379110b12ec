// Scripted language models for tests, the bench and the offline demo: each model step is a
// list of tool calls or a text, replayed in order, for ai 7 (MockLanguageModelV4) and ai 6
// (MockLanguageModelV3). No network.
import { MockLanguageModelV4 } from 'ai/test';
import { MockLanguageModelV3 } from 'ai-v6/test';

/** One scripted tool call; `input` is serialised to the JSON text a provider would send. */
export interface ScriptedToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
}

/** One model response: tool calls (the loop continues) or a final text. */
export type ScriptedStep = { toolCalls: ScriptedToolCall[]; text?: string } | { text: string };

/** A step as a function of the prompt the model received (for replies that read results). */
export type ScriptedStepSource = ScriptedStep | ((prompt: unknown[]) => ScriptedStep);

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};

function finishReason(step: ScriptedStep) {
  return { unified: 'toolCalls' in step ? 'tool-calls' : 'stop', raw: undefined } as const;
}

function toolCallParts(step: ScriptedStep) {
  if (!('toolCalls' in step)) return [];
  return step.toolCalls.map(({ toolCallId, toolName, input }) => ({
    type: 'tool-call' as const,
    toolCallId,
    toolName,
    input: typeof input === 'string' ? input : JSON.stringify(input),
  }));
}

/** A generate result (V3 and V4 have the same shape for what is scripted here). */
export function generateResultOf(step: ScriptedStep) {
  const text = step.text === undefined ? [] : [{ type: 'text' as const, text: step.text }];
  return {
    content: [...text, ...toolCallParts(step)],
    finishReason: finishReason(step),
    usage,
    warnings: [],
  };
}

/** A stream result: text deltas, tool-call parts, finish. */
export function streamResultOf(step: ScriptedStep) {
  const parts: unknown[] = [{ type: 'stream-start', warnings: [] }];
  if (step.text !== undefined) {
    parts.push({ type: 'text-start', id: 't1' });
    for (const word of step.text.split(/(?<= )/))
      parts.push({ type: 'text-delta', id: 't1', delta: word });
    parts.push({ type: 'text-end', id: 't1' });
  }
  parts.push(...toolCallParts(step));
  parts.push({ type: 'finish', finishReason: finishReason(step), usage });
  return {
    stream: new ReadableStream({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    }),
  };
}

function stepAt(
  steps: readonly ScriptedStepSource[],
  index: number,
  prompt: unknown[],
): ScriptedStep {
  const source = steps[index] ?? { text: 'Done.' };
  return typeof source === 'function' ? source(prompt) : source;
}

/** An ai 7 model that answers step i of `steps` to its i-th call (generate or stream). */
export function scriptedModelV4(steps: readonly ScriptedStepSource[]): MockLanguageModelV4 {
  let calls = 0;
  return new MockLanguageModelV4({
    // biome-ignore lint/suspicious/noExplicitAny: the scripted shapes are the V4 result shapes.
    doGenerate: async (options) => generateResultOf(stepAt(steps, calls++, options.prompt)) as any,
    // biome-ignore lint/suspicious/noExplicitAny: as above, for stream parts.
    doStream: async (options) => streamResultOf(stepAt(steps, calls++, options.prompt)) as any,
  });
}

/** An ai 6 model that answers step i of `steps` to its i-th call (generate or stream). */
export function scriptedModelV3(steps: readonly ScriptedStepSource[]): MockLanguageModelV3 {
  let calls = 0;
  return new MockLanguageModelV3({
    // biome-ignore lint/suspicious/noExplicitAny: the scripted shapes are the V3 result shapes.
    doGenerate: async (options) => generateResultOf(stepAt(steps, calls++, options.prompt)) as any,
    // biome-ignore lint/suspicious/noExplicitAny: as above, for stream parts.
    doStream: async (options) => streamResultOf(stepAt(steps, calls++, options.prompt)) as any,
  });
}

/** Every tool result a model was sent, from the prompts it received (what the model "saw"). */
export function toolResultsSeen(
  prompts: readonly unknown[][],
): { toolCallId: string; output: unknown }[] {
  const seen: { toolCallId: string; output: unknown }[] = [];
  for (const prompt of prompts) {
    for (const message of prompt as { role: string; content: unknown }[]) {
      if (message.role !== 'tool' || !Array.isArray(message.content)) continue;
      for (const part of message.content as {
        type: string;
        toolCallId: string;
        output: unknown;
      }[]) {
        if (part.type === 'tool-result')
          seen.push({ toolCallId: part.toolCallId, output: part.output });
      }
    }
  }
  return seen;
}

/** An ai 7 model that answers every call with one call of `toolName` (a fresh toolCallId). */
export function repeatingToolCallModelV4(toolName: string, input: unknown): MockLanguageModelV4 {
  let calls = 0;
  return new MockLanguageModelV4({
    doGenerate: async () =>
      // biome-ignore lint/suspicious/noExplicitAny: the scripted shapes are the V4 result shapes.
      generateResultOf({ toolCalls: [{ toolCallId: `c${calls++}`, toolName, input }] }) as any,
  });
}
