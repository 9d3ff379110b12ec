import { ToolMessage } from '@langchain/core/messages';
import { describe, expect, it, vi } from 'vitest';
import { approvedContext, deskGuard, deskTools } from './__fixtures__/support-desk';
import type { PreflightRecord } from './decision-record';
import { guardTools } from './guard-tools';
import { preflightMiddleware } from './preflight-middleware';

// When both entry points share a guard, each call is checked once: the middleware runs the
// unwrapped tool. Nothing is remembered by toolCallId, so a decision can never be reused for
// another call: a reused id with other args, or from another session, is checked again.
const internal = { to: 'ops@northwind.example', customerIds: ['c1'] };
const attacker = { to: 'vendor-analytics@partner-firm.com', customerIds: ['c1'] };
const update = { customerId: 'cust_4421', field: 'billing', value: 'x' };

const toolCall = (name: string, args: Record<string, unknown>, id: string) => ({
  type: 'tool_call' as const,
  name,
  args,
  id,
});
const isBlocked = (result: unknown) => ToolMessage.isInstance(result) && result.status === 'error';
const recordOf = (result: unknown) =>
  (result as { artifact?: { preflight?: PreflightRecord } }).artifact?.preflight;

describe('attack: reusing a decision for another call', () => {
  it('a reused toolCallId with other args is checked again', async () => {
    const guard = await deskGuard();
    const check = vi.spyOn(guard, 'check');
    const desk = deskTools();
    const [exportRecords] = guardTools([desk.exportRecords], guard);
    expect(
      isBlocked(await exportRecords!.invoke(toolCall('exportRecords', internal, 'same'))),
    ).toBe(false);
    const second = await exportRecords!.invoke(toolCall('exportRecords', attacker, 'same'));
    expect(isBlocked(second)).toBe(true);
    expect(check).toHaveBeenCalledTimes(2);
    expect(desk.bodies.exportBody).toHaveBeenCalledOnce();
  });

  it('a reused toolCallId from another session (no tokens there) is checked again', async () => {
    const guard = await deskGuard();
    const desk = deskTools();
    const [alice] = guardTools([desk.updateRecord], guard, { context: approvedContext });
    const [bob] = guardTools([desk.updateRecord], guard, { context: {} });
    const call = toolCall('updateRecord', update, 'call_0');
    const allowed = await alice!.invoke(call, { configurable: { thread_id: 'alice' } });
    expect(isBlocked(allowed)).toBe(false);
    const blocked = await bob!.invoke(call, { configurable: { thread_id: 'bob' } });
    expect(isBlocked(blocked)).toBe(true);
    expect(recordOf(blocked)).toMatchObject({ session: 'bob', result: 'UNSAT' });
    expect(desk.bodies.updateBody).toHaveBeenCalledOnce();
  });

  it('a call the middleware allowed does not let a later direct invoke with its id skip the check', async () => {
    const guard = await deskGuard();
    const check = vi.spyOn(guard, 'check');
    const desk = deskTools();
    const [guarded] = guardTools([desk.exportRecords], guard);
    const handler = vi.fn(async () => new ToolMessage({ content: 'ran', tool_call_id: 'x1' }));
    const request = {
      toolCall: { name: 'exportRecords', args: internal, id: 'x1' },
      tool: guarded,
      state: { messages: [] },
      runtime: { configurable: { thread_id: 'alice' } },
    };
    // biome-ignore lint/suspicious/noExplicitAny: a hand-built tool call request.
    await preflightMiddleware(guard).wrapToolCall?.(request as any, handler);
    expect(handler).toHaveBeenCalledOnce();
    const direct = await guarded!.invoke(toolCall('exportRecords', attacker, 'x1'), {
      configurable: { thread_id: 'alice' },
    });
    expect(isBlocked(direct)).toBe(true);
    expect(check).toHaveBeenCalledTimes(2);
    expect(desk.bodies.exportBody).not.toHaveBeenCalled();
  });

  it('the middleware unwraps only its own guard’s tools: another guard still checks', async () => {
    const outer = await deskGuard();
    const inner = await deskGuard();
    const innerCheck = vi.spyOn(inner, 'check');
    const desk = deskTools();
    const [guarded] = guardTools([desk.exportRecords], inner);
    const request = {
      toolCall: { name: 'exportRecords', args: internal, id: 'x2' },
      tool: guarded,
      state: { messages: [] },
      runtime: {},
    };
    // biome-ignore lint/suspicious/noExplicitAny: the ToolNode's request handling.
    const handler = async (req: any) => req.tool.invoke({ ...req.toolCall, type: 'tool_call' });
    // biome-ignore lint/suspicious/noExplicitAny: a hand-built tool call request.
    await preflightMiddleware(outer).wrapToolCall?.(request as any, handler);
    expect(innerCheck).toHaveBeenCalledOnce();
    expect(desk.bodies.exportBody).toHaveBeenCalledOnce();
  });
});
