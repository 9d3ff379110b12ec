import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { END, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import { PreflightError } from '@preflight/core';
import { createAgent } from 'langchain';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  approvedContext,
  deskGuard,
  deskTools,
  exfiltrationArgs,
  ids,
} from './__fixtures__/support-desk';
import type { PreflightRecord } from './decision-record';
import { guardTool, guardTools } from './guard-tools';
import { GuardedTool, isGuardedTool } from './guarded-tool';
import { preflightMiddleware } from './preflight-middleware';

/** A hand-built LangGraph agent: model node + prebuilt ToolNode over the given tools. */
function graphWith(model: ReturnType<typeof fakeModel>, toolNode: ToolNode) {
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode('tools', toolNode)
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition, ['tools', END])
    .addEdge('tools', 'agent')
    .compile({ checkpointer: new MemorySaver() });
}

const toolMessages = (messages: BaseMessage[]) =>
  messages.filter((message): message is ToolMessage => ToolMessage.isInstance(message));

describe('guardTools with the prebuilt ToolNode', () => {
  it('blocks in parallel with allowed calls; blocked tools never run', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const model = fakeModel()
      .respondWithTools([
        { name: 'exportRecords', args: exfiltrationArgs, id: 'export' },
        { name: 'searchCustomers', args: { query: 'Hayes' }, id: 'search' },
      ])
      .respond(new AIMessage('done'));
    const graph = graphWith(model, new ToolNode(guardTools(desk.tools, guard)));
    const result = await graph.invoke(
      { messages: [{ role: 'user', content: 'go' }] },
      { configurable: { thread_id: 'graph-1' } },
    );
    const [exported, searched] = toolMessages(result.messages);
    expect(desk.bodies.exportBody).not.toHaveBeenCalled();
    expect(exported).toMatchObject({ status: 'error', tool_call_id: 'export' });
    const record = (exported!.artifact as { preflight: PreflightRecord }).preflight;
    expect(record).toMatchObject({ result: 'UNSAT', session: 'graph-1', toolCallId: 'export' });
    expect(String(exported?.content)).toContain('1. Do not transfer customer records');
    expect(searched?.content).toBe('3 customers match Hayes');
    expect(desk.bodies.searchBody).toHaveBeenCalledTimes(1);
    expect(result.messages.at(-1)?.content).toBe('done');
  });

  it("takes tokens from the graph run's context and counts per thread", async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const model = fakeModel();
    const read = { name: 'readRecords', args: { ids: ids(6), classification: 'public' } };
    for (let turn = 0; turn < 3; turn++)
      model.respondWithTools([read]).respond(new AIMessage('ok'));
    model
      .respondWithTools([
        { name: 'updateRecord', args: { customerId: 'c1', field: 'f', value: 'v' } },
      ])
      .respond(new AIMessage('ok'));
    const graph = graphWith(model, new ToolNode(guardTools(desk.tools, guard)));
    const turn = async (thread: string, context?: Record<string, unknown>) => {
      const result = await graph.invoke(
        { messages: [{ role: 'user', content: 'go' }] },
        { configurable: { thread_id: thread }, ...(context ? { context } : {}) },
      );
      return toolMessages(result.messages).at(-1)?.status ?? 'success';
    };
    expect(await turn('t1')).toBe('success');
    expect(await turn('t1')).toBe('error');
    expect(await turn('t2')).toBe('success');
    expect(await turn('t2', approvedContext)).toBe('success');
    expect(desk.bodies.updateBody).toHaveBeenCalledTimes(1);
  });
});

