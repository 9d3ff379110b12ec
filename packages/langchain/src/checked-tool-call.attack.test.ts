import { ToolMessage } from '@langchain/core/messages';
import type { Decision } from '@preflight/core';
import { describe, expect, it, vi } from 'vitest';
import { deskGuard, deskTools } from './__fixtures__/support-desk';
import type { PreflightRecord } from './decision-record';
import { guardTool, guardTools } from './guard-tools';
import { preflightMiddleware } from './preflight-middleware';

// Time of check vs time of use: the tool must run with exactly the input that was checked, in
// both entry points, whatever the input's getters do and whoever mutates it after the decision.
const internal = 'ops@northwind.example';
const attacker = 'vendor-analytics@partner-firm.com';

/** An args object whose `to` answers `internal` on the first read and `attacker` after. */
function flippingArgs() {
  let reads = 0;
  return Object.defineProperty({ customerIds: ['c1'] }, 'to', {
    enumerable: true,
    get: () => (++reads === 1 ? internal : attacker),
  }) as { to: string; customerIds: string[] };
}

/** What LangChain's ToolNode does with the request a `wrapToolCall` hands on. */
// biome-ignore lint/suspicious/noExplicitAny: the request shape of the agent's tool node.
const runLikeToolNode = vi.fn(async (request: any) =>
  request.tool.invoke(
    { ...request.toolCall, type: 'tool_call' },
    { toolCallId: request.toolCall.id },
  ),
);

function requestFor(toolCall: unknown, tool: unknown) {
  // biome-ignore lint/suspicious/noExplicitAny: a hand-built tool call request.
  return { toolCall, tool, state: { messages: [] }, runtime: {} } as any;
}

const recordOf = (result: unknown) =>
  (result as { artifact?: { preflight?: PreflightRecord } }).artifact?.preflight;

describe('attack: check-then-use in preflightMiddleware', () => {
  it('args whose getter changes after the check: the tool runs with what was checked', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const toolCall = { name: 'exportRecords', args: flippingArgs(), id: 'flip' };
    const result = await preflightMiddleware(guard).wrapToolCall?.(
      requestFor(toolCall, desk.exportRecords),
      runLikeToolNode,
    );
    expect(desk.bodies.exportBody).toHaveBeenCalledOnce();
    expect(desk.bodies.exportBody.mock.calls[0]![0]).toMatchObject({ to: internal });
    expect(ToolMessage.isInstance(result) && result.content).toBe(
      `exported 1 records to ${internal}`,
    );
  });

  it('args mutated after the decision, before the tool runs: the tool runs with what was checked', async () => {
    const args = { to: internal, customerIds: ['c1'] };
    // Anything else holding the object (here the guard's own hook) changes it after the check.
    const guard = await deskGuard({
      onDecision: () => {
        args.to = attacker;
        args.customerIds.push(...Array.from({ length: 50 }, (_, i) => `x${i}`));
      },
    });
    const desk = deskTools();
    await preflightMiddleware(guard).wrapToolCall?.(
      requestFor({ name: 'exportRecords', args, id: 'mutate' }, desk.exportRecords),
      runLikeToolNode,
    );
    expect(desk.bodies.exportBody).toHaveBeenCalledOnce();
    expect(desk.bodies.exportBody.mock.calls[0]![0]).toEqual({ to: internal, customerIds: ['c1'] });
  });

  it('the context function sees the checked args, and its copy changes nothing later', async () => {
    let seen: { to?: unknown } | undefined;
    let seenTo: unknown;
    const guard = await deskGuard({
      onDecision: () => {
        if (seen !== undefined) seen.to = attacker;
      },
    });
    const desk = deskTools();
    const middleware = preflightMiddleware(guard, {
      context: (call) => {
        seen = call.args as { to?: unknown };
        seenTo = seen.to;
        return {};
      },
    });
    const toolCall = { name: 'exportRecords', args: flippingArgs(), id: 'ctx' };
    await middleware.wrapToolCall?.(requestFor(toolCall, desk.exportRecords), runLikeToolNode);
    expect(seenTo).toBe(internal);
    expect(desk.bodies.exportBody.mock.calls[0]![0]).toMatchObject({ to: internal });
  });

  it('a tool call whose name and id change between reads runs as the call that was checked', async () => {
    const guard = await deskGuard();
    let nameReads = 0;
    let idReads = 0;
    const toolCall = {
      args: { query: 'Hayes' },
      get name() {
        return ++nameReads === 1 ? 'searchCustomers' : 'exportRecords';
      },
      get id() {
        return ++idReads === 1 ? 'first-id' : 'second-id';
      },
    };
    const handler = vi.fn(async (request: { toolCall: { name: string; id: string } }) => {
      return new ToolMessage({
        content: 'ran',
        name: request.toolCall.name,
        tool_call_id: request.toolCall.id,
      });
    });
    await preflightMiddleware(guard).wrapToolCall?.(
      requestFor(toolCall, undefined),
      // biome-ignore lint/suspicious/noExplicitAny: a hand-built handler.
      handler as any,
    );
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0]![0].toolCall).toMatchObject({
      name: 'searchCustomers',
      id: 'first-id',
    });
  });

  it('a request whose tool is not the tool named in the call is blocked', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    // The harmless name is checked; the tool that would run is the export.
    const toolCall = { name: 'searchCustomers', args: { query: 'x' }, id: 'swap' };
    const result = await preflightMiddleware(guard).wrapToolCall?.(
      requestFor(toolCall, desk.exportRecords),
      runLikeToolNode,
    );
    expect(desk.bodies.exportBody).not.toHaveBeenCalled();
    expect(recordOf(result)).toMatchObject({ allowed: false, result: 'ERROR' });
  });

  it('a wrapped guarded tool (checked once, by the middleware) also runs with the checked copy', async () => {
    const args = { to: internal, customerIds: ['c1'] };
    const guard = await deskGuard({
      onDecision: () => {
        args.to = attacker;
      },
    });
    const check = vi.spyOn(guard, 'check');
    const desk = deskTools();
    const guarded = guardTool(desk.exportRecords, guard);
    await preflightMiddleware(guard).wrapToolCall?.(
      requestFor({ name: 'exportRecords', args, id: 'both' }, guarded),
      runLikeToolNode,
    );
    expect(check).toHaveBeenCalledOnce();
    expect(desk.bodies.exportBody.mock.calls[0]![0]).toMatchObject({ to: internal });
  });
});

