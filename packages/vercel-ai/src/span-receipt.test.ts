import { OpenTelemetry } from '@ai-sdk/otel';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { generateText, streamText } from 'ai';
import { generateText as generateTextV6 } from 'ai-v6';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scriptedModelV3, scriptedModelV4 } from '../test-support/scripted-model';
import { supportGuard, supportTools, trustedTokens } from './__fixtures__/support-tools';
import { supportToolsV6 } from './__fixtures__/support-tools-v6';
import { guardTools } from './guard-tools';
import { policyApproval } from './policy-approval';

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
 * The real @ai-sdk/otel integration, passed per call (ai 7 itself emits no OTel spans). The
 * documented global setup (`registerTelemetry`) is tested in span-receipt.otel-global.test.ts.
 */
const otel = new OpenTelemetry({ tracer });

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
  it('ai 7 with @ai-sdk/otel (execute_tool span): attributes and events, blocked and allowed', async () => {
    const guard = await supportGuard();
    const { tools } = supportTools();
    await generateText({
      model: scriptedModelV4([{ toolCalls: [exportCall, updateCall] }]),
      prompt: 'x',
      tools: guardTools(tools, guard, {
        context: ({ toolName }) => (toolName === 'updateRecord' ? trustedTokens : {}),
      }),
      telemetry: { integrations: [otel] },
    });
    const blocked = toolSpan('execute_tool exportRecords');
    // The span is the integration's own tool span, in its trace tree (step span as parent).
    expect(blocked.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.call.id': 'c-export',
    });
    expect(blocked.parentSpanContext?.spanId).toBe(toolSpan('step 1').spanContext().spanId);
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
    expect(blocked.events[0]!.attributes).toMatchObject({
      'preflight.decision.id': blocked.attributes['preflight.decision.id'],
      'preflight.decision.result': 'UNSAT',
      'preflight.decision.violated_rules': [1, 5],
    });
    expect(blocked.events[1]!.attributes).toMatchObject({
      'preflight.decision.id': blocked.attributes['preflight.decision.id'],
      'preflight.outcome.ran': false,
    });

    const allowed = toolSpan('execute_tool updateRecord');
    expect(allowed.attributes).toMatchObject({
      'gen_ai.tool.call.id': 'c-update',
      'preflight.tool.call_id': 'c-update',
      'preflight.decision.result': 'SAT',
      'preflight.decision.allowed': true,
      'preflight.decision.path': 'execute',
    });
    expect(allowed.attributes['preflight.decision.code']).toBeUndefined();
    expect(allowed.events[0]!.attributes).toMatchObject({ 'preflight.decision.result': 'SAT' });
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
      telemetry: { integrations: [otel] },
    });
    await result.consumeStream();
    await result.steps;
    expect(toolSpan('execute_tool exportRecords').attributes).toMatchObject({
      'preflight.decision.result': 'UNSAT',
    });
  });

  it('ai 7 with policyApproval: an allowed call names the approval path, a denied one gets no tool span', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportTools();
    const context = ({ toolName }: { toolName: string }) =>
      toolName === 'updateRecord' ? trustedTokens : {};
    await generateText({
      model: scriptedModelV4([{ toolCalls: [exportCall, updateCall] }]),
      prompt: 'x',
      tools: guardTools(tools, guard, { context }),
      toolApproval: policyApproval(guard, { context }),
      telemetry: { integrations: [otel] },
    });
    expect(toolSpan('execute_tool updateRecord').attributes).toMatchObject({
      'preflight.decision.result': 'SAT',
      'preflight.decision.path': 'approval',
    });
    // The SDK never executes a denied call, so no span carries its receipt (docs/vercel-ai.md).
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).not.toContain('execute_tool exportRecords');
    expect(
      spans.flatMap((span) => span.events).map((event) => event.attributes),
    ).not.toContainEqual(expect.objectContaining({ 'preflight.tool.call_id': 'c-export' }));
    expect(spies.exportRecords).not.toHaveBeenCalled();
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
      telemetry: { integrations: [otel] },
    });
    const span = toolSpan('execute_tool exportRecords');
    expect(span.events).toEqual([]);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
