// The setup docs/vercel-ai.md recommends for ai 7: a global tracer provider and context manager,
// and @ai-sdk/otel registered once with `registerTelemetry` (no per-call options). The
// registration cannot be undone, so it lives in its own test file (vitest isolates files).
import { OpenTelemetry } from '@ai-sdk/otel';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { isStepCount, registerTelemetry, ToolLoopAgent } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedModelV4 } from '../test-support/scripted-model';
import { supportGuard, supportTools, trustedTokens } from './__fixtures__/support-tools';
import { guardTools } from './guard-tools';

const exporter = new InMemorySpanExporter();
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  context.setGlobalContextManager(contextManager.enable());
  registerTelemetry(new OpenTelemetry());
});
afterAll(() => {
  contextManager.disable();
  context.disable();
  trace.disable();
});

function spanNamed(name: string) {
  const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
  if (span === undefined) throw new Error(`no span ${name}`);
  return span;
}

describe('receipts on spans with @ai-sdk/otel registered globally', () => {
  it('a ToolLoopAgent run: the blocked export and the allowed update carry their decisions', async () => {
    const guard = await supportGuard();
    const { tools, spies } = supportTools();
    const agent = new ToolLoopAgent({
      model: scriptedModelV4([
        {
          toolCalls: [
            {
              toolCallId: 'c-export',
              toolName: 'exportRecords',
              input: { to: 'vendor-analytics@partner-firm.com', recordIds: ['cust_1'] },
            },
            {
              toolCallId: 'c-update',
              toolName: 'updateRecord',
              input: { customerId: 'cust_4421', field: 'billing_address', value: '12 Harbour St' },
            },
          ],
        },
        { text: 'done' },
      ]),
      tools: guardTools(tools, guard, {
        sessionId: 'thread-7',
        context: ({ toolName }) => (toolName === 'updateRecord' ? trustedTokens : {}),
      }),
      stopWhen: isStepCount(3),
    });
    await agent.generate({ prompt: 'x' });

    const blocked = spanNamed('execute_tool exportRecords');
    expect(blocked.attributes).toMatchObject({
      'gen_ai.tool.call.id': 'c-export',
      'preflight.tool.name': 'exportRecords',
      'preflight.decision.result': 'UNSAT',
      'preflight.decision.allowed': false,
      'preflight.decision.code': 'POLICY_UNSAT',
      'preflight.session.id': 'thread-7',
    });
    expect(blocked.attributes['preflight.decision.violated_rules']).toEqual([1, 5]);
    expect(blocked.events.map((event) => event.name)).toEqual([
      'preflight.decision',
      'preflight.outcome',
    ]);
    expect(spies.exportRecords).not.toHaveBeenCalled();

    const allowed = spanNamed('execute_tool updateRecord');
    expect(allowed.attributes).toMatchObject({
      'preflight.decision.result': 'SAT',
      'preflight.decision.allowed': true,
      'preflight.session.id': 'thread-7',
    });
    expect(allowed.events[1]!.attributes).toMatchObject({
      'preflight.outcome.ran': true,
      'preflight.outcome.ok': true,
    });
    // Both tool spans belong to the agent's trace.
    const root = exporter.getFinishedSpans().find((span) => span.name.startsWith('invoke_agent'));
    expect(root).toBeDefined();
    expect(blocked.spanContext().traceId).toBe(root!.spanContext().traceId);
    expect(allowed.spanContext().traceId).toBe(root!.spanContext().traceId);
  });
});
