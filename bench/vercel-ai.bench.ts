/**
 * The Vercel AI SDK adapter's overhead: one `generateText` step in which a mock model calls one
 * tool, with the tool set unguarded (baseline) and wrapped by `guardTools` (an allowed and a
 * blocked call), on the ISO/IEC 42001 policy with the embedded engine and no recorder. A fourth
 * row times `guard.check` + `settle` alone, so the adapter's own share can be read off.
 *
 * The variants are timed interleaved (one call of each per sample, in rotating order), so load
 * on a shared machine hits them alike and the ratios stay comparable.
 */
import { guardTools } from '@preflight/vercel-ai';
import { generateText, tool } from 'ai';
import { z } from 'zod';
import { repeatingToolCallModelV4 } from '../packages/vercel-ai/test-support/scripted-model';
import { type BenchContext, type BenchRow, type BenchVariant, measureInterleaved } from './harness';
import { createUpdateRecordGuard, directCheck, tokens, updateArgs } from './update-record-guard';

const baselineName = 'vercel-ai/generateText + 1 tool call, unguarded';

function supportTools() {
  return {
    updateRecord: tool({
      inputSchema: z.object({ customerId: z.string(), field: z.string(), value: z.string() }),
      execute: async ({ customerId }) => ({ updated: customerId }),
    }),
  };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const guard = await createUpdateRecordGuard();
  let session = 0;
  // A fresh session per call, so the session record limit (rule 3) never kicks in.
  const sessionId = () => `bench-${session++}`;
  const model = repeatingToolCallModelV4('updateRecord', updateArgs);
  const step = (tools: ReturnType<typeof supportTools>) => () =>
    generateText({ model, prompt: 'Update the billing address', tools });

  const variants: BenchVariant[] = [
    { name: baselineName, baseline: null, call: step(supportTools()) },
    {
      name: 'vercel-ai/generateText + 1 tool call, guarded (SAT, runs)',
      baseline: baselineName,
      call: step(guardTools(supportTools(), guard, { sessionId, context: tokens })),
    },
    {
      name: 'vercel-ai/generateText + 1 tool call, guarded (UNSAT, blocked)',
      baseline: baselineName,
      call: step(guardTools(supportTools(), guard, { sessionId })),
    },
    {
      name: 'vercel-ai/guard.check + settle alone (SAT), no SDK',
      baseline: baselineName,
      call: directCheck(guard, () => `direct-${session++}`),
    },
  ];

  // Check once that the guarded variants do what they are named after.
  const allowed = (await variants[1]!.call()) as { toolResults: { output: unknown }[] };
  const blocked = (await variants[2]!.call()) as { toolResults: { output: unknown }[] };
  if (JSON.stringify(allowed.toolResults[0]?.output) !== '{"updated":"cust_4421"}') {
    throw new Error('the allowed guarded call did not run the tool');
  }
  if (!JSON.stringify(blocked.toolResults[0]?.output).includes('"blocked":true')) {
    throw new Error('the blocked guarded call was not blocked');
  }

  const samples = Math.max(50, Math.round(1500 * ctx.scale));
  ctx.log(`vercel-ai: warm-up, then ${samples} interleaved samples per variant`);
  return measureInterleaved(variants, { samples, warmupRounds: 200 });
}