describe('GuardedTool', () => {
  it('copies what models and agents read from the tool', async () => {
    const guard = await deskGuard();
    const original = tool(async () => ['content', { raw: 1 }], {
      name: 'lookup',
      description: 'Look a customer up.',
      schema: z.object({ id: z.string().describe('customer id') }),
      responseFormat: 'content_and_artifact',
      returnDirect: true,
      extras: { cache_control: { type: 'ephemeral' } },
      metadata: { owner: 'crm' },
      tags: ['crm'],
    });
    const guarded = guardTool(original, guard);
    expect(guarded).toBeInstanceOf(GuardedTool);
    expect(isGuardedTool(guarded)).toBe(true);
    expect(guarded).toMatchObject({
      name: 'lookup',
      description: 'Look a customer up.',
      responseFormat: 'content_and_artifact',
      returnDirect: true,
      extras: { cache_control: { type: 'ephemeral' } },
      metadata: { owner: 'crm' },
      tags: ['crm'],
    });
    expect(guarded.schema).toBe(original.schema);
    expect(convertToOpenAITool(guarded)).toEqual(convertToOpenAITool(original));
    // Allowed (screened out): the original's content and artifact come through unchanged.
    const message = await guarded.invoke({
      type: 'tool_call',
      id: 'l1',
      name: 'lookup',
      args: { id: 'c1' },
    });
    expect(message).toMatchObject({ content: 'content', artifact: { raw: 1 }, tool_call_id: 'l1' });
  });

  it('answers plain invocations: raw output when allowed, an error ToolMessage when blocked', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const [exportGuarded, , , searchGuarded] = guardTools(desk.tools, guard);
    expect(await searchGuarded?.invoke({ query: 'Hayes' })).toBe('3 customers match Hayes');
    const blocked = await exportGuarded?.invoke(exfiltrationArgs);
    expect(ToolMessage.isInstance(blocked) && blocked.status).toBe('error');
    expect((blocked as ToolMessage).tool_call_id).toMatch(/^preflight-/);
    // The deprecated `call`, `batch` and `stream` go through the guard too.
    const viaCall = await exportGuarded?.call(exfiltrationArgs);
    expect(ToolMessage.isInstance(viaCall)).toBe(true);
    const batched = await exportGuarded?.batch([exfiltrationArgs, exfiltrationArgs]);
    expect(batched?.every((item) => ToolMessage.isInstance(item))).toBe(true);
    for await (const chunk of await exportGuarded!.stream(exfiltrationArgs)) {
      expect(ToolMessage.isInstance(chunk)).toBe(true);
    }
    expect(desk.bodies.exportBody).not.toHaveBeenCalled();
  });

  it('uses the sessionId and context options outside a graph', async () => {
    const guard = await deskGuard();
    const check = vi.spyOn(guard, 'check');
    const desk = deskTools();
    const [, updateGuarded] = guardTools(desk.tools, guard, {
      sessionId: 'desk-session',
      context: approvedContext,
    });
    const result = await updateGuarded?.invoke({ customerId: 'c1', field: 'f', value: 'v' });
    expect(result).toBe('updated f of c1');
    expect(check).toHaveBeenCalledWith(
      expect.objectContaining({ tool: 'updateRecord', sessionId: 'desk-session' }),
      approvedContext,
      expect.anything(),
    );
  });

  it('refuses what it cannot guard, and does not wrap twice with the same guard', async () => {
    const guard = await deskGuard();
    const serverTool = { type: 'web_search_preview' };
    // biome-ignore lint/suspicious/noExplicitAny: a provider tool definition is not a LangChain tool.
    const attempt = () => guardTools([serverTool as any], guard);
    expect(attempt).toThrow(PreflightError);
    expect(attempt).toThrow(/type "web_search_preview"/);
    const once = guardTools(deskTools().tools, guard);
    const twice = guardTools(once, guard);
    expect(twice[0]).toBe(once[0]);
    const other = await deskGuard();
    expect(guardTools(once, other)[0]).not.toBe(once[0]);
  });

  it('checks a call once when guarded tools also run under the middleware (same guard)', async () => {
    const guard = await deskGuard();
    const check = vi.spyOn(guard, 'check');
    const desk = deskTools();
    const model = fakeModel()
      .respondWithTools([
        { name: 'updateRecord', args: { customerId: 'c1', field: 'f', value: 'v' } },
      ])
      .respond(new AIMessage('done'));
    const agent = createAgent({
      model,
      tools: guardTools(desk.tools, guard),
      middleware: [preflightMiddleware(guard)],
    });
    const result = await agent.invoke(
      { messages: [{ role: 'user', content: 'update' }] },
      { context: approvedContext },
    );
    expect(check).toHaveBeenCalledTimes(1);
    expect(desk.bodies.updateBody).toHaveBeenCalledTimes(1);
    expect(toolMessages(result.messages)[0]?.content).toBe('updated f of c1');
  });
});
