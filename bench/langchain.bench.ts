/**
 * The LangChain.js adapter's overhead per tool call: one `createAgent` run in which a fake model
 * calls one tool (model, tool, model), unguarded (baseline) and with `preflightMiddleware` (an
 * allowed and a blocked call), on the ISO/IEC 42001 policy with the embedded engine and no
 * recorder (LangSmith tracing off, so the `preflight.check` run is a plain call). Three more
 * rows: `tool.invoke` of one tool call unguarded (baseline) and wrapped by `guardTools` (the
 * ToolNode path, without the agent loop), and `guard.check` + `settle` alone, so the adapter's
 * own share can be read off.
 *
 * The variants are timed interleaved (one call of each per sample, in rotating order), so load
 * on a shared machine hits them alike and the ratios stay comparable.
 */
import { ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { guardTools, preflightMiddleware } from '@preflight/langchain';
import { createAgent, FakeToolCallingModel } from 'langchain';
import { z } from 'zod';
import { type BenchContext, type BenchRow, type BenchVariant, measureInterleaved } from './harness';
import { createUpdateRecordGuard, directCheck, tokens, updateArgs } from './update-record-guard';

const agentBaseline = 'langchain/createAgent + 1 tool call, unguarded';
const toolBaseline = 'langchain/tool.invoke(toolCall), unguarded';

function updateRecord() {
  return tool(async ({ customerId }) => `updated ${customerId}`, {
    name: 'updateRecord',
    description: 'Change one field of a customer record.',
    schema: z.object({ customerId: z.string(), field: z.string(), value: z.string() }),
  });
}

/** A model that calls updateRecord once per run, then answers (it restarts on a new run). */
function oneToolCallModel() {
  return new FakeToolCallingModel({
    toolCalls: [[{ name: 'updateRecord', args: updateArgs, id: 'call_1' }], []],
  });
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const guard = await createUpdateRecordGuard();
  let session = 0;
  // A fresh thread (session) per run, so the session record limit (rule 3) never kicks in.
  const agentRun = (middleware: ReturnType<typeof preflightMiddleware>[], context = {}) => {
    const agent = createAgent({ model: oneToolCallModel(), tools: [updateRecord()], middleware });
    return () =>
      agent.invoke(
        { messages: [{ role: 'user', content: 'Update the billing address' }] },
        { configurable: { thread_id: `bench-${session++}` }, context },
      );
  };
  const toolRun =
    // Method syntax: any tool's invoke, whatever its input type.
    (target: { invoke(input: unknown, config?: unknown): Promise<unknown> }) => () =>
      target.invoke(
        { type: 'tool_call', id: `call-${session}`, name: 'updateRecord', args: updateArgs },
        { configurable: { thread_id: `bench-${session++}` }, context: tokens },
      );
  const [guardedTool] = guardTools([updateRecord()], guard);

  const variants: BenchVariant[] = [
    { name: agentBaseline, baseline: null, call: agentRun([]) },
    {
      name: 'langchain/createAgent + 1 tool call, preflightMiddleware (SAT, runs)',
      baseline: agentBaseline,
      call: agentRun([preflightMiddleware(guard)], tokens),
    },
    {
      name: 'langchain/createAgent + 1 tool call, preflightMiddleware (UNSAT, blocked)',
      baseline: agentBaseline,
      call: agentRun([preflightMiddleware(guard)]),
    },
    { name: toolBaseline, baseline: null, call: toolRun(updateRecord()) },
    {
      name: 'langchain/tool.invoke(toolCall), guardTools (SAT, runs)',
      baseline: toolBaseline,
      call: toolRun(guardedTool!),
    },
    {
      name: 'langchain/guard.check + settle alone (SAT), no LangChain',
      baseline: toolBaseline,
      call: directCheck(guard, () => `direct-${session++}`),
    },
  ];

  // Check once that each variant does what it is named after.
  const toolStatus = async (call: () => Promise<unknown>) => {
    const result = (await call()) as { messages: unknown[] };
    const message = result.messages.find((m) => ToolMessage.isInstance(m)) as ToolMessage;
    return `${message.status ?? 'success'}:${String(message.content)}`;
  };
  if ((await toolStatus(variants[1]!.call)) !== 'success:updated cust_4421') {
    throw new Error('the allowed guarded call did not run the tool');
  }
  if (!(await toolStatus(variants[2]!.call)).startsWith('error:PreFlight blocked')) {
    throw new Error('the blocked guarded call was not blocked');
  }
  const direct = (await variants[4]!.call()) as ToolMessage;
  if (direct.content !== 'updated cust_4421') throw new Error('guardTools did not run the tool');

  const samples = Math.max(30, Math.round(200 * ctx.scale));
  ctx.log(`langchain: warm-up, then ${samples} interleaved samples per variant`);
  return measureInterleaved(variants, { samples, warmupRounds: 30 });
}
