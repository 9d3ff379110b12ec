import { ToolMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { deskGuard, deskTools } from './__fixtures__/support-desk';
import type { PreflightRecord } from './decision-record';
import { guardTools } from './guard-tools';

// Attack: a trusted-context function whose promise never settles (a hung token service, or a
// deliberate stall) must not hang the tool call: it is bounded by the guard's own timeoutMs.
const never = () => new Promise<never>(() => {});
const call = {
  type: 'tool_call' as const,
  name: 'exportRecords',
  args: { to: 'ops@northwind.example', customerIds: ['c1'] },
  id: 'hang',
};
const recordOf = (result: unknown) =>
  (result as { artifact?: { preflight?: PreflightRecord } }).artifact?.preflight;

describe('attack: a context function that never answers', () => {
  it('the call is blocked with GUARD_TIMEOUT and the tool does not run', async () => {
    const guard = await deskGuard({ timeoutMs: 50 });
    const desk = deskTools();
    const [exportRecords] = guardTools([desk.exportRecords], guard, { context: never });
    const result = await exportRecords!.invoke(call);
    expect(ToolMessage.isInstance(result) && result.status === 'error').toBe(true);
    expect(recordOf(result)).toMatchObject({
      allowed: false,
      result: 'ERROR',
      code: 'GUARD_TIMEOUT',
    });
    expect(desk.bodies.exportBody).not.toHaveBeenCalled();
  });

  it('the agent can go on: the next call on the same guard is checked normally', async () => {
    const guard = await deskGuard({ timeoutMs: 50 });
    const desk = deskTools();
    const [hung] = guardTools([desk.exportRecords], guard, { context: never });
    const [fine] = guardTools([desk.exportRecords], guard, { context: {} });
    await hung!.invoke(call);
    const result = await fine!.invoke({ ...call, id: 'next' });
    expect(ToolMessage.isInstance(result) && result.status === 'error').toBe(false);
    expect(desk.bodies.exportBody).toHaveBeenCalledOnce();
  });
});
