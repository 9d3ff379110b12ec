import type { Decision } from '@preflight/core';
import { describe, expect, it } from 'vitest';
import { supportGuard, supportTools } from './__fixtures__/support-tools';
import { guardTools } from './guard-tools';
import { policyApproval } from './policy-approval';
import { isBlockedOutput } from './preflight-output';

// Attack: a trusted-context function whose promise never settles (a hung token service, or a
// deliberate stall) must not hang the tool call: it is bounded by the guard's own timeoutMs.
const never = () => new Promise<never>(() => {});
const input = { to: 'ops@acme.test', recordIds: ['cust_1'] };
const execution = (toolCallId: string) => ({ toolCallId, messages: [], context: {} });
const quiet = () => {};

describe('attack: a context function that never answers', () => {
  it('execute blocks with GUARD_TIMEOUT and the tool does not run', async () => {
    const guard = await supportGuard({ timeoutMs: 50 });
    const { tools, spies } = supportTools();
    const decisions: Decision[] = [];
    const guarded = guardTools(tools, guard, {
      context: never,
      onWarning: quiet,
      onDecision: ({ decision }) => {
        decisions.push(decision);
      },
    });
    const output = await guarded.exportRecords.execute!(input, execution('hang') as never);
    expect(isBlockedOutput(output)).toBe(true);
    expect(spies.exportRecords).not.toHaveBeenCalled();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ allowed: false, result: 'ERROR', code: 'GUARD_TIMEOUT' });
    expect(decisions[0]!.reason).toContain('the context function did not answer within 50 ms');
  });

  it('the approval step denies instead of hanging', async () => {
    const guard = await supportGuard({ timeoutMs: 50 });
    const { tools } = supportTools();
    const approve = policyApproval(guard, { context: never, onWarning: quiet });
    const status = await approve({
      toolCall: { toolCallId: 'hang-approval', toolName: 'exportRecords', input },
      tools: guardTools(tools, guard, { context: never, onWarning: quiet }),
    });
    expect(status.type).not.toBe('approved');
  });

  it('a context function that throws is still GUARD_INTERNAL', async () => {
    const guard = await supportGuard({ timeoutMs: 50 });
    const { tools, spies } = supportTools();
    const decisions: Decision[] = [];
    const guarded = guardTools(tools, guard, {
      context: () => {
        throw new Error('token service down');
      },
      onWarning: quiet,
      onDecision: ({ decision }) => {
        decisions.push(decision);
      },
    });
    await guarded.exportRecords.execute!(input, execution('throws') as never);
    expect(spies.exportRecords).not.toHaveBeenCalled();
    expect(decisions[0]).toMatchObject({ allowed: false, code: 'GUARD_INTERNAL' });
  });
});
