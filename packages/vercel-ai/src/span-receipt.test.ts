import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { generateText, streamText, type Telemetry } from 'ai';
import { generateText as generateTextV6 } from 'ai-v6';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scriptedModelV3, scriptedModelV4 } from '../test-support/scripted-model';
import { supportGuard, supportTools, trustedTokens } from './__fixtures__/support-tools';
import { supportToolsV6 } from './__fixtures__/support-tools-v6';
import { guardTools } from './guard-tools';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('preflight-test');
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  contextManager.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

/**
 * What @ai-sdk/otel does for tools (it is not installed here): run `execute` inside an active
 * `execute_tool <name>` span. ai 7 emits no OTel spans by itself.
 */
const executeToolSpans: Telemetry = {
  executeTool: ({ toolCall, execute }) =>
    tracer.startActiveSpan(`execute_tool ${toolCall?.toolName}`, async (span) => {
      try {
        return await execute();
      } finally {
        span.end();
      }
    }),
};

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

function toolSpan(name: string) {
  const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no span ${name}`);
  return span;
}

describe('receipts on spans', () => {
  it('ai 7 (execute_tool span, as @ai-sdk/otel makes it): attributes and events for both results', async () => {
    const guard = await supportGuard();
    const { tools } = supportTools();
    await generateText({
      model: scriptedModelV4([{ toolCalls: [exportCall, updateCall] }]),
      prompt: 'x',
      tools: guardTools(tools, guard, {
        context: ({ toolName }) => (toolName === 'updateRecord' ? trustedTokens : {}),
      }),
      telemetry: { integrations: [executeToolSpans] },
    });
    const blocked = toolSpan('execute_tool exportRecords');
    expect(blocked.attributes).toMatchObject({
      'preflight.decision.result': 'UNSAT',
      'preflight.decision.allowed': false,
      'preflight.decision.code': 'POLICY_UNSAT',
      'preflight.decision.path': 'execute',
      'preflight.tool.call_id': 'c-export',
      'preflight.policy.hash': guard.policyHash,
      'preflight.engine': 'local',
    });
    expect(blocked.attributes['preflight.decision.violated_rules']).toEqual([1, 5]);
    expect(blocked.attributes['preflight.action.digest']).toMatch(/^sha256:/);
    expect(blocked.events.map((event) => event.name)).toEqual([
      'preflight.decision',
      'preflight.outcome',
    ]);
    expect(blocked.events[1]!.attributes).toMatchObject({ 'preflight.outcome.ran': false });

    const allowed = toolSpan('execute_tool updateRecord');
    expect(allowed.attributes).toMatchObject({
      'preflight.decision.result': 'SAT',
      'preflight.decision.allowed': true,
    });
    expect(allowed.events[1]!.attributes).toMatchObject({
      'preflight.outcome.ran': true,
      'preflight.outcome.ok': true,
    });
  });

  it('ai 7 streamText: the same attributes', async () => {
    const guard = await supportGuard();
    const { tools } = supportTools();
    const result = streamText({
      model: scriptedModelV4([{ toolCalls: [exportCall] }]),
      prompt: 'x',
      tools: guardTools(tools, guard),
      telemetry: { integrations: [executeToolSpans] },
    });
    await result.consumeStream();
    await result.steps;
    expect(toolSpan('execute_tool exportRecords').attributes).toMatchObject({
      'preflight.decision.result': 'UNSAT',
    });
  });

  it('ai 6 built-in telemetry (ai.toolCall span): attributes and events', async () => {
    const guard = await supportGuard();
    const { tools } = supportToolsV6();
    await generateTextV6({
      model: scriptedModelV3([{ toolCalls: [exportCall] }]),
      prompt: 'x',
      tools: guardTools(tools, guard),
      experimental_telemetry: { isEnabled: true, tracer },
    });
    const span = toolSpan('ai.toolCall');
    expect(span.attributes).toMatchObject({
      'preflight.decision.result': 'UNSAT',
      'preflight.tool.name': 'exportRecords',
    });
  });

  it('under a parent span that is not a tool span: an event only, attributes untouched', async () => {
    const guard = await supportGuard();
    const { tools } = supportTools();
    await tracer.startActiveSpan('http.request', async (span) => {
      await generateText({
        model: scriptedModelV4([{ toolCalls: [exportCall] }]),
        prompt: 'x',
        tools: guardTools(tools, guard),
      });
      span.end();
    });
    const parent = toolSpan('http.request');
    expect(Object.keys(parent.attributes).some((key) => key.startsWith('preflight.'))).toBe(false);
    expect(parent.events.map((event) => event.name)).toContain('preflight.decision');
  });

  it('writes nothing with telemetry: false', async () => {
    const guard = await supportGuard();
    const { tools } = supportTools();
    await generateText({
      model: scriptedModelV4([{ toolCalls: [exportCall] }]),
      prompt: 'x',
      tools: guardTools(tools, guard, { telemetry: false }),
      telemetry: { integrations: [executeToolSpans] },
    });
    const span = toolSpan('execute_tool exportRecords');
    expect(span.events).toEqual([]);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
