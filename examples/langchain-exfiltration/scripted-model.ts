// The offline stand-in for an LLM: LangChain's `fakeModel`, fed the shared support script. Each
// step answers with an AIMessage carrying the script's text and tool calls; steps that depend on
// the last result read whether that ToolMessage was an error (a PreFlight block).
import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { type ScriptedResponse, supportScript } from '../support-scenario/script';

function lastCallBlocked(messages: BaseMessage[]): boolean {
  const last = messages.at(-1);
  return ToolMessage.isInstance(last) && last.status === 'error';
}

function toMessage({ text = '', toolCalls = [] }: ScriptedResponse): AIMessage {
  return new AIMessage({
    content: text,
    tool_calls: toolCalls.map(({ id, name, args }) => ({ id, name, args, type: 'tool_call' })),
  });
}

/** The support agent's model, scripted over the demo's three operator turns. */
export function scriptedSupportModel() {
  const model = fakeModel();
  for (const step of supportScript) {
    model.respond((messages) =>
      toMessage(typeof step === 'function' ? step(lastCallBlocked(messages)) : step),
    );
  }
  return model;
}
