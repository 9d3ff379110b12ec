import { createAgent, createMiddleware } from 'langchain';
import { fakeModel } from '@langchain/core/testing';
import { AIMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { LangChainTracer } from '@langchain/core/tracers/tracer_langchain';
import { Client } from 'langsmith';
import { traceable } from 'langsmith/traceable';
import { z } from 'zod';

process.env.LANGSMITH_TRACING = 'true';
const runs = new Map<string, any>();
class FakeClient extends Client {
  override async createRun(run: any) { runs.set(run.id, { ...run }); }
  override async updateRun(id: string, run: any) { runs.set(id, { ...runs.get(id), ...run }); }
  override async batchIngestRuns({ runCreates = [], runUpdates = [] }: any) {
    for (const r of runCreates) runs.set(r.id, { ...r });
    for (const r of runUpdates) runs.set(r.id, { ...runs.get(r.id), ...r });
  }
}
const client = new FakeClient({ apiKey: 'x', autoBatchTracing: false, apiUrl: 'http://127.0.0.1:9' });
const tracer = new LangChainTracer({ client });
let ran = 0;
const exportRecords = tool(async ({ to }) => { ran++; return `sent to ${to}`; }, { name: 'exportRecords', description: 'export', schema: z.object({ to: z.string() }) });
const mw = createMiddleware({
  name: 'PreFlight',
  wrapToolCall: async (request, handler) => {
    const check = traceable(async (call: any) => ({ allowed: call.args.to === 'ok' }), { name: 'preflight.check', run_type: 'tool' });
    const d = await check(request.toolCall);
    console.log('runtime keys', Object.keys(request.runtime), request.runtime.configurable?.thread_id, request.runtime.context);
    if (!d.allowed) return new ToolMessage({ status: 'error', content: 'blocked', tool_call_id: request.toolCall.id!, name: request.toolCall.name, artifact: { preflight: d } });
    return handler({ ...request, tool: (request.tool as any)?.withConfig({ metadata: { preflight_receipt: 'r1' }, tags: ['preflight:allowed'] }) ?? request.tool });
  },
});
const model = fakeModel().respondWithTools([{ name: 'exportRecords', args: { to: 'bad' } }, { name: 'exportRecords', args: { to: 'ok' } }]).respond(new AIMessage('done'));
const agent = createAgent({ model, tools: [exportRecords], middleware: [mw] });
const result = await agent.invoke({ messages: [{ role: 'user', content: 'hi' }] }, { callbacks: [tracer], configurable: { thread_id: 't1' }, context: { authorization_token: 'x' } } as any);
await tracer.awaitPendingCalls?.();
await new Promise((r) => setTimeout(r, 300));
console.log('ran', ran, result.messages.map((m: any) => [m.type, m.content, m.status, m.artifact]));
for (const r of runs.values()) console.log(r.name, r.run_type, r.parent_run_id?.slice(0,8), r.id.slice(0,8), JSON.stringify(r.extra?.metadata ?? {}).slice(0, 200), r.tags, JSON.stringify(r.outputs ?? {}).slice(0,100));
