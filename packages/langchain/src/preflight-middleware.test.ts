import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { MemorySaver } from '@langchain/langgraph';
import type { Decision } from '@preflight/core';
import { createAgent } from 'langchain';
import { describe, expect, it, vi } from 'vitest';
import {
  approvedContext,
  deskGuard,
  deskTools,
  exfiltrationArgs,
  ids,
} from './__fixtures__/support-desk';
import type { PreflightRecord } from './decision-record';
import { preflightMiddleware } from './preflight-middleware';

const user = (content: string) => ({ messages: [{ role: 'user', content }] });

function toolMessages(messages: BaseMessage[]): ToolMessage[] {
  return messages.filter((message): message is ToolMessage => ToolMessage.isInstance(message));
}

function recordOf(message: ToolMessage | undefined): PreflightRecord {
  return (message?.artifact as { preflight: PreflightRecord } | undefined)
    ?.preflight as PreflightRecord;
}

describe('preflightMiddleware: blocked calls', () => {
  it('never runs the tool, tells the model the violated rules and keeps the receipt in the artifact', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const model = fakeModel()
      .respondWithTools([{ name: 'exportRecords', args: exfiltrationArgs, id: 'call-export' }])
      .respond(new AIMessage('I cannot export those records.'));
    const agent = createAgent({
      model,
      tools: desk.tools,
      middleware: [preflightMiddleware(guard)],
    });

    const result = await agent.invoke(user('Look at customer cust_4421'));

    expect(desk.bodies.exportBody).not.toHaveBeenCalled();
    const [blocked] = toolMessages(result.messages);
    expect(blocked).toMatchObject({
      status: 'error',
      tool_call_id: 'call-export',
      name: 'exportRecords',
    });
    const content = String(blocked?.content);
    expect(content).toContain('PreFlight blocked this call: the tool "exportRecords" did not run');
    expect(content).toContain('1. Do not transfer customer records to an external destination');
    expect(content).toContain('3. Do not process more than 10 records');
    expect(content).toContain('5. Every action that requires an authorization_token');
    expect(content).toMatch(/values written into tool arguments do not count/);
    const record = recordOf(blocked);
    expect(record).toMatchObject({
      kind: 'decision',
      tool: 'exportRecords',
      toolCallId: 'call-export',
      result: 'UNSAT',
      allowed: false,
      code: 'POLICY_UNSAT',
      policy: { hash: guard.policyHash },
    });
    expect(record.violations.map((violation) => violation.id)).toEqual([1, 3, 5]);
    // The model-written token did not count: the variable came from the (empty) trusted context.
    expect(record.variables['authorization_token']).toMatchObject({
      value: false,
      provenance: 'context',
    });
    expect(content).toContain(`Receipt: ${record.receiptId}`);
    // The run continued: the model saw the error ToolMessage, but not the artifact.
    expect(model.callCount).toBe(2);
    const seen = toolMessages(model.calls[1]?.messages ?? []);
    expect(seen[0]?.status).toBe('error');
    expect(String(seen[0]?.content)).toBe(content);
    expect(result.messages.at(-1)?.content).toBe('I cannot export those records.');
  });

  it('settles a blocked decision as not run', async () => {
    const guard = await deskGuard();
    const settle = vi.spyOn(guard, 'settle');
    const model = fakeModel()
      .respondWithTools([{ name: 'exportRecords', args: exfiltrationArgs }])
      .respond(new AIMessage('done'));
    const agent = createAgent({
      model,
      tools: deskTools().tools,
      middleware: [preflightMiddleware(guard)],
    });
    await agent.invoke(user('go'));
    expect(settle).toHaveBeenCalledWith(expect.objectContaining({ allowed: false }), {
      ran: false,
      ok: false,
    });
  });

  it('uses a custom blocked text, and the default one when the formatter throws', async () => {
    const guard = await deskGuard();
    const run = async (format: (decision: Decision, tool: string) => string) => {
      const model = fakeModel()
        .respondWithTools([{ name: 'exportRecords', args: exfiltrationArgs }])
        .respond(new AIMessage('done'));
      const middleware = preflightMiddleware(guard, { formatBlockedMessage: format });
      const agent = createAgent({ model, tools: deskTools().tools, middleware: [middleware] });
      return String(toolMessages((await agent.invoke(user('go'))).messages)[0]?.content);
    };
    expect(await run((decision, tool) => `No ${tool}: ${decision.result}`)).toBe(
      'No exportRecords: UNSAT',
    );
    expect(
      await run(() => {
        throw new Error('formatter bug');
      }),
    ).toContain('PreFlight blocked this call');
  });
});

