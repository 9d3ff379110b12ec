import { ToolMessage } from '@langchain/core/messages';
import type { Guard } from '@preflight/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deskGuard, deskTools, exfiltrationArgs } from './__fixtures__/support-desk';
import type { PreflightRecord } from './decision-record';
import { guardTool } from './guard-tools';
import { preflightMiddleware } from './preflight-middleware';
import type { PreflightOptions } from './preflight-options';

// User callbacks that throw or reject (the guard's onDecision, the adapter's options) must not
// surface as unhandled rejections, and never change a decision. And a guard that cannot decide
// must follow the guard's mode: shadow mode never blocks, it records `wouldAllow: false`.
const internal = { to: 'ops@northwind.example', customerIds: ['c1'] };

const recordOf = (result: unknown) =>
  (result as { artifact?: { preflight?: PreflightRecord } }).artifact?.preflight;

function requestFor(name: string, args: unknown, id: string) {
  const request = { toolCall: { name, args, id }, tool: undefined, state: { messages: [] } };
  // biome-ignore lint/suspicious/noExplicitAny: a hand-built tool call request.
  return { ...request, runtime: {} } as any;
}

/** Runs one call through each entry point; returns what each answered and whether the tool ran. */
async function throughBoth(guard: Guard, args: unknown, options: PreflightOptions = {}) {
  const desk = deskTools();
  const handler = vi.fn(
    async () => new ToolMessage({ content: 'ran', tool_call_id: 'mw', name: 'exportRecords' }),
  );
  const viaMiddleware = await preflightMiddleware(guard, options).wrapToolCall?.(
    requestFor('exportRecords', args, 'mw'),
    handler,
  );
  const viaTool = await guardTool(desk.exportRecords, guard, options).invoke(args);
  return {
    viaMiddleware,
    viaTool,
    middlewareRan: handler.mock.calls.length > 0,
    toolRan: desk.bodies.exportBody.mock.calls.length > 0,
  };
}

describe('attack: user callbacks that reject', () => {
  const unhandled = vi.fn();
  beforeEach(() => {
    unhandled.mockReset();
    process.on('unhandledRejection', unhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', unhandled);
  });
  const settled = () => new Promise((resolve) => setImmediate(resolve));

  it('an async onDecision that rejects: no unhandled rejection, decisions unchanged', async () => {
    const guard = await deskGuard({
      onDecision: async () => {
        throw new Error('metrics backend down');
      },
    });
    const allowed = await throughBoth(guard, internal);
    expect(allowed.middlewareRan && allowed.toolRan).toBe(true);
    const blocked = await throughBoth(guard, exfiltrationArgs);
    expect(blocked.middlewareRan || blocked.toolRan).toBe(false);
    expect(recordOf(blocked.viaTool)).toMatchObject({ result: 'UNSAT' });
    await settled();
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('a sessionId function that returns a rejecting promise: blocked, no unhandled rejection', async () => {
    const guard = await deskGuard();
    const check = vi.spyOn(guard, 'check');
    const result = await throughBoth(guard, internal, {
      sessionId: (() => Promise.reject(new Error('no session'))) as never,
    });
    expect(result.middlewareRan || result.toolRan).toBe(false);
    expect(recordOf(result.viaMiddleware)).toMatchObject({ code: 'GUARD_INTERNAL' });
    expect(check).not.toHaveBeenCalled();
    await settled();
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('a sessionId function that returns a non-string never lands in the default session', async () => {
    const guard = await deskGuard();
    const check = vi.spyOn(guard, 'check');
    const result = await throughBoth(guard, internal, { sessionId: (() => 42) as never });
    expect(result.middlewareRan || result.toolRan).toBe(false);
    expect(check).not.toHaveBeenCalled();
  });

  it('a context function that rejects: blocked, no unhandled rejection', async () => {
    const guard = await deskGuard();
    const result = await throughBoth(guard, internal, {
      context: async () => {
        throw new Error('token service down');
      },
    });
    expect(result.middlewareRan || result.toolRan).toBe(false);
    await settled();
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('a formatBlockedMessage that returns a rejecting promise: default text, no unhandled rejection', async () => {
    const guard = await deskGuard();
    const result = await throughBoth(guard, exfiltrationArgs, {
      formatBlockedMessage: (() => Promise.reject(new Error('template missing'))) as never,
    });
    expect(result.middlewareRan || result.toolRan).toBe(false);
    for (const message of [result.viaMiddleware, result.viaTool]) {
      expect(String((message as ToolMessage).content)).toContain('PreFlight blocked this call');
    }
    await settled();
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('shadow mode: a guard that cannot decide does not block', () => {
  it.each([
    ['throws', async () => Promise.reject(new Error('guard exploded'))],
    ['returns no decision', async () => ({ allowed: 'yes' })],
  ])('the guard %s: the call runs, recorded as would-not-allow', async (_label, check) => {
    const real = await deskGuard({ mode: 'shadow' });
    const settle = vi.fn(real.settle);
    const guard = { ...real, check, settle } as unknown as Guard;
    const desk = deskTools();
    let metadata: unknown;
    let tags: unknown;
    const handler = vi.fn(
      async (request: { tool: { invoke: typeof desk.exportRecords.invoke } }) => {
        const result = await request.tool.invoke(internal, {
          callbacks: [
            {
              handleToolStart: (
                _tool: unknown,
                _input: unknown,
                _run: unknown,
                _parent: unknown,
                runTags: unknown,
                runMetadata: unknown,
              ) => {
                tags = runTags;
                metadata = runMetadata;
              },
            },
          ],
        });
        return new ToolMessage({
          content: String(result),
          tool_call_id: 'mw',
          name: 'exportRecords',
        });
      },
    );
    const request = { ...requestFor('exportRecords', internal, 'mw'), tool: desk.exportRecords };
    // biome-ignore lint/suspicious/noExplicitAny: a hand-built handler.
    await preflightMiddleware(guard).wrapToolCall?.(request, handler as any);
    expect(handler).toHaveBeenCalledOnce();
    expect(tags).toContain('preflight:shadow-violation');
    expect(metadata).toMatchObject({
      preflight_receipt: { allowed: true, wouldAllow: false, mode: 'shadow', result: 'ERROR' },
    });
    const output = await guardTool(desk.exportRecords, guard).invoke(internal);
    expect(output).toBe('exported 1 records to ops@northwind.example');
    expect(desk.bodies.exportBody).toHaveBeenCalledTimes(2);
    // The guard never made these decisions: there is nothing of theirs to settle.
    expect(settle).not.toHaveBeenCalled();
  });

  it('the context option throws: the call runs in shadow mode, and is blocked in enforce mode', async () => {
    const failing = {
      context: () => {
        throw new Error('token service down');
      },
    };
    const shadow = await throughBoth(await deskGuard({ mode: 'shadow' }), internal, failing);
    expect(shadow.middlewareRan && shadow.toolRan).toBe(true);
    const enforce = await throughBoth(await deskGuard(), internal, failing);
    expect(enforce.middlewareRan || enforce.toolRan).toBe(false);
    expect(recordOf(enforce.viaTool)).toMatchObject({ allowed: false, code: 'GUARD_INTERNAL' });
  });
});
