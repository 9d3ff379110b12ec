import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { LangChainTracer } from '@langchain/core/tracers/tracer_langchain';
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import {
  createEvidenceLogRecorder,
  createMemoryEvidenceStore,
  createMemoryKeyRing,
} from '@preflight/core';
import { createAgent } from 'langchain';
import { Client } from 'langsmith';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  approvedContext,
  deskGuard,
  deskTools,
  exfiltrationArgs,
} from './__fixtures__/support-desk';
import { guardTools } from './guard-tools';
import { preflightMiddleware } from './preflight-middleware';

/** A run as the fake client saw it (creates merged with updates). */
interface RecordedRun {
  id: string;
  name: string;
  run_type: string;
  parent_run_id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  tags?: string[];
  extra?: { metadata?: Record<string, unknown> };
}

/** A LangSmith client that records runs in memory instead of sending them anywhere. */
class RecordingClient extends Client {
  readonly recorded = new Map<string, RecordedRun>();

  constructor() {
    super({ apiKey: 'test', apiUrl: 'http://127.0.0.1:9', autoBatchTracing: false });
  }

  private merge(run: Partial<RecordedRun> & { id?: string }, id = run.id): void {
    if (id === undefined) return;
    this.recorded.set(id, { ...(this.recorded.get(id) as RecordedRun), ...run, id } as RecordedRun);
  }

  override async createRun(run: Partial<RecordedRun>): Promise<void> {
    this.merge(run);
  }

  override async updateRun(runId: string, run: Partial<RecordedRun>): Promise<void> {
    this.merge(run, runId);
  }

  override async batchIngestRuns({
    runCreates = [],
    runUpdates = [],
  }: {
    runCreates?: Partial<RecordedRun>[];
    runUpdates?: Partial<RecordedRun>[];
  }): Promise<void> {
    for (const run of [...runCreates, ...runUpdates]) this.merge(run);
  }

  named(name: string): RecordedRun[] {
    return [...this.recorded.values()].filter((run) => run.name === name);
  }
}

async function settled(tracer: LangChainTracer): Promise<void> {
  await (tracer.client as RecordingClient).awaitPendingTraceBatches();
}

/**
 * One agent run with the middleware (`options`) whose model asks once for the exfiltrating
 * export (blocked), traced by an explicit tracer; resolves to the client that recorded the runs.
 */
async function tracedExfiltration(
  options?: Parameters<typeof preflightMiddleware>[1],
): Promise<RecordingClient> {
  const guard = await deskGuard();
  const client = new RecordingClient();
  const tracer = new LangChainTracer({ client });
  const model = fakeModel()
    .respondWithTools([{ name: 'exportRecords', args: exfiltrationArgs, id: 'export' }])
    .respond(new AIMessage('done'));
  const agent = createAgent({
    model,
    tools: deskTools().tools,
    middleware: [preflightMiddleware(guard, options)],
  });
  await agent.invoke({ messages: [{ role: 'user', content: 'go' }] }, { callbacks: [tracer] });
  await settled(tracer);
  return client;
}