describe('attack: check-then-use in guardTools', () => {
  it('plain args whose getter changes after the check: the tool runs with what was checked', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const [exportRecords] = guardTools([desk.exportRecords], guard);
    const output = await exportRecords!.invoke(flippingArgs());
    expect(output).toBe(`exported 1 records to ${internal}`);
    expect(desk.bodies.exportBody.mock.calls[0]![0]).toMatchObject({ to: internal });
  });

  it('a tool call whose args change after the check: the tool runs with what was checked', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const exportRecords = guardTool(desk.exportRecords, guard);
    let idReads = 0;
    const toolCall = {
      type: 'tool_call' as const,
      name: 'exportRecords',
      args: flippingArgs(),
      get id() {
        return ++idReads === 1 ? 'tc-1' : 'tc-other';
      },
    };
    const message = await exportRecords.invoke(toolCall);
    expect(desk.bodies.exportBody.mock.calls[0]![0]).toMatchObject({ to: internal });
    expect(message).toMatchObject({ tool_call_id: 'tc-1' });
  });

  it.each([
    ['invoke', (tool: ReturnType<typeof guardTool>, input: unknown) => tool.invoke(input)],
    ['call', (tool: ReturnType<typeof guardTool>, input: unknown) => tool.call(input)],
    [
      'stream',
      async (tool: ReturnType<typeof guardTool>, input: unknown) => {
        for await (const _chunk of await tool.stream(input)) {
          // drain
        }
      },
    ],
  ])(
    'input mutated after the decision (%s): the tool runs with what was checked',
    async (_label, run) => {
      const args = { to: internal, customerIds: ['c1'] };
      const guard = await deskGuard({
        onDecision: (decision: Decision) => {
          if (decision.allowed) args.to = attacker;
        },
      });
      const desk = deskTools();
      await run(guardTool(desk.exportRecords, guard), args);
      expect(desk.bodies.exportBody).toHaveBeenCalledOnce();
      expect(desk.bodies.exportBody.mock.calls[0]![0]).toMatchObject({ to: internal });
    },
  );

  it('a tool call without a name is still a tool call: its args are checked, not its envelope', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const exportRecords = guardTool(desk.exportRecords, guard);
    // LangChain's tools treat any `type: 'tool_call'` object as a call and run its `args`.
    const envelope = {
      type: 'tool_call',
      id: 'nameless',
      to: internal,
      customerIds: ['c1'],
      args: { to: attacker, customerIds: ['c1'] },
    };
    const result = await exportRecords.invoke(envelope);
    expect(desk.bodies.exportBody).not.toHaveBeenCalled();
    expect(recordOf(result)).toMatchObject({ allowed: false, result: 'UNSAT' });
  });

  it('an input with toJSON imitating an allowed one is blocked, and the tool never runs', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const exportRecords = guardTool(desk.exportRecords, guard);
    const sneaky = {
      to: attacker,
      customerIds: ['c1'],
      toJSON: () => ({ to: internal, customerIds: ['c1'] }),
    };
    const result = await exportRecords.invoke(sneaky);
    expect(desk.bodies.exportBody).not.toHaveBeenCalled();
    expect(recordOf(result)).toMatchObject({ allowed: false, code: 'ARGS_INVALID' });
  });
});
