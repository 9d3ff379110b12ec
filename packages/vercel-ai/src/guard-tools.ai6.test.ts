import { generateText, stepCountIs, streamText } from 'ai-v6';
import { describe, expect, it, vi } from 'vitest';
import { scriptedModelV3, toolResultsSeen } from '../test-support/scripted-model';
import { supportGuard, trustedTokens } from './__fixtures__/support-tools';
import { supportToolsV6 } from './__fixtures__/support-tools-v6';
import { guardTools } from './guard-tools';
import { isBlockedOutput } from './preflight-output';

const exportCall = {
  toolCallId: 'c-export',
  toolName: 'exportRecords',
  input: {
    to: 'vendor-analytics@partner-firm.com',
    recordIds: ['cust_1'],
    authorization_token: 'made-up',
  },
};
const updateCall = {
  toolCallId: 'c-update',
  toolName: 'updateRecord',
  input: { customerId: 'cust_4421', field: 'billing_address', value: '12 Harbour St' },
};

describe('guardTools with ai 6', () => {
  it('generateText: session from experimental_context, tokens only where the app grants them', async () => {
    const guard = await supportGuard();
    const check = vi.spyOn(guard, 'check');
    const { tools, spies } = supportToolsV6();
    const model = scriptedModelV3([{ toolCalls: [exportCall, updateCall] }, { text: 'Done.' }]);
    const result = await generateText({
      model,
      prompt: 'x',
      tools: guardTools(tools, guard, {
        context: ({ toolName }) => (toolName === 'updateRecord' ? trustedTokens : {}),
      }),
      experimental_context: { sessionId: 'ticket-9' },
      stopWhen: stepCountIs(3),
    });
    expect(spies.exportRecords).not.toHaveBeenCalled();
    expect(spies.updateRecord).toHaveBeenCalledOnce();
    expect(result.text).toBe('Done.');
    expect(check.mock.calls.map(([call]) => call.sessionId)).toEqual(['ticket-9', 'ticket-9']);
    const seen = toolResultsSeen([model.doGenerateCalls[1]!.prompt]);
    expect(seen.find((entry) => entry.toolCallId === 'c-update')?.output).toEqual({
      type: 'text',
      value: 'updated cust_4421',
    });
  });

  it('reads trusted tokens from experimental_context by default', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportToolsV6();
    await generateText({
      model: scriptedModelV3([{ toolCalls: [updateCall] }]),
      prompt: 'x',
      tools: guardTools(tools, guard),
      experimental_context: trustedTokens,
    });
    expect(spies.updateRecord).toHaveBeenCalledOnce();
  });

  it('generateText: the model sees execution-denied and the receipt stays in the result', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportToolsV6();
    const model = scriptedModelV3([{ toolCalls: [exportCall] }, { text: 'Refused.' }]);
    const result = await generateText({
      model,
      prompt: 'x',
      tools: guardTools(tools, guard),
      stopWhen: stepCountIs(3),
    });
    expect(spies.exportRecords).not.toHaveBeenCalled();
    expect(isBlockedOutput(result.steps[0]!.toolResults[0]!.output)).toBe(true);
    const seen = toolResultsSeen([model.doGenerateCalls[1]!.prompt]);
    expect(seen[0]!.output).toMatchObject({
      type: 'execution-denied',
      reason: expect.stringMatching(/rule 1/),
    });
  });

  it('streamText: blocked, denial in the next prompt, text streamed', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportToolsV6();
    const model = scriptedModelV3([{ toolCalls: [exportCall] }, { text: 'Refused.' }]);
    const result = streamText({
      model,
      prompt: 'x',
      tools: guardTools(tools, guard),
      stopWhen: stepCountIs(3),
    });
    expect(await result.text).toBe('Refused.');
    expect(spies.exportRecords).not.toHaveBeenCalled();
    expect(toolResultsSeen([model.doStreamCalls[1]!.prompt])[0]!.output).toMatchObject({
      type: 'execution-denied',
    });
  });
});
