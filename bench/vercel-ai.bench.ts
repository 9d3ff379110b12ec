/**
 * The Vercel AI SDK adapter's overhead: one `generateText` step in which a mock model calls one
 * tool, with the tool set unguarded (baseline) and wrapped by `guardTools` (an allowed and a
 * blocked call), on the ISO/IEC 42001 policy with the embedded engine and no recorder. A fourth
 * row times `guard.check` + `settle` alone, so the adapter's own share can be read off.
 *
 * The variants are timed interleaved (one call of each per sample, in rotating order), so load
 * on a shared machine hits them alike and the ratios stay comparable.
 */
import { readFile } from 'node:fs/promises';
import { createGuard } from '@preflight/core';
import { guardTools } from '@preflight/vercel-ai';
import { generateText, tool } from 'ai';
import { z } from 'zod';
import { repeatingToolCallModelV4 } from '../packages/vercel-ai/test-support/scripted-model';
import { type BenchContext, type BenchRow, summarize } from './harness';

const policyUrl = new URL('../examples/iso42001/policy.txt', import.meta.url);
const baselineName = 'vercel-ai/generateText + 1 tool call, unguarded';
const updateArgs = { customerId: 'cust_4421', field: 'billingAddress', value: '12 Harbour St' };
const tokens = { authorization_token: 'tok_bench', approver_id: 'approver_bench' };

function supportTools() {
  return {
    updateRecord: tool({
      inputSchema: z.object({ customerId: z.string(), field: z.string(), value: z.string() }),
      execute: async ({ customerId }) => ({ updated: customerId }),
    }),
  };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const guard = await createGuard({
    policy: await readFile(policyUrl, 'utf8'),
    tools: {
      updateRecord: {
        variables: {
          modify_production_records: { const: true },
          transfer_customer_records: { const: false },
          record_count: { const: 1 },
          classification: { const: 'standard' },
        },
      },
    },
  });
  let session = 0;
  // A fresh session per call, so the session record limit (rule 3) never kicks in.
  const sessionId = () => `bench-${session++}`;
  const model = repeatingToolCallModelV4('updateRecord', updateArgs);
  const step = (tools: ReturnType<typeof supportTools>) => () =>
    generateText({ model, prompt: 'Update the billing address', tools });

  const variants: { name: string; baseline: string | null; call: () => Promise<unknown> }[] = [
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
      call: async () => {
        const id = `direct-${session++}`;
        const decision = await guard.check(
          { tool: 'updateRecord', args: updateArgs, toolCallId: id, sessionId: id },
          tokens,
        );
        await guard.settle(decision, { ran: true, ok: true });
      },
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
  for (let i = 0; i < 200; i++) for (const variant of variants) await variant.call();
  const times = variants.map(() => new Array<number>(samples));
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < variants.length; k++) {
      const index = (s + k) % variants.length;
      const start = process.hrtime.bigint();
      await variants[index]!.call();
      times[index]![s] = Number(process.hrtime.bigint() - start);
    }
  }
  return variants.map((variant, index) => {
    const { median_us, p99_us, batch } = summarize(times[index]!, 1);
    return { name: variant.name, median_us, p99_us, baseline: variant.baseline, batch, samples };
  });
}