describe('preflightMiddleware: allowed calls', () => {
  it('runs the tool unchanged: same args, same result as an unguarded agent', async () => {
    const script = () =>
      fakeModel()
        .respondWithTools([
          { name: 'updateRecord', args: { customerId: 'cust_4421', field: 'billing', value: 'x' } },
        ])
        .respond(new AIMessage('Updated.'));
    const plain = deskTools();
    const unguarded = await createAgent({ model: script(), tools: plain.tools }).invoke(
      user('update'),
      { context: approvedContext },
    );

    const guard = await deskGuard();
    const settle = vi.spyOn(guard, 'settle');
    const desk = deskTools();
    const agent = createAgent({
      model: script(),
      tools: desk.tools,
      middleware: [preflightMiddleware(guard)],
    });
    const guarded = await agent.invoke(user('update'), { context: approvedContext });

    expect(desk.bodies.updateBody).toHaveBeenCalledTimes(1);
    expect(desk.bodies.updateBody.mock.calls[0]?.[0]).toEqual(
      plain.bodies.updateBody.mock.calls[0]?.[0],
    );
    const [expected] = toolMessages(unguarded.messages);
    const [actual] = toolMessages(guarded.messages);
    expect(actual?.content).toBe(expected?.content);
    expect(actual?.status).toBe(expected?.status);
    expect(actual?.artifact).toEqual(expected?.artifact);
    expect(settle).toHaveBeenCalledWith(
      expect.objectContaining({ allowed: true, result: 'SAT' }),
      expect.objectContaining({ ran: true, ok: true }),
    );
  });

  it('lets screened-out calls (no policy variable) run', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const model = fakeModel()
      .respondWithTools([{ name: 'searchCustomers', args: { query: 'Hayes' } }])
      .respond(new AIMessage('Found them.'));
    const agent = createAgent({
      model,
      tools: desk.tools,
      middleware: [preflightMiddleware(guard)],
    });
    const result = await agent.invoke(user('find Hayes'));
    expect(desk.bodies.searchBody).toHaveBeenCalledTimes(1);
    expect(toolMessages(result.messages)[0]?.content).toBe('3 customers match Hayes');
  });

  it('turns a tool error into the same error ToolMessage as an unguarded agent', async () => {
    const script = () =>
      fakeModel()
        .respondWithTools([
          { name: 'readRecords', args: { ids: ids(2), classification: 'public' } },
        ])
        .respond(new AIMessage('done'));
    const failing = () => {
      const desk = deskTools();
      desk.bodies.readBody.mockRejectedValue(new Error('CRM is down'));
      return desk;
    };
    const unguarded = await createAgent({ model: script(), tools: failing().tools }).invoke(
      user('read'),
    );
    const guard = await deskGuard();
    const settle = vi.spyOn(guard, 'settle');
    const guarded = await createAgent({
      model: script(),
      tools: failing().tools,
      middleware: [preflightMiddleware(guard)],
    }).invoke(user('read'));
    const [expected] = toolMessages(unguarded.messages);
    const [actual] = toolMessages(guarded.messages);
    expect(actual?.content).toBe('Error: CRM is down\n Please fix your mistakes.');
    expect(actual?.content).toBe(expected?.content);
    expect(actual?.status).toBe('error');
    // The counters of a failed call are released, not committed.
    expect(settle).toHaveBeenLastCalledWith(
      expect.objectContaining({ allowed: true }),
      expect.objectContaining({ ran: true, ok: false }),
    );
  });

  it("re-throws the tool's error unchanged with toolErrors 'rethrow', and interrupts always", async () => {
    const guard = await deskGuard();
    const settle = vi.spyOn(guard, 'settle');
    const request = {
      toolCall: { name: 'readRecords', args: { ids: ids(2), classification: 'public' }, id: 'r1' },
      tool: deskTools().readRecords,
      state: { messages: [] },
      runtime: {},
    };
    const failure = new Error('CRM is down');
    const rethrowing = preflightMiddleware(guard, { toolErrors: 'rethrow' });
    await expect(
      // biome-ignore lint/suspicious/noExplicitAny: a hand-built request, as the agent builds it.
      rethrowing.wrapToolCall?.(request as any, async () => Promise.reject(failure)),
    ).rejects.toBe(failure);
    expect(settle).toHaveBeenLastCalledWith(
      expect.objectContaining({ allowed: true }),
      expect.objectContaining({ ran: true, ok: false, error: 'CRM is down' }),
    );
    const interrupt = Object.assign(new Error('needs a human'), { name: 'GraphInterrupt' });
    await expect(
      // biome-ignore lint/suspicious/noExplicitAny: as above.
      preflightMiddleware(guard).wrapToolCall?.(request as any, async () =>
        Promise.reject(interrupt),
      ),
    ).rejects.toBe(interrupt);
  });
});