describe('receipts in the LangSmith trace', () => {
  // Anything LangSmith would send over the network instead of to the recording client.
  const network = vi.fn(async () => new Response('{}'));
  beforeEach(() => {
    process.env['LANGSMITH_TRACING'] = 'true';
    network.mockClear();
    vi.stubGlobal('fetch', network);
  });
  afterEach(() => {
    delete process.env['LANGSMITH_TRACING'];
    vi.unstubAllGlobals();
    expect(network).not.toHaveBeenCalled();
  });

  it('records each check as a preflight.check child of its tools run, and the receipt on allowed tool runs', async () => {
    const store = createMemoryEvidenceStore();
    const recorder = createEvidenceLogRecorder({ store, keyRing: createMemoryKeyRing() });
    const guard = await deskGuard({ recorder });
    const client = new RecordingClient();
    const tracer = new LangChainTracer({ client });
    const model = fakeModel()
      // Two turns: a parallel export would still be pending while the update is checked, and
      // the guard counts pending calls' records too.
      .respondWithTools([{ name: 'exportRecords', args: exfiltrationArgs, id: 'export' }])
      .respondWithTools([
        { name: 'updateRecord', args: { customerId: 'c1', field: 'f', value: 'v' }, id: 'update' },
      ])
      .respond(new AIMessage('done'));
    const agent = createAgent({
      model,
      tools: deskTools().tools,
      middleware: [preflightMiddleware(guard)],
    });
    await agent.invoke(
      { messages: [{ role: 'user', content: 'go' }] },
      { callbacks: [tracer], configurable: { thread_id: 'traced' }, context: approvedContext },
    );
    await settled(tracer);

    const checks = client.named('preflight.check');
    expect(checks).toHaveLength(2);
    const byCall = new Map(checks.map((run) => [run.inputs?.['toolCallId'], run]));
    const exportCheck = byCall.get('export');
    const updateCheck = byCall.get('update');
    for (const check of [exportCheck, updateCheck]) {
      expect(check).toMatchObject({
        run_type: 'tool',
        tags: expect.arrayContaining(['preflight']),
      });
      expect(client.recorded.get(check?.parent_run_id ?? '')?.name).toBe('tools');
      // The trusted context's values (tokens) never reach the trace: only its keys.
      expect(check?.inputs).toMatchObject({
        sessionId: 'traced',
        contextKeys: ['authorization_token', 'approver_id'],
      });
      expect(JSON.stringify(check?.inputs)).not.toContain(approvedContext.authorization_token);
    }
    // Approved or not, 240 records exceed the session limit (rule 3): blocked.
    expect(exportCheck?.outputs).toMatchObject({
      result: 'UNSAT',
      allowed: false,
      tool: 'exportRecords',
    });
    expect(updateCheck?.outputs).toMatchObject({ result: 'SAT', allowed: true });
    expect(updateCheck?.outputs?.['signed']).toMatchObject({ seq: expect.any(Number) });

    const updateRun = client.named('updateRecord')[0];
    expect(updateRun?.tags).toContain('preflight:allowed');
    expect(updateRun?.extra?.metadata?.['preflight_receipt']).toMatchObject({
      receiptId: updateCheck?.outputs?.['receiptId'],
      result: 'SAT',
      allowed: true,
      policyHash: guard.policyHash,
    });
    await recorder.close();
  });

  it('traces blocked calls too (and no tool run happens for them)', async () => {
    const client = await tracedExfiltration();
    const [check] = client.named('preflight.check');
    expect(check?.outputs).toMatchObject({
      result: 'UNSAT',
      allowed: false,
      code: 'POLICY_UNSAT',
      violations: [
        expect.objectContaining({ id: 1 }),
        expect.objectContaining({ id: 3 }),
        expect.objectContaining({ id: 5 }),
      ],
    });
    expect(client.named('exportRecords')).toHaveLength(0);
  });

  it('traces guardTools calls under the ToolNode run of a LangGraph graph', async () => {
    const guard = await deskGuard();
    const client = new RecordingClient();
    const tracer = new LangChainTracer({ client });
    const model = fakeModel()
      .respondWithTools([
        { name: 'updateRecord', args: { customerId: 'c1', field: 'f', value: 'v' }, id: 'u1' },
      ])
      .respond(new AIMessage('done'));
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode('tools', new ToolNode(guardTools(deskTools().tools, guard)))
      .addEdge(START, 'agent')
      .addConditionalEdges('agent', toolsCondition, ['tools', END])
      .addEdge('tools', 'agent')
      .compile();
    await graph.invoke(
      { messages: [{ role: 'user', content: 'update' }] },
      { callbacks: [tracer], context: approvedContext },
    );
    await settled(tracer);
    const [check] = client.named('preflight.check');
    expect(check?.outputs).toMatchObject({ result: 'SAT', toolCallId: 'u1' });
    expect(client.recorded.get(check?.parent_run_id ?? '')?.name).toBe('tools');
    const [toolRun] = client.named('updateRecord');
    expect(toolRun?.extra?.metadata?.['preflight_receipt']).toMatchObject({
      receiptId: check?.outputs?.['receiptId'],
      result: 'SAT',
    });
  });

  it("parents the check of a plain tool.invoke on the caller's tracer", async () => {
    const guard = await deskGuard();
    const client = new RecordingClient();
    const tracer = new LangChainTracer({ client });
    const [, updateGuarded] = guardTools(deskTools().tools, guard, { context: approvedContext });
    await updateGuarded?.invoke(
      { customerId: 'c1', field: 'f', value: 'v' },
      { callbacks: [tracer] },
    );
    await settled(tracer);
    expect(client.named('preflight.check')[0]?.outputs).toMatchObject({ result: 'SAT' });
    expect(client.named('updateRecord')).toHaveLength(1);
  });

  it('traces with an explicit tracer even when LANGSMITH_TRACING is not set', async () => {
    delete process.env['LANGSMITH_TRACING'];
    const client = await tracedExfiltration();
    expect(client.named('preflight.check')[0]?.outputs).toMatchObject({ result: 'UNSAT' });
  });

  it('does no tracing work when trace is false', async () => {
    const client = await tracedExfiltration({ trace: false });
    expect(client.named('preflight.check')).toHaveLength(0);
    expect(client.named('tools').length).toBeGreaterThan(0);
  });
});
