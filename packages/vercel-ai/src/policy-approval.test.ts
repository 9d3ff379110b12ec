import { generateText, isStepCount, streamText } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { scriptedModelV4, toolResultsSeen } from '../test-support/scripted-model';
import { supportGuard, supportTools, trustedTokens } from './__fixtures__/support-tools';
import { guardTools } from './guard-tools';
import { policyApproval } from './policy-approval';

const exportCall = {
  toolCallId: 'c-export',
  toolName: 'exportRecords',
  input: { to: 'vendor-analytics@partner-firm.com', recordIds: ['cust_1', 'cust_2'] },
};
const updateCall = {
  toolCallId: 'c-update',
  toolName: 'updateRecord',
  input: { customerId: 'cust_4421', field: 'billing_address', value: '12 Harbour St' },
};

describe('policyApproval (ai 7 toolApproval)', () => {
  it('denies natively: approval parts in the step, execution-denied for the model, tool not run', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportTools();
    const model = scriptedModelV4([{ toolCalls: [exportCall, updateCall] }, { text: 'ok' }]);
    const result = await generateText({
      model,
      prompt: 'x',
      tools: guardTools(tools, guard, {
        context: ({ toolName }) => (toolName === 'updateRecord' ? trustedTokens : {}),
      }),
      toolApproval: policyApproval(guard, {
        context: ({ toolName }) => (toolName === 'updateRecord' ? trustedTokens : {}),
      }),
      stopWhen: isStepCount(3),
    });
    expect(spies.exportRecords).not.toHaveBeenCalled();
    expect(spies.updateRecord).toHaveBeenCalledOnce();
    const types = result.steps[0]!.content.map((part) => part.type);
    expect(types).toContain('tool-approval-request');
    expect(types).toContain('tool-approval-response');
    const responses = result.steps[0]!.content.filter(
      (part) => part.type === 'tool-approval-response',
    );
    expect(responses.map((part) => (part as { approved: boolean }).approved).sort()).toEqual([
      false,
      true,
    ]);
    const denied = toolResultsSeen([model.doGenerateCalls[1]!.prompt]).find(
      (entry) => entry.toolCallId === 'c-export',
    );
    expect(denied?.output).toMatchObject({ type: 'execution-denied' });
    expect((denied!.output as { reason: string }).reason).toMatch(/rule 1 .*PreFlight receipt/s);
  });

  it('shares one decision per toolCallId with the guarded execute (checked once)', async () => {
    const guard = await supportGuard();
    const check = vi.spyOn(guard, 'check');
    const settle = vi.spyOn(guard, 'settle');
    const onDecision = vi.fn();
    const { tools, spies } = supportTools();
    await generateText({
      model: scriptedModelV4([{ toolCalls: [updateCall] }]),
      prompt: 'x',
      tools: guardTools(tools, guard, { onDecision }),
      toolApproval: policyApproval(guard, { context: trustedTokens, onDecision }),
    });
    expect(check).toHaveBeenCalledOnce();
    expect(onDecision).toHaveBeenCalledOnce();
    expect(onDecision.mock.calls[0]![0]).toMatchObject({ path: 'approval' });
    expect(spies.updateRecord).toHaveBeenCalledOnce();
    expect(settle).toHaveBeenCalledOnce();
    expect(settle.mock.calls[0]![1]).toMatchObject({ ran: true, ok: true });
  });

  it('streams native denial parts (tool-output-denied)', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportTools();
    const result = streamText({
      model: scriptedModelV4([{ toolCalls: [exportCall] }, { text: 'refused' }]),
      prompt: 'x',
      tools: guardTools(tools, guard),
      toolApproval: policyApproval(guard),
      stopWhen: isStepCount(3),
    });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);
    expect(types).toContain('tool-output-denied');
    expect(spies.exportRecords).not.toHaveBeenCalled();
  });

  it('never throws: a failing guard, context or own approval function is a denial', async () => {
    const guard = await supportGuard();
    vi.spyOn(guard, 'check').mockRejectedValue(new Error('boom'));
    const approve = policyApproval(guard, { onWarning: () => {} });
    const request = {
      toolCall: updateCall,
      tools: {},
      toolsContext: {},
      runtimeContext: {},
      messages: [],
    };
    await expect(approve(request)).resolves.toMatchObject({ type: 'denied' });
    const guard2 = await supportGuard();
    await expect(
      policyApproval(guard2, {
        context: () => {
          throw new Error('no session');
        },
        onWarning: () => {},
      })(request),
    ).resolves.toMatchObject({ type: 'denied', reason: expect.stringMatching(/no session/) });
    await expect(
      policyApproval(guard2, {
        compose: () => {
          throw new Error('mine failed');
        },
      })({ ...request, toolCall: { ...updateCall, toolCallId: 'other' } }),
    ).resolves.toMatchObject({ type: 'denied' });
    // biome-ignore lint/suspicious/noExplicitAny: a malformed request from a future SDK.
    await expect(approve(undefined as any)).resolves.toMatchObject({ type: 'denied' });
  });

  it('composes with your own approval function: the stricter answer wins', async () => {
    const guard = await supportGuard();
    const base = { tools: {}, toolsContext: {}, runtimeContext: {}, messages: [] };
    const allowedByPolicy = policyApproval(guard, {
      context: trustedTokens,
      compose: () => 'user-approval',
      onWarning: () => {},
    });
    await expect(allowedByPolicy({ ...base, toolCall: updateCall })).resolves.toMatchObject({
      type: 'user-approval',
    });
    const deniedByPolicy = policyApproval(guard, { compose: () => 'approved' });
    await expect(deniedByPolicy({ ...base, toolCall: exportCall })).resolves.toMatchObject({
      type: 'denied',
    });
  });

  it('warns and settles as run when it approves a tool guardTools did not wrap', async () => {
    const guard = await supportGuard();
    const settle = vi.spyOn(guard, 'settle');
    const onWarning = vi.fn();
    const { tools } = supportTools();
    await generateText({
      model: scriptedModelV4([{ toolCalls: [updateCall] }]),
      prompt: 'x',
      tools,
      toolApproval: policyApproval(guard, { context: trustedTokens, onWarning }),
    });
    expect(onWarning).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'APPROVAL_WITHOUT_GUARDED_TOOL', toolName: 'updateRecord' }),
    );
    expect(settle.mock.calls[0]![1]).toEqual({ ran: true, ok: true });
  });

  it('answers not-applicable for allowed calls when asked to', async () => {
    const guard = await supportGuard();
    const approve = policyApproval(guard, {
      context: trustedTokens,
      onAllow: 'not-applicable',
      onWarning: () => {},
    });
    await expect(
      approve({
        toolCall: updateCall,
        tools: {},
        toolsContext: {},
        runtimeContext: {},
        messages: [],
      }),
    ).resolves.toEqual({ type: 'not-applicable' });
  });
});