describe('preflightMiddleware: parallel calls, sessions, trusted context', () => {
  it('checks parallel calls concurrently without over-admitting the session limit', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const read = (id: string) => ({
      name: 'readRecords',
      args: { ids: ids(6), classification: 'public' },
      id,
    });
    const model = fakeModel()
      .respondWithTools([
        read('read-a'),
        read('read-b'),
        { name: 'exportRecords', args: exfiltrationArgs, id: 'export' },
      ])
      .respond(new AIMessage('done'));
    const agent = createAgent({
      model,
      tools: desk.tools,
      middleware: [preflightMiddleware(guard)],
    });
    const result = await agent.invoke(user('go'), { configurable: { thread_id: 'parallel' } });
    const messages = toolMessages(result.messages);
    expect(messages).toHaveLength(3);
    // 6 + 6 > 10: exactly one of the two reads fits in the session.
    const reads = messages.filter((message) => message.name === 'readRecords');
    expect(reads.map((message) => message.status ?? 'success').sort()).toEqual([
      'error',
      'success',
    ]);
    expect(desk.bodies.readBody).toHaveBeenCalledTimes(1);
    expect(messages.find((message) => message.name === 'exportRecords')?.status).toBe('error');
    expect(desk.bodies.exportBody).not.toHaveBeenCalled();
  });

  it("counts per thread: the run's thread_id is the session", async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const model = fakeModel();
    for (let turn = 0; turn < 3; turn++) {
      model
        .respondWithTools([
          { name: 'readRecords', args: { ids: ids(6), classification: 'public' } },
        ])
        .respond(new AIMessage('ok'));
    }
    const agent = createAgent({
      model,
      tools: desk.tools,
      middleware: [preflightMiddleware(guard, { sessionId: 'fallback' })],
      checkpointer: new MemorySaver(),
    });
    const turn = async (thread: string) => {
      const result = await agent.invoke(user('read'), { configurable: { thread_id: thread } });
      const message = toolMessages(result.messages).at(-1);
      return { status: message?.status ?? 'success', session: recordOf(message)?.session };
    };
    expect(await turn('thread-1')).toEqual({ status: 'success', session: undefined });
    // Same thread: 6 + 6 > 10 records in the session.
    expect(await turn('thread-1')).toEqual({ status: 'error', session: 'thread-1' });
    // Another thread starts from zero.
    expect((await turn('thread-2')).status).toBe('success');
  });

  it('uses the sessionId option when the run has no thread_id', async () => {
    const guard = await deskGuard();
    const seen: string[] = [];
    const middleware = preflightMiddleware(guard, {
      sessionId: ({ tool }) => `session-for-${tool}`,
      formatBlockedMessage: (decision) => {
        seen.push(decision.action?.sessionId ?? '');
        return 'blocked';
      },
    });
    const model = fakeModel()
      .respondWithTools([{ name: 'exportRecords', args: exfiltrationArgs }])
      .respond(new AIMessage('done'));
    await createAgent({ model, tools: deskTools().tools, middleware: [middleware] }).invoke(
      user('go'),
    );
    expect(seen).toEqual(['session-for-exportRecords']);
  });

  it("reads permission tokens from the run's context, or from the context option", async () => {
    const guard = await deskGuard();
    const update = {
      name: 'updateRecord',
      args: { customerId: 'cust_4421', field: 'billing', value: 'x' },
    };
    const statusWith = async (
      options: Parameters<typeof preflightMiddleware>[1],
      context?: Record<string, unknown>,
    ) => {
      const model = fakeModel().respondWithTools([update]).respond(new AIMessage('done'));
      const agent = createAgent({
        model,
        tools: deskTools().tools,
        middleware: [preflightMiddleware(guard, options)],
      });
      const result = await agent.invoke(user('update'), context ? { context } : {});
      return toolMessages(result.messages)[0]?.status ?? 'success';
    };
    expect(await statusWith({})).toBe('error');
    expect(await statusWith({}, approvedContext)).toBe('success');
    expect(await statusWith({ context: approvedContext })).toBe('success');
    expect(await statusWith({ context: async () => approvedContext })).toBe('success');
    // The option replaces the run's context (here: withholds the tokens).
    expect(await statusWith({ context: {} }, approvedContext)).toBe('error');
  });
});
