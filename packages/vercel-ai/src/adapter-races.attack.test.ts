import { describe, expect, it, vi } from 'vitest';
import { supportGuard, supportTools, trustedTokens } from './__fixtures__/support-tools';
import { guardTools } from './guard-tools';
import { policyApproval } from './policy-approval';
import { isBlockedOutput } from './preflight-output';

// Attacks on the adapter between the decision and the tool: inputs that change after they were
// checked, decisions reused for another call, hooks that reject.
const internal = 'ops@acme.test';
const attacker = 'vendor-analytics@partner-firm.com';
const execution = (toolCallId: string, context: unknown = {}) => ({
  toolCallId,
  messages: [],
  context,
});

describe('attack: time of check vs time of use', () => {
  it('an input whose getter changes after the check: the tool runs with what was checked', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportTools();
    let reads = 0;
    const input = Object.defineProperty({ recordIds: ['cust_1'] }, 'to', {
      enumerable: true,
      get: () => (++reads === 1 ? internal : attacker),
    });
    const guarded = guardTools(tools, guard);
    await guarded.exportRecords.execute!(input as never, execution('toctou') as never);
    expect(spies.exportRecords).toHaveBeenCalledOnce();
    expect(spies.exportRecords.mock.calls[0]![0]).toMatchObject({ to: internal });
  });

  it('an input mutated after the decision, before the tool runs: the tool runs with what was checked', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportTools();
    const input = { to: internal, recordIds: ['cust_1'] };
    const guarded = guardTools(tools, guard, {
      // Anything else holding the object (here an app hook) changes it after the check.
      onDecision: () => {
        input.to = attacker;
      },
    });
    await guarded.exportRecords.execute!(input as never, execution('mutate') as never);
    expect(spies.exportRecords).toHaveBeenCalledOnce();
    expect(spies.exportRecords.mock.calls[0]![0]).toMatchObject({ to: internal });
  });
});

describe('attack: reusing a cached decision for another call', () => {
  it('an allowed approval in one session is not reused by an execute in another session', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportTools();
    const input = { customerId: 'cust_1', field: 'plan', value: 'enterprise' };
    const alice = guardTools(tools, guard, { context: trustedTokens, sessionId: 'alice' });
    const approve = policyApproval(guard, { context: trustedTokens, sessionId: 'alice' });
    const status = await approve({
      toolCall: { toolCallId: 'call_0', toolName: 'updateRecord', input },
      tools: alice,
    });
    expect(status.type).toBe('approved');
    // Another agent (another session, no tokens) on the same guard, with a colliding id.
    const bob = guardTools(tools, guard, { context: {}, sessionId: 'bob' });
    const output = await bob.updateRecord.execute!(input as never, execution('call_0') as never);
    expect(isBlockedOutput(output)).toBe(true);
    expect(spies.updateRecord).not.toHaveBeenCalled();
  });

  it('an input with toJSON that imitates an approved input does not get its decision', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportTools();
    const approved = { to: internal, recordIds: ['cust_1'] };
    const guarded = guardTools(tools, guard);
    const approve = policyApproval(guard);
    const status = await approve({
      toolCall: { toolCallId: 'tj', toolName: 'exportRecords', input: approved },
      tools: guarded,
    });
    expect(status.type).toBe('approved');
    const sneaky = { to: attacker, recordIds: ['cust_1'], toJSON: () => approved };
    const output = await guarded.exportRecords.execute!(sneaky as never, execution('tj') as never);
    expect(spies.exportRecords).not.toHaveBeenCalledWith(
      expect.objectContaining({ to: attacker }),
      expect.anything(),
    );
    expect(isBlockedOutput(output)).toBe(true);
  });

  it('a different input under the same toolCallId is checked again', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportTools();
    const guarded = guardTools(tools, guard);
    const approve = policyApproval(guard);
    await approve({
      toolCall: {
        toolCallId: 'same',
        toolName: 'exportRecords',
        input: { to: internal, recordIds: ['a'] },
      },
      tools: guarded,
    });
    const output = await guarded.exportRecords.execute!(
      { to: attacker, recordIds: ['a'] } as never,
      execution('same') as never,
    );
    expect(isBlockedOutput(output)).toBe(true);
    expect(spies.exportRecords).not.toHaveBeenCalled();
  });
});

describe('attack: hooks that reject', () => {
  it('an async onDecision that rejects causes no unhandled rejection', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const guard = await supportGuard();
      const { tools } = supportTools();
      const onDecision = async () => {
        throw new Error('metrics backend down');
      };
      const guarded = guardTools(tools, guard, { onDecision });
      await guarded.readCustomer.execute!({ id: 'cust_1' } as never, execution('h1') as never);
      const approve = policyApproval(guard, { onDecision });
      await approve({
        toolCall: { toolCallId: 'h2', toolName: 'readCustomer', input: { id: 'x' } },
        tools: guarded,
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
